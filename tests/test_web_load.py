"""Load on loopback: 20 clients build their kits at once against one `docgen serve`.

Each gets a complete, correct kit of its own class (nothing of another class in it); the queue
holds; the memory of the server and its workers stays bounded. Kept short for CI on 2 cores:
a short speech of each client's own, and the cheap documents (slides, evaluation form)."""

from __future__ import annotations

import io
import re
import threading
import time
import zipfile
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx2")
pytest.importorskip("starlette")

from test_web_browser import running_server  # noqa: E402
from web_helpers import CSRF  # noqa: E402

from docgen.web.jobs import descendants  # noqa: E402

CLIENTS = 20
MEMORY_LIMIT = 2 * 1024 ** 3


def speech(i: int) -> str:
    return (f"在第{i:02d}号培训班上的讲话\n\n同志们：\n\n今天第{i:02d}号培训班开班，我讲两点意见。\n\n"
            f"一、提高政治站位\n\n第{i:02d}号班的学员要坚持学习，把理论学习作为必修课。\n\n"
            f"二、狠抓工作落实\n\n要把第{i:02d}号班学到的知识用到工作中，推动工会工作高质量发展。\n")


def one_client(base: str, i: int, results: dict, text: str | None = None, kinds=("slides", "survey")) -> None:
    """Create a class, upload its speech, build `kinds` and download the zip; results[i] = (job, zip, seconds)."""
    started = time.perf_counter()
    with httpx.Client(base_url=base, timeout=60, follow_redirects=False) as c:
        token = CSRF.search(c.get("/").text).group(1)
        r = c.post("/classes", data={"csrf": token, "name": f"第{i:02d}号培训班"})
        cid = r.headers["location"].rsplit("/", 1)[-1]
        c.post(f"/c/{cid}/speech", data={"csrf": token}, files={"speech": ("讲话.txt", (text or speech(i)).encode("utf-8"))})
        r = c.post(f"/c/{cid}/build", data={"csrf": token, **{f"kind_{k}": "1" for k in kinds}},
                   headers={"accept": "application/json"})
        job = r.json()["job"]
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            data = c.get(f"/c/{cid}/jobs/{job}").json()
            if data["status"] in ("done", "failed"):
                break
            time.sleep(0.5)
        zipped = c.get(f"/c/{cid}/kit.zip").content
    results[i] = (data, zipped, time.perf_counter() - started)


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total = 0
    for p in (pid, *descendants(pid)):
        try:
            total += int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{p}/status").read_text()).group(1)) * 1024
        except (OSError, AttributeError):
            pass
    return total


def build_at_once(workspace: Path, clients: int, **kwargs) -> tuple[dict, float, int]:
    """`clients` clients at once against one server: (results, wall seconds, peak bytes of the server tree)."""
    results: dict = {}
    peak = 0
    with running_server(workspace) as (base, proc):
        threads = [threading.Thread(target=one_client, args=(base, i, results), kwargs=kwargs) for i in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.2)
        wall = time.perf_counter() - started
    return results, wall, peak


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads memory from /proc")
def test_twenty_clients_build_at_once(tmp_path):
    from pptx import Presentation

    results, wall, peak = build_at_once(tmp_path / "ws", CLIENTS)
    print(f"{CLIENTS} clients: {wall:.1f} s wall, slowest {max(r[2] for r in results.values()):.1f} s, "
          f"peak memory of server and workers {peak / 1024 ** 2:.0f} MB")
    assert sorted(results) == list(range(CLIENTS))
    for i, (data, zipped, _) in results.items():
        assert data["status"] == "done", data
        with zipfile.ZipFile(io.BytesIO(zipped)) as z:
            assert sorted(z.namelist()) == [f"第{i:02d}号培训班-评估表.docx", f"第{i:02d}号培训班-课件.pptx"]
            deck = Presentation(io.BytesIO(z.read(f"第{i:02d}号培训班-课件.pptx")))
        text = "".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
        assert f"第{i:02d}号" in text
        assert set(re.findall(r"第(\d\d)号", text)) == {f"{i:02d}"}  # nothing of another class
    assert peak < MEMORY_LIMIT


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads processes from /proc")
def test_stopping_the_server_ends_the_builds_it_runs(tmp_path):
    from docgen.export.pdf import find_soffice

    if not find_soffice():
        pytest.skip("LibreOffice is not installed")
    with running_server(tmp_path / "ws") as (base, proc), httpx.Client(base_url=base, timeout=60) as c:
        token = CSRF.search(c.get("/").text).group(1)
        cid = c.post("/classes", data={"csrf": token, "name": "班"}).headers["location"].rsplit("/", 1)[-1]
        long_speech = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
        text = max((p for p in long_speech.glob("*.txt")), key=lambda p: p.stat().st_size, default=None)
        c.post(f"/c/{cid}/speech", data={"csrf": token},
               files={"speech": ("讲话.txt", text.read_bytes() if text else speech(1).encode())})
        job = c.post(f"/c/{cid}/build", data={"csrf": token, "pdf": "1"},
                     headers={"accept": "application/json"}).json()["job"]
        while True:  # until LibreOffice converts, when the build has nothing to report for a while
            data = c.get(f"/c/{cid}/jobs/{job}").json()
            assert data["status"] in ("queued", "running"), data
            if data["planned"] and len(data["docs"]) == len(data["planned"]):
                break
            time.sleep(0.05)
        time.sleep(0.3)
        helpers = descendants(proc.pid) - {q for c in descendants(proc.pid) for q in descendants(c)}
        workers = descendants(proc.pid) - helpers  # the build, LibreOffice and the PDF drawer, under the forkserver
        assert workers
        proc.terminate()
        proc.wait(5)  # without waiting for the build
    deadline = time.monotonic() + 0.5  # a killed process group: at once, not when its build next reports
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in workers):
        time.sleep(0.1)
    alive = [p for p in workers if Path(f"/proc/{p}").exists() and "zombie" not in Path(f"/proc/{p}/status").read_text()]
    assert not alive, [Path(f"/proc/{p}/cmdline").read_text() for p in alive]
