"""`docgen templates`: export the packaged templates for editing, or show which file wins."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.commands.common import templates_option


@click.group("templates")
def command():
    """导出或查看模板。

    模板按以下顺序查找，先找到者生效：--templates 目录、培训班文件夹的 templates/、docgen 内置模板。

    \b
    示例：
        docgen templates export templates/
        docgen templates which certificates/certificate.docx
    """


@command.command("export")
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="覆盖目录中已有的同名文件。")
def export(dest, force):
    """把内置模板复制到 DEST 以便修改（修改后放在培训班的 templates/ 中即生效）。

    \b
    示例：
        docgen templates export templates/
    """
    from docgen.errors import TemplateError
    from docgen.resources import Templates

    existing = [p for p in Templates.list_defaults() if (dest / p).exists()]
    if existing and not force:
        raise TemplateError(f"{dest}：已有 {len(existing)} 个同名模板文件（如 {existing[0]}），加 --force 覆盖")
    written = Templates.export(dest)
    for path in written:
        click.echo(str(path))
    click.echo(f"已导出 {len(written)} 个模板文件到 {dest}")


@command.command("list")
def list_():
    """列出全部内置模板。"""
    from docgen.resources import Templates

    for name in Templates.list_defaults():
        click.echo(name)


@command.command("which")
@click.argument("name")
@templates_option
@click.option("--class-folder", type=click.Path(path_type=Path), default=".", help="培训班文件夹（默认当前目录）。")
def which(name, templates_dir, class_folder):
    """显示模板 NAME 实际使用的是哪个文件。"""
    from docgen.resources import Templates

    click.echo(Templates(templates_dir, class_folder).which(name))
