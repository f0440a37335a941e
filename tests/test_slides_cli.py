"""`docgen slides` on the command line: default output, --export-template, --template, errors."""

import subprocess
import sys
from pathlib import Path

from pptx import Presentation

from helpers import ROOT, SAMPLE, assert_valid_ooxml


def run(*args, cwd: Path):
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=cwd)


def test_default_output_is_named_after_the_speech_title(tmp_path):
    proc = run("slides", str(SAMPLE), "--class", str(ROOT / "source" / "class.toml"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "output" / "在工会系统理论培训班上的动员讲话-课件.pptx"
    assert out.is_file() and f"已生成：output/{out.name}" in proc.stdout
    prs = Presentation(str(out))
    assert prs.slide_width == 12192000 and prs.slide_height == 6858000
    footers = [sh.text_frame.text for s in prs.slides for sh in s.placeholders
               if sh.element.ph_type == 15]  # PP_PLACEHOLDER.FOOTER
    assert footers and set(footers) == {"2026年全市工会系统理论培训班"}


def test_export_template_round_trips_through_template(tmp_path):
    proc = run("slides", "--export-template", "课件模板.pptx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    exported = Presentation(str(tmp_path / "课件模板.pptx"))
    names = [layout.name for layout in exported.slide_layouts]
    assert {"Title Slide", "Section Header", "Title and Content", "Blank"} <= set(names)
    proc = run("slides", str(SAMPLE), "--template", "课件模板.pptx", "-o", "deck.pptx", cwd=tmp_path)
    assert proc.returncode == 0 and "警告" not in proc.stderr, proc.stderr
    assert len(Presentation(str(tmp_path / "deck.pptx")).slides) == 20


def test_export_as_potx_is_declared_a_template_and_still_works_as_one(tmp_path):
    import zipfile

    proc = run("slides", "--export-template", "课件模板.potx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(tmp_path / "课件模板.potx") as z:
        types = z.read("[Content_Types].xml")
    assert b"presentationml.template.main+xml" in types and b"presentationml.presentation.main+xml" not in types
    proc = run("slides", str(SAMPLE), "--template", "课件模板.potx", "-o", "deck.pptx", cwd=tmp_path)
    assert proc.returncode == 0 and "警告" not in proc.stderr, proc.stderr
    with zipfile.ZipFile(tmp_path / "deck.pptx") as z:
        assert b"presentationml.presentation.main+xml" in z.read("[Content_Types].xml")
    assert_valid_ooxml(tmp_path / "课件模板.potx", tmp_path / "deck.pptx")


def test_bad_inputs_give_one_chinese_line_and_no_file(tmp_path):
    (tmp_path / "坏模板.pptx").write_text("不是演示文稿", encoding="utf-8")
    (tmp_path / "模板.key").write_bytes(b"x")
    cases = [
        (("slides", "不存在.txt"), "找不到讲话稿文件"),
        (("slides",), "请给出讲话稿文件"),
        (("slides", str(SAMPLE), "--template", "坏模板.pptx", "-o", "x.pptx"), "不是 PowerPoint 格式"),
        (("slides", str(SAMPLE), "--template", "无.pptx", "-o", "x.pptx"), "找不到模板文件"),
        (("slides", str(SAMPLE), "--template", "模板.key", "-o", "x.pptx"), ".pptx 或 .potx"),
    ]
    for args, message in cases:
        proc = run(*args, cwd=tmp_path)
        assert proc.returncode == 1, (args, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("错误：") and message in lines[0], (args, proc.stderr)
        assert "Traceback" not in proc.stderr
    assert not (tmp_path / "x.pptx").exists() and not (tmp_path / "output").exists()


def test_wording_override_from_a_templates_folder(tmp_path):
    folder = tmp_path / "tpl" / "slides"
    folder.mkdir(parents=True)
    toml = (ROOT / "docgen" / "templates" / "slides" / "slides.toml").read_text(encoding="utf-8")
    (folder / "slides.toml").write_text(toml.replace('agenda_title = "主要内容"', 'agenda_title = "提纲"'),
                                        encoding="utf-8")
    proc = run("slides", str(SAMPLE), "--templates", "tpl", "-o", "d.pptx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    titles = [s.shapes.title.text for s in Presentation(str(tmp_path / "d.pptx")).slides]
    assert "提纲" in titles and "主要内容" not in titles
    (folder / "slides.toml").write_text(toml.replace("第{cn}部分", "第{x}部分"), encoding="utf-8")
    proc = run("slides", str(SAMPLE), "--templates", "tpl", "-o", "e.pptx", cwd=tmp_path)
    assert proc.returncode == 1 and "section_label" in proc.stderr and not (tmp_path / "e.pptx").exists()
