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
    from docgen import build as builder

    kinds = _parse_only(only)
    quiet = quiet or (ctx.obj or {}).get("quiet", False)
    progress = _Progress(quiet)
    report = builder.build(folder, only=kinds, pdf=pdf, templates_dir=templates_dir, output_dir=output_dir,
                           on_plan=progress.start, on_done=progress.step)
    progress.finish(report)
    if not report.ok:
        ctx.exit(1)


def _parse_only(only: str | None) -> set[str] | None:
    from docgen.build import KINDS

    if not only:
        return None
    kinds = {k.strip() for k in only.replace("，", ",").split(",") if k.strip()}
    unknown = kinds - set(KINDS)
    if unknown:
        raise click.BadParameter(f"未知的材料：{'、'.join(sorted(unknown))}；可选：{','.join(KINDS)}", param_hint="--only")
    return kinds


class _Progress:
    """A line per document on stderr while building, then a summary table on stdout."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.total = 0
        self.count = 0

    def start(self, jobs) -> None:
        self.total = len(jobs)

    def step(self, outcome) -> None:
        self.count += 1
        if not self.quiet:
            mark = "失败" if not outcome.ok else f"跳过，{outcome.skipped}" if outcome.skipped else "完成"
            click.echo(f"[{self.count}/{self.total}] {outcome.label}：{mark}（{outcome.seconds:.2f} 秒）", err=True)

    def finish(self, report) -> None:
        for o in report.outcomes:
            if not o.ok:
                click.echo(f"错误：{o.label}：{o.error}", err=True)
        if report.pdf_error:
            click.echo(f"错误：PDF：{report.pdf_error}", err=True)
        if self.quiet:
            return
        rows = [(o.label, str(p), _size(p)) for o in report.outcomes for p in o.paths]
        rows += [("PDF", str(p), _size(p)) for p in report.pdfs]
        if rows:
            click.echo(_table(("材料", "文件", "大小"), rows))
        skipped = sum(bool(o.skipped) for o in report.outcomes)
        ok = sum(o.ok for o in report.outcomes) - skipped
        failed = len(report.outcomes) - ok - skipped
        click.echo(f"共 {len(report.outcomes)} 项，成功 {ok} 项，" + (f"跳过 {skipped} 项，" if skipped else "")
                   + f"失败 {failed} 项。")


def _size(path: Path) -> str:
    try:
        return f"{path.stat().st_size / 1024:.0f} KB"
    except OSError:
        return "-"


def _table(header, rows) -> str:
    from unicodedata import east_asian_width

    def width(s: str) -> int:
        return sum(2 if east_asian_width(c) in "WF" else 1 for c in s)

    cols = list(zip(header, *rows))
    widths = [max(width(c) for c in col) for col in cols]
    lines = []
    for row in [header, *rows]:
        lines.append("  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths)).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
