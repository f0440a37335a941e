"""The handout .docx opened with python-docx: page, styles and fonts, footers, verbatim text; and the CLI."""

import re
import subprocess
import sys
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from docgen.analysis.sentences import split_sentences
from docgen.config import load_class
from docgen.readers import read_speech
from docgen.resources import Templates
from docgen.writers.handout import write_handout
from docgen.analysis.numerals import int_to_cn
from helpers import CORPUS, ROOT, SAMPLE, assert_valid_ooxml

CONGRESS = CORPUS / "party20_congress_report.txt"
CASES = [("sample", SAMPLE, "full"), ("sample", SAMPLE, "plain"), ("sample", SAMPLE, "compact"),
         ("congress", CONGRESS, "full"), ("congress", CONGRESS, "plain")]
BODY_STYLE_FONTS = {"讲义正文": "仿宋", "讲义标题": "方正小标宋简体", "讲义一级标题": "黑体", "讲义二级标题": "楷体",
                    "讲义三级标题": "仿宋", "讲义页码": "宋体", "一级标题字符": "黑体", "二级标题字符": "楷体"}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("handouts")
    info = load_class(ROOT / "source" / "class.toml")
    files = {}
    for name, path, mode in CASES:
        speech = read_speech(path)
        files[name, mode] = (speech, write_handout(speech, out_dir / f"{name}-{mode}.docx", info, Templates(), mode))
    return files


def test_every_handout_validates(outputs):
    assert_valid_ooxml(*(path for _, path in outputs.values()))


@pytest.mark.parametrize("case", [c[0::2] for c in CASES])
def test_a4_with_gbt9704_margins_and_line_grid(outputs, case):
    _, path = outputs[case]
    section = Document(path).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [m.twips for m in margins] == [2098, 1984, 1587, 1474]
    assert 1380 <= section.footer_distance.twips <= 1460
    grid = section._sectPr.find(qn("w:docGrid"))
    if case[1] == "compact":
        assert grid.get(qn("w:type")) in (None, "default")
    else:
        assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"


def test_styles_carry_east_asian_fonts_and_body_metrics(outputs):
    doc = Document(outputs["sample", "full"][1])
    styles = {s.name: s for s in doc.styles}
    for name, font in BODY_STYLE_FONTS.items():
        rfonts = styles[name].element.rPr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")) == font, name
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert defaults.find(qn("w:sz")).get(qn("w:val")) == "32"
    normal = styles["Normal"].element
    spacing = normal.pPr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    assert normal.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
    assert styles["讲义标题"].element.rPr.find(qn("w:sz")).get(qn("w:val")) == "44"
    body = styles["讲义正文"].element.pPr
    ind = body.find(qn("w:ind"))
    assert (ind.get(qn("w:firstLine")), ind.get(qn("w:firstLineChars"))) == ("640", "200")
    assert body.find(qn("w:jc")).get(qn("w:val")) == "both"
    assert styles["讲义一级标题"].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"


def test_compact_uses_xiaosi_song_at_exact_23_5_points(outputs):
    doc = Document(outputs["sample", "compact"][1])
    normal = doc.styles["Normal"].element
    assert normal.rPr.find(qn("w:sz")).get(qn("w:val")) == "24"
    assert normal.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
    assert normal.pPr.find(qn("w:spacing")).get(qn("w:line")) == "470"


@pytest.mark.parametrize("case", [c[0::2] for c in CASES])
def test_no_theme_font_beside_an_east_asian_font(outputs, case):
    with zipfile.ZipFile(outputs[case][1]) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml") and name != "word/stylesWithEffects.xml":
                for tag in re.findall(r"<w:rFonts [^>]*>", z.read(name).decode("utf-8")):
                    assert not ("w:eastAsia=" in tag and "Theme=" in tag), (name, tag)


def test_odd_footer_right_even_footer_left_both_with_a_page_field(outputs):
    doc = Document(outputs["sample", "full"][1])
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align, indent in ((section.footer, "right", "w:right"), (section.even_page_footer, "left", "w:left")):
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == align
        assert p._p.pPr.find(qn("w:ind")).get(qn(indent)) == "280"
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert p.style.name == "讲义页码"


def doc_text(path) -> str:
    doc = Document(path)
    return "\n".join(p.text for p in doc.paragraphs)


@pytest.mark.parametrize("case", [c[0::2] for c in CASES])
def test_every_sentence_of_the_speech_is_there_verbatim(outputs, case):
    speech, path = outputs[case]
    text = doc_text(path)
    paragraphs = set(text.split("\n"))
    for paragraph in speech.body_paragraphs():
        assert paragraph in paragraphs
        for sentence in split_sentences(paragraph):
            assert sentence in text
    for line in speech.title_lines:
        assert line in paragraphs


def test_points_box_lines_are_one_key_sentence_per_part(outputs):
    speech, path = outputs["sample", "full"]
    doc = Document(path)
    texts = [p.text for p in doc.paragraphs if p.style.name == "讲义框要点"]
    assert texts == [f"{int_to_cn(i)}、{s.heading}" for i, s in enumerate(speech.sections, 1)]
    label = next(p for p in doc.paragraphs if p.text == "学习要点")
    assert label.style.name == "讲义框标题"


