"""Plan a deck as plain data: which slides, which layout names, what text at what size.

Every decision lives here (splitting, continuation slides, font sizes within the limits,
verbatim notes); `slides_render` only draws the plan. No pptx import.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from docgen.analysis.bullets import condense, first_clause, is_procedural, key_clause, outline, statement
from docgen.analysis.numerals import int_to_cn
from docgen.analysis.sentences import nonblank_sentences
from docgen.model import Section, Speech
from docgen.writers.measure import Frame, ParagraphStyle, best_size, fits, text_height
from docgen.writers.slides_titles import balanced_title

COVER, SECTION, CONTENT = "Title Slide", "Section Header", "Title and Content"
LAYOUTS = (COVER, SECTION, CONTENT)

BODY_SIZES = (28, 26, 24, 22, 20)
TITLE_SIZES = (36, 34, 32, 30, 28)
COVER_TITLE_SIZES = (44, 40, 36, 32, 28)
SECTION_TITLE_SIZES = (40, 36, 32, 28)
LABEL_SIZES = (40, 36, 32, 28)
SUBTITLE_SIZES = (24, 22, 20)
FOOTER_SIZES = (12, 11, 10, 9)
BULLET_MAX_CHARS = 40
MAX_BULLETS = 6
"""Never more bullets than this on one slide; more continue on a （续） slide."""
AGENDA_SECOND_LEVEL = 2
"""With this many top-level parts or fewer, the agenda lists their points too."""
SUB_ITEM_INDENT = "\u3000\u3000"
SHORT_SHARE = 0.7
CLOSING_CHARS = 90
"""The 结束语 slide shows at most about this many characters of the closing's last sentences."""
MERGED_NOTES = 1000
"""Thin slides are merged while their notes stay within this many characters."""
CHUNK_CHARS = 600
"""A slide's notes hold about this much text before the section continues on a （续） slide."""
BULLETS = ParagraphStyle(indent_em=1.2, space_before_em=0.5)
NESTED = ParagraphStyle(indent_em=2.4, space_before_em=0.5)
"""Measures a slide with details indented under its points (the deeper indent for every line: safe)."""
PLAIN = ParagraphStyle(indent_em=0.0, space_before_em=0.3)
QUOTED = re.compile(r"“[^“”]{2,20}”")


@dataclass(frozen=True)
class Wording:
    """Labels from docgen/templates/slides/wording.toml."""

    agenda_title: str = "主要内容"
    intro_title: str = "开篇"
    closing_title: str = "结束语"
    continued: str = "（续）"
    section_label: str = "第{cn}部分"
    agenda_item: str = "{cn}、{title}"
    cover_lines: tuple[str, ...] = ()
    footer: str = ""
    thanks: str = "谢谢！"


@dataclass(frozen=True)
class Text:
    """The text of one frame, measured: paragraphs at one size."""

    paragraphs: tuple[str, ...]
    size: int
    bullets: bool = False
    emphasis: tuple[str, ...] = ()
    """Phrases shown in bold accent colour wherever they occur."""
    centred: bool = False
    """Set in the middle of its frame (a short slide balanced vertically rather than half empty)."""
    levels: tuple[int, ...] = ()
    """Per paragraph: 1 for a detail under a point heading (indented one step), else 0."""


@dataclass(frozen=True)
class SlideSpec:
    kind: str
    """cover, agenda, intro, section, content or closing."""
    layout: str
    title: Text
    body: Text | None = None
    notes: str = ""


@dataclass
class Deck:
    title: str
    slides: list[SlideSpec] = field(default_factory=list)
    footer: Text | None = None


@dataclass(frozen=True)
class Geometry:
    """The frames (in points) of the placeholders docgen fills, keyed by (layout, role)."""

    frames: dict[tuple[str, str], Frame]

    def frame(self, layout: str, role: str) -> Frame:
        return self.frames[(layout, role)]


def _inches(w: float, h: float) -> Frame:
    return Frame(w * 72, h * 72)


DEFAULT_GEOMETRY = Geometry({
    (COVER, "title"): _inches(11.533, 2.0), (COVER, "body"): _inches(11.533, 2.0),
    (SECTION, "title"): _inches(7.733, 4.5), (SECTION, "body"): _inches(3.6, 2.0),
    (CONTENT, "title"): _inches(12.133, 1.05), (CONTENT, "body"): _inches(12.133, 5.05),
    (CONTENT, "footer"): _inches(8.0, 0.38),
})
"""The frames of the built-in reference.pptx (tools/make_reference_pptx.py)."""


