"""`write_survey`: the 培训效果评估表 of a class (anonymous, □ rating grid, open questions)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docgen.config import ClassInfo
from docgen.errors import TemplateError
from docgen.resources import Templates

TEMPLATE = "survey/survey.toml"
TABLE_PT = 11
CELL_PAD_TWIPS = 2 * 108 + 40
"""Word's default left and right cell margins, and a little room for the glyphs' side bearings."""
MAX_ITEM_LINES = 2


@dataclass
class Block:
    name: str
    items: list[str]


@dataclass
class SurveyPlan:
    title: str
    info: str
    intro: str
    header: list[str]
    scale: list[str]
    box: str
    blocks: list[Block] = field(default_factory=list)
    open_heading: str = ""
    open_questions: list[str] = field(default_factory=list)
    box_height_mm: float = 30
    thanks: str = ""


def plan_survey(info: ClassInfo, templates: Templates) -> SurveyPlan:
    """The form as data: wording and items from `survey/survey.toml`, one row per scheduled lecture."""
    schedule = [{"title": s.title, "speaker": s.speaker, "label": s.label} for s in info.schedule]
    data = templates.render_toml(TEMPLATE, class_name=info.name, dates=info.dates_text, venue=info.venue,
                                 organiser=info.organiser, schedule=schedule)
    try:
        blocks = [Block(str(b["name"]), [str(i) for i in b["items"]]) for b in data["blocks"] if b.get("items")]
        opened = data.get("open", {})
        return SurveyPlan(
            title=data["title"], info=data.get("info", ""), intro=data.get("intro", ""),
            header=list(data["header"]), scale=list(data["scale"]), box=data.get("box", "□"), blocks=blocks,
            open_heading=opened.get("heading", ""), open_questions=list(opened.get("questions", [])),
            box_height_mm=float(opened.get("box_height_mm", 30)), thanks=opened.get("thanks", ""),
        )
    except (KeyError, TypeError, ValueError) as e:
        raise TemplateError(f"模板 {templates.which(TEMPLATE)} 缺少或写错了项目 {e}") from None


def write_survey(out: Path, info: ClassInfo, templates: Templates) -> Path:
    plan = plan_survey(info, templates)
    render_survey(plan, Path(out))
    return Path(out)


def render_survey(plan: SurveyPlan, out: Path) -> None:
    from docgen.writers import quiz_layout as ql

    doc = ql.new_page_document()
    doc.core_properties.title = plan.title
    ql.add_paragraph(doc, plan.title, ql.TITLE, "center", space_after=4)
    if plan.info:
        ql.add_paragraph(doc, plan.info, ql.BODY, "center", space_after=4)
    if plan.intro:
        ql.add_paragraph(doc, plan.intro, ql.BODY, "both", line_pt=20, space_after=6, first_chars=2)
    _rating_table(doc, plan, ql)
    if plan.open_questions:
        ql.add_paragraph(doc, plan.open_heading, ql.HEADING, space_before=10, space_after=4, keep_next=True)
        # Each question heads its own writing box: a table row that never splits across pages.
        rows = [[f"{n}．{q}"] for n, q in enumerate(plan.open_questions, start=1)]
        ql.add_grid_table(doc, rows, [ql.TEXT_WIDTH_TWIPS], header_rows=0,
                                  row_height_mm=plan.box_height_mm, center=False)
    if plan.thanks:
        ql.add_paragraph(doc, plan.thanks, ql.NOTE, "right", space_before=4)
    ql.save(doc, out)


def column_widths(plan: SurveyPlan, line_twips: int) -> tuple[list[int], list[str]]:
    """Twips of 类别 | 评估项目 | each scale column, and the scale labels as the header prints them.

    类别 and the scale columns are as wide as their longest label; the items take the rest. When an
    item would then need more than two lines, the longest scale labels go on two lines ("基本\n满意")
    and their columns narrow to the next longest label."""
    block = _text_twips(max([plan.header[0], *(b.name for b in plan.blocks)], key=len))
    items = [i for b in plan.blocks for i in b.items]
    labels = list(plan.scale)
    for split in (False, True):
        labels = [_halved(s) if split and len(s) == max(map(len, plan.scale)) else s for s in plan.scale]
        scale = max(_text_twips(line) for s in labels for line in s.split("\n"))
        item = line_twips - block - scale * len(labels)
        if all(_lines(i, item - CELL_PAD_TWIPS) <= MAX_ITEM_LINES for i in items):
            break
    return [block, item] + [scale] * len(labels), labels


def _halved(label: str) -> str:
    half = (len(label) + 1) // 2
    return label[:half] + "\n" + label[half:]


def _text_twips(text: str) -> int:
    from docgen.writers.signin_plan import char_width_mm

    mm = sum(char_width_mm(ch, TABLE_PT) for ch in text)
    return round(mm * 1440 / 25.4) + CELL_PAD_TWIPS


def _lines(text: str, inner_twips: int) -> int:
    from docgen.writers.signin_plan import count_lines

    return count_lines(text, inner_twips * 25.4 / 1440, TABLE_PT)


def _rating_table(doc, plan: SurveyPlan, ql) -> None:
    """类别 | 评估项目 | one □ column per scale level; each block's name cell merged down its rows."""
    widths, labels = column_widths(plan, ql.TEXT_WIDTH_TWIPS)
    rows = [plan.header + labels]
    merges = []
    for block in plan.blocks:
        merges.append((len(rows), len(rows) + len(block.items) - 1, 0))
        rows += [[block.name if i == 0 else "", item] + [plan.box] * len(plan.scale)
                 for i, item in enumerate(block.items)]
    ql.add_grid_table(doc, rows, widths, ql.Font(ql.BODY_FONT, TABLE_PT), header_rows=1, row_height_mm=7,
                      merges=merges, merged_font=ql.Font(ql.HEAD_FONT, TABLE_PT), left_columns=(1,))


WJX_SURVEY = 1
"""问卷星 `atype` 1: 调查."""


def survey_jsonl(plan: SurveyPlan) -> str:
    """The form as a 问卷星 questionnaire (JSONL of 问卷星's own tools): one 矩阵单选 rating grid per
    block (rows the items, columns the scale), the open questions as 简答题, the thanks as the end page.
    The intro's sentences about ticking the box on paper are left out."""
    from docgen.quiz.export import wjx_jsonl

    intro = "".join(s for s in re.findall(r"[^。！？]+[。！？]?", plan.intro) if plan.box not in s)
    lines = [{"qtype": "矩阵单选", "title": b.name, "rowtitle": list(b.items), "select": list(plan.scale)}
             for b in plan.blocks]
    if plan.open_questions and plan.open_heading:
        lines.append({"qtype": "段落说明", "title": plan.open_heading})
    lines += [{"qtype": "简答题", "title": q} for q in plan.open_questions]
    return wjx_jsonl(plan.title, "\n".join(t for t in (plan.info, intro) if t), lines, WJX_SURVEY, plan.thanks)


def write_survey_jsonl(out: Path, info: ClassInfo, templates: Templates) -> Path:
    from docgen.fsutil import write_text_atomic

    write_text_atomic(Path(out), survey_jsonl(plan_survey(info, templates)))
    return Path(out)
