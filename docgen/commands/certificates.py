"""`docgen certificates`: 结业证书."""

from __future__ import annotations

import click

from docgen.commands.common import (class_option, default_output, done, load_class_and_templates, output_option,
                                    templates_option)
from docgen.roster.options import load_roster, roster_option, sort_options


@click.command("certificates")
@roster_option
@class_option
@sort_options
@click.option("--split", is_flag=True, help="每人一个文件，写入 -o 指定的文件夹（默认 output/结业证书/）。")
@templates_option
@output_option("output/结业证书.docx")
def command(roster_file, class_file, sort, full_name_strokes, split, templates_dir, output):
    """生成结业证书（Word，每人一页）：姓名、培训班、日期、主办单位、证书编号。

    措辞在模板 certificates/certificate.docx 中，可用 Word/WPS 修改（保留 {{ c.name }} 等字段）。
    证书编号为 class.toml 的“证书编号前缀”加序号，如 2026-工干-001。

    \b
    示例：
        docgen certificates --class source/class.toml --sort strokes
        docgen certificates --class source/class.toml --split -o output/证书
    """
    from docgen.writers.certificates import write_certificates

    info, templates = load_class_and_templates(class_file, templates_dir)
    roster = load_roster(roster_file, info)
    out = output or default_output("结业证书" if split else "结业证书.docx")
    done(write_certificates(roster, out, info, templates, sort=sort, full_name_strokes=full_name_strokes,
                            split=split))
