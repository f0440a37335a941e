"""The reader-neutral input of structure detection: cleaned paragraphs, some marked as headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.textutil import xml_safe


@dataclass
class Block:
    """One paragraph as a reader saw it."""

    text: str
    level: int = 0
    """Heading level from the source format (Markdown `##` → 2, Word `Heading 1` → 1); 0 for body text."""
    note: bool = False
    """An editorial note the source format marks as such (a Markdown block quote)."""


_FULLWIDTH_SPACE_RUN = re.compile("\u3000{2,}")
_EDGE_JUNK = " \t\u3000\xa0\ufeff\u200b\u200c\u200d\u2060"
LONG_LINE = 60
PAGE_NUMBER = re.compile(r"^[-－—–]\s*[0-9０-９]{1,4}\s*[-－—–]$|^第\s*[0-9０-９]{1,4}\s*页(\s*共\s*[0-9０-９]+\s*页)?$")


def clean_line(line: str) -> str:
    """Strip indentation and trailing blanks (ASCII, full-width, no-break, zero-width)."""
    return line.strip(_EDGE_JUNK).strip()


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain text: one per non-blank line, XML-safe, indentation removed.

    A long line with runs of two or more full-width spaces inside holds several paragraphs
    (texts copied without line breaks separate paragraphs only by their `　　` indent).
    """
    text = xml_safe(text.replace("\r\n", "\n").replace("\r", "\n"))
    out: list[str] = []
    for raw in unwrap(text.split("\n")):
        line = clean_line(raw)
        if not line or PAGE_NUMBER.match(line):
            continue
        if len(line) > LONG_LINE and _FULLWIDTH_SPACE_RUN.search(line):
            out.extend(p for p in (clean_line(s) for s in _FULLWIDTH_SPACE_RUN.split(line)) if p)
        else:
            out.append(line)
    return out


PARAGRAPH_END = set("。！？!?：:；;…”’）)】》")
WRAP_MIN_WIDTH = 16
WRAP_SHARE = 0.3


def unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (text copied from a PDF or a fixed-width file) back into paragraphs.

    Only when many lines are cut at the same width without a sentence end: such a line is joined
    with the next unless the next is indented, blank or a page number.
    """
    width = _wrap_width(lines)
    if not width:
        return lines
    out: list[str] = []
    joining = False
    for raw in lines:
        line = raw.rstrip()
        starts_new = not line.strip() or line[:1] in " \t\u3000" or PAGE_NUMBER.match(line.strip())
        if joining and not starts_new:
            out[-1] += line.strip()
        else:
            out.append(line)
        joining = bool(line.strip()) and _cut_at_width(line, width)
    return out


def _wrap_width(lines: list[str]) -> int:
    stripped = [ln.rstrip() for ln in lines if ln.strip()]
    if len(stripped) < 4:
        return 0
    from collections import Counter

    width, _ = Counter(len(ln) for ln in stripped).most_common(1)[0]
    cut = sum(1 for ln in stripped if _cut_at_width(ln, width))
    return width if width >= WRAP_MIN_WIDTH and cut >= WRAP_SHARE * len(stripped) and cut >= 3 else 0


def _cut_at_width(line: str, width: int) -> bool:
    return len(line) >= width - 1 and line[-1] not in PARAGRAPH_END
