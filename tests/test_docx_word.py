"""Word/WPS fidelity of every .docx docgen writes: hinted shared punctuation, compatibility mode 15,
zh-CN theme language, Chinese punctuation compression and a font table naming every font used."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from docgen.cli import cli as main
from helpers import ROOT, assert_valid_ooxml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SHARED_PUNCTUATION = re.compile("[“”‘’—…·□√×]")
STORIES = re.compile(r"word/(document|header\d*|footer\d*|styles)\.xml")


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """Every .docx of the sample class, and certificates from a template edited the way a union office would:
    reworded with quotes and dashes in a Times New Roman run, saved by a Word with Japanese theme language and compatibility mode 14."""
    folder = tmp_path_factory.mktemp("word") / "班"
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(folder)]).exit_code == 0
    template = folder / "templates" / "certificates" / "certificate.docx"
    template.parent.mkdir(parents=True, exist_ok=True)
    _edited_template(ROOT / "docgen" / "templates" / "certificates" / "certificate.docx", template)
    result = runner.invoke(main, ["build", str(folder), "-q"])
    assert result.exit_code == 0, result.output
    files = sorted((folder / "output").glob("*.docx"))
    assert len(files) == 6
    return files


def _edited_template(source: Path, target: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(source))
    for p in doc.paragraphs:
        if p.text == "特发此证。":
            p.runs[0].text = "“学习标兵”——特发此证……"
            p.runs[0].font.name = "Times New Roman"  # the Latin slots only
    settings = doc.settings.element
    settings.find(qn("w:compat")).find(qn("w:compatSetting")).set(qn("w:val"), "14")
    settings.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "ja-JP")
    settings.find(qn("w:characterSpacingControl")).set(qn("w:val"), "doNotCompress")
    doc.save(str(target))


def _parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xml")}


def test_every_run_with_shared_punctuation_is_hinted_east_asian(kit):
    counted = 0
    for path in kit:
        for name, root in _parts(path).items():
            if not STORIES.fullmatch(name):
                continue
            for r in root.iter(W + "r"):
                text = "".join(t.text or "" for t in r.iter(W + "t"))
                if SHARED_PUNCTUATION.search(text):
                    counted += 1
                    fonts = r.find(f"{W}rPr/{W}rFonts")
                    assert fonts is not None and fonts.get(W + "hint") == "eastAsia", (path.name, text)
    assert counted > 100


def test_a_paragraph_opening_with_a_quote_gives_it_the_east_asian_font_in_every_slot(kit):
    """LibreOffice ignores the hint and draws a paragraph's leading quote in the Latin font."""
    certs = next(p for p in kit if p.name.endswith("结业证书.docx"))
    leading = {}
    for path in kit:
        for p in _parts(path)["word/document.xml"].iter(W + "p"):
            first = next((t for t in p.iter(W + "t") if t.text), None)
            if first is not None and first.text[0] in "“‘—…":
                fonts = first.getparent().find(f"{W}rPr/{W}rFonts")
                ok = fonts is not None and fonts.get(W + "ascii") == fonts.get(W + "eastAsia") is not None
                leading.setdefault(path.name, []).append(ok)
    assert certs.name in leading and all(all(v) for v in leading.values()), leading
    paragraphs = [t for t in _texts(certs) if "特发此证" in t]
    assert paragraphs and all(t == "“学习标兵”——特发此证……" for t in paragraphs)


def _texts(path: Path) -> list[str]:
    from docx import Document

    return [p.text for p in Document(str(path)).paragraphs]


def test_settings_are_those_of_chinese_word(kit):
    for path in kit:
        settings = _parts(path)["word/settings.xml"]
        modes = [s.get(W + "val") for s in settings.iter(W + "compatSetting") if s.get(W + "name") == "compatibilityMode"]
        assert modes == ["15"], path.name
        assert settings.find(W + "themeFontLang").get(W + "eastAsia") == "zh-CN"
        assert settings.find(W + "characterSpacingControl").get(W + "val") == "compressPunctuation"


def test_the_font_table_lists_every_font_used_with_charset_and_substitute(kit):
    for path in kit:
        parts = _parts(path)
        used = {fonts.get(W + a) for name, root in parts.items() if STORIES.fullmatch(name) or name == "word/numbering.xml"
                for fonts in root.iter(W + "rFonts") for a in ("ascii", "hAnsi", "eastAsia", "cs")} - {None}
        table = {f.get(W + "name"): f for f in parts["word/fontTable.xml"].iter(W + "font")}
        assert used <= set(table), (path.name, used - set(table))
        for name in used:
            entry = table[name]
            chinese = any(ord(ch) > 0x2E80 for ch in name)
            charset = "86" if chinese else "02" if name == "Symbol" else "00"
            assert entry.find(W + "charset").get(W + "val") == charset, name
            assert len(entry.find(W + "panose1").get(W + "val")) == 20
        for gb, fallback in (("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "宋体")):
            if gb in table:
                assert table[gb].find(W + "altName").get(W + "val") == fallback
    names = {f.get(W + "name") for path in kit for f in _parts(path)["word/fontTable.xml"].iter(W + "font")}
    assert {"宋体", "黑体", "楷体", "仿宋", "仿宋_GB2312", "方正小标宋简体", "Times New Roman"} <= names
    assert "ＭＳ 明朝" not in names


def test_every_document_still_validates(kit):
    assert_valid_ooxml(*kit)


def test_a_template_with_theme_fonts_keeps_them_and_gains_the_hint(tmp_path):
    """A run whose East Asian font comes from the theme is hinted but not re-fonted (the theme decides)."""
    from docx import Document

    from docgen.writers.docx_word import finish

    doc = Document()
    doc.add_paragraph("“引号”开头")
    finish(doc)
    fonts = doc.paragraphs[0].runs[0]._r.find(f"{W}rPr/{W}rFonts")
    assert fonts.get(W + "hint") == "eastAsia" and fonts.get(W + "ascii") is None
    out = tmp_path / "x.docx"
    doc.save(str(out))
    table = {f.get(W + "name") for f in _parts(out)["word/fontTable.xml"].iter(W + "font")}
    assert "ＭＳ 明朝" not in table


def test_the_shipped_bases_are_already_chinese_word_files():
    for base in (ROOT / "docgen" / "data" / "base.docx", ROOT / "docgen" / "templates" / "certificates" / "certificate.docx"):
        settings = _parts(base)["word/settings.xml"]
        assert settings.find(W + "themeFontLang").get(W + "eastAsia") == "zh-CN", base.name
        assert settings.find(W + "characterSpacingControl").get(W + "val") == "compressPunctuation"


def test_the_sign_in_sheet_built_as_text_hints_its_shared_punctuation(tmp_path):
    """The sign-in rows are written as XML text, not through python-docx: their runs are hinted too."""
    from docgen.config import ClassInfo
    from docgen.resources import Templates
    from docgen.roster import Attendee, Roster
    from docgen.writers.signin import write_signin

    roster = Roster([Attendee("王建国", unit="“两新”组织·联合工会", title="主席—兼职")])
    out = write_signin(roster, tmp_path / "签到表.docx", ClassInfo(name="“职工之家”培训班"), Templates())
    runs = [r for r in _parts(out)["word/document.xml"].iter(W + "r")
            if SHARED_PUNCTUATION.search("".join(t.text or "" for t in r.iter(W + "t")))]
    assert len(runs) >= 5
    assert all(r.find(f"{W}rPr/{W}rFonts").get(W + "hint") == "eastAsia" for r in runs)
    assert_valid_ooxml(out)
