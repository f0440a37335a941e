"""PDF through LibreOffice: many files in one start, a private profile, a timeout, and checks.

LibreOffice exits 0 even when a conversion fails, so each PDF is checked to exist, be new
and have pages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docgen.errors import ExportError
from docgen.fsutil import locked_message

LINUX_HINT = "请安装 LibreOffice：sudo apt-get install libreoffice-writer-nogui libreoffice-impress-nogui fonts-noto-cjk"
DOWNLOAD_HINT = "请从 https://zh-cn.libreoffice.org/download/ 下载安装 LibreOffice（安装在默认位置即可）"
INSTALL_HINT = LINUX_HINT if sys.platform.startswith("linux") else DOWNLOAD_HINT
UNIX_PLACES = ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
               "/Applications/LibreOffice.app/Contents/MacOS/soffice")


def find_soffice() -> str | None:
    """The LibreOffice executable, or None: on the PATH, else where its installers put it (on
    Windows the installer does not add it to the PATH)."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    windows = [os.path.join(os.environ[var], "LibreOffice", "program", "soffice.exe")
               for var in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)") if os.environ.get(var)]
    return next((candidate for candidate in (*UNIX_PLACES, *windows) if os.path.isfile(candidate)), None)


def kill_tree(proc: subprocess.Popen) -> None:
    """Stop a process started with `start_new_session` and its children (just the process on Windows)."""
    from docgen.cancel import stop_process

    stop_process(proc)


STARTUP_SECONDS = 45
"""LibreOffice's start on a cold, busy machine (its first start also writes a profile)."""
SECONDS_PER_FILE = 20
SECONDS_PER_MB = 30
"""What a conversion may take beyond the start: a 300-page handout (2 MB) converts in about 20 s."""


