"""`docgen serve`: the whole kit from a browser page."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_WORKSPACE = Path.home() / "docgen-培训班"


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址。默认只有本机能访问；其他地址（如 0.0.0.0）必须设置密码。")
@click.option("--port", default=8310, show_default=True, type=click.IntRange(1, 65535), help="端口。")
@click.option("--workspace", type=click.Path(path_type=Path), default=DEFAULT_WORKSPACE,
              help="存放各培训班文件夹的目录（默认 ~/docgen-培训班）。")
@click.option("--password", help="访问密码（也可用环境变量 DOCGEN_SERVE_PASSWORD 设置，更安全）。")
@click.option("--open", "open_browser", is_flag=True, help="启动后在浏览器中打开页面。")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 16), help="同时生成的培训班数。")
@click.option("--time-limit", default=600, show_default=True, type=click.IntRange(10, 7200),
              help="每次生成的时间上限（秒）。")
@click.option("--secure-cookie", is_flag=True, help="只通过 HTTPS 发送会话 Cookie（在 HTTPS 反向代理之后使用）。")
def command(host, port, workspace, password, open_browser, workers, time_limit, secure_cookie):
    """在浏览器中使用 docgen：填写培训班信息、上传讲话稿和名单、一键生成并下载全套材料。

    每个培训班是 WORKSPACE 下的一个普通培训班文件夹（source/、templates/、output/），命令行也能处理。

    \b
    示例：
        docgen serve --open
        DOCGEN_SERVE_PASSWORD=… docgen serve --host 0.0.0.0 --workspace /srv/docgen
    """
    from docgen.fsutil import tracking_inputs
    from docgen.web.server import serve

    with tracking_inputs(False):  # the server names every file itself, and runs for days
        serve(host, port, workspace, password=password, open_browser=open_browser, workers=workers,
              time_limit=time_limit, secure_cookie=secure_cookie)
