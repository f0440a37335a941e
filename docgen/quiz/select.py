"""Which of the candidate questions make the paper: the best ones, spread over the speech's parts,
and what to say when the speech cannot fill a whole paper."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TypeVar

from docgen.quiz.model import TYPES, Question
from docgen.quiz.text import fmt_points

T = TypeVar("T")

TYPE_NAMES = {"single": "单项选择题", "multiple": "多项选择题", "judge": "判断题", "fill": "填空题", "short": "简答题"}
MIN_FALSE_SHARE = 0.3
"""At least this share of the judgements are false, so answering `√` throughout does not pay."""


def spread_over_parts(items: Sequence[T], path_of: Callable[[T], list[int]]) -> list[T]:
    """`items` reordered so the parts of the speech take turns (the first of each part, then the
    second of each…), keeping their order within a part."""
    by_part: dict[tuple, list[T]] = {}
    for item in items:
        by_part.setdefault(tuple(path_of(item)[:2]), []).append(item)
    ranked = [(rank, n, item) for n, group in enumerate(by_part.values()) for rank, item in enumerate(group)]
    return [item for _, _, item in sorted(ranked, key=lambda r: (r[0], r[1]))]


def choose(made: dict[str, list[Question]], counts: dict[str, int]) -> dict[str, list[Question]]:
    """The questions of the paper, per type: in the order they were made (best first), the parts
    taking turns; judgements with at least MIN_FALSE_SHARE false ones."""
    out = {}
    for kind in TYPES:
        pool = spread_over_parts(made.get(kind, []), lambda q: q.section)
        if kind == "judge":
            out[kind] = _judgements(pool, counts[kind])
        else:
            out[kind] = pool[:counts[kind]]
    return out


def _judgements(pool: list[Question], count: int) -> list[Question]:
    falses = [q for q in pool if q.truth is False][:math.ceil(count / 2)]
    room = math.floor(len(falses) * (1 - MIN_FALSE_SHARE) / MIN_FALSE_SHARE + 1e-9)
    trues = [q for q in pool if q.truth][:min(count - len(falses), room)]
    return [q for q in pool if q in falses or q in trues]


def honest_warning(chosen: dict[str, list[Question]], counts: dict[str, int], total: float,
                   target: float) -> str:
    """One line when the speech gives fewer questions than asked: what is short, and the paper's
    own total; empty when the paper is whole."""
    short = [f"{TYPE_NAMES[t]} {len(chosen[t])}/{counts[t]} 道" for t in TYPES if len(chosen[t]) < counts[t]]
    if not short:
        return ""
    total_note = (f"试卷按实有题目计分，共 {fmt_points(total)} 分（不足 {fmt_points(target)} 分）"
                  if total < target else f"试卷共 {fmt_points(total)} 分")
    return (f"讲话中符合出题规则的句子和提法不够，只出了{'、'.join(short)}；{total_note}，"
            "可用 --format md 生成题库后补题")
