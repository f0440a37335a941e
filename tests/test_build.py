"""`docgen init` → `docgen build`: the whole kit, atomic, restylable, print-ready."""

import re
import shutil

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from helpers import ROOT, assert_valid_ooxml, has_soffice

KIT = ["课件", "讲义", "测试卷", "测试卷-答案", "评估表", "签到表", "桌签", "结业证书"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kit") / "班"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(folder)]).exit_code == 0
    result = runner.invoke(cli, ["build", str(folder)])
    assert result.exit_code == 0, result.output
    return folder, result


def outputs(folder):
    return sorted(p for p in (folder / "output").iterdir() if not p.name.startswith("."))


def test_build_writes_every_document_named_after_the_class(built):
    folder, result = built
    names = [p.stem for p in outputs(folder)]
    for kind in KIT:
        assert f"2026年全市工会系统理论培训班-{kind}" in names, (kind, names)
    assert "共" in result.output and "失败 0 项" in result.output


def test_every_document_opens_and_validates(built):
    from docx import Document
    from pptx import Presentation

    folder, _ = built
    files = outputs(folder)
    for f in files:
        if f.suffix == ".docx":
            assert Document(f).paragraphs or Document(f).tables
        elif f.suffix == ".pptx":
            assert len(Presentation(f).slides) > 0
    assert_valid_ooxml(*[f for f in files if f.suffix in (".docx", ".pptx")])


def test_no_temporary_files_left(built):
    folder, _ = built
    assert not [p for p in (folder / "output").iterdir() if p.name.startswith(".~")]


def test_only_and_quiet(tmp_path):
    folder = tmp_path / "班"
    runner = CliRunner()
    runner.invoke(cli, ["init", str(folder)])
    result = runner.invoke(cli, ["build", str(folder), "--only", "survey,signin", "-q"])
    assert result.exit_code == 0
    assert result.output == ""
    assert sorted(p.stem.split("-")[-1] for p in outputs(folder)) == ["签到表", "评估表"]
    bad = runner.invoke(cli, ["build", str(folder), "--only", "slidez"])
    assert bad.exit_code == 2


def test_broken_class_toml_names_the_line(tmp_path):
    folder = tmp_path / "班"
    runner = CliRunner()
    runner.invoke(cli, ["init", str(folder)])
    toml = folder / "source" / "class.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("start = 2026-11-26", "start = 2026-13-26"),
                    encoding="utf-8")
    line = 1 + toml.read_text(encoding="utf-8").splitlines().index(
        next(x for x in toml.read_text(encoding="utf-8").splitlines() if x.startswith("start =")))
    result = runner.invoke(cli, ["build", str(folder)])
    assert result.exit_code == 1
    assert result.output.startswith("错误：") and "class.toml" in result.output
    assert f"第 {line} 行" in result.output and "2026-13-26" in result.output


def test_a_failing_writer_leaves_no_partial_file_and_exits_non_zero(tmp_path, monkeypatch):
    import docx.document

    def broken_save(self, path):
        with open(path, "wb") as fh:
            fh.write(b"PK\x03\x04 half a document")
        raise OSError("disk full")

    folder = tmp_path / "班"
    runner = CliRunner()
    runner.invoke(cli, ["init", str(folder)])
    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    result = runner.invoke(cli, ["build", str(folder)])
    assert result.exit_code == 1
    assert "失败" in result.output
    names = [p.name for p in (folder / "output").iterdir()]
    assert not [n for n in names if n.endswith(".docx") or n.startswith(".~")], names
    assert any(n.endswith(".pptx") for n in names), "the other documents are still written"


