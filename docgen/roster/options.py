"""Click options the roster commands (signin, cards, certificates) share; click and stdlib only at import."""

from __future__ import annotations

from pathlib import Path

import click

SORT_CHOICES = ("none", "pinyin", "strokes", "unit")


def roster_option(f):
    return click.option(
        "--roster", "roster_file", type=click.Path(path_type=Path),
        help="学员名单：.xlsx、.csv（UTF-8 或 GBK）或每行一个姓名的 .txt；默认用 class.toml 中的名单。",
    )(f)


def sort_options(f):
    f = click.option("--full-name-strokes", is_flag=True,
                     help="按姓名笔画排序（单名不视为“姓＋空格＋名”）；默认按姓氏笔画。")(f)
    return click.option(
        "--sort", type=click.Choice(SORT_CHOICES), default="none", show_default=True,
        help="排序：none 名单原顺序，pinyin 拼音，strokes 姓氏笔画，unit 按单位分组。",
    )(f)


def load_roster(roster_file: Path | None, info, required: bool = True):
    """The roster from --roster, else the class's; None when there is none and none is required."""
    from docgen.errors import InputError
    from docgen.roster import read_roster

    path = roster_file or info.roster
    if path is None:
        if required:
            raise InputError("没有学员名单：请用 --roster 指定名单文件，或用 --class 指定含名单的 class.toml")
        return None
    return read_roster(path)


def split_sessions(text: str | None) -> list[str] | None:
    """`11月26日上午,11月26日下午` (commas, 、 or ；) → the labels, or None when not given."""
    if text is None:
        return None
    for sep in "，、；;":
        text = text.replace(sep, ",")
    return [s.strip() for s in text.split(",") if s.strip()]