def file_budget(path: Path) -> float:
    """Seconds a conversion of `path` may take before LibreOffice counts as hanging."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return SECONDS_PER_FILE + SECONDS_PER_MB * size / 1_000_000


def convert_to_pdf(files: list[Path], outdir: Path | None = None, timeout: float | None = None) -> list[Path]:
    """Convert .docx/.pptx `files` to PDF in one LibreOffice run; return the PDFs in order.

    Each PDF lands in `outdir` (default: beside its source) and replaces any older one only
    once it is complete. LibreOffice is stopped when it hangs: when a file takes longer than its
    `file_budget` (or the whole run longer than `timeout`, when given).
    """
    if not files:
        return []
    soffice = find_soffice()
    if not soffice:
        raise ExportError(f"找不到 LibreOffice，无法生成 PDF。{INSTALL_HINT}")
    files = [Path(f).resolve() for f in files]
    _check_unique_stems(files)
    with tempfile.TemporaryDirectory(prefix="docgen-lo-", ignore_cleanup_errors=True) as work:
        work_dir = Path(work)
        started = time.time()
        stderr = _run(soffice, files, work_dir, timeout)
        results = []
        for f in files:
            produced = work_dir / "out" / (f.stem + ".pdf")
            _verify(produced, f, started, stderr)
            target = (Path(outdir) if outdir else f.parent) / (f.stem + ".pdf")
            _place(produced, target)
            results.append(target)
    return results


def _place(produced: Path, target: Path) -> None:
    """Move a finished PDF onto `target` whole: renamed on the same disk, else copied beside it first."""
    from docgen.fsutil import atomic_path, refuse_input

    refuse_input(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if _same_fs(produced, target):
        try:
            os.replace(produced, target)
        except PermissionError:
            raise ExportError(locked_message(target)) from None
        return
    with atomic_path(target) as tmp:
        shutil.copyfile(produced, tmp)


def export_pdfs(files: list[Path], *, draw: list[Path] = (), outdir: Path | None = None,
                timeout: float | None = None) -> list[Path]:
    """PDFs of `files`, in order. Those also in `draw` (sign-in sheets, table cards, certificates:
    pages per attendee) are drawn by docgen itself, a process each, while LibreOffice converts
    the rest in its one start. A file the drawer cannot draw exactly goes to LibreOffice after all."""
    from docgen.report import warn

    files = [Path(f).resolve() for f in files]
    wanted = {Path(f).resolve() for f in draw}
    _check_unique_stems(files)
    drawn = [f for f in files if f in wanted]
    # a process per file: the system spreads them over the cores, LibreOffice has little left to do
    drawers = [(_start_drawer([(f, _pdf_target(f, outdir))]), [f]) for f in drawn]
    try:
        office = [f for f in files if f not in wanted]
        done = dict(zip(office, convert_to_pdf(office, outdir, timeout)))
        fallback = [f for proc, group in drawers for f in _finish_drawer(proc, group, outdir, timeout)]
    finally:
        for proc, _ in drawers:
            if proc.poll() is None:
                kill_tree(proc)
                proc.wait()
    done.update((f, _pdf_target(f, outdir)) for f in drawn if f not in fallback)
    if fallback:
        warn(f"{'、'.join(f.name for f in fallback)} 含有 docgen 无法直接绘制的内容，改由 LibreOffice 转换（较慢）")
        done.update(zip(fallback, convert_to_pdf(fallback, outdir, timeout)))
    return [done[f] for f in files]


def _pdf_target(source: Path, outdir: Path | None) -> Path:
    return (Path(outdir) if outdir else source.parent) / (source.stem + ".pdf")


DRAWER = ("import sys; from docgen.cancel import raise_on_termination; raise_on_termination(); "
          "from docgen.export.direct import main; sys.exit(main(sys.argv[1:]))")
"""`python -m docgen.export.direct`, cleaning up its temporary file when stopped."""


def _start_drawer(pairs: list[tuple[Path, Path]]) -> subprocess.Popen:
    cmd = [sys.executable, "-c", DRAWER, *(str(p) for pair in pairs for p in pair)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _finish_drawer(proc: subprocess.Popen, sources: list[Path], outdir: Path | None, timeout: float) -> list[Path]:
    """Check what the drawer wrote; returns the files it could not draw (they need LibreOffice)."""
    import json

    from docgen.report import warn

    limit = timeout or STARTUP_SECONDS + sum(file_budget(s) for s in sources)
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        raise ExportError(f"{sources[0].name}：生成 PDF 超时（{int(limit)} 秒），已中止") from None
    results = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or len(results) != len(sources):
        detail = err.strip().splitlines()[-1] if err.strip() else f"退出码 {proc.returncode}"
        raise ExportError(f"{sources[len(results) if len(results) < len(sources) else 0].name}：生成 PDF 失败（{detail}）")
    fallback = []
    for source, result in zip(sources, results):
        target = _pdf_target(source, outdir)
        if result["status"] == "unsupported":
            fallback.append(source)
        elif result["status"] != "ok":
            raise ExportError(f"{source.name}：生成 PDF 失败（{result['message']}）")
        elif pdf_page_count(target) < 1:
            raise ExportError(f"{source.name}：生成的 PDF 没有页面")
        elif result["missing"]:
            warn(f"{target.name}：已安装的字体都没有这些字，印出来会是空框：{result['missing']}")
    return fallback


def _check_unique_stems(files: list[Path]) -> None:
    stems = [f.stem for f in files]
    dupes = {s for s in stems if stems.count(s) > 1}
    if dupes:
        raise ExportError(f"有同名文件无法同时转换为 PDF：{'、'.join(sorted(dupes))}")


def _run(soffice: str, files: list[Path], work: Path, timeout: float) -> str:
    profile = (work / "profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
           "--convert-to", "pdf", "--outdir", str(work / "out"), *map(str, files)]
    log = work / "log.txt"
    with open(log, "w+", encoding="utf-8", errors="replace") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        try:
            _watch(proc, files, work / "out", timeout)
        finally:
            kill_tree(proc)  # what it left running (or all of it, on Ctrl-C or a hang)
        sink.seek(0)
        return sink.read()


def _watch(proc: subprocess.Popen, files: list[Path], out: Path, timeout: float | None) -> None:
    """Wait for LibreOffice, which converts the files one after the other: each new PDF in `out`
    gives it the next file's budget. `ExportError` when it hangs on a file."""
    started = time.monotonic()
    done, deadline = 0, started + STARTUP_SECONDS + file_budget(files[0])
    while True:
        try:
            proc.wait(timeout=0.2)
            return
        except subprocess.TimeoutExpired:
            pass
        now = time.monotonic()
        made = sum(1 for f in files if (out / (f.stem + ".pdf")).exists())
        if made > done:
            done = made
            deadline = now + (file_budget(files[done]) if done < len(files) else STARTUP_SECONDS)
        if now > deadline or timeout and now - started > timeout:
            name = files[min(done, len(files) - 1)].name
            raise ExportError(f"LibreOffice 转换 {name} 用了 {int(now - started)} 秒仍未完成（像是卡住了），"
                              "已中止；请用 LibreOffice 或 WPS 打开这个文件看看是否有问题")


def _verify(pdf: Path, source: Path, started: float, log: str) -> None:
    if not pdf.exists() or pdf.stat().st_mtime < started - 1 or pdf.stat().st_size == 0:
        detail = _first_error(log, source)
        raise ExportError(f"{source.name}：LibreOffice 未能生成 PDF{('（' + detail + '）') if detail else ''}")
    if pdf_page_count(pdf) < 1:
        raise ExportError(f"{source.name}：生成的 PDF 没有页面")


def _first_error(log: str, source: Path) -> str:
    for line in log.splitlines():
        if line.startswith("Error") and (source.name in line or "source file" in line):
            return line.strip()
    return ""


def pdf_page_count(pdf: Path) -> int:
    """Pages of a PDF, read from its trailer objects without any extra library."""
    data = pdf.read_bytes()
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    if not counts:
        counts = [int(m) for m in re.findall(rb"/Count\s+(\d+)", data)]
    return max(counts, default=0)


def _same_fs(a: Path, b: Path) -> bool:
    try:
        return os.stat(a).st_dev == os.stat(b.parent).st_dev
    except OSError:
        return False
