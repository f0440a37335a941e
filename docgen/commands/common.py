"""Options and helpers shared by the commands."""

from __future__ import annotations

from pathlib import Path

import click


def class_option(f):
    return click.option(
        "--class", "class_file", type=click.Path(path_type=Path),
        help="班级配置文件 class.toml（培训班名称、主办单位、日期、地点、日程）。",
    )(f)


def templates_option(f):
    return click.option(
        "--templates", "templates_dir", type=click.Path(path_type=Path),
        help="模板目录：其中的文件优先于班级 templates/ 和内置模板。",
    )(f)


def output_option(default_hint: str):
    return click.option("-o", "--output", type=click.Path(path_type=Path), help=f"输出文件（默认 {default_hint}）。")


def speech_argument(f):
    return click.argument("speech", type=click.Path(path_type=Path))(f)


def encoding_option(f):
    return click.option("--encoding", help="强制指定文本编码（如 gbk、utf-8）；默认自动识别。")(f)


def load_class_and_templates(class_file: Path | None, templates_dir: Path | None):
    """The ClassInfo (from class.toml, or a default) and the template search path of this run."""
    from docgen.config import ClassInfo, load_class
    from docgen.resources import Templates

    info = load_class(class_file) if class_file else ClassInfo()
    return info, Templates(templates_dir, info.folder)


def default_output(name: str) -> Path:
    """`output/NAME` under the current directory."""
    return Path("output") / name


def done(path: Path) -> None:
    """Tell the user where the file went."""
    click.echo(f"已生成：{path}")
