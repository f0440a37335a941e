"""An examiner's checks across the whole paper: no question gives another away, none is all-true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.quiz.generate import plan_paper
from docgen.quiz.model import Change, Question
from docgen.quiz.reveal import gives_away
from docgen.readers import read_speech
from helpers import SAMPLE, corpus_files

UNSEEN = sorted((Path(__file__).parent / "fixtures" / "unseen").glob("*.txt"))
SPEECHES = [p for p in corpus_files() if not p.name.startswith("README")] + UNSEEN
SEEDS = (0, 1, 5)


@pytest.fixture(scope="module")
def papers():
    return {(p.name, seed): plan_paper(read_speech(p), seed=seed) for p in SPEECHES for seed in SEEDS}


def answers(q: Question) -> list[str]:
    """What the candidate must produce, independently of docgen's own notion of it."""
    if q.type in ("single", "multiple", "fill"):
        return list(q.correct)
    if q.type == "judge" and q.truth is False:
        return [q.statement[q.change.offset:q.change.offset + max(len(q.change.before), 4)]]
    return []


def test_no_stem_shows_another_questions_answer(papers):
    for (name, seed), paper in papers.items():
        for a in paper.questions:
            for b in paper.questions:
                if a is b:
                    continue
                for ans in answers(b):
                    shown = ans in a.stem if len(ans) >= 3 else f"“{ans}”" in a.stem
                    assert not shown, (name, seed, a.stem, b.stem)


def test_no_option_holds_or_is_a_fill_in_answer(papers):
    for (name, seed), paper in papers.items():
        fills = [ans for q in paper.of_type("fill") for ans in q.correct]
        for a in paper.questions:
            for b in paper.questions:
                if a is b:
                    continue
                for ans in answers(b):
                    for opt in a.options:
                        assert not (ans in opt and opt != ans), (name, seed, opt, b.stem)
            assert not any(o in f for o in a.options for f in fills), (name, seed, a.stem, a.options)


def test_no_stem_repeats_its_own_answer(papers):
    for (name, seed), paper in papers.items():
        for q in paper.questions:
            for ans in answers(q):
                shown = ans in q.stem if len(ans) >= 3 else f"“{ans}”" in q.stem
                assert not shown, (name, seed, q.stem)


def test_stems_read_as_exam_text(papers):
    """No footnote marks, no `——` list dashes in front, no question offered as a statement to judge."""
    for (name, seed), paper in papers.items():
        for q in paper.questions:
            assert not re.search(r"〔[0-9]+〕|\[[0-9]+\]", q.stem), (name, q.stem)
            assert not q.stem.startswith(("—", "―")), (name, q.stem)
            if q.type == "judge":
                assert q.stem[-1] not in "？?", (name, q.stem)


def test_no_two_questions_ask_overlapping_answers(papers):
    for (name, seed), paper in papers.items():
        asked = [(q, ans) for q in paper.questions if q.type in ("single", "fill") for ans in q.correct]
        for i, (qa, x) in enumerate(asked):
            for qb, y in asked[i + 1:]:
                assert not (x in y or y in x), (name, seed, qa.stem, qb.stem)


def test_known_defect_two_questions_on_the_ten_reforms_sentence():
    """`十改、十问、十努力、十种现象` offered in one question while another blanks `十种现象`."""
    for seed in range(12):
        paper = plan_paper(read_speech(SAMPLE), seed=seed)
        asking = [(q, a) for q in paper.questions for a in answers(q) if a in "十改、十问、十努力、十种现象"]
        for b, ans in asking:
            for a in paper.questions:
                if a is not b:
                    assert ans not in a.stem and not any(ans in o and o != ans for o in a.options), (seed, ans)


def test_judgement_section_is_never_mostly_true(papers):
    for (name, seed), paper in papers.items():
        judged = paper.of_type("judge")
        if judged:
            assert sum(q.truth is False for q in judged) >= 0.3 * len(judged) - 1e-9, (name, seed)


def test_a_false_judgement_is_not_undone_by_another_stem():
    """The swapped-in term shown in its own clause elsewhere tells the candidate the statement is false."""
    judge = Question(type="judge", stem="“改革”是抓手、是动力，“纽带”是基础、是关键", points=1, source="",
                     truth=False, statement="“改革”是抓手、是动力，“建设”是基础、是关键",
                     change=Change("swap", "建设", "纽带", 12))
    fill = Question(type="fill", stem="“＿＿＿”是连结、是支撑，“纽带”是团结、是聚力", points=2, source="",
                    correct=["桥梁"], phrase="桥梁")
    other = Question(type="fill", stem="要树立“＿＿＿”理念", points=2, source="", correct=["落实到基层"],
                     phrase="落实到基层")
    assert gives_away(judge, fill) and not gives_away(judge, other)


def test_true_judgements_do_not_end_hanging(papers):
    for (name, seed), paper in papers.items():
        for q in paper.of_type("judge"):
            assert q.stem[-1] not in "，,；;：:、", (name, q.stem)


def test_unseen_speeches_still_get_a_paper(papers):
    for name in (p.name for p in UNSEEN):
        paper = papers[(name, 0)]
        assert paper.questions and paper.warnings, name
        assert all(q.source for q in paper.questions), name
