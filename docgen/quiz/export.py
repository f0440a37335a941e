"""The paper as JSON, and the exports `docgen quiz --format` offers (`EXPORTS`): Moodle GIFT, Moodle XML
and a 问卷星 exam (JSONL).

What each keeps (README, "导入 Moodle 和问卷星"): Moodle XML and 问卷星 carry the points, the answers, the
出处 as feedback, the 简答 reference answer and key points, and the paper's 多选 rule (全部选对得分，
多选、少选、错选均不得分). GIFT has no per-question points, no grader information, and its option
weights give partial credit, so it carries answers and the 出处 only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from docgen.quiz.choice import CHOICE_BLANK
from docgen.quiz.model import Paper, Question
from docgen.quiz.text import FILL_BLANK_RE, fmt_points

GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


@dataclass(frozen=True)
class Export:
    suffix: str
    write: Callable[[Paper, dict], str]
    """(paper, wording of quiz/wording.toml) → the file's text."""
    help: str


def _gift(paper: Paper, wording: dict) -> str:
    return to_gift(paper, type_names(wording), feedback=[feedback(q, wording) for q in paper.questions])


EXPORTS: dict[str, Export] = {}
"""`docgen quiz --format` choices beyond docx and json; the quiz command and writer read this table."""


def type_names(wording: dict) -> dict[str, str]:
    return {t: w["name"] for t, w in wording["types"].items()}


def feedback(q: Question, wording: dict) -> str:
    """What a platform shows after the exam: the 出处 as the key prints it, and the scoring rule."""
    from docgen.writers.quiz_docx import source_label

    k = wording["key"]
    where = source_label(q, k)
    text = f"{k['source']}：{where + '　' if where else ''}“{q.source}”"
    rule = k.get("scoring", {}).get(q.type)
    return f"{text}　{k['notes']}：{rule}" if rule else text


def reference_answer(q: Question, wording: dict) -> str:
    """A 简答's key points with their points, as the key lists them."""
    points = [f"（{j}）{kp.text}（{fmt_points(kp.points)}分）" for j, kp in enumerate(q.key_points, start=1)]
    return f"{wording['key']['key_points']}：" + "".join(points)



