"""PDF through LibreOffice: many files in one start, a private profile, a timeout, and checks.

LibreOffice exits 0 even when a conversion fails, so each PDF is checked to exist, be new
and have pages.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docgen.errors import ExportError

INSTALL_HINT = "请安装 LibreOffice：sudo apt-get install libreoffice-writer-nogui libreoffice-impress-nogui fonts-noto-cjk"


def find_soffice() -> str | None:
    """The LibreOffice executable, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if os.path.exists(candidate):
            return candidate
    return None


def convert_to_pdf(files: list[Path], outdir: Path | None = None, timeout: float = 600) -> list[Path]:
    """Convert .docx/.pptx `files` to PDF in one LibreOffice run; return the PDFs in order.

    Each PDF lands in `outdir` (default: beside its source) and replaces any older one only
    once it is complete.
    """
    if not files:
        return []
    soffice = find_soffice()
    if not soffice:
        raise ExportError(f"找不到 LibreOffice，无法生成 PDF。{INSTALL_HINT}")
    files = [Path(f).resolve() for f in files]
    _check_unique_stems(files)
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as work:
        work_dir = Path(work)
        started = time.time()
        stderr = _run(soffice, files, work_dir, timeout)
        results = []
        for f in files:
            produced = work_dir / "out" / (f.stem + ".pdf")
            _verify(produced, f, started, stderr)
            target = (Path(outdir) if outdir else f.parent) / (f.stem + ".pdf")
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(produced, target) if _same_fs(produced, target) else shutil.move(produced, target)
            results.append(target)
    return results


def export_pdfs(files: list[Path], *, draw: list[Path] = (), outdir: Path | None = None,
                timeout: float = 600) -> list[Path]:
    """PDFs of `files`, in order. Those also in `draw` (table cards, certificates: one page per
    attendee) are drawn by docgen itself, each in its own process, while LibreOffice converts the
    others in one start. A file the drawer cannot draw exactly goes to LibreOffice after all."""
    from docgen.report import warn

    files = [Path(f).resolve() for f in files]
    wanted = {Path(f).resolve() for f in draw}
    _check_unique_stems(files)
    drawers = {f: _start_drawer(f, _pdf_target(f, outdir)) for f in files if f in wanted}
    try:
        office = [f for f in files if f not in drawers]
        done = dict(zip(office, convert_to_pdf(office, outdir, timeout)))
        fallback = []
        for f, proc in drawers.items():
            if _finish_drawer(f, proc, _pdf_target(f, outdir), timeout):
                done[f] = _pdf_target(f, outdir)
            else:
                fallback.append(f)
    finally:
        for proc in drawers.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    if fallback:
        warn(f"{'、'.join(f.name for f in fallback)} 含有 docgen 无法直接绘制的内容，改由 LibreOffice 转换（较慢）")
        done.update(zip(fallback, convert_to_pdf(fallback, outdir, timeout)))
    return [done[f] for f in files]


def _pdf_target(source: Path, outdir: Path | None) -> Path:
    return (Path(outdir) if outdir else source.parent) / (source.stem + ".pdf")


def _start_drawer(source: Path, target: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "docgen.export.direct", str(source), str(target)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _finish_drawer(source: Path, proc: subprocess.Popen, target: Path, timeout: float) -> bool:
    """True when the drawer wrote `target`; False when the file needs LibreOffice."""
    from docgen.export.direct import UNSUPPORTED
    from docgen.report import warn

    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ExportError(f"{source.name}：生成 PDF 超时（{int(timeout)} 秒），已中止") from None
    if proc.returncode == UNSUPPORTED:
        return False
    if proc.returncode != 0:
        detail = err.strip().splitlines()[-1] if err.strip() else f"退出码 {proc.returncode}"
        raise ExportError(f"{source.name}：生成 PDF 失败（{detail}）")
    if pdf_page_count(target) < 1:
        raise ExportError(f"{source.name}：生成的 PDF 没有页面")
    if out.strip():
        warn(f"{target.name}：已安装的字体都没有这些字，印出来会是空框：{out.strip()}")
    return True


def _check_unique_stems(files: list[Path]) -> None:
    stems = [f.stem for f in files]
    dupes = {s for s in stems if stems.count(s) > 1}
    if dupes:
        raise ExportError(f"有同名文件无法同时转换为 PDF：{'、'.join(sorted(dupes))}")


def _run(soffice: str, files: list[Path], work: Path, timeout: float) -> str:
    profile = (work / "profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
           "--convert-to", "pdf", "--outdir", str(work / "out"), *map(str, files)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ExportError(f"LibreOffice 转换超时（{int(timeout)} 秒），已中止") from None
    return (out or "") + (err or "")


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