def test_second_build_replaces_the_first_cleanly(tmp_path):
    folder = tmp_path / "班"
    runner = CliRunner()
    runner.invoke(cli, ["init", str(folder)])
    assert runner.invoke(cli, ["build", str(folder), "-q"]).exit_code == 0
    first = outputs(folder)
    toml = folder / "source" / "class.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("2026年全市工会系统理论培训班", "第二期培训班"),
                    encoding="utf-8")
    assert runner.invoke(cli, ["build", str(folder), "-q"]).exit_code == 0
    second = outputs(folder)
    assert len(second) == len(first)
    assert all(p.name.startswith("第二期培训班-") for p in second)


def test_only_remakes_its_documents_and_leaves_the_others(tmp_path):
    folder = tmp_path / "班"
    runner = CliRunner()
    runner.invoke(cli, ["init", str(folder)])
    assert runner.invoke(cli, ["build", str(folder), "-q"]).exit_code == 0
    before = {p.name: p.stat().st_mtime_ns for p in outputs(folder)}
    assert runner.invoke(cli, ["build", str(folder), "--only", "slides", "-q"]).exit_code == 0
    after = {p.name: p.stat().st_mtime_ns for p in outputs(folder)}
    assert set(after) == set(before)  # the handout, the test paper … are still there
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {n for n in after if "课件" in n}

    toml = folder / "source" / "class.toml"  # a renamed class: --only cleans up after its own kind only
    toml.write_text(toml.read_text(encoding="utf-8").replace("2026年全市工会系统理论培训班", "第二期培训班"),
                    encoding="utf-8")
    assert runner.invoke(cli, ["build", str(folder), "--only", "slides", "-q"]).exit_code == 0
    names = {p.name for p in outputs(folder)}
    assert {n for n in names if "课件" in n} == {"第二期培训班-课件.pptx"}
    assert {n for n in names if "讲义" in n} == {"2026年全市工会系统理论培训班-讲义.docx"}
    assert runner.invoke(cli, ["build", str(folder), "-q"]).exit_code == 0  # a whole build: only the new name
    assert all(p.name.startswith("第二期培训班-") for p in outputs(folder))


def test_a_failed_test_paper_keeps_both_its_old_files(tmp_path, monkeypatch):
    folder = tmp_path / "班"
    runner = CliRunner()
    runner.invoke(cli, ["init", str(folder)])
    assert runner.invoke(cli, ["build", str(folder), "-q"]).exit_code == 0
    old = {p.name for p in outputs(folder) if "测试卷" in p.name}
    assert len(old) == 2
    monkeypatch.setenv("DOCGEN_JOBS", "1")
    import docgen.writers.quiz

    def broken(*args, **kwargs):
        raise RuntimeError("writer failed")

    monkeypatch.setattr(docgen.writers.quiz, "write_quiz", broken)
    assert runner.invoke(cli, ["build", str(folder), "-q"]).exit_code == 1
    assert {p.name for p in outputs(folder) if "测试卷" in p.name} == old


def test_lectures_with_the_same_title_are_told_apart_by_file_name(tmp_path):
    import shutil

    folder = tmp_path / "班"
    runner = CliRunner()
    runner.invoke(cli, ["init", str(folder)])
    shutil.copy(folder / "source" / "speech.txt", folder / "source" / "第二讲.txt")
    toml = folder / "source" / "class.toml"
    text = toml.read_text(encoding="utf-8").replace('title = "深入学习贯彻党的二十大精神"', 'title = "开班动员讲话"')
    text = text.replace('speaker = "市委党校教授"', 'speaker = "市委党校教授"\nspeech = "第二讲.txt"')
    toml.write_text(text, encoding="utf-8")
    assert runner.invoke(cli, ["build", str(folder), "--only", "slides", "-q"]).exit_code == 0
    assert [p.name for p in outputs(folder)] == ["2026年全市工会系统理论培训班-课件-speech.pptx",
                                                 "2026年全市工会系统理论培训班-课件-第二讲.pptx"]


