"""Shared by the tests of `docgen serve`: an app on a temporary workspace, its forms and a class."""

from __future__ import annotations

import re
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE_SPEECH = REPO / "source" / "speech.txt"
SAMPLE_ROSTER = REPO / "source" / "roster.csv"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def make_client(workspace: Path, **settings):
    from starlette.testclient import TestClient

    from docgen.web.app import Settings, create_app

    app = create_app(Settings(workspace, **settings))
    return TestClient(app, follow_redirects=False)


def csrf(client, path: str = "/") -> str:
    return CSRF.search(client.get(path).text).group(1)


def new_class(client, name: str = "2026年测试培训班") -> str:
    r = client.post("/classes", data={"csrf": csrf(client), "name": name})
    assert r.status_code == 303, r.text
    return r.headers["location"].rsplit("/", 1)[-1]


def upload(client, class_id: str, what: str, filename: str, content: bytes):
    path = f"/c/{class_id}" + ("/speech" if what == "speech" else "/roster")
    return client.post(path, data={"csrf": csrf(client, f"/c/{class_id}")}, files={what: (filename, content)})


def wait_job(client, class_id: str, job_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        data = client.get(f"/c/{class_id}/jobs/{job_id}").json()
        if data["status"] in ("done", "failed"):
            return data
        time.sleep(0.3)
    raise AssertionError(f"build {job_id} did not finish in {timeout} s")


def error_line(html: str) -> str:
    m = re.search(r'<p class="error" role="alert" id="message">(.*?)</p>', html, re.S)
    return m.group(1) if m else ""
