"""`docgen signin`: the sign-in sheet (签到表)."""

from __future__ import annotations

import click

from docgen.commands.common import (class_option, default_output, done, load_class_and_templates, output_option,
                                    templates_option)
from docgen.roster.options import load_roster, roster_option, sort_options, split_sessions


@click.command("signin")
@roster_option
@class_option
@click.option("--sessions", help="签名列（逗号分隔），如 \"11月26日上午,11月26日下午\"；默认取 class.toml 的日程。")
@click.option("--blank", type=click.IntRange(0, 10000), default=5, show_default=True, help="表尾留给临时参会人员的空行数。")
@sort_options
@click.option("--by-unit", is_flag=True, help="按单位分表：每个单位一张签到表。")
@click.option("--full-phone", is_flag=True, help="印出完整的电话号码（默认中间四位显示为 ****，如 138****0001）。")
@click.option("--mask-phone", is_flag=True, hidden=True)  # the old switch, now the default; kept for old scripts
@templates_option
@output_option("output/签到表.docx")
def command(roster_file, class_file, sessions, blank, sort, full_name_strokes, by_unit, full_phone, mask_phone,
            templates_dir, output):
    """生成签到表（Word）：序号、姓名、单位、职务、联系电话，每次课一个签名列。

    没有名单时生成空白签到表。签到表摆在全班面前，电话号码默认只印前三位和后四位
    （138****0001），要印完整号码请加 --full-phone。

    \b
    示例：
        docgen signin --class source/class.toml --sort strokes -o output/签到表.docx
    """
    from docgen.writers.signin import write_signin

    info, templates = load_class_and_templates(class_file, templates_dir)
    roster = load_roster(roster_file, info, required=False)
    out = write_signin(roster, output or default_output("签到表.docx"), info, templates,
                       sessions=split_sessions(sessions), blank=blank, sort=sort, by_unit=by_unit,
                       mask_phone=not full_phone, full_name_strokes=full_name_strokes)
    done(out)
