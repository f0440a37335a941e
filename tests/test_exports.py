"""The test paper moved into Moodle (GIFT, Moodle XML) and 问卷星 (exam JSONL), and the evaluation form
into 问卷星, each read back by a parser that shares no code with docgen: gift-pegjs from npm, a
reader of Moodle XML written from Moodle's format rules, and a reader of 问卷星's documented JSONL."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from docgen.config import load_class
from docgen.quiz.export import EXPORTS
from docgen.readers import read_speech
from docgen.resources import Templates
from docgen.writers.quiz import build_papers
from helpers import ROOT, SAMPLE

NODE_DIR = ROOT / "tests" / "node"
GIFT_PEGJS = NODE_DIR / "node_modules" / "gift-pegjs"
RULE = "全部选对得分，多选、少选、错选均不得分。"
# Moodle's question_bank::fraction_options_full(), in per cent.
MOODLE_FRACTIONS = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                    14.28571, 12.5, 11.11111, 10, 5, 0}


@pytest.fixture(scope="module")
def paper():
    info = load_class(ROOT / "source" / "class.toml")
    [(paper, wording)] = build_papers(read_speech(SAMPLE), info, Templates())
    return paper, wording


def exported(paper, fmt: str) -> str:
    return EXPORTS[fmt].write(*paper)


# -- GIFT through gift-pegjs --------------------------------------------------------


@pytest.fixture(scope="module")
def gift_parser():
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not GIFT_PEGJS.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed")
        proc = subprocess.run(["npm", "install", "--no-save", "--prefix", str(NODE_DIR), "gift-pegjs@1.0.2"],
                              capture_output=True, text=True, timeout=300)
        if proc.returncode != 0:
            pytest.skip(f"gift-pegjs could not be installed: {proc.stderr[-300:]}")
    script = ("const {parse} = require(process.argv[1]);"
              "process.stdout.write(JSON.stringify(parse(require('fs').readFileSync(0, 'utf8'))));")

    def parse(text: str) -> list[dict]:
        proc = subprocess.run(["node", "-e", script, str(GIFT_PEGJS)], input=text, capture_output=True,
                              text=True, timeout=60, check=True)
        return json.loads(proc.stdout)

    return parse


def test_gift_parses_whole_with_types_answers_and_the_source_as_feedback(paper, gift_parser):
    questions = paper[0].questions
    parsed = gift_parser(exported(paper, "gift"))
    assert len(parsed) == len(questions) > 0
    kinds = {"single": "MC", "multiple": "MC", "judge": "TF", "fill": "Short", "short": "Essay"}
    for q, g in zip(questions, parsed):
        assert g["type"] == kinds[q.type]
        assert q.source in g["globalFeedback"]["text"]
        if q.type == "single":
            assert [c["text"]["text"] for c in g["choices"] if c["isCorrect"]] == q.correct
        elif q.type == "multiple":
            right = [c["text"]["text"] for c in g["choices"] if (c["weight"] or 0) > 0]
            assert sorted(right) == sorted(q.correct) and RULE in g["globalFeedback"]["text"]
            assert sum(c["weight"] for c in g["choices"] if c["weight"] > 0) == pytest.approx(100, abs=0.01)
        elif q.type == "judge":
            assert g["isTrue"] is q.truth
        elif q.type == "fill":
            assert [c["text"]["text"] for c in g["choices"]] == [q.correct[0]]


# -- Moodle XML, read by its format rules -----------------------------------------------


def read_moodle_xml(text: str) -> list[dict]:
    """Questions of a Moodle XML file, checked against question/format/xml's rules: a `quiz` root;
    each question a known type with a name, text and numeric defaultgrade; choice fractions from
    Moodle's list; exactly one right answer where the type has one; an essay's grader information."""
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "quiz"
    out = []
    for question in root.findall("question"):
        kind = question.get("type")
        if kind == "category":
            assert question.findtext("category/text", "").startswith("$course$/")
            continue
        assert kind in {"multichoice", "multichoiceset", "truefalse", "shortanswer", "essay"}, kind
        item = {"type": kind, "name": question.findtext("name/text"), "text": question.findtext("questiontext/text"),
                "grade": float(question.findtext("defaultgrade")), "feedback": question.findtext("generalfeedback/text"),
                "answers": [(a.findtext("text"), float(a.get("fraction"))) for a in question.findall("answer")]}
        assert item["name"] and item["text"]
        for _, fraction in item["answers"]:
            assert round(abs(fraction), 5) in MOODLE_FRACTIONS, fraction
        right = [t for t, f in item["answers"] if f > 0]
        if kind == "multichoice":
            assert question.findtext("single") == "true" and len(right) == 1
        if kind == "multichoiceset":
            assert len(right) >= 2 and sum(f for _, f in item["answers"] if f > 0) == pytest.approx(100, abs=0.01)
        if kind == "truefalse":
            assert sorted(t for t, _ in item["answers"]) == ["false", "true"] and len(right) == 1
        if kind == "shortanswer":
            assert [f for _, f in item["answers"]] == [100]
        if kind == "essay":
            item["graderinfo"] = question.findtext("graderinfo/text")
            assert item["answers"] == [] and item["graderinfo"]
        item["right"] = right
        out.append(item)
    return out


def test_moodle_xml_keeps_points_answers_source_rule_and_the_graders_key_points(paper):
    questions = paper[0].questions
    parsed = read_moodle_xml(exported(paper, "moodle"))
    assert len(parsed) == len(questions)
    assert sum(p["grade"] for p in parsed) == pytest.approx(paper[0].total)
    kinds = {"single": "multichoice", "multiple": "multichoiceset", "judge": "truefalse", "fill": "shortanswer",
             "short": "essay"}
    for q, m in zip(questions, parsed):
        assert m["type"] == kinds[q.type] and m["grade"] == q.points
        assert q.source in m["feedback"]
        if q.type in ("single", "multiple"):
            assert sorted(m["right"]) == sorted(q.correct)
        if q.type == "multiple":
            assert RULE in m["feedback"]
        if q.type == "judge":
            assert m["right"] == ["true" if q.truth else "false"]
        if q.type == "fill":
            assert m["right"] == [q.correct[0]] and "＿" not in m["text"]
        if q.type == "short":
            for kp in q.key_points:
                assert kp.text in m["graderinfo"]
            assert f"{kp.text}（{kp.points:g}分）" in m["graderinfo"]


# -- 问卷星 JSONL, read by its documented format -----------------------------------------


WJX_EXAM_TYPES = {"考试单选", "考试多选", "考试判断", "考试单项填空", "考试多项填空", "考试简答"}
WJX_SURVEY_TYPES = {"单选", "多选", "矩阵单选", "矩阵量表", "单项填空", "简答题", "段落说明"}


def read_wjx(text: str, allowed: set[str]) -> tuple[dict, list[dict]]:
    """问卷星's JSONL (wjx-api-sdk json-to-survey.ts): the first line 问卷基础信息, then one question a
    line with a Chinese `qtype`; exam answers as option letters (判断: 对/错), points as a string."""
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    head, questions = lines[0], lines[1:]
    assert head["qtype"] == "问卷基础信息" and head["title"]
    for q in questions:
        assert isinstance(q["qtype"], str) and q["qtype"] in allowed | {"段落说明"}, q["qtype"]
        assert q["title"]
        if q["qtype"] in ("考试单选", "考试多选"):
            letters = [chr(ord("A") + i) for i in range(len(q["select"]))]
            assert q["correctselect"] and set(q["correctselect"]) <= set(letters)
            assert (len(q["correctselect"]) == 1) == (q["qtype"] == "考试单选")
        if q["qtype"] == "考试判断":
            assert q["select"] == ["对", "错"] and q["correctselect"] in (["对"], ["错"])
        if q["qtype"] in WJX_EXAM_TYPES:
            assert float(q["quizscore"]) > 0 and isinstance(q["quizscore"], str)
        if q["qtype"].startswith("矩阵"):
            assert q["rowtitle"] and q["select"]
    return head, [q for q in questions if q["qtype"] != "段落说明"]


def test_wjx_exam_keeps_types_answers_points_and_the_source(paper):
    questions = paper[0].questions
    head, parsed = read_wjx(exported(paper, "wjx"), WJX_EXAM_TYPES)
    assert head["atype"] == 6
    assert len(parsed) == len(questions)
    assert sum(float(p["quizscore"]) for p in parsed) == pytest.approx(paper[0].total)
    kinds = {"single": "考试单选", "multiple": "考试多选", "judge": "考试判断", "fill": "考试单项填空", "short": "考试简答"}
    for q, w in zip(questions, parsed):
        assert w["qtype"] == kinds[q.type] and float(w["quizscore"]) == q.points
        assert q.source in w["answeranalysis"]
        if q.type in ("single", "multiple"):
            assert [w["select"][ord(c) - 65] for c in w["correctselect"]] == [o for o in q.options if o in q.correct]
        if q.type == "multiple":
            assert RULE in w["answeranalysis"]
        if q.type == "judge":
            assert w["correctselect"] == ["对" if q.truth else "错"]
        if q.type == "fill":
            assert w["correctselect"] == [q.correct[0]]
        if q.type == "short":
            assert all(kp.text in w["answeranalysis"] for kp in q.key_points)
    notes = [line for line in exported(paper, "wjx").splitlines() if "段落说明" in line]
    assert any("多选、少选、错选均不得分" in n for n in notes)


def test_the_key_states_the_same_multiple_choice_rule(paper, tmp_path):
    from docx import Document

    from docgen.writers.quiz_docx import write_key_docx

    key = write_key_docx(paper[0], tmp_path / "答案.docx", paper[1])
    assert any(RULE in p.text for p in Document(str(key)).paragraphs)


def test_the_evaluation_form_as_a_wjx_questionnaire():
    from docgen.writers.survey import plan_survey, survey_jsonl

    info = load_class(ROOT / "source" / "class.toml")
    plan = plan_survey(info, Templates())
    head, parsed = read_wjx(survey_jsonl(plan), WJX_SURVEY_TYPES)
    assert head["atype"] == 1 and head["title"] == plan.title and head["endpageinformation"] == plan.thanks
    grids = [q for q in parsed if q["qtype"] == "矩阵单选"]
    assert [(g["title"], g["rowtitle"]) for g in grids] == [(b.name, b.items) for b in plan.blocks]
    assert all(g["select"] == plan.scale for g in grids)
    assert [q["title"] for q in parsed if q["qtype"] == "简答题"] == plan.open_questions
    assert "□" not in head["introduction"]
    assert len(grids[1]["rowtitle"]) == len(info.schedule)


def test_quiz_and_survey_commands_write_the_exports(tmp_path):
    from click.testing import CliRunner

    from docgen.cli import cli

    runner = CliRunner()
    for fmt, suffix in (("moodle", ".moodle.xml"), ("wjx", ".wjx.jsonl"), ("gift", ".gift.txt")):
        out = tmp_path / f"卷{suffix}"
        result = runner.invoke(cli, ["quiz", str(SAMPLE), "--format", fmt, "-o", str(out), "--variants", "A,B"])
        assert result.exit_code == 0, result.output
        assert (tmp_path / f"卷-A{suffix}").exists() and (tmp_path / f"卷-B{suffix}").exists()
    out = tmp_path / "评估表.wjx.jsonl"
    result = runner.invoke(cli, ["survey", "--class", str(ROOT / "source" / "class.toml"), "--format", "wjx",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    read_wjx(out.read_text(encoding="utf-8"), WJX_SURVEY_TYPES)
