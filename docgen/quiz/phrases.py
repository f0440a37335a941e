"""Key phrases located in the sentence list: where each one stands, so it can be blanked or changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.quiz.source import Sentence
from docgen.quiz.text import strip_quotes


@dataclass
class Located:
    text: str
    """The phrase as it stands in the sentence (quotes left outside)."""
    kind: str
    """`quoted`, `numbered` or `enumeration`."""
    sentence: Sentence
    start: int
    end: int
    items: list[str] = field(default_factory=list)


def locate(phrases, sentences: list[Sentence]) -> list[Located]:
    """Each KeyPhrase (`text`, `kind`, `sentence`, `items`) found in `sentences`; unfound ones are dropped."""
    by_text: dict[str, list[Sentence]] = {}
    for s in sentences:
        by_text.setdefault(s.text, []).append(s)
    out: list[Located] = []
    seen: set[tuple] = set()
    for p in phrases:
        text = strip_quotes(p.text.strip())
        if not text:
            continue
        found = _find(text, getattr(p, "sentence", "") or "", by_text, sentences)
        if found is None:
            continue
        sent, start = found
        key = (sent.index, start, start + len(text), p.kind)
        if key in seen:
            continue
        seen.add(key)
        items = [strip_quotes(i) for i in (getattr(p, "items", None) or []) if i]
        out.append(Located(text, p.kind, sent, start, start + len(text), items))
    return out


def _find(text: str, sentence: str, by_text, sentences) -> tuple[Sentence, int] | None:
    sentence = sentence.strip()
    candidates = list(by_text.get(sentence, []))
    if not candidates and sentence:
        candidates = [s for s in sentences if sentence in s.text or s.text in sentence]
    candidates += [s for s in sentences if text in s.text]
    for s in candidates:
        if s.heading:
            continue
        pos = s.text.find(text)
        if pos >= 0:
            return s, pos
    return None
