"""Ctrl-C and SIGTERM during a build: no process left, no temporary file, previous outputs whole, one line."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from hostile import class_folder, docgen, snapshot, temp_files

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def descendants(pid: int) -> set[int]:
    """Every living process below `pid` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start(*args, env=None) -> subprocess.Popen:
    full = {**os.environ, **(env or {})}
    full.pop("DOCGEN_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "docgen", *map(str, args)], env=full, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def big_class(tmp_path: Path, people: int) -> Path:
    folder = class_folder(tmp_path)
    rows = "\n".join(f"学员{i:05d},单位{i % 50}" for i in range(people))
    (folder / "source" / "roster.csv").write_text(f"姓名,单位\n{rows}\n", encoding="utf-8")
    return folder


def assert_cancelled(proc: subprocess.Popen, watched: set[int]) -> None:
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert [line for line in err.splitlines() if line.startswith("错误：")] == ["错误：已取消"], err
    assert "Traceback" not in err
    wait_for(lambda: not any(alive(p) for p in watched), timeout=10)


def assert_whole(out: Path, before: dict[str, str]) -> None:
    """The same files as before, each the previous one or a whole new one (made before the
    interruption); no temporary file."""
    after = snapshot(out)
    assert sorted(after) == sorted(before)
    for name, digest in after.items():
        if digest != before[name] and name.endswith((".docx", ".pptx")):
            with zipfile.ZipFile(out / name) as z:
                assert z.testzip() is None
    assert any(after[name] == before[name] for name in after if name.endswith((".docx", ".pptx")))
    assert not temp_files(out)


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_interrupting_a_parallel_build_leaves_nothing_behind(tmp_path, how):
    folder = big_class(tmp_path, 6000)
    first = docgen("build", folder, "-q", "--only", "signin,cards,certificates", timeout=300)
    assert first.code == 0, first.err
    before = snapshot(folder / "output")
    proc = start("build", folder, "--only", "signin,cards,certificates", env={"DOCGEN_JOBS": "2"})
    watched: set[int] = set()

    def lanes_running():
        watched.update(descendants(proc.pid))
        return len(watched) >= 2

    wait_for(lanes_running)
    time.sleep(0.5)  # the lanes are writing
    if how == signal.SIGINT:
        os.killpg(proc.pid, how)  # Ctrl-C reaches the whole foreground group
    else:
        os.kill(proc.pid, how)  # `kill PID` reaches docgen alone
    assert_cancelled(proc, watched)
    assert_whole(folder / "output", before)


def fake_soffice(tmp_path: Path) -> tuple[Path, Path]:
    """A LibreOffice that hangs, writing its process id first."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    pid_file = tmp_path / "soffice.pid"
    script = bin_dir / "soffice"
    script.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 600\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return bin_dir, pid_file


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_interrupting_the_pdf_step_stops_libreoffice_and_leaves_nothing(tmp_path, how):
    folder = class_folder(tmp_path)
    assert docgen("build", folder, "-q").code == 0
    before = snapshot(folder / "output")
    bin_dir, pid_file = fake_soffice(tmp_path)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = start("build", folder, "-q", "--pdf", "--only", "survey,signin",
                 env={"PATH": f"{bin_dir}:{os.environ['PATH']}", "TMPDIR": str(tmp), "DOCGEN_JOBS": "2"})
    wait_for(pid_file.exists)
    watched = descendants(proc.pid) | {int(pid_file.read_text())}
    if how == signal.SIGINT:
        os.killpg(proc.pid, how)
    else:
        os.kill(proc.pid, how)
    assert_cancelled(proc, watched)
    assert_whole(folder / "output", before)
    assert not list(tmp.iterdir())


def test_a_hanging_libreoffice_is_stopped_after_its_budget(tmp_path, monkeypatch):
    from docgen.errors import ExportError
    from docgen.export import pdf

    bin_dir, pid_file = fake_soffice(tmp_path)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setattr(pdf, "STARTUP_SECONDS", 1)
    monkeypatch.setattr(pdf, "SECONDS_PER_FILE", 1)
    source = tmp_path / "a.docx"
    source.write_bytes(b"x" * 1000)
    started = time.monotonic()
    with pytest.raises(ExportError, match="a.docx.*卡住"):
        pdf.convert_to_pdf([source])
    assert time.monotonic() - started < 10
    assert not alive(int(pid_file.read_text()))
    assert not (tmp_path / "a.pdf").exists()


def test_the_budget_grows_with_the_files(tmp_path):
    from docgen.export.pdf import file_budget

    small, big = tmp_path / "small.docx", tmp_path / "big.docx"
    small.write_bytes(b"x" * 10_000)
    big.write_bytes(b"x" * 5_000_000)
    assert 20 <= file_budget(small) < 25 < file_budget(big) < 600


def test_a_killed_lane_fails_its_documents_and_leaves_nothing_behind(tmp_path):
    folder = big_class(tmp_path, 6000)
    assert docgen("build", folder, "-q", "--only", "signin,cards,certificates", timeout=300).code == 0
    before = snapshot(folder / "output")
    proc = start("build", folder, "-q", "--only", "signin,cards,certificates", env={"DOCGEN_JOBS": "2"})
    lanes: set[int] = set()

    def lanes_running():
        lanes.update(descendants(proc.pid))
        return len(lanes) >= 2

    wait_for(lanes_running)
    time.sleep(0.5)
    os.kill(min(lanes), signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    errors = [line for line in err.splitlines() if line.startswith("错误：")]
    assert proc.returncode == 1 and errors and all("意外退出" in line for line in errors), err
    assert "Traceback" not in err
    assert_whole(folder / "output", before)
