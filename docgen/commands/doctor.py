"""`docgen doctor`: check LibreOffice and the Chinese fonts."""

from __future__ import annotations

import click


@click.command("doctor")
def command():
    """检查生成 PDF 所需的 LibreOffice，以及仿宋、黑体、楷体、小标宋等字体各由哪种字体显示。

    \b
    示例：
        docgen doctor
    """
    from docgen.doctor import run_checks

    checks = run_checks()
    for c in checks:
        click.echo(f"{'✓' if c.ok else '✗'} {c.name}：{c.detail}")
        if c.fix:
            click.echo(f"    解决办法：{c.fix}")
    if all(c.ok for c in checks):
        click.echo("一切就绪。")
