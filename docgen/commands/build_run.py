"""`docgen build` on the terminal (progress, summary table, exit code), with or without Click.

`docgen [-q] build …` is the command users run most and wait for: `docgen.cli.main` runs it from
here without importing Click when its arguments take only the simple forms `parse_without_click`
knows (Click's import is about 25 ms, before the build's lanes can start); anything else goes
through the Click command in `docgen.commands.build`, which calls `run_build` too.
"""

from __future__ import annotations

from pathlib import Path


def run_build(folder: Path, only: str | None, pdf: bool, output_dir: Path | None, quiet: bool,
              templates_dir: Path | None) -> bool:
    """Build with progress and summary on the terminal; False when a document (or the PDF) failed."""
    from docgen import build as builder

    progress = _Progress(quiet)
    report = builder.build(folder, only=_kinds(only), pdf=pdf, templates_dir=templates_dir, output_dir=output_dir,
                           on_plan=progress.start, on_done=progress.step)
    progress.finish(report)
    return report.ok


def _kinds(only: str | None) -> set[str] | None:
    return {k.strip() for k in only.replace("，", ",").split(",") if k.strip()} if only else None


def unknown_kinds(only: str | None) -> set[str]:
    from docgen.build import KINDS

    return (_kinds(only) or set()) - set(KINDS)


FLAGS = {"--pdf": "pdf", "-q": "quiet", "--quiet": "quiet"}
VALUE_OPTIONS = {"--only": "only", "-o": "output_dir", "--output-dir": "output_dir", "--templates": "templates_dir"}


def parse_without_click(args: list[str]) -> dict | None:
    """The options of `docgen [-q] build [FOLDER] [OPTIONS]` when every argument takes one of the
    simple forms Click would read the same way (`--pdf`, `-q`, `--only X`, `--only=X`, `-o DIR`, …,
    each at most once), else None: Click then parses them and words any error. `silent` is the
    group's `-q` (no warnings either)."""
    silent = args[:1] in (["-q"], ["--quiet"])
    words = list(args[1:] if silent else args)
    if words[:1] != ["build"]:
        return None
    options = {"folder": Path("."), "only": None, "pdf": False, "output_dir": None, "quiet": silent,
               "templates_dir": None}
    given: set[str] = set()
    words.pop(0)
    while words:
        arg = words.pop(0)
        name, _, attached = arg.partition("=")
        if arg in FLAGS:
            key, value = FLAGS[arg], True
        elif arg in VALUE_OPTIONS and words:
            key, value = VALUE_OPTIONS[arg], words.pop(0)
        elif arg.startswith("--") and name in VALUE_OPTIONS:
            key, value = VALUE_OPTIONS[name], attached
        elif arg and not arg.startswith("-"):
            key, value = "folder", arg
        else:
            return None
        if key in given or (value is not True and (not value or value.startswith("-"))):
            return None
        given.add(key)
        options[key] = value if key in ("pdf", "quiet", "only") else Path(value)
    options["quiet"] = options["quiet"] or silent
    if unknown_kinds(options["only"]):
        return None
    return {**options, "silent": silent}


def run_without_click(args: list[str]) -> int | None:
    """`docgen build` without importing Click, as its Click command would run it; None when the
    arguments need Click. Returns the exit code."""
    import logging
    import sys

    from docgen.errors import DocgenError

    options = parse_without_click(args)
    if options is None:
        return None

    class StderrHandler(logging.Handler):
        def emit(self, record):
            _echo(f"警告：{record.getMessage()}", err=True)

    logger = logging.getLogger("docgen")
    logger.handlers[:] = [] if options.pop("silent") else [StderrHandler()]
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        return 0 if run_build(**options) else 1
    except DocgenError as e:
        _echo(f"错误：{e}", err=True)
        return e.exit_code
    except KeyboardInterrupt:
        _echo("错误：已中断", err=True)
        return 130
    except OSError as e:
        _echo(f"错误：{e.filename or ''}：{e.strerror or e}", err=True)
        return 1
    finally:
        sys.stdout.flush()


def _echo(text: str, err: bool = False) -> None:
    """`click.echo` for text on a POSIX terminal or pipe: the line, then a flush."""
    import sys

    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n")
    stream.flush()


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
            mark = "完成" if outcome.ok else "失败"
            _echo(f"[{self.count}/{self.total}] {outcome.label}：{mark}（{outcome.seconds:.2f} 秒）", err=True)

    def finish(self, report) -> None:
        for o in report.outcomes:
            if not o.ok:
                _echo(f"错误：{o.label}：{o.error}", err=True)
        if report.pdf_error:
            _echo(f"错误：PDF：{report.pdf_error}", err=True)
        if self.quiet:
            return
        rows = [(o.label, str(p), _size(p)) for o in report.outcomes for p in o.paths]
        rows += [("PDF", str(p), _size(p)) for p in report.pdfs]
        if rows:
            _echo(_table(("材料", "文件", "大小"), rows))
        ok = sum(o.ok for o in report.outcomes)
        _echo(f"共 {len(report.outcomes)} 项，成功 {ok} 项，失败 {len(report.outcomes) - ok} 项。")


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
