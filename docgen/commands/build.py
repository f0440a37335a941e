"""`docgen build`: the whole kit of a class folder."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.commands.common import templates_option


@click.command("build")
@click.argument("folder", type=click.Path(path_type=Path), default=".", required=False)
@click.option("--only", help="只生成这些材料，逗号分隔：slides,handout,quiz,survey,signin,cards,certificates。")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 转换为 PDF（一次启动转换全部文件）。")
@click.option("-o", "--output-dir", type=click.Path(path_type=Path), help="输出目录（默认 培训班文件夹/output）。")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度和汇总表。")
@templates_option
@click.pass_context
def command(ctx, folder, only, pdf, output_dir, quiet, templates_dir):
    """一次生成培训班文件夹 FOLDER（默认当前目录）的全部材料到 output/。

    FOLDER 中应有 source/class.toml（可用 docgen init 新建）。每个讲话稿生成课件、讲义、测试卷及答案；
    另生成评估表、签到表；有名单时还生成桌签和结业证书。某一份材料失败时，其余材料照常生成，退出码非零。

    \b
    示例：
        docgen build
        docgen build 培训班/ --only slides,handout --pdf
    """
    from docgen.build import KINDS
    from docgen.commands.build_run import run_build, unknown_kinds

    unknown = unknown_kinds(only)
    if unknown:
        raise click.BadParameter(f"未知的材料：{'、'.join(sorted(unknown))}；可选：{','.join(KINDS)}", param_hint="--only")
    quiet = quiet or (ctx.obj or {}).get("quiet", False)
    if not run_build(folder, only, pdf, output_dir, quiet, templates_dir):
        ctx.exit(1)
