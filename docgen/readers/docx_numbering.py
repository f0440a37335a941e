"""Automatic Word numbering (`w:numPr`): the label Word would show (`一、`, `（二）`, `3.`), as text.

Word keeps such numbers out of the paragraph text; structure detection needs them back.
"""

from __future__ import annotations

import re

from docgen.analysis.numerals import int_to_cn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
                   "japaneseCounting", "taiwaneseCounting"}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


class Numbering:
    """Counts numbered paragraphs in document order and renders their labels."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {a.get(W + "abstractNumId"): a for a in root.iter(W + "abstractNum")}
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            definition = abstract.get(ref.get(W + "val")) if ref is not None else None
            if definition is None:
                continue
            for lvl in definition.iter(W + "lvl"):
                self.levels[(num.get(W + "numId"), int(lvl.get(W + "ilvl", "0")))] = (
                    _val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText", ""), int(_val(lvl, "start", "1")))

    def label(self, paragraph) -> str:
        """The label of this paragraph ('' when it is not numbered or is a bullet); advances the count."""
        num_id, ilvl = _num_pr(paragraph)
        if num_id is None or (num_id, ilvl) not in self.levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = self.levels[(num_id, ilvl)]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        counts[ilvl + 1:] = [0] * (8 - ilvl)
        if fmt in ("bullet", "none"):
            return ""
        return re.sub(r"%(\d)", lambda m: self._format(num_id, int(m.group(1)) - 1, counts), text)

    def _format(self, num_id: str, level: int, counts: list[int]) -> str:
        fmt = self.levels.get((num_id, level), ("decimal", "", 1))[0]
        n = counts[level] or 1
        if fmt in CHINESE_FORMATS:
            return int_to_cn(n)
        if fmt == "decimalEnclosedCircle" and n <= len(CIRCLED):
            return CIRCLED[n - 1]
        if fmt in ("upperLetter", "lowerLetter"):
            return chr((ord("A") if fmt == "upperLetter" else ord("a")) + (n - 1) % 26)
        return str(n)


def _val(element, tag: str, default: str) -> str:
    child = element.find(W + tag)
    return child.get(W + "val", default) if child is not None else default


def _num_pr(paragraph) -> tuple[str | None, int]:
    for ppr in (paragraph._p.pPr, _style_ppr(paragraph)):
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        if num_pr is not None:
            num_id = num_pr.find(W + "numId")
            ilvl = num_pr.find(W + "ilvl")
            if num_id is not None and num_id.get(W + "val") != "0":
                return num_id.get(W + "val"), int(ilvl.get(W + "val")) if ilvl is not None else 0
            return None, 0
    return None, 0


def _style_ppr(paragraph):
    style = paragraph.style
    return style.element.pPr if style is not None else None
