"""Warnings about the numbering of a section tree: gaps and repeats within a run."""

from __future__ import annotations

from docgen.model import Section


def numbering_warnings(sections: list[Section]) -> list[str]:
    """`编号不连续：“二是”之后是“四是”` and the like, depth first, in text order."""
    out: list[str] = []
    prev: Section | None = None
    for s in sections:
        if prev is not None and prev.style == s.style and s.marker:
            if s.number == prev.number:
                out.append(f"编号重复：“{_m(prev)}”之后又是“{_m(s)}”，请检查是否多写或少写了一项")
            elif s.number > prev.number + 1:
                out.append(f"编号不连续：“{_m(prev)}”之后是“{_m(s)}”，中间缺少 {s.number - prev.number - 1} 项")
        prev = s
        out.extend(numbering_warnings(s.sections))
    return out


def _m(s: Section) -> str:
    return s.marker.strip("，,、：: \u3000")
