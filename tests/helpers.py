"""Helpers the tests share: OOXML schema validation, PDF conversion and PDF text geometry."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SAMPLE = ROOT / "source" / "speech.txt"
VALIDATOR = SHARED / "ooxml" / "validate.py"


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".docx"))


def assert_valid_ooxml(*paths: Path) -> None:
    """Fail unless every file validates against the ECMA-376 schemas (../shared/ooxml/validate.py)."""
    proc = subprocess.run([sys.executable, str(VALIDATOR), *map(str, paths)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, f"OOXML validation failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"


def has_soffice() -> bool:
    return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


def to_pdf(*paths: Path, outdir: Path | None = None) -> list[Path]:
    """Convert with docgen's own exporter (one LibreOffice run for all files)."""
    from docgen.export.pdf import convert_to_pdf

    return convert_to_pdf(list(paths), outdir)


def pdf_words(pdf: Path):
    """Pages of words with geometry: list of (page_width, page_height, [(x0, top, x1, bottom, text)])."""
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            chars = [(c["x0"], c["top"], c["x1"], c["bottom"], c["text"]) for c in page.chars]
            pages.append((float(page.width), float(page.height), chars))
    return pages


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout


def pdf_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
