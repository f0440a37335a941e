"""Render a planned paper as two Word files: the 测试卷 and its 参考答案及评分标准."""

from __future__ import annotations

from pathlib import Path

from docgen.errors import TemplateError
from docgen.quiz.choice import CHOICE_BLANK
from docgen.quiz.model import LETTERS, Paper, Question
from docgen.analysis.numerals import int_to_cn
from docgen.quiz.text import fmt_points
from docgen.writers import quiz_layout as ql

CHARS_PER_LINE = 34
"""12 pt characters on a 156 mm line, less the two-character question indent."""
OPTION_INDENT_CHARS = 2
TWIPS_PER_CHAR = 240
ANSWER_LINE_PT = 26
LINES_PER_POINT = 2 / 3
"""Answer lines a short answer gets for each of its points (15 points: 10 lines)."""
UNEVEN = "（共{total}分，各题分值见题后）"
"""A group's instruction when its questions have different points and the template says nothing."""
PRINTED_BLANK = "（）"
"""`（　　）` as printed: the brackets alone, the room between them letter-spacing on `（`. A line
may break at any space, joiner or no-break space (LibreOffice does), never between `（` and `）`."""
BLANK_GAP_TWIPS = 480
"""Two characters of room to write the letter or the mark in."""


def write_paper_docx(paper: Paper, out: Path, wording: dict) -> Path:
    doc = ql.new_page_document()
    doc.core_properties.title = paper_title(paper, wording)
    w = wording["paper"]
    ql.add_page_footer(doc.sections[0], *w["footer"])
    ql.add_paragraph(doc, paper_title(paper, wording), ql.TITLE, "center", space_after=6)
    _topic_line(doc, w)
    fields = "　".join(f"{name}：{'＿' * width}" for name, width in zip(w["fields"], (12, 6, 5)))
    ql.add_paragraph(doc, fields, ql.BODY, "center", space_after=4)
    note = w["short_total"] if paper.short_of_target else w["total"]
    ql.add_paragraph(doc, _format(note, "paper.total", total=fmt_points(paper.total)), ql.BODY, "center",
                     space_after=8)
    _score_table(doc, paper, w["score_table"])
    for n, (kind, questions) in enumerate(paper.groups(), start=1):
        _group_heading(doc, n, kind, questions, wording["types"][kind], "instruction")
        for i, q in enumerate(questions, start=1):
            _paper_question(doc, i, q, _uneven(questions), int(w.get("answer_lines", 6)))
    ql.save(doc, out)
    return out


def write_key_docx(paper: Paper, out: Path, wording: dict) -> Path:
    doc = ql.new_page_document()
    k = wording["key"]
    doc.core_properties.title = f"{paper_title(paper, wording)} {k['title']}"
    ql.add_page_footer(doc.sections[0], *wording["paper"]["footer"])
    ql.add_paragraph(doc, k["subtitle"], ql.HEADING, "center", space_after=4)
    ql.add_paragraph(doc, k["title"], ql.TITLE, "center", space_after=10)
    _topic_line(doc, wording["paper"])
    for n, (kind, questions) in enumerate(paper.groups(), start=1):
        names = {"name": wording["types"][kind]["name"], **k}
        _group_heading(doc, n, kind, questions, names, "instruction")
        ql.add_paragraph(doc, f"{k['notes']}：{k['scoring'][kind]}", ql.NOTE, left_chars=2, space_after=3)
        for i, q in enumerate(questions, start=1):
            _key_question(doc, i, q, k)
    ql.save(doc, out)
    return out


def _format(pattern: str, name: str, **values) -> str:
    try:
        return pattern.format(**values)
    except (KeyError, IndexError, ValueError) as e:
        raise TemplateError(f"模板 quiz/wording.toml 的 {name} 含未知占位符 {e}") from None


def _topic_line(doc, paper_wording: dict) -> None:
    """The speech the paper is about, under the title (templates older than `topic` have none)."""
    if paper_wording.get("topic"):
        ql.add_paragraph(doc, paper_wording["topic"], ql.HEADING, "center", space_after=6)


def paper_title(paper: Paper, wording: dict) -> str:
    return wording["paper"]["title"] + wording["paper"]["variant"]


def _uneven(questions: list[Question]) -> bool:
    return len({q.points for q in questions}) > 1


def _score_table(doc, paper: Paper, labels: list[str]) -> None:
    head, total, score, marker = labels
    parts = [int_to_cn(n) for n in range(1, len(paper.groups()) + 1)]
    rows = [[head, *parts, total], [score] + [""] * (len(parts) + 1), [marker] + [""] * (len(parts) + 1)]
    widths = [1300] + [1000] * (len(parts) + 1)
    ql.add_grid_table(doc, rows, widths, ql.BODY, header_rows=1, row_height_mm=8)
    ql.add_paragraph(doc, "", space_after=4)


def group_instruction(questions: list[Question], words: dict, key: str = "instruction") -> str:
    """A question type's instruction (`（每小题2分，共20分。…）`) from its wording."""
    total = fmt_points(sum(q.points for q in questions))
    pattern = words.get(key + "_uneven", UNEVEN) if _uneven(questions) else words[key]
    try:
        return pattern.format(points=fmt_points(questions[0].points), total=total, count=len(questions))
    except (KeyError, IndexError, ValueError) as e:
        raise TemplateError(f"模板 quiz/wording.toml 中“{words['name']}”的说明含未知占位符 {e}") from None


