"""Short-answer candidates: a numbered phrase's items (`“八个对标”中第三项`), a section, or a phrase."""

from __future__ import annotations

from dataclasses import dataclass

from docgen.errors import TemplateError
from docgen.model import Speech
from docgen.quiz.phrases import Located
from docgen.quiz.source import Sentence, children
from docgen.analysis.numerals import int_to_cn
from docgen.quiz.text import numeral_span

MAX_POINTS = 4
"""At most this many 要点 per short answer."""
TOPIC_LEN = (8, 40)


@dataclass
class ShortCandidate:
    stem: str
    sentences: list[Sentence]
    """The 要点, verbatim sentences."""
    tier: int
    """0: numbered item, 1: a section, 2: a phrase and its context, 3: a paragraph's topic sentence;
    lower is preferred."""
    source: Sentence | None = None
    """The sentence the question quotes or is about; the first 要点 when None."""

    @property
    def origin(self) -> Sentence:
        return self.source or self.sentences[0]


def short_candidates(speech: Speech, sentences: list[Sentence], phrases: list[Located],
                     patterns: dict[str, str]) -> list[ShortCandidate]:
    """Every short answer the speech supports, best kinds first (tiers)."""
    out = _numbered_items(speech, sentences, phrases, patterns)
    out += _sections(speech, sentences, patterns)
    out += _phrase_context(sentences, phrases, patterns)
    out += _topic_sentences(sentences, patterns)
    return [c for c in out if len(c.sentences) >= 2]


def candidate_sentences(c: ShortCandidate) -> list[Sentence]:
    """Every sentence the question shows or asks for."""
    return ([c.source] if c.source else []) + c.sentences


def _numbered_items(speech, sentences, phrases, patterns) -> list[ShortCandidate]:
    out, seen = [], set()
    for lp in phrases:
        span = numeral_span(lp.text) if lp.kind == "numbered" else None
        if span is None or lp.text in seen:
            continue
        path = list(lp.sentence.section)
        kids = children(speech, path)
        if len(kids) != span[2] or len(kids) < 2:
            continue
        seen.add(lp.text)
        for ordinal, kid in enumerate(kids, start=1):
            stem = _fill(patterns, "numbered_item", phrase=lp.text, ordinal=int_to_cn(ordinal))
            out.append(ShortCandidate(stem, _points_of(sentences, path + [kid.number]), 0))
    return out


def _sections(speech, sentences, patterns) -> list[ShortCandidate]:
    out = []
    for sec in speech.sections:
        title = (sec.short_title or sec.heading).strip("。；，：")
        if not title:
            continue
        stem = _fill(patterns, "section", number=int_to_cn(sec.number), title=title)
        points = _points_of(sentences, [sec.number], skip=title)
        out.append(ShortCandidate(stem, points, 1, source=_first_of(sentences, [sec.number])))
    return out


def _phrase_context(sentences, phrases, patterns) -> list[ShortCandidate]:
    out, seen = [], set()
    for lp in phrases:
        if lp.kind != "quoted" or lp.text in seen or len(lp.text) < 4:
            continue
        seen.add(lp.text)
        sent = lp.sentence
        following = [s for s in sentences[sent.index + 1: sent.index + 3]
                     if s.section == sent.section and not s.heading]
        stem = _fill(patterns, "phrase", phrase=lp.text)
        out.append(ShortCandidate(stem, [sent] + following, 2))
    return out


def _topic_sentences(sentences: list[Sentence], patterns) -> list[ShortCandidate]:
    """A paragraph's short first sentence quoted as the topic, its next sentences as the 要点."""
    out = []
    structured = any(s.section for s in sentences)
    for s in sentences:
        if s.heading or not TOPIC_LEN[0] <= len(s.text) <= TOPIC_LEN[1] or s.text[-1] not in "。！？":
            continue
        if structured and not s.section:
            continue  # the opening and closing remarks of a speech with points (`下面，我讲三点意见。`)
        if s.index > 0 and sentences[s.index - 1].paragraph == s.paragraph:
            continue
        rest = [t for t in sentences[s.index + 1: s.index + 1 + MAX_POINTS] if t.paragraph == s.paragraph]
        if len(rest) >= 2:
            out.append(ShortCandidate(_fill(patterns, "topic", sentence=s.text), rest, 3, source=s))
    return out


def _points_of(sentences: list[Sentence], path: list[int], skip: str = "") -> list[Sentence]:
    """The 要点 of the section at `path`: the headings of its subsections when it has two or more
    (`（一）竞赛覆盖面不断扩大。`: what an answer to 简述…主要内容 lists), else its first sentences.
    The sentences under those headings stay free for other questions.

    A heading the stem already names (`skip`) is not a 要点.
    """
    inside = [s for s in sentences if s.section[:len(path)] == path and len(s.text) >= 6
              and not (skip and s.heading and skip in s.text)]
    subheadings = [s for s in inside if len(s.section) == len(path) + 1 and (s.heading or s.marker)
                   and _opens(sentences, s)]
    return (subheadings if len(subheadings) >= 2 else inside)[:MAX_POINTS]


def _opens(sentences: list[Sentence], s: Sentence) -> bool:
    """The first sentence of its subsection (a run-in point's marker sentence, or a heading)."""
    return s.index == 0 or sentences[s.index - 1].section != s.section


def _first_of(sentences: list[Sentence], path: list[int]) -> Sentence | None:
    return next((s for s in sentences if s.section[:len(path)] == path), None)


NESTED_QUOTES = str.maketrans("“”", "‘’")


def _fill(patterns: dict[str, str], name: str, **values) -> str:
    """The stem `name` with `values` put in; quotes inside a value become ‘’, as the stem quotes it."""
    values = {k: v.translate(NESTED_QUOTES) if isinstance(v, str) else v for k, v in values.items()}
    try:
        return patterns[name].format(**values)
    except KeyError as e:
        raise TemplateError(f"模板 quiz/wording.toml 的简答题题干 {name} 缺少或使用了未知的占位符 {e}") from None
    except (ValueError, IndexError) as e:
        raise TemplateError(f"模板 quiz/wording.toml 的简答题题干 {name} 格式错误：{e}") from None
