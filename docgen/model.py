"""The speech model every reader produces and every writer consumes. No I/O here.

Paragraph text is always verbatim: the words of the speech, never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    """One numbered point of a speech, nested as in the text.

    For a heading line (`一、坚持党的领导`) `heading` is the line after the marker and
    `run_in` is False. For a run-in point (`一是要对标…，始终保持…。工会工作…`) `heading`
    is the first sentence after the marker, `run_in` is True, and the rest of that
    paragraph is `paragraphs[0]`, so `marker + heading + paragraphs[0]` is the paragraph
    as written.
    """

    number: int
    """1-based ordinal the marker stands for (`三是` → 3)."""
    marker: str
    """The marker as written, with its punctuation: `一是`, `一、`, `第一，`, `（一）`, `1.`."""
    heading: str
    """The heading line or first sentence, without the marker."""
    short_title: str = ""
    """At most about 20 characters, words of the heading, for slide titles and agenda lines."""
    subtitle: str = ""
    """A secondary phrase of the heading (e.g. the `对标“…”要求` part), or empty."""
    paragraphs: list[str] = field(default_factory=list)
    """The body: paragraphs after the heading and before the first subsection."""
    sections: list[Section] = field(default_factory=list)
    """Subsections, in text order."""
    run_in: bool = False
    """True when the heading is the first sentence of a paragraph rather than a line of its own."""
    style: str = ""
    """Numbering style id (`cn-dun`, `cn-paren`, `shi`, `di`, `arabic-dot` …), for diagnostics."""
    trailing: list[str] = field(default_factory=list)
    """Paragraphs after the last subsection that still belong to this section."""

    def heading_text(self) -> str:
        """The heading as it stands in the speech, marker included."""
        return self.marker + self.heading

    def walk(self):
        """Yield this section and every subsection, depth first."""
        yield self
        for sub in self.sections:
            yield from sub.walk()

    def text_paragraphs(self) -> list[str]:
        """Every paragraph of this section verbatim, heading and subsections included."""
        out: list[str] = []
        body = list(self.paragraphs)
        if self.run_in:
            first = body.pop(0) if body else ""
            out.append(self.heading_text() + first)
        else:
            out.append(self.heading_text())
        out.extend(body)
        for sub in self.sections:
            out.extend(sub.text_paragraphs())
        out.extend(self.trailing)
        return out


@dataclass
class Speech:
    """A parsed speech: title block, salutation, preamble, numbered sections, closing."""

    title_lines: list[str] = field(default_factory=list)
    """The title as one or more lines, e.g. the main title and `——在…上的讲话`."""
    speaker: str = ""
    office: str = ""
    """The speaker's post as written before the name (`海拉尔区人民政府区长`), or empty."""
    date: str = ""
    salutation: str = ""
    """`同志们：`, `各位代表：` … or empty."""
    preamble: list[str] = field(default_factory=list)
    """Paragraphs before the first section (all paragraphs when nothing is numbered)."""
    sections: list[Section] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    """Paragraphs after the last section that close the speech (`同志们，…`)."""
    notes: list[str] = field(default_factory=list)
    """Footnotes and editorial notes after the speech; not part of the spoken text."""
    warnings: list[str] = field(default_factory=list)
    """Problems found while reading (numbering gaps, duplicates); never fatal."""
    source: str = ""
    """The file name the speech was read from, for messages."""

    @property
    def title(self) -> str:
        """The main title: the first title line, or empty."""
        return self.title_lines[0] if self.title_lines else ""

    @property
    def subtitle(self) -> str:
        """The title lines after the first, joined (e.g. `——在…上的讲话`)."""
        return "".join(self.title_lines[1:])

    def walk(self):
        """Yield every section, depth first."""
        for s in self.sections:
            yield from s.walk()

    def body_paragraphs(self) -> list[str]:
        """Every spoken paragraph verbatim, in order: preamble, sections, closing."""
        out = list(self.preamble)
        for s in self.sections:
            out.extend(s.text_paragraphs())
        out.extend(self.closing)
        return out
