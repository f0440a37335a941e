"""`docgen parse`: show or save the structure docgen reads from a speech."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.commands.common import encoding_option, speech_argument

FORMATS = ("tree", "json", "md")


@click.command(name="parse")
@speech_argument
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="tree", show_default=True,
              help="tree：提纲；json：结构化数据；md：可编辑的结构化 Markdown（改好后可作为任何命令的输入）。")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="写入文件（默认输出到屏幕）。")
@encoding_option
def command(speech: Path, fmt: str, output: Path | None, encoding: str | None) -> None:
    """解析讲话稿 SPEECH（.txt 任意编码 / .docx / .md）的结构：标题、称呼、开头、各要点、结尾。

    \b
    示例：
        docgen parse source/speech.txt
        docgen parse source/speech.txt --format md -o 讲话稿.md
        docgen parse 讲话.txt --format json --encoding gbk
    """
    from docgen.readers import read_speech

    parsed = read_speech(speech, encoding=encoding)
    text = render(parsed, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    from docgen.commands.common import done
    from docgen.fsutil import write_text_atomic

    write_text_atomic(output, text)
    done(output)


def render(speech, fmt: str) -> str:
    if fmt == "json":
        from docgen.writers.outline import speech_to_json

        return speech_to_json(speech)
    if fmt == "md":
        from docgen.writers.markdown import speech_to_markdown

        return speech_to_markdown(speech)
    from docgen.writers.outline import speech_to_tree

    return speech_to_tree(speech)
