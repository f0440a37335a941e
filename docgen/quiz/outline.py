"""Choice questions from the speech's own outline: which points a part makes.

Speeches without quoted formulations (most union speeches) still have headed points
(`（一）竞赛覆盖面不断扩大。`). A part's points are the right options; points of other parts,
verbatim from the same speech, are the plausible wrong ones.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from docgen.model import Section, Speech
from docgen.quiz.model import Question
from docgen.quiz.source import Sentence
from docgen.quiz.rules import good_title
from docgen.quiz.short import _fill

TITLE_LEN = (4, 16)
MAX_OPTIONS = 5


@dataclass
class Point:
    title: str
    """The point's short title, a verbatim piece of its heading."""
    sentence: Sentence
    """The heading sentence (or a run-in point's first sentence) the title stands in."""


@dataclass
class Part:
    title: str
    """The title of the part whose points these are ('' for the speech's top level)."""
    path: list[int]
    points: list[Point]


def outline_parts(speech: Speech, sentences: list[Sentence]) -> list[Part]:
    """Every part whose points all have a usable title, in text order."""
    first = {}
    for s in sentences:
        first.setdefault(tuple(s.section), s)
    out: list[Part] = []

    def visit(parent: Section | None, kids: list[Section], path: list[int]) -> None:
        points = [_point(k, first.get(tuple(path + [k.number]))) for k in kids]
        title = (parent.short_title if parent else "")
        if len(points) >= 2 and all(points) and (not title or good_title(title)):
            out.append(Part(title, path, points))
        for k in kids:
            visit(k, k.sections, path + [k.number])

    visit(None, speech.sections, [])
    return out


def _point(sec: Section, sentence: Sentence | None) -> Point | None:
    t = sec.short_title
    if sentence is None or not TITLE_LEN[0] <= len(t) <= TITLE_LEN[1] or t not in sentence.text or not good_title(t):
        return None
    if not sentence.heading and sentence.text[len(sentence.marker):].strip().rstrip("。；：:") != t:
        return None  # a run-in point's first clause (`第一，在组织形式上，…`) is no title
    return Point(t, sentence)


def outline_single(part: Part, point: Point, others: list[tuple[int, str]], rng: random.Random, pts: float,
                   patterns: dict[str, str], title_of) -> Question | None:
    """`下列属于讲话“…”部分所讲内容的是（　　）`: the point and three points of other parts."""
    if not part.title:
        return None
    wrong = _wrong(point.title, others, 3, rng)
    if len(wrong) < 3:
        return None
    options = [point.title, *wrong]
    rng.shuffle(options)
    stem = _fill(patterns, "outline_single", title=part.title)
    return _question("single", stem, point.sentence, pts, options, [point.title], title_of)


def outline_multiple(part: Part, others: list[tuple[int, str]], rng: random.Random, pts: float,
                     patterns: dict[str, str], title_of) -> Question | None:
    """`讲话“…”部分提出的要求包括（　　）`: all its points and one or two points of other parts."""
    titles = [p.title for p in part.points]
    if not 2 <= len(titles) <= MAX_OPTIONS - 1 or len(set(titles)) < len(titles):
        return None
    wrong = _wrong(titles[0], [o for o in others if o[1] not in titles], max(1, 4 - len(titles)), rng)
    if not wrong:
        return None
    options = titles + wrong
    rng.shuffle(options)
    name = "outline_multiple" if part.title else "outline_multiple_top"
    stem = _fill(patterns, name, title=part.title)
    q = _question("multiple", stem, part.points[0].sentence, pts, options, titles, title_of)
    q.phrase = "、".join(titles)
    return q


def _wrong(right: str, others: list[tuple[int, str]], n: int, rng: random.Random) -> list[str]:
    """Points of other parts: nearest in depth, then in length (ties random); none holding or inside
    the right one. `others` holds (depth difference, title)."""
    pool = sorted({t: d for d, t in sorted(others, reverse=True) if t not in right and right not in t}.items(),
                  key=lambda item: (item[1], abs(len(item[0]) - len(right)), rng.random()))
    return [t for t, _ in pool[:n]]


def _question(kind: str, stem: str, source: Sentence, pts: float, options: list[str], correct: list[str],
              title_of) -> Question:
    return Question(type=kind, stem=stem, points=pts, source=source.text, section=list(source.section),
                    section_title=title_of(source), options=options, correct=correct,
                    phrase=correct[0] if kind == "single" else "")
