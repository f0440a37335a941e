"""The handout (讲义) as plain data: a list of blocks, each a kind and its text spans. No docx here.

Block kinds, in the order they usually appear:
  header       a centred line of the header block (class name, 学习材料, dates)
  title        a line of the main title (2号小标宋); subtitle, byline: centred lines below it
  points       the 学习要点 box: `label` and one line per top-level section in `items`
  salutation   `同志们：`, flush left
  heading1/2/3 a heading line of that level
  body         a paragraph of the speech; a run-in heading is its first span, with role `heading1`…
  aid_label    `本部分要点` / `思考题`; aid_item: one bullet or question (both inside the study box)
  section_title  a centred title of a back-matter page (名词解释, 学习笔记)
  glossary     one 名词解释 entry: bold term, separator, defining sentence
  note         an editorial note after the speech; blank: an empty line
  fields       the name/unit line of the 学习笔记 page; ruled: `count` ruled lines
The text of the speech's blocks is verbatim: joining a block's spans gives the paragraph as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from docgen.errors import TemplateError
from docgen.analysis.frontmatter import speech_title, title_parts
from docgen.analysis.numerals import int_to_cn
from docgen.model import Section, Speech

MODES = ("full", "plain", "compact")
WORDING_TEMPLATE = "handout/wording.toml"


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph: text, bold or not, and a role when it is a run-in heading."""

    text: str
    bold: bool = False
    role: str = ""


@dataclass
class Block:
    """One paragraph-level element of the handout."""

    kind: str
    spans: list[Span] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    count: int = 0
    page_break_before: bool = False
    group: int = 0
    """Blocks with the same non-zero group are rendered in one box (per-section study aids)."""

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class HandoutPlan:
    mode: str
    title: str
    blocks: list[Block]
    page_number: tuple[str, str] = ("— ", " —")


@dataclass
class StudyAids:
    """Where the study material comes from: bold phrases, glossary entries, per-section bullets and questions."""

    bold: Sequence[str] = ()
    """Strings to bold once each, at their first occurrence (e.g. `“四同步、四衔接”`)."""
    glossary: Sequence[tuple[str, str]] = ()
    """(term, defining sentence) pairs for the 名词解释."""
    bullets: Callable[[Section], list[str]] = lambda section: []
    questions: Callable[[Section], list[str]] = lambda section: []
    key_sentence: Callable[[Section], str] = lambda section: ""
    """The sentence of a top-level section that states its point, for the 学习要点 box."""
    parts: Callable[[Speech], list[Section]] = lambda speech: []
    """A speech without numbered points in parts of a few paragraphs (as its deck has them)."""


FORMULATION_KINDS = ("quoted", "numbered")
"""KeyPhrase kinds that are formulations (提法); enumerations are lists and stay plain."""


def bold_targets(phrases: Iterable) -> list[str]:
    """The strings to bold for KeyPhrase-like objects: a quoted phrase with its quote marks."""
    out = []
    for p in phrases:
        kind = getattr(p, "kind", "quoted")
        if kind in FORMULATION_KINDS:
            out.append(f"“{p.text}”" if f"“{p.text}”" in p.sentence else p.text)
    return out


def fill(pattern: str, **values) -> str:
    """`pattern.format(**values)`; a wrong placeholder in the wording template is a TemplateError."""
    try:
        return pattern.format(**values)
    except (KeyError, IndexError, ValueError) as e:
        known = "、".join("{" + k + "}" for k in values)
        raise TemplateError(f"讲义措辞模板 {WORDING_TEMPLATE} 中的“{pattern}”有误（{e}）；可用的占位符：{known}") from None


def plan_handout(speech: Speech, wording: dict, mode: str = "full", aids: StudyAids | None = None,
                 title: str = "") -> HandoutPlan:
    """The blocks of a handout for `speech`; `wording` is the rendered handout/wording.toml;
    `title` the speech's title (frontmatter.speech_title) when the speech writes none."""
    if mode not in MODES:
        raise ValueError(f"unknown handout mode {mode!r}")
    aids = aids or StudyAids()
    study = mode != "plain"
    bolder = _PhraseBolder(aids.bold if study else ())
    blocks: list[Block] = []
    if study:
        header = [Block("header", [Span(line)]) for line in wording["header"]["lines"] if line.strip()]
        blocks += header + ([Block("blank")] if header else [])
    title = title or speech_title(speech)
    heading = _title_blocks(speech, title)
    blocks += heading + ([Block("blank")] if heading else [])
    parts = speech.sections or aids.parts(speech)
    if study and parts:
        blocks.append(_points_box(parts, wording["points"], aids))
    if speech.salutation:
        blocks.append(Block("salutation", [Span(speech.salutation)]))
    blocks += [Block("body", bolder.spans(p)) for p in speech.preamble]
    for group, section in enumerate(speech.sections, start=1):
        blocks += _section_blocks(section, 1, bolder)
        if study:
            blocks += _aid_blocks(section, aids, wording["section"], group)
    blocks += [Block("body", bolder.spans(p)) for p in speech.closing]
    blocks += [Block("note", [Span(n)]) for n in speech.notes]
    if study:
        blocks += _glossary_blocks(aids.glossary, wording["glossary"])
        blocks += _notes_page(wording["notes"])
    before, after = wording["page_number"]["before"], wording["page_number"]["after"]
    return HandoutPlan(mode, title, blocks, (before, after))


