"""`docgen slides`: a 16:9 deck of one speech, verbatim text in the speaker notes."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.commands.common import (
    class_option, default_output, done, encoding_option, load_class_and_templates, output_option,
    templates_option,
)


@click.command("slides")
@click.argument("speech", type=click.Path(path_type=Path), required=False)
@output_option("output/<标题>-课件.pptx")
@class_option
@click.option("--template", "reference", type=click.Path(path_type=Path),
              help="自己的 PowerPoint 模板（.pptx 或 .potx），按名称使用其中的版式。")
@templates_option
@click.option("--export-template", type=click.Path(path_type=Path),
              help="把内置的 16:9 课件模板写到此文件以便修改，然后退出。")
@encoding_option
def command(speech, output, class_file, reference, templates_dir, export_template, encoding):
    """把讲话稿 SPEECH（.txt、.docx 或 .md）做成 16:9 课件。

    封面、目录、每个要点的过渡页和内容页（3–6 条要点，取自原文的关键句），结束页；
    讲话原文逐字放在备注中。文字按框测量，放不下就分到“（续）”页，不会溢出。
    --template 使用自己的模板：按名称查找 Title Slide、Section Header、Title and Content 版式，
    缺少的用内置版式代替并给出警告；模板中原有的幻灯片会被去掉。

    \b
    示例：
        docgen slides source/speech.txt
        docgen slides source/speech.txt --class source/class.toml -o output/课件.pptx
        docgen slides 报告.docx --template 单位模板.potx
        docgen slides --export-template 课件模板.pptx
    """
    from docgen.errors import InputError

    _, templates = load_class_and_templates(None, templates_dir)
    if export_template:
        done(_export(templates, export_template))
        return
    if speech is None:
        raise InputError("请给出讲话稿文件，例如：docgen slides source/speech.txt")
    from docgen.fsutil import safe_filename
    from docgen.readers import read_speech
    from docgen.writers.slides import deck_title, write_deck

    info, templates = load_class_and_templates(class_file, templates_dir)
    if reference is not None:
        _check_reference(reference)
    parsed = read_speech(speech, encoding=encoding)
    out = output or default_output(f"{safe_filename(deck_title(parsed, info))}-课件.pptx")
    done(write_deck(parsed, out, info, templates, reference))


def _check_reference(path: Path) -> None:
    from docgen.errors import TemplateError

    if not path.is_file():
        raise TemplateError(f"{path}：找不到模板文件，请检查路径")
    if path.suffix.lower() not in (".pptx", ".potx"):
        raise TemplateError(f"{path}：模板应为 .pptx 或 .potx 文件")


def _export(templates, target: Path) -> Path:
    from docgen.fsutil import atomic_path
    from docgen.writers.slides import REFERENCE

    data = templates.read_bytes(REFERENCE)
    if target.suffix.lower() == ".potx":
        from docgen.writers.pptx_reference import as_template

        data = as_template(data, templates.which(REFERENCE))
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return target
