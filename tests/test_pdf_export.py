import pytest

from docgen.errors import ExportError
from docgen.export import pdf
from helpers import has_soffice

needs_soffice = pytest.mark.skipif(not has_soffice(), reason="LibreOffice not installed")


def test_missing_libreoffice_names_packages(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    f = tmp_path / "a.docx"
    f.write_bytes(b"x")
    with pytest.raises(ExportError, match="libreoffice-writer-nogui"):
        pdf.convert_to_pdf([f])


def test_duplicate_stems_refused(tmp_path):
    (tmp_path / "a").mkdir()
    with pytest.raises(ExportError, match="同名"):
        pdf.convert_to_pdf([tmp_path / "x.docx", tmp_path / "a" / "x.pptx"])


def test_page_count_reads_pdf_trailer(tmp_path):
    f = tmp_path / "p.pdf"
    f.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj\n")
    assert pdf.pdf_page_count(f) == 2


@needs_soffice
def test_failed_conversion_is_an_error_despite_exit_0(tmp_path):
    """LibreOffice exits 0 when it cannot load a file; the exporter must notice the missing PDF."""
    missing = tmp_path / "gone.docx"
    with pytest.raises(ExportError, match="gone.docx"):
        pdf.convert_to_pdf([missing])
    assert not (tmp_path / "gone.pdf").exists()


@needs_soffice
def test_converts_several_files_in_one_run(tmp_path):
    from docx import Document
    from pptx import Presentation

    d = Document()
    d.add_paragraph("工会培训班")
    d.save(tmp_path / "a.docx")
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6])
    prs.slides.add_slide(prs.slide_layouts[6])
    prs.save(tmp_path / "b.pptx")
    out = pdf.convert_to_pdf([tmp_path / "a.docx", tmp_path / "b.pptx"], tmp_path / "pdf")
    assert [p.name for p in out] == ["a.pdf", "b.pdf"]
    assert [pdf.pdf_page_count(p) for p in out] == [1, 2]


def test_libreoffice_is_found_where_the_windows_installer_puts_it(monkeypatch, tmp_path):
    soffice = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    soffice.parent.mkdir(parents=True)
    soffice.write_bytes(b"")
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "UNIX_PLACES", ())
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    monkeypatch.delenv("ProgramW6432", raising=False)
    monkeypatch.delenv("ProgramFiles(x86)", raising=False)
    assert pdf.find_soffice() == str(soffice)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "nowhere"))
    assert pdf.find_soffice() is None


def test_a_stuck_process_is_stopped_without_process_groups(monkeypatch):
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    monkeypatch.delattr(pdf.os, "killpg")  # as on Windows
    pdf.kill_tree(proc)
    assert proc.wait(timeout=5) != 0
