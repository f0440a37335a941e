"""From cleaned blocks to a Speech: head, numbered sections, closing, notes, short titles, warnings."""

from __future__ import annotations

import re

from docgen.analysis.backmatter import split_notes
from docgen.analysis.blocks import Block
from docgen.analysis.frontmatter import split_front, starts_with_address, unmark
from docgen.analysis.headings import short_title
from docgen.analysis.numbering import LINE_STYLES, Event, detect
from docgen.analysis.sentences import STRONG_TERMINATORS, first_sentence
from docgen.analysis.validate import numbering_warnings
from docgen.model import Section, Speech
from docgen.report import warn

THANKS = re.compile(r"^(谢谢|感谢)(大家|各位)?[。！!]?$")
WRAP_UP = re.compile(r"^(?:今天的(?:大会|会议|会)|今天(?:我)?就?讲(?:到这里|这些|这么多)|我(?:今天)?就?讲(?:到这里|这些|这么多)"
                     r"|我要讲的(?:都|就)|以上(?:几点|所讲|讲的))")
"""How a speaker winds up the whole talk when the closing does not turn to the audience by name
(`今天的大会很有意思。我要讲的都讲过了。…`, `以上几点意见概括起来，…`). Not `总之，`: speakers
sum up a single point with it as often as the whole talk."""


def build_speech(blocks: list[Block], source: str = "") -> Speech:
    """Detect the structure of a speech given as paragraphs (see numbering.py for the rules)."""
    front, body = split_front(unmark(blocks))
    body, notes = split_notes(body)
    quotes = [b.text for b in body if b.note]
    body = [b for b in body if not b.note]
    events = detect(body)
    closing_at = _closing_start(body, events)
    speech = Speech(title_lines=front.title_lines, speaker=front.speaker, office=front.office, date=front.date,
                    salutation=front.salutation, notes=front.notes + quotes + notes, source=source)
    speech.closing = [b.text for b in body[closing_at:]]
    speech.preamble, speech.sections = _tree(body[:closing_at], events)
    if not speech.closing:
        speech.closing = _wrap_up(speech.sections)
    _repair_broken_headings(speech.sections)
    detach_trailing(speech.sections)
    fill_short_titles(speech.sections)
    report_warnings(speech)
    return speech


def report_warnings(speech: Speech) -> None:
    """Set speech.warnings from its numbering and pass each to report.warn."""
    speech.warnings = numbering_warnings(speech.sections)
    for w in speech.warnings:
        warn(f"{speech.source}：{w}" if speech.source else w)


def _closing_start(body: list[Block], events: list[Event]) -> int:
    if not events:
        return len(body)
    last = events[-1].index
    start = next((j for j in range(last + 1, len(body))
                  if not body[j].level and starts_with_address(body[j].text)), len(body))
    if start == len(body) and len(body) - 1 > last and THANKS.match(body[-1].text):
        return len(body) - 1
    return start


def _wrap_up(sections: list[Section]) -> list[str]:
    """A closing that winds up the talk without an address (see WRAP_UP), taken out of the last
    point, which keeps at least one paragraph of its own."""
    last = sections[-1] if sections else None
    while last is not None and last.sections:
        last = last.sections[-1]
    if last is None:
        return []
    at = next((k for k in range(1, len(last.paragraphs)) if WRAP_UP.match(last.paragraphs[k])), None)
    if at is None:
        return []
    closing, last.paragraphs = last.paragraphs[at:], last.paragraphs[:at]
    return closing


def _tree(blocks: list[Block], events: list[Event]) -> tuple[list[str], list[Section]]:
    by_index = {e.index: e for e in events}
    preamble: list[str] = []
    top: list[Section] = []
    stack: list[Section] = []
    for i, b in enumerate(blocks):
        e = by_index.get(i)
        if e is None:
            (stack[-1].paragraphs if stack else preamble).append(b.text)
            continue
        section = _section(e)
        del stack[e.depth:]
        (stack[-1].sections if stack else top).append(section)
        stack.append(section)
    return preamble, top


def _section(e: Event) -> Section:
    m = e.marker
    s = Section(number=e.number, marker=m.marker, heading=m.rest, style=m.style)
    if e.explicit or m.style in LINE_STYLES:
        return s
    head, rest = first_sentence(m.rest)
    if rest.strip():
        s.heading, s.paragraphs, s.run_in = head, [rest], True
    return s


def _repair_broken_headings(sections: list[Section]) -> None:
    """Rejoin a run-in heading broken across two paragraphs (`（二）坚持不懈用` + `新时代…。…`).

    Among siblings that are mostly run-in, one whose heading has no sentence end and whose
    first body paragraph continues it is the same paragraph split by accident.
    """
    run_in = sum(s.run_in for s in sections)
    for s in sections:
        if (run_in * 2 > len(sections) and not s.run_in and s.paragraphs and s.style not in LINE_STYLES
                and not any(c in STRONG_TERMINATORS for c in s.heading)):
            joined = s.heading + s.paragraphs[0]
            head, rest = first_sentence(joined)
            if rest.strip():
                s.heading, s.paragraphs[0], s.run_in = head, rest, True
        _repair_broken_headings(s.sections)


LIST_BODY_MAX = 1
"""A run-in list whose items have at most this many paragraphs beyond their own is a list of
one-paragraph points: paragraphs after its last item continue the enclosing section."""


def detach_trailing(sections: list[Section]) -> None:
    """Give a section back the paragraphs that follow its run-in list (`一是…四是…`, `第一…第二…`).

    Such a list's items are one paragraph each; what follows the last item (`由此可见，…`,
    `各位代表！这些成绩的取得，…`) is the section's own discourse, not part of the last item.
    A paragraph turning to the audience (`同志们，` `各位代表！`) always ends a run-in item.
    """
    for s in sections:
        detach_trailing(s.sections)
        subs = s.sections
        if len(subs) < 2 or not all(x.run_in for x in subs) or subs[-1].sections or s.trailing:
            continue
        last = subs[-1]
        others = max(len(x.paragraphs) - 1 for x in subs[:-1])
        keep = 1 + others if others <= LIST_BODY_MAX else len(last.paragraphs)
        keep = next((k for k in range(1, keep) if starts_with_address(last.paragraphs[k])), keep)
        if keep < len(last.paragraphs):
            last.paragraphs, s.trailing = last.paragraphs[:keep], last.paragraphs[keep:]


def fill_short_titles(sections: list[Section]) -> None:
    """Give every section without one a short title and subtitle from its heading."""
    for s in sections:
        if not s.short_title:
            body = s.paragraphs[0] if s.paragraphs else ""
            s.short_title, sub = short_title(s.heading, body)
            s.subtitle = s.subtitle or sub
        fill_short_titles(s.sections)
