"""Read back the editable structured Markdown that docgen/writers/markdown.py writes."""

from __future__ import annotations

import re

from docgen.analysis.markers import find_marker
from docgen.model import Section, Speech
from docgen.writers.markdown import CLOSING, HEAD_KEYS, MAGIC, NOTES, YES

HEADING = re.compile(r"^(#+)(?: (.*))?$")
META = re.compile(r"^>\s?([^：:]{1,8})[：:](.*)$")
SECTION_KEYS = {"编号": "marker", "短标题": "short_title", "副标题": "subtitle", "样式": "style"}


STRUCTURED_META = re.compile(r"^> ?(编号|短标题)[：:]", re.MULTILINE)


def is_structured(text: str) -> bool:
    """docgen's own form: the marker comment on top, or (if someone deleted it) its `> 编号：` lines."""
    return text.lstrip("\ufeff \n").startswith(MAGIC[:20]) or STRUCTURED_META.search(text) is not None


class _Reader:
    def __init__(self) -> None:
        self.speech = Speech()
        self.stack: list[Section] = []
        self.target: list[str] = self.speech.preamble
        self.owner: Speech | Section | None = self.speech
        self.numbered: set[int] = set()
        self.open_paragraph = False
        """True right after a paragraph line: a following line continues it (Markdown soft wrap)."""

    def line(self, line: str) -> None:
        if not line.strip() or line.startswith("<!--"):
            self.open_paragraph = False
            return
        if self.open_paragraph and not line.startswith(("#", ">")):
            self.target[-1] += line[1:] if line.startswith("\\") else line
            return
        self.open_paragraph = False
        if line.startswith("\\"):
            self.paragraph(line[1:])
        elif (m := HEADING.match(line)) is not None:
            self.heading(len(m.group(1)), m.group(2) or "")
        elif line.startswith(">") and (m := META.match(line)) is not None:
            self.meta(m.group(1).strip(), m.group(2).strip(" \t"))
        else:
            self.paragraph(line)

    def paragraph(self, text: str) -> None:
        self.target.append(text)
        self.owner = None
        self.open_paragraph = True

    def heading(self, level: int, text: str) -> None:
        sp = self.speech
        if level == 1 and text in (CLOSING, NOTES):
            self.target, self.owner = (sp.closing if text == CLOSING else sp.notes), None
        elif level == 1 and not (sp.sections or sp.preamble):
            sp.title_lines.append(text)
            self.owner = sp
        else:
            depth = min(max(level - 1, 1), len(self.stack) + 1)
            del self.stack[depth - 1:]
            siblings = self.stack[-1].sections if self.stack else sp.sections
            section = Section(number=len(siblings) + 1, marker="", heading=text)
            siblings.append(section)
            self.stack.append(section)
            self.target, self.owner = section.paragraphs, section

    def meta(self, key: str, value: str) -> None:
        if key == "续" and value.isdigit() and 0 < int(value) <= len(self.stack):
            self.target, self.owner = self.stack[int(value) - 1].trailing, None
        elif isinstance(self.owner, Speech):
            attr = dict(HEAD_KEYS).get(key)
            if attr:
                setattr(self.owner, attr, value)
        elif isinstance(self.owner, Section):
            s = self.owner
            if key in SECTION_KEYS:
                setattr(s, SECTION_KEYS[key], value)
            elif key == "序号" and value.isdigit():
                s.number = int(value)
                self.numbered.add(id(s))
            elif key == "连写":
                s.run_in = value == YES

    def finish(self) -> Speech:
        for s in self.speech.walk():
            if id(s) not in self.numbered and s.marker:
                m = find_marker(s.marker + (s.heading or "x"))
                s.number = m.number if m and m.number else s.number
        return self.speech


def parse_structured(text: str, source: str = "") -> Speech:
    """The Speech the structured Markdown describes (short titles filled in where left empty)."""
    from docgen.analysis.structure import fill_short_titles, report_warnings

    reader = _Reader()
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        reader.line(line)
    speech = reader.finish()
    speech.source = source
    fill_short_titles(speech.sections)
    report_warnings(speech)
    return speech