def test_full_handout_has_questions_bold_phrases_glossary_and_notes_page(outputs):
    speech, path = outputs["sample", "full"]
    doc = Document(path)
    labels = [p.text for p in doc.paragraphs if p.style.name == "讲义框标题"]
    assert labels.count("思考题") == len(speech.sections) and labels.count("本部分要点") == len(speech.sections)
    texts = [p.text for p in doc.paragraphs]
    speech_part = doc.paragraphs[:texts.index("名词解释")]
    bold = [r.text for p in speech_part if p.style.name == "讲义正文" for r in p.runs if r.bold]
    assert "“四同步、四衔接”" in bold and len(bold) == len(set(bold)) > 10
    titles = [p for p in doc.paragraphs if p.style.name == "讲义标题"]
    assert [p.text for p in titles[-2:]] == ["名词解释", "学习笔记"]
    assert all(p.paragraph_format.page_break_before for p in titles[-2:])
    assert len(doc.tables) == 1 and len(doc.tables[0].rows) >= 15
    run_in = next(p for p in doc.paragraphs if p.text.startswith("一是"))
    assert run_in.runs[0].style.name == "一级标题字符" and run_in.runs[0].text.startswith("一是要对标")


def test_plain_handout_is_the_speech_alone(outputs):
    speech, path = outputs["congress", "plain"]
    doc = Document(path)
    styles = {p.style.name for p in doc.paragraphs}
    assert not styles & {"讲义框标题", "讲义框内容", "讲义框要点"}
    assert not doc.tables and not any(r.bold for p in doc.paragraphs for r in p.runs)
    headings = [p.text for p in doc.paragraphs if p.style.name == "讲义一级标题"]
    assert headings == [s.heading_text() for s in speech.sections]


# -- command line -------------------------------------------------------------


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=cwd)


def test_cli_writes_the_default_output_name(tmp_path):
    proc = run("handout", str(SAMPLE), "--class", str(ROOT / "source" / "class.toml"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "output" / "在工会系统理论培训班上的动员讲话-讲义.docx"
    assert out.is_file() and str(out.relative_to(tmp_path)) in proc.stdout
    assert "2026年全市工会系统理论培训班" in doc_text(out)


def test_cli_plain_to_a_given_file(tmp_path):
    out = tmp_path / "讲义.docx"
    proc = run("handout", str(SAMPLE), "--plain", "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "学习要点" not in doc_text(out)


def test_cli_plain_and_compact_together_is_a_usage_error(tmp_path):
    proc = run("handout", str(SAMPLE), "--plain", "--compact", cwd=tmp_path)
    assert proc.returncode == 2 and "--plain" in proc.stderr and not (tmp_path / "output").exists()


def test_cli_missing_speech_is_one_chinese_line_and_no_output(tmp_path):
    proc = run("handout", "没有这个文件.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()] and proc.stderr.startswith("错误：")
    assert "没有这个文件.txt" in proc.stderr and not (tmp_path / "output").exists()


def test_broken_typography_template_is_a_template_error_and_leaves_no_file(tmp_path):
    templates = tmp_path / "t" / "handout"
    templates.mkdir(parents=True)
    (templates / "typography.toml").write_text("[fonts]\nbody = \"仿宋\"\n", encoding="utf-8")
    out = tmp_path / "x.docx"
    proc = run("handout", str(SAMPLE), "--templates", str(tmp_path / "t"), "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr.startswith("错误：") and "typography.toml" in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()
    assert not list(tmp_path.glob("*.docx"))


def _glossary_of(path):
    doc = Document(path)
    return [p.text for p in doc.paragraphs if "：" in p.text and p.runs and p.runs[0].bold]


def test_a_trainers_glossary_file_comes_first(tmp_path):
    terms = tmp_path / "术语.txt"
    terms.write_text("# 培训者补充\n娘家人：工会是职工的娘家，工会干部是职工的娘家人。\n八个对标：培训者的说法\n", encoding="utf-8")
    proc = run("handout", str(SAMPLE), "--glossary", str(terms), "-o", "讲义.docx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    entries = _glossary_of(tmp_path / "讲义.docx")
    assert entries[:2] == ["娘家人：工会是职工的娘家，工会干部是职工的娘家人。", "八个对标：培训者的说法"]
    assert sum(e.startswith("八个对标") for e in entries) == 1


def test_a_glossary_beside_the_speech_is_used_and_a_bad_line_is_one_error(tmp_path):
    speech = tmp_path / "speech.txt"
    speech.write_bytes(SAMPLE.read_bytes())
    (tmp_path / "名词解释.txt").write_text("新就业形态：平台用工等新的就业方式\n", encoding="utf-8")
    proc = run("handout", str(speech), "-o", "讲义.docx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert _glossary_of(tmp_path / "讲义.docx")[0] == "新就业形态：平台用工等新的就业方式"
    (tmp_path / "名词解释.txt").write_text("没有冒号的一行\n", encoding="utf-8")
    proc = run("handout", str(speech), "-o", "坏.docx", cwd=tmp_path)
    assert proc.returncode != 0 and not (tmp_path / "坏.docx").exists()
    assert proc.stderr.startswith("错误：") and "第 1 行" in proc.stderr and "Traceback" not in proc.stderr