def _title_blocks(speech: Speech, title: str) -> list[Block]:
    """The main title lines in 小标宋 (`title` when the speech writes none), the subtitle in 楷体, then
    the office, speaker and date (the date only when the subtitle does not already give it)."""
    main, subtitle = title_parts(speech)
    blocks = [Block("title", [Span(line)]) for line in main or [title]]
    if subtitle:
        blocks.append(Block("subtitle", [Span(subtitle)]))
    date = "" if speech.date and speech.date in subtitle else speech.date
    byline = "　".join(x for x in (speech.office, speech.speaker, date) if x)
    if byline:
        blocks.append(Block("byline", [Span(byline)]))
    return blocks


def _points_box(parts: Sequence[Section], points: dict, aids: StudyAids) -> Block:
    """One line per top-level part: its key sentence (its short title when it has none)."""
    items = []
    for i, s in enumerate(parts, start=1):
        sentence = aids.key_sentence(s) or short_title(s)
        items.append(fill(points["item"], number=s.number, cn=int_to_cn(i), title=short_title(s), sentence=sentence))
    return Block("points", [Span(points["label"])], items=items)


def short_title(section: Section) -> str:
    """The section's short title, or its heading when the parser gave none."""
    return section.short_title or section.heading


def _section_blocks(section: Section, level: int, bolder: _PhraseBolder) -> list[Block]:
    role = f"heading{min(level, 3)}"
    body = list(section.paragraphs)
    if section.run_in:
        first = body.pop(0) if body else ""
        blocks = [Block("body", [Span(section.heading_text(), role=role)] + bolder.spans(first))]
    else:
        blocks = [Block(role, [Span(section.heading_text())])]
    blocks += [Block("body", bolder.spans(p)) for p in body]
    for sub in section.sections:
        blocks += _section_blocks(sub, level + 1, bolder)
    blocks += [Block("body", bolder.spans(p)) for p in section.trailing]
    return blocks


def _aid_blocks(section: Section, aids: StudyAids, wording: dict, group: int) -> list[Block]:
    blocks: list[Block] = []
    for label, pattern, texts in (
        (wording["bullets_label"], wording["bullet"], aids.bullets(section)),
        (wording["questions_label"], wording["question"], aids.questions(section)),
    ):
        if not texts:
            continue
        blocks.append(Block("aid_label", [Span(label)], group=group))
        blocks += [Block("aid_item", [Span(fill(pattern, number=n, text=t))], group=group)
                   for n, t in enumerate(texts, start=1)]
    return blocks


def _glossary_blocks(glossary: Sequence[tuple[str, str]], wording: dict) -> list[Block]:
    if not glossary:
        return []
    entries = [
        Block("glossary", [Span(fill(wording["entry_term"], term=term), bold=True),
                           Span(wording["entry_separator"]), Span(sentence)])
        for term, sentence in glossary
    ]
    return [Block("section_title", [Span(wording["label"])], page_break_before=True)] + entries


def _notes_page(wording: dict) -> list[Block]:
    blocks = [Block("section_title", [Span(wording["label"])], page_break_before=True)]
    if wording.get("fields"):
        blocks.append(Block("fields", [Span(wording["fields"])]))
    blocks.append(Block("ruled", count=int(wording["lines"])))
    return blocks


class _PhraseBolder:
    """Splits paragraphs into spans, bolding each key phrase once: at its first occurrence."""

    def __init__(self, phrases: Iterable[str]):
        unique = {p for p in phrases if p and len(p) >= 2}
        # Longer phrases first, so a phrase inside a longer one does not steal its place.
        self.pending = sorted(unique, key=lambda p: (-len(p), p))

    def spans(self, text: str) -> list[Span]:
        marks: list[tuple[int, int]] = []
        for phrase in list(self.pending):
            start = _free_find(text, phrase, marks)
            if start >= 0:
                marks.append((start, start + len(phrase)))
                self.pending.remove(phrase)
        return _split(text, sorted(marks))


def _free_find(text: str, phrase: str, taken: list[tuple[int, int]]) -> int:
    """The first index of `phrase` in `text` not overlapping a taken range, or -1."""
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if all(end <= a or start >= b for a, b in taken):
            return start
        start = text.find(phrase, start + 1)
    return -1


def _split(text: str, marks: list[tuple[int, int]]) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for a, b in marks:
        if a > pos:
            spans.append(Span(text[pos:a]))
        spans.append(Span(text[a:b], bold=True))
        pos = b
    if pos < len(text) or not spans:
        spans.append(Span(text[pos:]))
    return spans
