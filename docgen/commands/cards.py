"""`docgen cards`: 桌签 (table name cards)."""

from __future__ import annotations

import click

from docgen.commands.common import (class_option, default_output, done, load_class_and_templates, output_option,
                                    templates_option)
from docgen.roster.options import load_roster, roster_option, sort_options


@click.command("cards")
@roster_option
@class_option
@sort_options
@templates_option
@output_option("output/桌签.pptx")
def command(roster_file, class_file, sort, full_name_strokes, templates_dir, output):
    """生成桌签（PPT，A4 横向，每人一页）：沿中线对折，两面都是正的姓名，可印单位。

    \b
    示例：
        docgen cards --class source/class.toml --sort strokes -o output/桌签.pptx
    """
    from docgen.writers.cards import write_cards

    info, templates = load_class_and_templates(class_file, templates_dir)
    roster = load_roster(roster_file, info)
    out = write_cards(roster, output or default_output("桌签.pptx"), info, templates, sort=sort,
                      full_name_strokes=full_name_strokes)
    done(out)
