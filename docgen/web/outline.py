"""The speech page's edits: title, short titles, a part merged into the one before.

Each edit is made on the Speech that docgen.readers reads from source/speechN.md and written back
with docgen.writers.markdown (the format of `docgen parse --format md`), so `docgen build` sees it.
"""

from __future__ import annotations

from pathlib import Path

from docgen.errors import InputError
from docgen.model import Section, Speech

MAX_TITLE_LINES = 4


def read(path: Path) -> Speech:
    from docgen.readers import read_speech

    return read_speech(path)


def rows(speech: Speech) -> list[dict]:
    """Every part as a row of the outline: its key (`2.1`), depth, marker, heading and short title."""
    out = []

    def visit(sections: list[Section], prefix: str, depth: int) -> None:
        for i, s in enumerate(sections, start=1):
            key = f"{prefix}{i}"
            out.append({"key": key, "depth": depth, "marker": s.marker, "heading": s.heading,
                        "short_title": s.short_title, "mergeable": i > 1 and _can_merge(sections[i - 2], s)})
            visit(s.sections, key + ".", depth + 1)

    visit(speech.sections, "", 0)
    return out


def _can_merge(before: Section, part: Section) -> bool:
    """The Markdown keeps a part's paragraphs, then its sub-points, then what follows them: a part
    with sub-points cannot follow one that has sub-points too."""
    return not (before.sections and part.sections)


def apply_edits(path: Path, form) -> Speech:
    """Apply the submitted title, short titles and merges to the speech at `path` and rewrite it."""
    from docgen.fsutil import write_text_atomic
    from docgen.writers.markdown import speech_to_markdown

    speech = read(path)
    given = form.get("title")
    title = [line.strip() for line in (given if isinstance(given, str) else "").splitlines() if line.strip()]
    if not title and speech.title_lines:  # a speech read without a title may stay without one
        raise InputError("标题不能为空")
    speech.title_lines = title[:MAX_TITLE_LINES]
    keyed = _keyed(speech.sections, "")
    for key, (section, _) in keyed.items():
        value = form.get(f"short_{key}")
        if isinstance(value, str):
            section.short_title = value.strip()[:40]
    for key in sorted((k for k in keyed if form.get(f"merge_{k}")), key=_order, reverse=True):
        section, siblings = keyed[key]
        merge_into_previous(siblings, siblings.index(section))
    write_text_atomic(path, speech_to_markdown(speech))
    return read(path)


def _keyed(sections: list[Section], prefix: str) -> dict[str, tuple[Section, list[Section]]]:
    out = {}
    for i, s in enumerate(sections, start=1):
        out[f"{prefix}{i}"] = (s, sections)
        out.update(_keyed(s.sections, f"{prefix}{i}."))
    return out


def _order(key: str) -> list[int]:
    return [int(n) for n in key.split(".")]


def merge_into_previous(siblings: list[Section], i: int) -> None:
    """Part `i` becomes text of part `i - 1`: its marker and heading stay, as the paragraph they
    began (every word of the speech is kept); its sub-points become the previous part's."""
    before, part = siblings[i - 1], siblings[i]
    if i < 1 or not _can_merge(before, part):
        raise InputError(f"{part.marker}{part.heading[:20]}：前一部分和这一部分都有下一级要点，不能合并")
    lead = list(part.paragraphs)
    opening = part.heading_text() + (lead.pop(0) if part.run_in and lead else "")
    text = [opening, *lead]
    if before.sections:
        before.trailing += text + part.trailing
    else:
        before.paragraphs += text
        before.sections, before.trailing = part.sections, part.trailing
    del siblings[i]