@dataclass(frozen=True)
class CoverInfo:
    class_name: str = ""
    title: str = ""
    title_lines: tuple[str, ...] = ()
    """The main title as written, one entry per line (defaults to `title`)."""
    lines: tuple[str, ...] = ()
    """Subtitle, class name, speaker or organiser, date: already rendered, empty ones dropped."""


# -- the deck ---------------------------------------------------------------

def plan_deck(speech: Speech, cover: CoverInfo, wording: Wording, geometry: Geometry = DEFAULT_GEOMETRY,
              phrases: Sequence[str] = ()) -> Deck:
    """The whole deck for `speech`."""
    planner = _Planner(geometry, wording, tuple(phrases))
    sections, chunked = top_sections(speech)
    deck = Deck(title=cover.title)
    deck.slides.append(planner.cover(cover, speech))
    if len(sections) > 1 or (sections and sections[0].sections):
        deck.slides.extend(planner.agenda(sections))
    if not chunked:
        intro = planner.intro(speech)
        deck.slides.extend(intro)
        if not intro and speech.preamble:  # its words still go to the notes, on the cover
            cover_slide = deck.slides[0]
            deck.slides[0] = dataclasses.replace(
                cover_slide, notes=_notes([cover_slide.notes, speech.salutation, *speech.preamble]))
    for index, section in enumerate(sections, start=1):
        if not chunked:
            deck.slides.append(planner.section(index, section))
        deck.slides.extend(planner.content(section))
    deck.slides.append(planner.closing(speech, cover))
    if wording.footer:
        deck.footer = planner.footer(wording.footer)
    return deck


def top_sections(speech: Speech) -> tuple[list[Section], bool]:
    """The speech's top-level sections, or chunks of its paragraphs when nothing is numbered."""
    if speech.sections:
        return list(speech.sections), False
    return chunk_sections(speech.preamble, speech.title), True


def chunk_sections(paragraphs: Sequence[str], speech_title: str = "") -> list[Section]:
    """Paragraphs grouped into about CHUNK_CHARS each, titled by the key clause of their first sentence.

    A speech that makes a single chunk is titled by `speech_title` (when given).
    """
    chunks = _chunks([_Piece(p, p) for p in paragraphs if p.strip()])
    sections = []
    for n, chunk in enumerate(chunks, start=1):
        body = [piece.source for piece in chunk]
        title = speech_title if len(chunks) == 1 and speech_title else _chunk_title(body)
        sections.append(Section(number=n, marker="", heading=title, short_title=title, paragraphs=body))
    return sections


def short_title(section: Section, max_chars: int = 20) -> str:
    """The section's short title, or the key clause of its heading."""
    if section.short_title:
        return section.short_title
    return condense(section.heading, max_chars) or section.heading[:max_chars]


def _chunk_title(paragraphs: Sequence[str], max_chars: int = 16) -> str:
    """The key clause of the chunk's first sentence that is not procedural talk (`刚才…` `下面，我讲…`)."""
    sentences = [s for p in paragraphs for s in nonblank_sentences(p)]
    for sentence in sentences[:6]:
        if is_procedural(sentence):
            continue
        title = key_clause(sentence, max_chars) or first_clause(sentence)
        if 2 < len(title) <= max_chars and not is_procedural(sentence, title):
            return title
    first = sentences[0] if sentences else paragraphs[0]
    return condense(first, max_chars) or first.strip()[:max_chars]


@dataclass(frozen=True)
class _Piece:
    """A paragraph's text for the bullets (`source`) and for the notes, verbatim."""

    source: str
    notes: str
    point: bool = False
    """`source` is a point heading of the slide's outline: its bullet comes first."""


