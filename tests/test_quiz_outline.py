"""Choice questions from the outline: a speech without quoted formulations still gets choice questions."""

from __future__ import annotations

import random
from pathlib import Path

from docgen.quiz.generate import DEFAULT_PATTERNS, plan_paper
from docgen.quiz.outline import outline_multiple, outline_parts, outline_single
from docgen.quiz.source import find_section, speech_sentences
from docgen.readers import read_speech

DEEP = Path(__file__).parent / "fixtures" / "unseen" / "05_deep_levels.txt"


def _kids_titles(speech, path):
    sections = find_section(speech, path).sections if path else speech.sections
    return [s.short_title for s in sections]


def test_parts_are_the_points_of_each_section():
    speech = read_speech(DEEP)
    parts = outline_parts(speech, speech_sentences(speech))
    by_path = {tuple(p.path): p for p in parts}
    assert [p.title for p in by_path[(1, 1)].points] == ["组织专题学习", "开展宣讲活动", "加强阵地建设"]
    assert by_path[(1, 1)].title == "深入开展理论学习"
    assert [p.title for p in by_path[()].points] == ["加强职工思想政治引领", "丰富职工精神文化生活"]
    for part in parts:
        for point in part.points:
            assert point.title in point.sentence.text


def test_single_and_multiple_take_right_options_from_the_part_and_wrong_ones_elsewhere():
    speech = read_speech(DEEP)
    parts = outline_parts(speech, speech_sentences(speech))
    part = next(p for p in parts if p.path == [1, 1])
    others = [(abs(len(o.path) - 2), pt.title) for o in parts if o.path not in ([], [1]) and o is not part
              for pt in o.points]
    q = outline_single(part, part.points[1], others, random.Random(0), 2, DEFAULT_PATTERNS, lambda s: "")
    assert q.stem == "下列属于讲话“深入开展理论学习”部分所讲内容的是（　　）。"
    assert q.correct == ["开展宣讲活动"] and len(set(q.options)) == 4
    assert not set(q.options) - {q.correct[0]} & set(_kids_titles(speech, [1, 1]))
    m = outline_multiple(part, others, random.Random(0), 4, DEFAULT_PATTERNS, lambda s: "")
    assert sorted(m.correct) == sorted(_kids_titles(speech, [1, 1]))
    assert len(m.options) == 4 and set(m.correct) < set(m.options)


def test_outline_questions_reach_the_paper_of_a_speech_without_quotes():
    paper = plan_paper(read_speech(DEEP), seed=0)
    outline = [q for q in paper.questions if q.stem.startswith(("下列属于讲话", "讲话“"))]
    assert any(q.type == "single" for q in outline) and any(q.type == "multiple" for q in outline)
    for q in outline:
        assert all(c in q.source for c in q.correct[:1]), q.stem
