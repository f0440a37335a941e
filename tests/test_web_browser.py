"""End to end in a real browser: Playwright drives Debian's Chromium against `docgen serve`.

Open the page, create a class, upload the sample speech and roster, edit a short title, build,
download the zip and read its documents. Skipped where Chromium or Playwright is missing.
"""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from web_helpers import SAMPLE_ROSTER, SAMPLE_SPEECH

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
EDITED = "把牢工会工作政治方向"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(workspace: Path, *args: str):
    """`docgen serve` on a free loopback port, stopped at the end; yields (base URL, process)."""
    port = free_port()
    workspace.mkdir(parents=True, exist_ok=True)
    log = open(workspace.parent / "serve.log", "wb")  # a file, not a pipe nobody reads (that could fill and block)
    proc = subprocess.Popen([sys.executable, "-m", "docgen", "serve", "--port", str(port), "--workspace",
                             str(workspace), *args], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert proc.poll() is None, (workspace.parent / "serve.log").read_text(encoding="utf-8")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def make_kit_in_browser(base: str, out: Path, pdf: bool = False) -> tuple[Path, float]:
    """What a clerk does, from opening the page to the downloaded zip; returns the zip and the seconds taken."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(accept_downloads=True)
        started = time.perf_counter()
        page.goto(base + "/")
        page.fill("#new-name", "2026年全市工会系统理论培训班")
        page.click("#create")
        page.wait_for_url("**/c/*")
        page.fill("#f-organiser", "市总工会")
        page.fill("#f-start", "2026-11-26")
        page.fill("#f-end", "2026-11-27")
        page.fill("#f-serial_prefix", "2026-工干")
        page.click("#save-class")
        page.wait_for_selector("#saved")
        page.set_input_files("#roster-file", str(SAMPLE_ROSTER))
        page.click("#upload-roster")
        page.wait_for_selector("#saved")
        assert "source/roster.csv" in page.inner_text("#saved")

        page.click("text=② 讲话稿")
        page.set_input_files("#speech-file", str(SAMPLE_SPEECH))
        page.click("#upload-speech")
        page.wait_for_selector("#outline-form")
        assert page.input_value("#short-1") == "始终保持工会工作的正确政治方向"
        page.fill("#short-1", EDITED)
        page.click("#save-outline")
        page.wait_for_selector("#saved")
        assert page.input_value("#short-1") == EDITED
        page.screenshot(path=str(out / "speech.png"), full_page=True)

        page.click("text=③ 生成材料")
        if page.is_enabled("#pdf"):
            page.set_checked("#pdf", pdf)
        page.click("#build")
        page.wait_for_selector("#progress:not([hidden])")
        page.wait_for_selector("#zip", timeout=300_000)
        with page.expect_download() as info:
            page.click("#zip")
        zip_path = out / "kit.zip"
        info.value.save_as(zip_path)
        seconds = time.perf_counter() - started
        page.screenshot(path=str(out / "kit.png"), full_page=True)
        browser.close()
    return zip_path, seconds


def test_a_clerk_makes_the_kit_in_the_browser(tmp_path):
    pytest.importorskip("playwright.sync_api")
    from docx import Document
    from pptx import Presentation

    with running_server(tmp_path / "ws") as (base, _):
        zip_path, seconds = make_kit_in_browser(base, tmp_path)
    print(f"page load to zip: {seconds:.1f} s")

    with zipfile.ZipFile(zip_path) as z:
        names = set(z.namelist())
        prefix = "2026年全市工会系统理论培训班-"
        assert names == {prefix + n for n in ("课件.pptx", "讲义.docx", "测试卷.docx", "测试卷-答案.docx", "评估表.docx",
                                              "签到表.docx", "桌签.pptx", "结业证书.docx")}
        deck = Presentation(io.BytesIO(z.read(prefix + "课件.pptx")))
        certificates = Document(io.BytesIO(z.read(prefix + "结业证书.docx")))
    texts = [sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame]
    assert sum(EDITED in t for t in texts) >= 2  # the agenda line and the part's own slides
    assert "始终保持工会工作的正确政治方向" not in "".join(texts[:3])
    assert "2026-工干-001" in "\n".join(p.text for p in certificates.paragraphs)