def _chunks(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Pieces grouped so each group's notes hold about CHUNK_CHARS."""
    chunks: list[list[_Piece]] = []
    size = 0
    for piece in pieces:
        # a heading alone (`（一）全力打好三大攻坚战`) never makes a slide of its own
        if chunks and (size + len(piece.notes) <= CHUNK_CHARS or not any(p.source for p in chunks[-1])):
            chunks[-1].append(piece)
            size += len(piece.notes)
        else:
            chunks.append([piece])
            size = len(piece.notes)
    return chunks


def _own_pieces(section: Section) -> list[_Piece]:
    """The paragraphs before the first subsection.

    The heading (a run-in one included) is spoken on the section slide, so it is not repeated.
    """
    return [_Piece(p, p) for p in section.paragraphs if p.strip()]


def _sub_pieces(sub: Section) -> list[_Piece]:
    """A subsection: its heading, body and everything below, verbatim; its subsections' headings are points."""
    pieces = _heading_pieces(sub, point=False)
    for nested in sub.sections:
        pieces.extend(_heading_pieces(nested, point=True))
        pieces.extend(_Piece(p, p) for deeper in nested.sections for p in deeper.text_paragraphs())
        pieces.extend(_Piece(p, p) for p in nested.trailing)
    pieces.extend(_Piece(p, p) for p in sub.trailing)
    return [piece for piece in pieces if piece.notes.strip() or piece.source.strip()]


def _heading_pieces(section: Section, point: bool) -> list[_Piece]:
    """The heading and own paragraphs of `section` (a run-in heading shares its paragraph's notes)."""
    body = list(section.paragraphs)
    first = body.pop(0) if section.run_in and body else ""
    if point:
        pieces = [_Piece(section.heading, section.heading_text() + first, True)]
        if first:
            pieces.append(_Piece(first, ""))
    elif section.run_in:
        pieces = [_Piece(first or section.heading, section.heading_text() + first)]
    else:
        pieces = [_Piece("", section.heading_text())]
    return pieces + [_Piece(p, p) for p in body]


class _Planner:
    def __init__(self, geometry: Geometry, wording: Wording, phrases: tuple[str, ...]):
        self.g = geometry
        self.w = wording
        self.phrases = phrases

    # -- frames ---------------------------------------------------------------

    def title(self, layout: str, text: str | Sequence[str], sizes: Sequence[int], max_lines: int = 1) -> Text:
        """A title (one or more lines as written) at the largest size that fits; cut only if none does."""
        lines = [text] if isinstance(text, str) else list(text)
        frame = self.g.frame(layout, "title")
        size = best_size(lines, frame, sizes, PLAIN, max_lines)
        while size is None and len(lines[-1]) > 2:
            lines[-1] = lines[-1][:-1]
            size = best_size(lines, frame, sizes, PLAIN, max_lines)
        return Text(tuple(lines), size or sizes[-1])

    def footer(self, text: str) -> Text:
        frame = self.g.frame(CONTENT, "footer")
        size = best_size([text], frame, FOOTER_SIZES, PLAIN, 1)
        while size is None and len(text) > 2:
            text = text[:-1]
            size = best_size([text], frame, FOOTER_SIZES, PLAIN, 1)
        return Text((text,), size or FOOTER_SIZES[-1])

    def pages(self, layout: str, items: Sequence[str], sizes: Sequence[int], style: ParagraphStyle,
              per_page: int = 0) -> list[tuple[list[str], int]]:
        """`items` spread evenly over as few frames as hold them at one of `sizes` (`per_page` at most)."""
        frame = self.g.frame(layout, "body")
        for count in range(max(1, -(-len(items) // per_page) if per_page else 1), len(items) + 1):
            groups = _split_evenly(list(items), count)
            found = [best_size(g, frame, sizes, style) for g in groups]
            if all(found):
                common = min(found)
                return [(g, common) for g in groups]
        raise AssertionError("a single item always fits once cut")  # pragma: no cover

    def _fit_items(self, items: Sequence[str], sizes: Sequence[int], style: ParagraphStyle) -> list[str]:
        """Items cut (at clause boundaries, else by characters) until each fits the body alone."""
        frame = self.g.frame(CONTENT, "body")
        out = []
        for item in items:
            while len(item) > 2 and not fits([item], frame, sizes[-1], style):
                item = condense(item, len(item) - 1) or item[:-1]
            out.append(item)
        return out

    # -- slides ---------------------------------------------------------------

    def cover(self, cover: CoverInfo, speech: Speech) -> SlideSpec:
        title = self.title(COVER, cover.title_lines or cover.title, COVER_TITLE_SIZES, max_lines=2)
        frame = self.g.frames.get((COVER, "body"))
        lines = list(cover.lines) if frame else []  # a cover layout with a title only
        if frame:  # a long subtitle in balanced lines (never `……第三次会` / `议上`)
            lines = [part for line in lines
                     for part in (balanced_title(line, frame, SUBTITLE_SIZES[:1], PLAIN, 2) or ([line], 0))[0]]
        size = best_size(lines, frame, SUBTITLE_SIZES, PLAIN) if lines else None
        while size is None and len(lines) > 1:
            lines.pop()
            size = best_size(lines, frame, SUBTITLE_SIZES, PLAIN)
        body = Text(tuple(lines), size or SUBTITLE_SIZES[-1]) if lines else None
        notes = [*speech.title_lines]
        if not speech.preamble or not speech.sections:
            notes.append(speech.salutation)
        return SlideSpec("cover", COVER, title, body, _notes(notes))

    def agenda(self, sections: Sequence[Section]) -> list[SlideSpec]:
        """One line per part; with two parts or fewer, their points indented below them."""
        if not sections:
            return []
        items = []
        for n, s in enumerate(sections, start=1):
            items.append(self.w.agenda_item.format(cn=int_to_cn(n), n=n, title=short_title(s)))
            if len(sections) <= AGENDA_SECOND_LEVEL:
                items += [SUB_ITEM_INDENT + short_title(sub) for sub in s.sections if short_title(sub)]
        items = self._fit_items(items, BODY_SIZES, PLAIN)
        slides = []
        for k, (group, size) in enumerate(self.pages(CONTENT, items, BODY_SIZES, PLAIN)):
            title = self.w.agenda_title + (self.w.continued if k else "")
            slides.append(SlideSpec("agenda", CONTENT, self.title(CONTENT, title, TITLE_SIZES),
                                    Text(tuple(group), size)))
        return slides

    def intro(self, speech: Speech) -> list[SlideSpec]:
        pieces = [_Piece(p, p) for p in speech.preamble if p.strip()]
        slides = self._unit(self.w.intro_title, pieces, "intro")
        if slides and speech.salutation:
            first = slides[0]
            slides[0] = SlideSpec(first.kind, first.layout, first.title, first.body,
                                  _notes([speech.salutation, first.notes]))
        return slides

    def section(self, index: int, section: Section) -> SlideSpec:
        """The divider: the part's title broken into balanced lines, its label and framing phrase."""
        label = self.w.section_label.format(cn=int_to_cn(index), n=index)
        text = short_title(section)
        found = balanced_title(text, self.g.frame(SECTION, "title"), SECTION_TITLE_SIZES, PLAIN, 3)
        title = Text(tuple(found[0]), found[1]) if found else self.title(SECTION, text, SECTION_TITLE_SIZES, max_lines=3)
        frame = self.g.frame(SECTION, "body")
        lines = [label, section.subtitle] if section.subtitle else [label]
        size = best_size(lines, frame, LABEL_SIZES if len(lines) == 1 else SUBTITLE_SIZES, PLAIN)
        if size is None:
            lines, size = [label], best_size([label], frame, LABEL_SIZES, PLAIN, 1) or LABEL_SIZES[-1]
        notes = section.heading_text()
        return SlideSpec("section", SECTION, title, Text(tuple(lines), size), notes)

    def content(self, section: Section) -> list[SlideSpec]:
        title = short_title(section)
        slides = self._unit(title, _own_pieces(section), "content")
        for sub in section.sections:
            sub_title = short_title(sub)
            slides.extend(self._unit(sub_title or title, _sub_pieces(sub), "content",
                                     continued=not sub_title and bool(slides)))
        trailing = [_Piece(p, p) for p in section.trailing if p.strip()]
        slides.extend(self._unit(title, trailing, "content", continued=bool(slides)))
        return slides

    def closing(self, speech: Speech, cover: CoverInfo) -> SlideSpec:
        if not speech.closing:
            title = self.title(COVER, self.w.thanks, COVER_TITLE_SIZES)
            frame = self.g.frames.get((COVER, "body"))
            lines = [cover.class_name] if cover.class_name and frame else []
            size = best_size(lines, frame, SUBTITLE_SIZES, PLAIN) if lines else None
            body = Text(tuple(lines), size) if size else None
            return SlideSpec("closing", COVER, title, body, "")
        sentences = [s.strip() for p in speech.closing for s in nonblank_sentences(p)]
        shown, size = self._closing_lines(sentences)
        title = self.title(CONTENT, self.w.closing_title, TITLE_SIZES)
        frame = self.g.frame(CONTENT, "body")
        short = text_height(shown, frame, size, PLAIN) < SHORT_SHARE * frame.inner_height
        return SlideSpec("closing", CONTENT, title, Text(tuple(shown), size, centred=short), _notes(speech.closing))

    def _closing_lines(self, sentences: list[str]) -> tuple[list[str], int]:
        """The closing's last sentences, one paragraph each, as many as fit within CLOSING_CHARS
        (the whole closing stays in the notes); the last sentence alone when it is longer."""
        frame = self.g.frame(CONTENT, "body")
        shown: list[str] = []
        for sentence in reversed(sentences):
            if shown and (sum(map(len, shown)) + len(sentence) > CLOSING_CHARS
                          or not best_size([sentence, *shown], frame, BODY_SIZES, PLAIN)):
                break
            shown.insert(0, sentence)
        size = best_size(shown, frame, BODY_SIZES, PLAIN)
        if size:
            return shown, size
        return self._fit_items(shown[-1:], BODY_SIZES, PLAIN), BODY_SIZES[-1]

    def _unit(self, title: str, pieces: list[_Piece], kind: str, continued: bool = False,
              ) -> list[SlideSpec]:
        """Content slides for one titled run of paragraphs: 3–6 bullets each, notes verbatim."""
        slides: list[SlideSpec] = []
        units = [(self._bullets([p for p in chunk if p.source], title), _notes([p.notes for p in chunk]))
                 for chunk in _chunks(pieces)]
        if kind == "intro" and not any(bullets for bullets, _ in units):
            return []  # an opening that only runs the meeting (`我代表…向大会报告工作，请予审议`)
        for bullets, notes in _merge_thin(units):
            texts, levels = [t for t, _ in bullets], _levels([point for _, point in bullets])
            style = NESTED if any(levels) else BULLETS
            start = 0
            for group, size in self.pages(CONTENT, texts, BODY_SIZES, style, MAX_BULLETS) if texts else [([], 0)]:
                label = title + (self.w.continued if slides or continued else "")
                depth = tuple(levels[start:start + len(group)])
                start += len(group)
                body = (Text(tuple(group), size, True, self._emphasis(group), self._short(group, size), depth)
                        if group else None)
                slides.append(SlideSpec(kind, CONTENT, self.title(CONTENT, label, TITLE_SIZES), body, notes))
        return slides

    def _short(self, group: Sequence[str], size: int) -> bool:
        """Bullets filling less than half the body: set in its middle rather than at the top."""
        frame = self.g.frame(CONTENT, "body")
        return text_height(list(group), frame, size, BULLETS) < SHORT_SHARE * frame.inner_height

    def _bullets(self, pieces: list[_Piece], title: str) -> list[tuple[str, bool]]:
        """(bullet, is a point heading) pairs, in text order."""
        found = outline([(p.source, p.point) for p in pieces], BULLET_MAX_CHARS, exclude=(title,))
        if not found:
            # nothing condenses: the first sentence that stands alone, whole (the words stay in the notes)
            sentences = (s for p in pieces for s in nonblank_sentences(p.source) if not is_procedural(s))
            found = next(([(b, False)] for s in sentences if (b := statement(s, BULLET_MAX_CHARS * 2))), [])
        fitted = self._fit_items([t for t, _ in found], BODY_SIZES, NESTED)
        return list(zip(fitted, (point for _, point in found)))

    def _emphasis(self, bullets: Sequence[str]) -> tuple[str, ...]:
        found = [p for p in self.phrases if any(p in b for b in bullets)]
        for b in bullets:
            found.extend(m.group(0) for m in QUOTED.finditer(b))
        return tuple(dict.fromkeys(found))


def _levels(points: Sequence[bool]) -> list[int]:
    """1 for a bullet that follows a point heading and is not one itself, so it sits under it."""
    if all(points) or not any(points):
        return [0] * len(points)
    out, under = [], False
    for point in points:
        under = under or point
        out.append(0 if point or not under else 1)
    return out


def _merge_thin(units: list[tuple[list, str]]) -> list[tuple[list, str]]:
    """Neighbouring chunks of one run whose bullets fit one slide together make one slide."""
    merged: list[tuple[list[str], str]] = []
    for bullets, notes in units:
        if (merged and merged[-1][0] and bullets and len(merged[-1][0]) + len(bullets) <= MAX_BULLETS
                and len(merged[-1][1]) + len(notes) <= MERGED_NOTES):
            merged[-1] = (merged[-1][0] + bullets, _notes([merged[-1][1], notes]))
        else:
            merged.append((bullets, notes))
    return merged


def _split_evenly(items: list, count: int) -> list[list]:
    size, extra = divmod(len(items), count)
    groups, start = [], 0
    for k in range(count):
        end = start + size + (1 if k < extra else 0)
        groups.append(items[start:end])
        start = end
    return [g for g in groups if g]


def _notes(parts: Sequence[str]) -> str:
    return "\n".join(p for p in parts if p and p.strip())

