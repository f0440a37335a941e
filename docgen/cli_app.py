"""The Click application behind `docgen`: parses options, calls the library, prints `错误：…` on failure.

`docgen.cli` holds the command table and the entry point and imports this module only when a
command runs (Click alone takes longer to import than `docgen --help` may take).
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from docgen import cli_zh
from docgen.cli import COMMANDS, GROUP_HELP

cli_zh.install()

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UserError(click.ClickException):
    """A DocgenError on its way to the terminal: one line `错误：…`."""

    def show(self, file=None):
        click.echo(f"错误：{self.message}", err=True)


class Cancelled(Exception):
    """Ctrl-C, SIGTERM or SIGHUP (docgen.cancel) ended the command, after everything was cleaned up."""


class LazyGroup(click.Group):
    def invoke(self, ctx):
        from docgen.errors import DocgenError

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # past Click, which would print an empty line for it
            raise Cancelled from None
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


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS, help=GROUP_HELP)
@click.version_option(package_name="docgen", message="docgen %(version)s")
@click.option("-q", "--quiet", is_flag=True, help="不显示警告和进度。")
@click.pass_context
def cli(ctx, quiet):
    import logging

    class StderrHandler(logging.Handler):
        def emit(self, record):
            click.echo(f"警告：{record.getMessage()}", err=True)

    logger = logging.getLogger("docgen")
    logger.handlers[:] = [logging.NullHandler() if quiet else StderrHandler()]  # none: logging's last resort prints
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    ctx.obj = {"quiet": quiet}


def run() -> None:
    """Run the command line: one line `错误：…` on stderr for every DocgenError, no traceback."""
    from docgen.errors import DocgenError
    from docgen.fsutil import tracking_inputs

    try:
        with tracking_inputs():
            rv = cli.main(prog_name="docgen", standalone_mode=False)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except (click.exceptions.Abort, Cancelled, KeyboardInterrupt):
        click.echo("错误：已取消", err=True)
        sys.exit(130)
    except UserError as e:
        e.show()
        sys.exit(e.exit_code)
    except click.ClickException as e:
        _usage_error(e)
    except DocgenError as e:
        click.echo(f"错误：{e}", err=True)
        sys.exit(e.exit_code)
    except OSError as e:
        from docgen.fsutil import os_reason

        where = f"{e.filename}：" if e.filename else ""
        click.echo(f"错误：{where}{os_reason(e)}", err=True)
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - a bug still ends in one line; DOCGEN_DEBUG=1 shows where
        if os.environ.get("DOCGEN_DEBUG"):
            raise
        click.echo(f"错误：内部错误（{type(e).__name__}: {e}），请报告此问题；"
                   "设置环境变量 DOCGEN_DEBUG=1 再运行可显示详细信息", err=True)
        sys.exit(1)
    if isinstance(rv, int) and rv:
        sys.exit(rv)


def _usage_error(e: click.ClickException) -> None:
    if isinstance(e, click.UsageError) and e.ctx is not None:
        click.echo(e.ctx.get_usage(), err=True)
    click.echo(f"错误：{e.format_message()}", err=True)
    sys.exit(e.exit_code)