def _group_heading(doc, n: int, kind: str, questions: list[Question], words: dict, key: str) -> None:
    instruction = group_instruction(questions, words, key)
    p = ql.add_paragraph(doc, f"{int_to_cn(n)}、{words['name']}", ql.HEADING, space_before=10, space_after=4,
                         keep_next=True)
    ql.add_run(p, instruction, ql.Font(ql.BODY_FONT, ql.BODY.size))


def _paper_question(doc, i: int, q: Question, uneven: bool, answer_lines: int) -> None:
    stem = q.stem
    if q.type == "judge" or (q.type in ("single", "multiple") and CHOICE_BLANK not in stem):
        stem += CHOICE_BLANK
    if uneven:
        stem += f"（{fmt_points(q.points)}分）"
    short = q.type == "short" and answer_lines > 0
    p = ql.add_paragraph(doc, f"{i}．", align="both", hanging_chars=2, space_before=3, line_pt=20,
                         keep_next=bool(q.options) or short)
    for n, piece in enumerate(stem.split(CHOICE_BLANK)):
        if n:
            ql.add_spaced_run(p, PRINTED_BLANK[0], BLANK_GAP_TWIPS)
            piece = PRINTED_BLANK[1] + piece
        ql.add_run(p, piece)
    if q.options:
        _options(doc, q.options)
    if short:
        ql.add_answer_lines(doc, answer_line_count(q, answer_lines), ANSWER_LINE_PT)


def answer_line_count(q: Question, at_least: int) -> int:
    """The lines a short answer gets: as its points warrant, never fewer than the template's."""
    return max(at_least, round(q.points * LINES_PER_POINT))


def _options(doc, options: list[str]) -> None:
    """A–D aligned on tab stops: four, two or one per line, by the longest option."""
    labelled = [f"{LETTERS[j]}．{o}" for j, o in enumerate(options)]
    longest = max(_width(t) for t in labelled)
    per_line = 4 if longest <= CHARS_PER_LINE / 4 - 1 else 2 if longest <= CHARS_PER_LINE / 2 - 1 else 1
    column = CHARS_PER_LINE * TWIPS_PER_CHAR // per_line
    for start in range(0, len(labelled), per_line):
        chunk = labelled[start:start + per_line]
        p = ql.add_paragraph(doc, "\t".join(chunk), left_chars=OPTION_INDENT_CHARS, line_pt=20,
                             hanging_chars=0 if per_line > 1 else 1.5,
                             keep_next=start + per_line < len(labelled))
        indent = OPTION_INDENT_CHARS * TWIPS_PER_CHAR
        ql.add_tab_stops(p, [indent + column * k for k in range(1, per_line)])


def _width(text: str) -> float:
    """Width in em: ASCII half, everything else one."""
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


def _key_question(doc, i: int, q: Question, k: dict) -> None:
    answer = q.answer_text()
    if q.type in ("single", "multiple"):
        answer += "　" + "；".join(o for o in q.options if o in q.correct)
    if q.type == "judge" and q.change is not None:
        answer += f"（{k['original']}：“{q.statement}”）"
    points = f"（{fmt_points(q.points)}分）" if q.type == "short" else ""
    text = f"{i}．{points}{k['key_points']}：" if q.type == "short" else f"{i}．{k['answer']}：{answer}"
    ql.add_paragraph(doc, text, align="both", hanging_chars=2, space_before=4, line_pt=20, keep_next=True)
    for j, kp in enumerate(q.key_points, start=1):
        ql.add_paragraph(doc, f"（{j}）{kp.text}（{fmt_points(kp.points)}分）", align="both",
                         left_chars=2, hanging_chars=2, line_pt=20)
    where = source_label(q, k)
    shown = q.source in (q.stem, q.statement) or any(kp.text == q.source for kp in q.key_points)
    quote = "" if shown or not q.source else f"“{q.source}”"  # never the same sentence twice
    if where or quote:
        ql.add_paragraph(doc, f"{k['source']}：{'　'.join(t for t in (where, quote) if t)}",
                         ql.Font(ql.NOTE_FONT, 10.5), align="both", left_chars=2, line_pt=18)


def source_label(q: Question, k: dict) -> str:
    """`第三部分（…）`, `第三部分第二点（…）`, `第一部分第一点第二小点（…）`, `开头部分`, or empty for a
    speech without sections."""
    if not q.section:
        return q.section_title
    where = k["part"].format(number=int_to_cn(q.section[0]))
    labels = [k["point"], *[k.get("subpoint", k["point"])] * max(0, len(q.section) - 2)]
    where += "".join(label.format(number=int_to_cn(n)) for label, n in zip(labels, q.section[1:]))
    return f"{where}（{q.section_title}）" if q.section_title else where


def key_path(paper_path: Path) -> Path:
    """`测试卷.docx` → `测试卷-答案.docx`."""
    return paper_path.with_name(f"{paper_path.stem}-答案{paper_path.suffix}")
