"""`docgen quiz`: a test paper and its answer key, made from the speech itself."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.quiz.export import EXPORTS
from docgen.commands.common import (
    class_option, default_output, done, encoding_option, load_class_and_templates, output_option,
    speech_argument, templates_option,
)


@click.command("quiz")
@speech_argument
@output_option("output/<标题>-测试卷.docx；json 格式不给 -o 时输出到屏幕")
@class_option
@click.option("--seed", type=int, default=0, show_default=True, help="随机种子：同一种子生成同一份试卷。")
@click.option("--counts", metavar="题型=题数,…",
              help="各题型题数，默认 single=10,multiple=5,judge=10,fill=10,short=2。")
@click.option("--points", metavar="题型=分值,…",
              help="各题型每小题分值，默认 single=2,multiple=4,judge=1,fill=2,short=15（共 100 分）。")
@click.option("--variants", metavar="A,B", help="生成多套试卷（题目和选项顺序不同），每套有自己的答案。")
@click.option("--format", "fmt", type=click.Choice(["docx", "json", "md", *EXPORTS]), default="docx", show_default=True,
              help="docx：Word 试卷和答案；md：可编辑的题库（全部备选题，选用的标 [x]）；json：题目数据；"
                   + "；".join(e.help for e in EXPORTS.values()) + "。")
@templates_option
@encoding_option
def command(speech, output, class_file, seed, counts, points, variants, fmt, templates_dir, encoding):
    """根据讲话稿 SPEECH（或编辑过的题库 .md）生成测试卷和参考答案及评分标准。

    题目全部出自讲话原文：单项选择、多项选择、判断、填空、简答，默认共 100 分。
    每道题在答案中注明出处（第几部分、原句）。讲话中符合出题规则的内容不够时，
    只出能出的题，试卷按实有分数标明总分，并给出提示。

    \b
    示例：
        docgen quiz source/speech.txt --class source/class.toml
        docgen quiz source/speech.txt --variants A,B --seed 7
        docgen quiz source/speech.txt --counts single=5,judge=10,short=3 --points short=12
        docgen quiz source/speech.txt --format json > 题目.json
        docgen quiz source/speech.txt --format gift -o output/题库.gift.txt
        docgen quiz source/speech.txt --format moodle
        docgen quiz source/speech.txt --format wjx
        docgen quiz source/speech.txt --format md -o source/题库.md
        docgen quiz source/题库.md
    """
    from docgen.fsutil import safe_filename
    from docgen.quiz.options import parse_type_values
    from docgen.quiz.variants import parse_variants
    from docgen.readers import read_speech
    from docgen.writers.quiz import SUFFIXES, build_papers, write_quiz

    try:
        count_map = parse_type_values(counts, "题数", integer=True)
        point_map = parse_type_values(points, "分值", integer=False)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--counts/--points") from None
    from docgen.quiz.bank import is_bank

    info, templates = load_class_and_templates(class_file, templates_dir)
    kw = dict(seed=seed, counts=count_map, points=point_map, variants=parse_variants(variants))
    if is_bank(speech):
        if fmt == "md":
            raise click.BadParameter("题库已经是 md 格式，请选择 docx、json、gift、moodle 或 wjx", param_hint="--format")
        parsed, kw["bank"] = None, speech
    else:
        parsed = read_speech(speech, encoding=encoding)
    if fmt == "json" and output is None:
        from docgen.quiz.export import to_json

        click.echo(to_json([p for p, _ in build_papers(parsed, info, templates, **kw)]), nl=False)
        return
    title = parsed.title if parsed is not None else ""
    name = f"{safe_filename(title or Path(speech).stem)}-{'题库' if fmt == 'md' else '测试卷'}{SUFFIXES[fmt]}"
    for path in write_quiz(parsed, output or default_output(name), info, templates, fmt=fmt, **kw):
        done(path)
