"""The speech as a list of sentences, each with the section it belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docgen.model import Section, Speech


NOTE_MARK = re.compile(r"〔[0-9０-９]+〕|\[[0-9]+\]|[\u2474-\u2487\u2460-\u2473]")
"""A footnote mark (`〔82〕`, `⑴`, `①`): not part of what the speaker said, nor of a question made from it."""


@dataclass
class Sentence:
    text: str
    """Verbatim piece of a paragraph."""
    index: int
    """Position in the speech (0-based), so neighbours can be found."""
    section: list[int] = field(default_factory=list)
    """Path of section numbers; empty for the preamble and the closing."""
    heading: bool = False
    """A heading line of its own (`一、坚持党的领导`), not a sentence of the text."""
    paragraph: int = 0
    """Which paragraph of the speech (0-based) the sentence is in."""
    marker: str = ""
    """The section marker (`一是`, `（三）`) this sentence starts with, for a run-in point's first sentence."""


def speech_sentences(speech: Speech) -> list[Sentence]:
    """Every sentence of the spoken text (footnote marks left out), in order, with its section path."""
    out: list[Sentence] = []
    _add_paragraphs(out, speech.preamble, [])
    for sec in speech.sections:
        _add_section(out, sec, [])
    _add_paragraphs(out, speech.closing, [])
    return out


def _add_section(out: list[Sentence], sec: Section, parent: list[int]) -> None:
    path = parent + [sec.number]
    body = list(sec.paragraphs)
    if sec.run_in:
        first = body.pop(0) if body else ""
        start = len(out)
        _add_paragraphs(out, [sec.heading_text() + first], path)
        if len(out) > start and out[start].text.startswith(sec.marker):
            out[start].marker = sec.marker
    elif sec.heading.strip():  # a bare numeral (`一` alone on its line) has no heading of its own
        out.append(Sentence(sec.heading, len(out), path, heading=True, paragraph=_next_paragraph(out)))
    _add_paragraphs(out, body, path)
    for sub in sec.sections:
        _add_section(out, sub, path)
    _add_paragraphs(out, sec.trailing, path)


def _add_paragraphs(out: list[Sentence], paragraphs: list[str], path: list[int]) -> None:
    from docgen.analysis.sentences import split_sentences

    for para in paragraphs:
        number = _next_paragraph(out)
        for piece in split_sentences(para):
            text = NOTE_MARK.sub("", piece).strip()
            if text:
                out.append(Sentence(text, len(out), list(path), paragraph=number))


def _next_paragraph(out: list[Sentence]) -> int:
    return out[-1].paragraph + 1 if out else 0


def find_section(speech: Speech, path: list[int]) -> Section | None:
    """The section at `path` (numbers as in `Sentence.section`), or None."""
    sections, found = speech.sections, None
    for number in path:
        found = next((s for s in sections if s.number == number), None)
        if found is None:
            return None
        sections = found.sections
    return found
