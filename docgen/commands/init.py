"""`docgen init`: create a class folder."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="培训班文件夹已存在时补齐缺少的示例文件（已有的文件不会被覆盖）。")
def command(folder, force):
    """新建培训班文件夹 FOLDER：source/（示例讲话稿、带注释的 class.toml、示例名单）、templates/、output/。

    \b
    示例：
        docgen init 2026理论培训班
        cd 2026理论培训班 && docgen build
    """
    from docgen.classfolder import init_class

    for path in init_class(folder, force=force):
        click.echo(f"已创建：{path}")
    click.echo(f"下一步：编辑 {folder / 'source' / 'class.toml'}，把讲话稿和名单放进 source/，然后运行 docgen build {folder}")
