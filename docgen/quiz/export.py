"""The paper as JSON and as Moodle GIFT text."""

from __future__ import annotations

import json
import re

from docgen.quiz.choice import CHOICE_BLANK
from docgen.quiz.model import Paper, Question
from docgen.quiz.text import FILL_BLANK_RE

GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")



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


def to_gift(paper: Paper, names: dict[str, str]) -> str:
    """Every question as GIFT, one blank line apart; `names` maps type → category name."""
    blocks = []
    numbers: dict[str, int] = {}
    for q in paper.questions:
        numbers[q.type] = numbers.get(q.type, 0) + 1
        title = gift_escape(f"{names.get(q.type, q.type)}{numbers[q.type]}")
        blocks.append(f"// {gift_escape(q.source[:60])}\n::{title}::{_gift_body(q)}")
    return "\n\n".join(blocks) + "\n"


def _gift_body(q: Question) -> str:
    if q.type == "single":
        answers = " ".join(("=" if o in q.correct else "~") + gift_escape(o) for o in q.options)
        return _missing_word(q.stem, CHOICE_BLANK, answers)
    if q.type == "multiple":
        return _missing_word(q.stem, CHOICE_BLANK, _multi_answers(q))
    if q.type == "judge":
        return f"{gift_escape(q.stem)} {{{'TRUE' if q.truth else 'FALSE'}}}"
    if q.type == "fill":
        return _missing_word(q.stem, FILL_BLANK_RE, "=" + gift_escape(q.correct[0]))
    return f"{gift_escape(q.stem)} {{}}"


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

