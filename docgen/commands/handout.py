"""`docgen handout`: the GB/T 9704 讲义 of one speech."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.commands.common import (
    class_option, default_output, done, encoding_option, load_class_and_templates, output_option,
    speech_argument, templates_option,
)


@click.command("handout")
@speech_argument
@output_option("output/<标题>-讲义.docx")
@class_option
@click.option("--plain", is_flag=True, help="只排讲话原文（公文版式），不加学习要点、思考题等。")
@click.option("--compact", is_flag=True, help="紧凑版：小四号宋体、1.5 倍行距，适合长篇报告。")
@click.option("--glossary", "glossary", type=click.Path(path_type=Path),
              help="培训者自己的名词解释文件（每行“术语：解释”），排在讲义的名词解释最前；"
                   "不给时使用讲话稿所在目录中的“名词解释.txt”（如有）。")
@templates_option
@encoding_option
def command(speech, output, class_file, plain, compact, glossary, templates_dir, encoding):
    """把讲话稿 SPEECH 排成学习讲义（Word，GB/T 9704 公文版式）。

    完整讲义包括：培训班名称和日期、学习要点框、逐字排印的讲话原文（重要提法加粗）、每部分后的要点和思考题、名词解释和学习笔记页。

    版式：A4，3号仿宋，每页 22 行、每行 28 字，页码“— 1 —”单页居右、双页居左。

    \b
    示例：
        docgen handout source/speech.txt
        docgen handout source/speech.txt --class source/class.toml -o output/讲义.docx
        docgen handout 报告.docx --compact
        docgen handout source/speech.txt --glossary source/名词解释.txt
    """
    if plain and compact:
        raise click.UsageError("--plain 和 --compact 只能选一个")
    from docgen.analysis.frontmatter import speech_title
    from docgen.fsutil import safe_filename
    from docgen.readers import read_speech
    from docgen.writers.handout import write_handout

    info, templates = load_class_and_templates(class_file, templates_dir)
    parsed = read_speech(speech, encoding=encoding)
    out = output or default_output(f"{safe_filename(speech_title(parsed, info))}-讲义.docx")
    mode = "plain" if plain else "compact" if compact else "full"
    done(write_handout(parsed, out, info, templates, mode, glossary=glossary))
