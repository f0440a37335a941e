"""The speech as a list of sentences, each with the section it belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.model import Section, Speech


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


def speech_sentences(speech: Speech) -> list[Sentence]:
    """Every sentence of the spoken text, in order, with its section path."""
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
        _add_paragraphs(out, [sec.heading_text() + first], path)
    else:
        out.append(Sentence(sec.heading, len(out), path, heading=True))
    _add_paragraphs(out, body, path)
    for sub in sec.sections:
        _add_section(out, sub, path)
    _add_paragraphs(out, sec.trailing, path)


def _add_paragraphs(out: list[Sentence], paragraphs: list[str], path: list[int]) -> None:
    split = _splitter()
    for para in paragraphs:
        for piece in split(para):
            if piece.strip():
                out.append(Sentence(piece.strip(), len(out), list(path)))


def _splitter():
    from docgen.analysis.sentences import split_sentences

    return split_sentences


def find_section(speech: Speech, path: list[int]) -> Section | None:
    """The section at `path` (numbers as in `Sentence.section`), or None."""
    sections, found = speech.sections, None
    for number in path:
        found = next((s for s in sections if s.number == number), None)
        if found is None:
            return None
        sections = found.sections
    return found


def children(speech: Speech, path: list[int]) -> list[Section]:
    """The sections directly under `path` (the top-level ones for an empty path)."""
    if not path:
        return list(speech.sections)
    sec = find_section(speech, path)
    return list(sec.sections) if sec else []
