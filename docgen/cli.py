"""The `docgen` entry point and its command table.

Commands are imported only when run, and `docgen --help` is answered without importing Click at
all (Click's import alone takes longer than the 60 ms the help may take): the text below is
the one Click prints, which a test keeps identical. The Click application is `docgen.cli_app`;
`docgen.cli.cli` still names it.
"""

from __future__ import annotations

import sys

# name -> (module, short help). Short help lives here so `docgen --help` imports nothing.
COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("docgen.commands.parse", "解析讲话稿的结构（提纲、JSON 或可编辑的 Markdown）"),
    "slides": ("docgen.commands.slides", "生成课件（PPT，16:9，逐字讲稿在备注中）"),
    "handout": ("docgen.commands.handout", "生成学习讲义（Word，GB/T 9704 版式）"),
    "signin": ("docgen.commands.signin", "生成签到表（Word）"),
    "cards": ("docgen.commands.cards", "生成桌签（A4 横向对折）"),
    "certificates": ("docgen.commands.certificates", "生成结业证书"),
    "quiz": ("docgen.commands.quiz", "根据讲话稿生成测试卷及参考答案"),
    "survey": ("docgen.commands.survey", "生成培训效果评估表"),
    "init": ("docgen.commands.init", "新建一个培训班文件夹（示例讲话稿、class.toml、名单）"),
    "build": ("docgen.commands.build", "一次生成整个培训班的全部材料"),
    "templates": ("docgen.commands.templates", "导出或查看模板（改措辞、改样式）"),
    "doctor": ("docgen.commands.doctor", "检查 LibreOffice 与中文字体是否就绪"),
    "serve": ("docgen.commands.serve", "在浏览器中填写、上传并生成全套材料（本机网页）"),
}

GROUP_HELP = """docgen：把一篇讲话稿变成工会培训班的全套印刷材料。

\b
示例：
    docgen parse source/speech.txt
    docgen slides source/speech.txt -o output/课件.pptx
    docgen build
"""

GROUP_OPTIONS = (("--version", "显示版本号并退出。"), ("-q, --quiet", "不显示警告和进度。"),
                 ("-h, --help", "显示本帮助并退出。"))
FAST_HELP_MIN_COLUMNS = 80
"""Below this terminal width Click would wrap differently: let it print the help itself."""


def main() -> None:
    """Console entry point: one line `错误：…` on stderr for every DocgenError, no traceback.
    After a command it ends the process (`exit_now`) instead of returning."""
    import gc

    # One command, then exit: the cyclic collector only re-walks the ever-growing heap of imported
    # modules (about 10 % of a build's CPU); what docgen allocates is freed by reference counting
    # (peak memory of a 50,000-row sign-in sheet is the same without it).
    gc.disable()
    if sys.argv[1:] in (["-h"], ["--help"]) and _terminal_columns() >= FAST_HELP_MIN_COLUMNS:
        sys.stdout.write(group_help_text())
        sys.stdout.flush()
        return
    from docgen.cancel import raise_on_termination
    from docgen.cli_app import run

    raise_on_termination()
    try:
        run()
        code = 0
    except SystemExit as e:
        code = e.code
    exit_now(code)


def exit_now(code: object = 0) -> None:
    """End the process as `sys.exit(code)` would, minus the interpreter's teardown (never returns).

    Tearing down the modules a command imported (Click, Jinja2, lxml, the analysis) took 40-60 ms
    of a 0.5 s build: longer than any document but the deck. Nothing docgen does needs it: every
    file is written and closed before this point (temporary directories by `with`), the `docgen`
    log handlers write at once, and the output streams are flushed here.
    """
    import os

    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`docgen build | head`): as Python's own exit
            code = code or 120
    os._exit(code)


def group_help_text() -> str:
    """`docgen --help` as Click formats it (usage, description, options, commands)."""
    lines = ["用法： docgen [OPTIONS] COMMAND [ARGS]...", ""]
    lines += [f"  {line}".rstrip() for line in GROUP_HELP.replace("\b\n", "").rstrip("\n").split("\n")]
    for heading, rows in (("选项", GROUP_OPTIONS), ("命令", [(n, h) for n, (_, h) in COMMANDS.items()])):
        width = max(len(first) for first, _ in rows)
        lines += ["", f"{heading}:"] + [f"  {first.ljust(width)}  {text}" for first, text in rows]
    return "\n".join(lines) + "\n"


def _terminal_columns() -> int:
    """What `shutil.get_terminal_size()` (Click's source) reports, without importing shutil."""
    import os

    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80


def __getattr__(name: str):
    """`cli`, `LazyGroup`, `UserError` … live in `docgen.cli_app`, imported on first use."""
    if name.startswith("__"):
        raise AttributeError(name)
    from docgen import cli_app

    try:
        return getattr(cli_app, name)
    except AttributeError:
        raise AttributeError(f"module 'docgen.cli' has no attribute {name!r}") from None
