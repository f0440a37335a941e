"""`docgen survey`: the class's 培训效果评估表."""

from __future__ import annotations

import click

from docgen.commands.common import class_option, default_output, done, load_class_and_templates, output_option, templates_option


@click.command("survey")
@class_option
@output_option("output/<培训班名称>-评估表.docx，wjx 格式为 .wjx.jsonl")
@click.option("--format", "fmt", type=click.Choice(["docx", "wjx"]), default="docx", show_default=True,
              help="docx：Word 评估表；wjx：问卷星问卷（JSONL，每类一个矩阵单选题，开放问题为简答题）。")
@templates_option
def command(class_file, output, fmt, templates_dir):
    """生成培训效果评估表（Word，不记名）。

    评价等级为 很满意/满意/基本满意/不满意，在“□”内打“√”。评估项目包括培训内容
    （针对性、实用性）、日程中每一次课及授课人、组织管理、后勤保障和总体评价，最后是
    开放式问题。项目和措辞来自模板 survey/survey.toml，可用 docgen templates 导出后修改。

    \b
    示例：
        docgen survey --class source/class.toml
        docgen survey --class source/class.toml -o output/评估表.docx
        docgen survey --class source/class.toml --format wjx     # 导入问卷星
    """
    from docgen.fsutil import safe_filename
    from docgen.writers.survey import write_survey, write_survey_jsonl

    info, templates = load_class_and_templates(class_file, templates_dir)
    suffix = ".wjx.jsonl" if fmt == "wjx" else ".docx"
    target = output or default_output(f"{safe_filename(info.name)}-评估表{suffix}")
    done((write_survey_jsonl if fmt == "wjx" else write_survey)(target, info, templates))
