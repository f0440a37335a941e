"""Short-answer candidates: a part or point of the speech named by its title, or a paragraph's topic."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.errors import TemplateError
from docgen.model import Speech
from docgen.quiz.phrases import Located
from docgen.quiz.source import Sentence
from docgen.analysis.numerals import int_to_cn
from docgen.quiz.rules import good_title, real_point, starts_dangling

DEMAND = re.compile("^(?:要|必须|应当|应该|坚持|加强|推进|落实|着力|切实|持续|深化|健全|完善)")
"""How a requirement of a speech opens (`要坚持…`): a 要点 when a part is one paragraph."""
MAX_POINTS = 4
"""At most this many 要点 per short answer made of topic sentences."""
MAX_SUBHEADINGS = 8
"""A part's sub-headings are its 要点, all of them up to this many."""
MAX_TITLE = 40
"""Longest first sentence of a part that still reads as its title (the speech's own points)."""
TOPIC_LEN = (8, 40)


@dataclass
class ShortCandidate:
    stem: str
    sentences: list[Sentence]
    """The 要点, verbatim sentences."""
    tier: int
    """1: a part, 2: a point of a part, 3: the speech's points, 4: a paragraph's topic sentence;
    lower is preferred."""
    source: Sentence | None = None
    """The sentence the question quotes or is about; the first 要点 when None."""

    @property
    def origin(self) -> Sentence:
        return self.source or self.sentences[0]


def short_candidates(speech: Speech, sentences: list[Sentence], phrases: list[Located],
                     patterns: dict[str, str]) -> list[ShortCandidate]:
    """Every short answer the speech supports, best kinds first (tiers)."""
    out = _sections(speech, sentences, patterns)
    out += _topic_sentences(sentences, patterns)
    return [c for c in out if len(c.sentences) >= 2]


def candidate_sentences(c: ShortCandidate) -> list[Sentence]:
    """Every sentence the question shows or asks for."""
    return ([c.source] if c.source else []) + c.sentences


def _sections(speech, sentences, patterns) -> list[ShortCandidate]:
    """A part or a point named by its title (`简述讲话第二部分“…”的主要内容`), its 要点 its own points."""
    out = []

    def visit(sec, path: list[int]) -> None:
        title = (sec.short_title or sec.heading).strip("。；，：")
        if good_title(title) and len(path) <= 2:  # `现在` is no topic
            if len(path) == 1:
                stem = _fill(patterns, "section", number=int_to_cn(sec.number), title=title)
            else:
                stem = _fill(patterns, "phrase", phrase=title)
            points = _points_of(sentences, path, skip=title)
            out.append(ShortCandidate(stem, points, len(path), source=_first_of(sentences, path)))
        for sub in sec.sections:
            visit(sub, path + [sub.number])

    for sec in speech.sections:
        visit(sec, [sec.number])
    points = [_first_of(sentences, [sec.number]) for sec in speech.sections]  # the speech's own points
    if 2 <= len(points) <= MAX_SUBHEADINGS and all(p and len(p.text) <= MAX_TITLE and real_point(p.text, p.heading) for p in points):
        out.append(ShortCandidate(_fill(patterns, "overview"), points, 3, source=points[0]))
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
        if not real_point(s.text) or starts_dangling(s.text):
            continue
        rest = [t for t in sentences[s.index + 1:] if t.paragraph == s.paragraph]
        rest = [t for t in rest if real_point(t.text)][:MAX_POINTS]
        if len(rest) >= 3:
            out.append(ShortCandidate(_fill(patterns, "topic", sentence=s.text), rest, 4, source=s))
    return out


def _points_of(sentences: list[Sentence], path: list[int], skip: str = "") -> list[Sentence]:
    """The 要点 of the section at `path`: the headings of its subsections when it has two or more
    (`（一）竞赛覆盖面不断扩大。`: what an answer to 简述…主要内容 lists), else one topic sentence per
    paragraph (its first). Rhetorical questions, cross-references and statistics are no 要点; a
    sentence that is little more than the title the stem names (`skip`) is none either. None when fewer than two are left."""
    inside = [s for s in sentences if s.section[:len(path)] == path
              and not (skip and skip in s.text and len(s.text) <= len(skip) + 6)]
    subheadings = [s for s in inside if len(s.section) == len(path) + 1 and (s.heading or s.marker)
                   and _opens(sentences, s)]
    if len(subheadings) >= 2:
        points = [s for s in subheadings if real_point(s.text, s.heading)]
        return points[:MAX_SUBHEADINGS] if len(points) == len(subheadings) or len(points) >= 3 else []
    topics = [s for s in inside if s.section == path and not s.heading and _first_of_paragraph(sentences, s)]
    topics = [s for s in topics if real_point(s.text)]
    if len(topics) < 2:  # one paragraph: its requirements (`要…`), the topic sentence aside
        own = [s for s in inside if s.section == path and not s.heading and not s.marker]
        topics = [s for s in own[1:] if DEMAND.match(s.text) and real_point(s.text)]
    return topics[:MAX_POINTS]


def _first_of_paragraph(sentences: list[Sentence], s: Sentence) -> bool:
    return s.index == 0 or sentences[s.index - 1].paragraph != s.paragraph


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