def test_no_attendees_no_table_cards_or_certificates(tmp_path):
    folder = tmp_path / "班"
    runner = CliRunner()
    runner.invoke(cli, ["init", str(folder)])
    assert runner.invoke(cli, ["build", str(folder), "-q"]).exit_code == 0
    (folder / "source" / "roster.csv").write_text("姓名,单位\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(folder), "--only", "signin,cards,certificates"])
    assert result.exit_code == 0, result.output
    assert "桌签：跳过，名单中没有学员" in result.output and "结业证书：跳过，名单中没有学员" in result.output
    assert "共 3 项，成功 1 项，跳过 2 项，失败 0 项。" in result.output
    names = [p.name for p in outputs(folder)]
    assert not [n for n in names if "桌签" in n or "结业证书" in n]  # last build's are gone: nobody to print for
    assert any("签到表" in n for n in names) and any("讲义" in n for n in names)


def test_documents_carry_todays_date_and_no_traces_of_the_libraries(built):
    """Word's and PowerPoint's 属性 dialog: not `python-docx` as author, `Steve Canny` as last editor,
    2013 as the date, `Microsoft Macintosh Word` as the program, nor the libraries' sample thumbnail."""
    import datetime as dt
    import zipfile

    folder, _ = built
    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    yesterday = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)).strftime("%Y-%m-%d")
    documents = [p for p in outputs(folder) if p.suffix in (".docx", ".pptx")]
    assert len(documents) == 8
    for path in documents:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml").decode("utf-8")
            assert not [n for n in z.namelist() if "thumbnail" in n], path.name
            assert b"Microsoft Macintosh" not in z.read("docProps/app.xml"), path.name
        assert "python-docx" not in core and "python-pptx" not in core and "Steve Canny" not in core, path.name
        created = re.search(r"<dcterms:created[^>]*>([^<]+)<", core).group(1)
        assert created[:10] in (today, yesterday), (path.name, created)
        assert "<dc:language>zh-CN</dc:language>" in core, path.name
        assert re.search(r"<dc:title>[^<]+</dc:title>", core), path.name  # Explorer and 属性 show it


def test_override_in_class_templates_changes_output(tmp_path):
    from docx import Document

    folder = tmp_path / "班"
    runner = CliRunner()
    runner.invoke(cli, ["init", str(folder)])
    runner.invoke(cli, ["templates", "export", str(folder / "templates"), "--force"])
    survey = folder / "templates" / "survey" / "survey.toml"
    text = survey.read_text(encoding="utf-8")
    assert "意见和建议" in text
    survey.write_text(text.replace("意见和建议", "对本班的其他意见"), encoding="utf-8")
    assert runner.invoke(cli, ["build", str(folder), "--only", "survey", "-q"]).exit_code == 0
    doc = Document(next(p for p in outputs(folder) if "评估表" in p.name))
    body = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "对本班的其他意见" in body and "意见和建议" not in body


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice not installed")
def test_pdf_uses_one_libreoffice_run(tmp_path, monkeypatch):
    import subprocess

    from docgen.export.pdf import pdf_page_count

    starts = []
    real_popen = subprocess.Popen

    def counting_popen(cmd, *a, **kw):
        if "--convert-to" in cmd:
            starts.append(cmd)
        return real_popen(cmd, *a, **kw)

    monkeypatch.setattr(subprocess, "Popen", counting_popen)
    folder = tmp_path / "班"
    runner = CliRunner()
    runner.invoke(cli, ["init", str(folder)])
    result = runner.invoke(cli, ["build", str(folder), "--pdf", "-q"])
    assert result.exit_code == 0, result.output
    assert len(starts) == 1
    office = [p for p in outputs(folder) if p.suffix in (".docx", ".pptx")]
    for f in office:
        pdf = f.with_suffix(".pdf")
        assert pdf.exists() and pdf_page_count(pdf) >= 1, pdf


def test_repository_is_a_class_folder(tmp_path):
    """The README's main command builds the sample kit from source/ into output/."""
    shutil.copytree(ROOT / "source", tmp_path / "source")
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    assert len(outputs(tmp_path)) == len(KIT)
