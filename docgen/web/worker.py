"""One build in a worker process: `docgen.build.build`, then PDFs under the LibreOffice lock and
a PNG of the first page of each PDF. Every step is reported through the pipe."""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
from pathlib import Path

PREVIEW_DIR = ".preview"


def main(pipe, folder: str, kinds: list[str], pdf: bool, office_lock: str) -> None:
    with contextlib.suppress(OSError, AttributeError):
        os.setpgid(0, 0)
    send = pipe.send
    _forward_warnings(send)
    try:
        error, pdf_error = _build(Path(folder), kinds, pdf, Path(office_lock), send)
    except Exception as e:  # noqa: BLE001 - reported on the page as one line, like the CLI
        from docgen.errors import DocgenError

        error = str(e) if isinstance(e, DocgenError) else f"内部错误（{type(e).__name__}: {e}），请报告此问题"
        pdf_error = ""
    send({"type": "end", "error": error, "pdf_error": pdf_error})
    pipe.close()


def _build(folder: Path, kinds: list[str], pdf: bool, office_lock: Path, send) -> tuple[str, str]:
    from docgen import build as builder

    def on_plan(jobs):
        send({"type": "plan", "labels": [j.label for j in jobs]})

    def on_done(o):
        send({"type": "doc", "doc": {"label": o.label, "ok": o.ok, "error": o.error, "skipped": o.skipped,
                                     "files": [p.name for p in o.paths], "seconds": round(o.seconds, 2)}})

    report = builder.build(folder, only=set(kinds), on_plan=on_plan, on_done=on_done)
    written = [p for o in report.outcomes for p in o.paths]
    if pdf and written:
        send({"type": "phase", "text": "正在转换为 PDF…"})
        with office_serialised(office_lock):
            builder._export_pdf(report, written)
        send({"type": "phase", "text": "正在生成预览图…"})
        previews(report.pdfs, folder / "output" / PREVIEW_DIR)
    failed = [o for o in report.outcomes if not o.ok]
    error = f"{len(failed)} 份材料生成失败" if failed else ""
    return error, report.pdf_error


@contextlib.contextmanager
def office_serialised(lock_file: Path):
    """One LibreOffice conversion at a time across workers; the lock goes with a killed worker."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock (builds there run one at a time anyway)
        yield
        return
    with open(lock_file, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def preview_path(output: Path, name: str) -> Path:
    return output / PREVIEW_DIR / f"{name}.png"


def previews(pdfs: list[Path], out_dir: Path) -> None:
    """The first page of each PDF as a small PNG, cached beside the output (redone when the PDF is newer)."""
    import shutil

    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        return
    out_dir.mkdir(exist_ok=True)
    for pdf in pdfs:
        for source in _sources_of(pdf):
            target = out_dir / f"{source}.png"
            if target.exists() and target.stat().st_mtime >= pdf.stat().st_mtime:
                continue
            stem = out_dir / f".~{source}"
            subprocess.run([pdftoppm, "-f", "1", "-l", "1", "-r", "40", "-png", "-singlefile", str(pdf), str(stem)],
                           capture_output=True, timeout=60)
            made = stem.with_name(stem.name + ".png")
            if made.exists():
                os.replace(made, target)


def _sources_of(pdf: Path) -> list[str]:
    """The documents a PDF shows: itself, and the .docx/.pptx it was made from."""
    names = [pdf.name]
    names += [pdf.with_suffix(s).name for s in (".docx", ".pptx") if pdf.with_suffix(s).exists()]
    return names


def _forward_warnings(send) -> None:
    from docgen.web.capture import Sink

    logger = logging.getLogger("docgen")
    logger.handlers[:] = [Sink(lambda text: send({"type": "warning", "text": text}))]
    logger.propagate = False
    logger.setLevel(logging.WARNING)