def to_json(papers: list[Paper]) -> str:
    """One paper → `{"questions": […]}`; several variants → `{"variants": [{"variant", "questions"}…]}`."""
    if len(papers) == 1:
        data = {"title": papers[0].title, "questions": [question_dict(q) for q in papers[0].questions]}
    else:
        data = {"variants": [{"variant": p.variant, "title": p.title,
                              "questions": [question_dict(q) for q in p.questions]} for p in papers]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def question_dict(q: Question) -> dict:
    d = {"type": q.type, "stem": q.stem, "options": list(q.options), "answer": _answer(q),
         "source": q.source, "section": q.section[0] if q.section else 0, "points": _number(q.points)}
    d["section_path"] = list(q.section)
    if q.type == "short":
        d["key_points"] = [{"text": k.text, "points": _number(k.points)} for k in q.key_points]
    if q.change is not None:
        d["change"] = {"kind": q.change.kind, "from": q.change.before, "to": q.change.after}
    return d


def _answer(q: Question):
    if q.type == "single":
        return q.answer_letters()
    if q.type == "multiple":
        return list(q.answer_letters())
    if q.type == "judge":
        return bool(q.truth)
    if q.type == "fill":
        return q.correct[0] if len(q.correct) == 1 else list(q.correct)
    return [k.text for k in q.key_points]


def _number(value: float):
    return int(value) if float(value).is_integer() else value


# -- GIFT -------------------------------------------------------------------


def gift_escape(text: str) -> str:
    """Backslash-escape GIFT's special characters `~ = # { } :` (and the backslash itself)."""
    return GIFT_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def to_gift(paper: Paper, names: dict[str, str], feedback: list[str] | None = None) -> str:
    """Every question as GIFT, one blank line apart; `names` maps type → category name; `feedback`
    (one per question) becomes the general feedback (`####`) Moodle shows after the attempt."""
    blocks = []
    for (title, q), note in zip(numbered(paper, names), feedback or [None] * len(paper.questions)):
        general = f"####{gift_escape(note)}" if note else ""
        blocks.append(f"// {gift_escape(q.source[:60])}\n::{gift_escape(title)}::{_gift_body(q, general)}")
    return "\n\n".join(blocks) + "\n"


def numbered(paper: Paper, names: dict[str, str]) -> list[tuple[str, Question]]:
    """(`单项选择题1`, question) for every question: its type's name and its number within the type."""
    numbers: dict[str, int] = {}
    out = []
    for q in paper.questions:
        numbers[q.type] = numbers.get(q.type, 0) + 1
        out.append((f"{names.get(q.type, q.type)}{numbers[q.type]}", q))
    return out


def _gift_body(q: Question, general: str = "") -> str:
    if q.type == "single":
        answers = " ".join(("=" if o in q.correct else "~") + gift_escape(o) for o in q.options)
        return _missing_word(q.stem, CHOICE_BLANK, answers + general)
    if q.type == "multiple":
        return _missing_word(q.stem, CHOICE_BLANK, _multi_answers(q) + general)
    if q.type == "judge":
        return f"{gift_escape(q.stem)} {{{'TRUE' if q.truth else 'FALSE'}{general}}}"
    if q.type == "fill":
        return _missing_word(q.stem, FILL_BLANK_RE, "=" + gift_escape(q.correct[0]) + general)
    return f"{gift_escape(q.stem)} {{{general}}}"


def _missing_word(stem: str, blank: str | re.Pattern, answers: str) -> str:
    """GIFT's missing-word form: the answer block stands where the blank was (Moodle draws the line)."""
    parts = blank.split(stem, maxsplit=1) if isinstance(blank, re.Pattern) else stem.split(blank, 1)
    if len(parts) == 2:
        return f"{gift_escape(parts[0])}{{{answers}}}{gift_escape(parts[1])}"
    return f"{gift_escape(stem)} {{{answers}}}"


def _multi_answers(q: Question) -> str:
    """Right options share +100 %, wrong ones −100 % (Moodle's multiple-answer form)."""
    right = [o for o in q.options if o in q.correct]
    wrong = [o for o in q.options if o not in q.correct]
    share = _weight(100 / len(right))
    parts = [f"~%{share}%{gift_escape(o)}" for o in right]
    parts += [f"~%-100%{gift_escape(o)}" for o in wrong]
    order = {o: i for i, o in enumerate(q.options)}
    both = sorted(zip(right + wrong, parts), key=lambda t: order[t[0]])
    return " ".join(p for _, p in both)


def _weight(value: float) -> str:
    """Moodle accepts only its own list of fractions; 100/3 → 33.33333."""
    return str(int(value)) if float(value).is_integer() else f"{value:.5f}".rstrip("0")



# -- Moodle XML ---------------------------------------------------------------------
# Moodle's question/format/xml: one <question type="…"> per question, after a category.


def to_moodle_xml(paper: Paper, wording: dict) -> str:
    """The paper as Moodle XML: points as defaultgrade, the 出处 and scoring rule as general feedback,
    the 简答 reference answer and key points as grader information, and 多选 all-or-nothing (Moodle's
    `multichoiceset` question type: only the exact set of right options scores)."""
    from lxml import etree

    quiz = etree.Element("quiz")
    category = etree.SubElement(quiz, "question", type="category")
    _text(etree.SubElement(category, "category"), f"$course$/top/{paper.title}")
    for title, q in numbered(paper, type_names(wording)):
        quiz.append(_moodle_question(title, q, wording))
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


MOODLE_TYPES = {"single": "multichoice", "multiple": "multichoiceset", "judge": "truefalse",
                "fill": "shortanswer", "short": "essay"}


def _moodle_question(title: str, q: Question, wording: dict):
    from lxml import etree

    question = etree.Element("question", type=MOODLE_TYPES[q.type])
    _text(etree.SubElement(question, "name"), title)
    _text(etree.SubElement(question, "questiontext", format="plain_text"), _stem(q))
    _text(etree.SubElement(question, "generalfeedback", format="plain_text"), feedback(q, wording))
    etree.SubElement(question, "defaultgrade").text = fmt_points(q.points)
    etree.SubElement(question, "penalty").text = "0"
    etree.SubElement(question, "hidden").text = "0"
    if q.type in ("single", "multiple"):
        if q.type == "single":
            etree.SubElement(question, "single").text = "true"
        etree.SubElement(question, "shuffleanswers").text = "false"
        etree.SubElement(question, "answernumbering").text = "ABCD"
        share = _weight(100 / len(q.correct))
        for option in q.options:
            _moodle_answer(question, option, share if option in q.correct else "0")
    elif q.type == "judge":
        _moodle_answer(question, "true", "100" if q.truth else "0")
        _moodle_answer(question, "false", "0" if q.truth else "100")
    elif q.type == "fill":
        etree.SubElement(question, "usecase").text = "0"
        _moodle_answer(question, q.correct[0], "100")
    else:
        for tag, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "10"),
                           ("attachments", "0"), ("attachmentsrequired", "0")):
            etree.SubElement(question, tag).text = value
        _text(etree.SubElement(question, "graderinfo", format="plain_text"),
              f"{reference_answer(q, wording)}　{wording['key']['notes']}：{wording['key']['scoring']['short']}")
        _text(etree.SubElement(question, "responsetemplate", format="plain_text"), "")
    return question


