"""The `docgen` command line: parses options, calls the library, prints `错误：…` on failure.

Commands are imported only when run, so `docgen --help` stays fast.
"""

from __future__ import annotations

import importlib
import sys

import click

from docgen import cli_zh

cli_zh.install()

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
}

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UserError(click.ClickException):
    """A DocgenError on its way to the terminal: one line `错误：…`."""

    def show(self, file=None):
        click.echo(f"错误：{self.message}", err=True)


class LazyGroup(click.Group):
    def invoke(self, ctx):
        from docgen.errors import DocgenError

        try:
            return super().invoke(ctx)
        except DocgenError as e:
            err = UserError(str(e))
            err.exit_code = e.exit_code
            raise err from None

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[name][0])
        return getattr(module, "command")

    def format_commands(self, ctx, formatter):
        rows = [(name, help_) for name, (_, help_) in COMMANDS.items()]
        with formatter.section("命令"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="docgen", message="docgen %(version)s")
@click.option("-q", "--quiet", is_flag=True, help="不显示警告和进度。")
@click.pass_context
def cli(ctx, quiet):
    """docgen：把一篇讲话稿变成工会培训班的全套印刷材料。

    \b
    示例：
        docgen parse source/speech.txt
        docgen slides source/speech.txt -o output/课件.pptx
        docgen build
    """
    import logging

    class StderrHandler(logging.Handler):
        def emit(self, record):
            click.echo(f"警告：{record.getMessage()}", err=True)

    logger = logging.getLogger("docgen")
    logger.handlers[:] = [] if quiet else [StderrHandler()]
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    ctx.obj = {"quiet": quiet}


def main() -> None:
    """Console entry point: one line `错误：…` on stderr for every DocgenError, no traceback."""
    from docgen.errors import DocgenError

    try:
        rv = cli.main(prog_name="docgen", standalone_mode=False)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("错误：已取消", err=True)
        sys.exit(1)
    except UserError as e:
        e.show()
        sys.exit(e.exit_code)
    except click.ClickException as e:
        _usage_error(e)
    except DocgenError as e:
        click.echo(f"错误：{e}", err=True)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        click.echo("错误：已中断", err=True)
        sys.exit(130)
    except OSError as e:
        click.echo(f"错误：{e.filename or ''}：{e.strerror or e}", err=True)
        sys.exit(1)
    if isinstance(rv, int) and rv:
        sys.exit(rv)


def _usage_error(e: click.ClickException) -> None:
    if isinstance(e, click.UsageError) and e.ctx is not None:
        click.echo(e.ctx.get_usage(), err=True)
    click.echo(f"错误：{e.format_message()}", err=True)
    sys.exit(e.exit_code)
