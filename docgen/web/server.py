"""Start the page under uvicorn (`docgen serve`)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from docgen.web.security import PASSWORD_ENV, check_bind


def serve(host: str, port: int, workspace: Path, password: str | None = None, open_browser: bool = False,
          workers: int = 2, time_limit: float = 600, secure_cookie: bool = False) -> None:
    """Serve until interrupted. A host other than loopback without a password is refused before anything starts."""
    import gc

    gc.enable()  # docgen.cli turns the cyclic collector off for one-shot commands; a server runs for months
    password = password or os.environ.get(PASSWORD_ENV) or None
    check_bind(host, password)
    import uvicorn

    from docgen.web.app import LOOPBACK_NAMES, Settings, create_app
    from docgen.web.security import is_loopback

    app = create_app(Settings(Path(workspace), password=password, workers=workers, time_limit=time_limit,
                              secure_cookie=secure_cookie, allowed_hosts=LOOPBACK_NAMES if is_loopback(host) else None))
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    print(f"docgen 网页已启动：{url}（工作目录 {Path(workspace).resolve()}；按 Ctrl+C 停止）", flush=True)
    if open_browser:
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)