def _stem(q: Question) -> str:
    """The stem as Moodle shows it: a fill-in's blank as a line (Moodle adds the answer box below)."""
    return FILL_BLANK_RE.sub("______", q.stem) if q.type == "fill" else q.stem


def _moodle_answer(question, text: str, fraction: str) -> None:
    from lxml import etree

    answer = etree.SubElement(question, "answer", fraction=fraction, format="plain_text")
    _text(answer, text)
    _text(etree.SubElement(answer, "feedback", format="plain_text"), "")


def _text(parent, value: str) -> None:
    from lxml import etree

    etree.SubElement(parent, "text").text = value


# -- 问卷星 ---------------------------------------------------------------------------
# The JSONL of 问卷星's own tools (wjxcom/wjx-ai-kit: wjx-api-sdk/src/modules/survey/json-to-survey.ts,
# the exam skeleton of wjx-cli/src/commands/survey.ts): a 问卷基础信息 line, then one question a line.

WJX_TYPES = {"single": "考试单选", "multiple": "考试多选", "judge": "考试判断", "fill": "考试单项填空",
             "short": "考试简答"}
WJX_EXAM = 6
"""`atype` 6: 考试 (1 调查)."""


def wjx_jsonl(title: str, introduction: str, lines: list[dict], atype: int, end: str = "") -> str:
    head = {"qtype": "问卷基础信息", "title": title, "introduction": introduction, "atype": atype}
    if end:
        head["endpageinformation"] = end
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in [head, *lines])


def exam_jsonl(paper: Paper, wording: dict) -> str:
    """The paper as a 问卷星 exam: every question with its right answer (`correctselect`), points
    (`quizscore`) and the 出处 and scoring rule as `answeranalysis`; each type opens with a 段落说明
    giving its instruction as the paper prints it (the 多选 rule among them)."""
    from docgen.writers.quiz_docx import group_instruction

    lines: list[dict] = []
    for kind, questions in paper.groups():
        words = wording["types"][kind]
        lines.append({"qtype": "段落说明", "title": words["name"] + group_instruction(questions, words)})
        lines += [_wjx_question(q, wording) for q in questions]
    intro = f"共{len(paper.questions)}题，满分{fmt_points(paper.total)}分。"
    return wjx_jsonl(paper.title, intro, lines, WJX_EXAM)


def _wjx_question(q: Question, wording: dict) -> dict:
    line = {"qtype": WJX_TYPES[q.type], "title": q.stem}
    if q.type in ("single", "multiple"):
        line["select"] = list(q.options)
        line["correctselect"] = list(q.answer_letters())
    elif q.type == "judge":
        line["select"] = ["对", "错"]
        line["correctselect"] = ["对" if q.truth else "错"]
    elif q.type == "fill":
        line["correctselect"] = [q.correct[0]]
    line["quizscore"] = fmt_points(q.points)
    analysis = feedback(q, wording)
    if q.type == "short":
        analysis = f"{reference_answer(q, wording)}　{analysis}"
    line["answeranalysis"] = analysis
    return line


EXPORTS.update({
    "gift": Export(".gift.txt", _gift, "gift：Moodle GIFT（答案和出处；没有分值，多选按比例得分）"),
    "moodle": Export(".moodle.xml", to_moodle_xml, "moodle：Moodle XML（分值、出处、简答要点，多选全对才得分）"),
    "wjx": Export(".wjx.jsonl", exam_jsonl, "wjx：问卷星考试（JSONL，分值、答案、出处）"),
})
