"""Parsing `--counts single=10,judge=5` and `--points …` (English or Chinese type names)."""

from __future__ import annotations

import math

from docgen.quiz.model import TYPES

MAX_VALUE = 1000
"""Largest count or points per question a paper can have (`1e400`, `nan` and `inf` are refused)."""

ALIASES = {
    "single": "single", "单选": "single", "单选题": "single", "单项选择题": "single",
    "multiple": "multiple", "多选": "multiple", "多选题": "multiple", "多项选择题": "multiple",
    "judge": "judge", "判断": "judge", "判断题": "judge",
    "fill": "fill", "填空": "fill", "填空题": "fill",
    "short": "short", "简答": "short", "简答题": "short",
}


def parse_type_values(text: str | None, what: str, integer: bool) -> dict[str, float]:
    """`single=10,judge=5` → {"single": 10, "judge": 5}; ValueError with a Chinese message otherwise."""
    out: dict[str, float] = {}
    if not text:
        return out
    for item in text.replace("，", ",").split(","):
        if not item.strip():
            continue
        name, sep, value = item.partition("=")
        kind = ALIASES.get(name.strip())
        if not sep or kind is None:
            raise ValueError(f"“{item.strip()}”看不懂：应写成 题型=数值，题型为 {'、'.join(TYPES)}（或 单选、多选、判断、填空、简答）")
        out[kind] = _number(value.strip(), item.strip(), what, integer)
    return out


def _number(value: str, item: str, what: str, integer: bool) -> float:
    try:
        number = int(value) if integer else float(value)
    except ValueError:
        raise ValueError(f"“{item}”中的{what}应为{'整数' if integer else '数字'}") from None
    if not math.isfinite(number) or number > MAX_VALUE:
        raise ValueError(f"“{item}”中的{what}应为不超过 {MAX_VALUE} 的数")
    if number < 0 or (not integer and number == 0):
        raise ValueError(f"“{item}”中的{what}不能{'为负数' if integer else '小于或等于 0'}")
    return int(number) if float(number).is_integer() else number
