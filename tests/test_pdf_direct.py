"""Table cards and certificates drawn as PDF by docgen itself must look like LibreOffice's PDF of the
same .pptx/.docx: same pages, same words in the same places, the same ink."""

from __future__ import annotations

import logging
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from docgen.config import load_class
from docgen.export import direct
from docgen.export.pdf import export_pdfs, pdf_page_count
from docgen.export.ooxml import Unsupported
from docgen.resources import Templates
from docgen.roster import Attendee, Roster, read_roster
from docgen.writers.cards import write_cards
from docgen.writers.certificates import write_certificates
from docgen.writers.signin import write_signin
from helpers import ROOT, has_soffice, to_pdf

pytestmark = pytest.mark.skipif(not has_soffice(), reason="LibreOffice is the reference")


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """The sample class's cards and certificates, as LibreOffice prints them and as docgen draws them."""
    folder = tmp_path_factory.mktemp("direct")
    info = load_class(ROOT / "source" / "class.toml")
    roster = read_roster(ROOT / "source" / "roster.csv")
    roster = Roster(roster.attendees[:6] + [Attendee("欧阳晓东", unit="市总工会宣传教育部办公室（综合科）")])
    cards = write_cards(roster, folder / "cards.pptx", info, Templates())
    certs = write_certificates(roster, folder / "certs.docx", info, Templates())
    signin = write_signin(_long_roster(), folder / "signin.docx", info, Templates(), blank=3)
    reference = dict(zip(("cards", "certs", "signin"), to_pdf(cards, certs, signin, outdir=folder / "lo")))
    drawn = {kind: folder / f"{kind}-drawn.pdf" for kind in ("cards", "certs", "signin")}
    for kind, source in (("cards", cards), ("certs", certs), ("signin", signin)):
        assert direct.draw(source, drawn[kind]) == []
    return roster, reference, drawn


def _long_roster() -> Roster:
    """Enough attendees for several sign-in pages, one with a unit long enough to wrap."""
    people = read_roster(ROOT / "source" / "roster.csv").attendees * 2
    people[5] = Attendee("诸葛亮", unit="某某市某某区总工会机关党委办公室暨工会干部学校培训中心综合科", phone="13800000000")
    return Roster(people)


def words(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page, the words pdftotext finds: (text, xMin, yMin, xMax, yMax)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [[(m[4], *map(float, m[:4])) for m in word.findall(page)] for page in out.split("<page ")[1:]]


def ink_pages(pdf: Path, dpi: int = 40):
    from PIL import Image

    folder = Path(tempfile.mkdtemp())
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(pdf), str(folder / "p")], check=True)
    return [Image.open(p).point(lambda v: 255 if v < 160 else 0) for p in sorted(folder.glob("p*.pgm"))]


def shared_ink(a, b) -> float:
    """The share of `a`'s ink that `b` has within one pixel."""
    from PIL import ImageChops, ImageFilter

    near_b = b.filter(ImageFilter.MaxFilter(3))
    return ImageChops.multiply(a, near_b).histogram()[255] / max(a.histogram()[255], 1)


@pytest.mark.parametrize("kind", ["cards", "certs", "signin"])
def test_drawn_pages_carry_the_same_ink_as_libreoffice(kit, kind):
    _, reference, drawn = kit
    ours, theirs = ink_pages(drawn[kind]), ink_pages(reference[kind])
    assert len(ours) == len(theirs) == (7 if kind != "signin" else 5)
    for a, b in zip(ours, theirs):
        assert a.size == b.size
        assert shared_ink(a, b) > 0.97 and shared_ink(b, a) > 0.97


def test_the_check_notices_a_shift_of_a_few_points(kit):
    from PIL import ImageChops

    _, reference, _ = kit
    page = ink_pages(reference["certs"])[0]
    assert shared_ink(page, ImageChops.offset(page, 0, 3)) < 0.9  # 3 px at 40 dpi = 5.4 pt


@pytest.mark.parametrize("kind", ["cards", "certs", "signin"])
def test_drawn_words_stand_where_libreoffice_puts_them(kit, kind):
    _, reference, drawn = kit
    for ours, theirs in zip(words(drawn[kind]), words(reference[kind])):
        ours, theirs = sorted(ours), sorted(theirs)  # poppler orders rotated words either way
        assert [w[0] for w in ours] == [w[0] for w in theirs]
        for a, b in zip(ours, theirs):
            # horizontally to the point; word boxes' heights follow each PDF's font metrics, so the vertical
            # placement is checked by the ink instead
            assert abs(a[1] - b[1]) < 1.5 and abs(a[3] - b[3]) < 1.5, (a, b)


def test_every_attendee_is_on_their_own_page_and_the_fonts_are_embedded(kit):
    roster, _, drawn = kit
    for kind in ("cards", "certs"):
        pages = words(drawn[kind])
        for page, person in zip(pages, roster.attendees):
            assert person.name in "".join(w[0] for w in page)
        fonts = subprocess.run(["pdffonts", str(drawn[kind])], capture_output=True, text=True).stdout.splitlines()[2:]
        assert fonts and all(" yes yes yes " in f for f in fonts)  # embedded, subset, with a ToUnicode map


def test_the_sign_in_sheet_has_its_header_row_and_page_x_of_y_on_every_page(kit):
    _, _, drawn = kit
    pages = words(drawn["signin"])
    for number, page in enumerate(pages, start=1):
        text = [w[0] for w in page]
        assert "序号" in text and "姓名" in text and "签名" not in text[:1]
        assert f"第{number}页" in "".join(text) and f"共{len(pages)}页" in "".join(text)
    assert "应到" in "".join(w[0] for w in pages[-1])


def test_a_card_reads_the_same_turned_upside_down(kit):
    _, _, drawn = kit
    for page in ink_pages(drawn["cards"]):
        assert page.histogram()[255] > 1000
        assert shared_ink(page, page.rotate(180)) > 0.9


def test_a_character_no_font_has_is_reported(tmp_path, caplog):
    info = load_class(ROOT / "source" / "class.toml")
    rare = "\U000F0041"  # supplementary private use: in no font
    cards = write_cards(Roster([Attendee("张" + rare)]), tmp_path / "rare.pptx", info, Templates())
    assert direct.draw(cards, tmp_path / "rare.pdf") == [rare]
    with caplog.at_level(logging.WARNING, logger="docgen"):
        export_pdfs([cards], draw=[cards])
    assert rare in caplog.text and "空框" in caplog.text


def test_a_template_with_a_table_goes_to_libreoffice(tmp_path, caplog):
    from docx import Document

    doc = Document()
    doc.add_paragraph("结业证书")
    doc.add_table(rows=1, cols=2).cell(0, 0).text = "张三"
    doc.save(tmp_path / "table.docx")
    with pytest.raises(Unsupported):
        direct.draw(tmp_path / "table.docx", tmp_path / "never.pdf")
    assert not (tmp_path / "never.pdf").exists()
    with caplog.at_level(logging.WARNING, logger="docgen"):
        [pdf] = export_pdfs([tmp_path / "table.docx"], draw=[tmp_path / "table.docx"])
    assert pdf_page_count(pdf) == 1 and "LibreOffice" in caplog.text
    assert "LibreOffice" in _producer(pdf)


def test_without_fontconfig_nothing_is_drawn(tmp_path, monkeypatch):
    from docgen.export import fontfiles

    monkeypatch.setattr(fontfiles, "available", lambda: False)
    with pytest.raises(Unsupported):
        direct.draw(ROOT / "docgen" / "templates" / "certificates" / "certificate.docx", tmp_path / "x.pdf")


def test_build_pdf_draws_the_roster_documents_and_converts_the_rest(tmp_path):
    from docgen.build import build
    from docgen.classfolder import init_class

    init_class(tmp_path / "k")
    report = build(tmp_path / "k", only={"survey", "signin", "cards", "certificates"}, pdf=True)
    assert report.ok, report.pdf_error
    creators = {p.name.rsplit("-", 1)[-1]: _producer(p) for p in report.pdfs}
    assert "LibreOffice" in creators["评估表.pdf"]
    assert all("docgen" in creators[name] for name in ("桌签.pdf", "结业证书.pdf", "签到表.pdf"))


def _producer(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return " ".join(line for line in info.splitlines() if line.startswith(("Creator", "Producer")))


def test_lines_break_by_the_chinese_punctuation_rules():
    from docgen.export.canvas import Canvas
    from docgen.export.textlayout import Run, wrap

    canvas = Canvas()
    face = canvas.face("宋体")
    size = 10.0
    lines = wrap(canvas, [Run("一二三，四五六。", face, size)], width=3 * size)
    assert ["".join(p.text for p in line.pieces) for line in lines] == ["一二", "三，四", "五六。"]
    latin = wrap(canvas, [Run("于2026年", face, size)], width=2.5 * size)
    assert "2026" in ["".join(p.text for p in line.pieces) for line in latin]  # digits are never split


def _edited_template(path: Path) -> Path:
    """A Word file as a union office might edit the certificate template: justified, centred and
    right-aligned paragraphs, indents, exact and proportional line spacing, colour, underline, a
    page break inside a paragraph and paragraphs that flow over the end of a page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
    from docx.enum.text import WD_BREAK, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    from docgen.writers import docx_common as dc

    doc = dc.new_document()
    dc.set_doc_defaults(doc, "仿宋_GB2312", "仿宋_GB2312", 16)
    dc.set_page_a4(doc.sections[0], 37, 35, 28, 26)
    text = ("为深入学习贯彻党的二十大精神，进一步提高工会干部的政治素质和履职能力，市总工会决定于2026年11月26日至27日"
            "举办全市工会系统理论培训班。现将有关事项通知如下：（一）培训对象为各区县总工会、产业工会分管领导，共计120人。")

    def para(words, align, **fmt):
        p = doc.add_paragraph()
        p.alignment = align
        for name, value in fmt.items():
            setattr(p.paragraph_format, name, value)
        return p, p.add_run(words)

    para("关于举办培训班的通知", ALIGN.CENTER, space_after=Pt(12))[1].bold = True
    para(text, ALIGN.JUSTIFY, first_line_indent=Pt(32))
    para(text, ALIGN.JUSTIFY, line_spacing=Pt(28), line_spacing_rule=WD_LINE_SPACING.EXACTLY, space_before=Pt(6))
    para(text, ALIGN.LEFT, line_spacing=1.5)[1].font.color.rgb = RGBColor(0xB2, 0x22, 0x22)
    p, _ = para("姓名：", ALIGN.LEFT)
    name = p.add_run("张三丰")
    name.underline, name.font.size = True, Pt(22)
    p, run = para("市总工会", ALIGN.RIGHT, space_before=Pt(24))
    run.add_break(WD_BREAK.PAGE)
    p.add_run("第二页的文字")
    for i in range(14):
        para(f"第{i + 1}段。" + text[:60], ALIGN.JUSTIFY, first_line_indent=Pt(32))
    doc.save(path)
    return path


def test_an_edited_word_template_is_drawn_like_libreoffice(tmp_path):
    source = _edited_template(tmp_path / "edited.docx")
    [reference] = to_pdf(source, outdir=tmp_path / "lo")
    assert direct.draw(source, tmp_path / "drawn.pdf") == []
    ours, theirs = ink_pages(tmp_path / "drawn.pdf"), ink_pages(reference)
    assert len(ours) == len(theirs) == 3  # the page break, then widow/orphan control like LibreOffice's
    for a, b in zip(ours, theirs):
        assert shared_ink(a, b) > 0.94 and shared_ink(b, a) > 0.94


def _heading_at_the_foot_of_a_page(path: Path, keep: bool) -> Path:
    """22 lines of 28 pt fill a GB/T 9704 page: 21 one-line paragraphs, then a heading on the last
    line, then a four-line paragraph. With keep-with-next the heading must go over to page 2."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    from docgen.writers import docx_common as dc

    doc = dc.new_document()
    dc.set_doc_defaults(doc, "仿宋_GB2312", "仿宋_GB2312", 16)
    dc.set_page_a4(doc.sections[0], 37, 35, 28, 26)

    def para(text: str):
        p = doc.add_paragraph(text)
        p.paragraph_format.line_spacing, p.paragraph_format.line_spacing_rule = Pt(28), WD_LINE_SPACING.EXACTLY
        p.paragraph_format.space_after = Pt(0)
        return p

    for i in range(21):
        para(f"第{i + 1}行。")
    para("二、下一部分的标题").paragraph_format.keep_with_next = keep
    para("这一段有四行。" * 16)
    doc.save(path)
    return path


@pytest.mark.parametrize("keep", [True, False])
def test_a_heading_kept_with_the_next_paragraph_moves_to_the_next_page_like_libreoffice(tmp_path, keep):
    source = _heading_at_the_foot_of_a_page(tmp_path / "heading.docx", keep)
    [reference] = to_pdf(source, outdir=tmp_path / "lo")
    assert direct.draw(source, tmp_path / "drawn.pdf") == []

    def heading_page(pdf):
        return next(n for n, page in enumerate(words(pdf)) if any("下一部分的标题" in w[0] for w in page))

    assert heading_page(reference) == (1 if keep else 0)  # the case is the one meant
    assert heading_page(tmp_path / "drawn.pdf") == heading_page(reference)
    assert len(words(tmp_path / "drawn.pdf")) == len(words(reference))


def test_shared_punctuation_is_drawn_in_the_font_libreoffice_picks(tmp_path):
    """Quotes, dashes and ellipses: at a paragraph's start (docgen gives them the East Asian font in every
    slot), after Chinese text (LibreOffice keeps the Chinese font) and after Latin letters (the Latin font)."""
    from docx.shared import Pt

    from docgen.writers import docx_common as dc
    from docgen.writers.docx_word import finish

    doc = dc.new_document()
    dc.set_doc_defaults(doc, "宋体", "Times New Roman", 16)
    dc.set_page_a4(doc.sections[0], 37, 35, 28, 26)
    for text in ("“开头的引号”和破折号——还有省略号……", "中间的“引号”与‘单引号’·间隔号", "Word“英文之后”—…结束"):
        doc.add_paragraph(text).paragraph_format.space_after = Pt(0)
    finish(doc)
    source = tmp_path / "punctuation.docx"
    doc.save(str(source))
    [reference] = to_pdf(source, outdir=tmp_path / "lo")
    assert direct.draw(source, tmp_path / "drawn.pdf") == []
    [ours], [theirs] = words(tmp_path / "drawn.pdf"), words(reference)
    assert [w[0] for w in ours] == [w[0] for w in theirs]
    for a, b in zip(ours, theirs):
        assert abs(a[1] - b[1]) < 1.5 and abs(a[3] - b[3]) < 1.5, (a, b)


def test_the_double_border_meets_square_at_the_corners_like_libreoffice(kit):
    """At 200 dpi the corners of the drawn certificate border match LibreOffice's: no line runs past another."""
    _, reference, drawn = kit
    ours, theirs = ink_pages(drawn["certs"], dpi=200)[0], ink_pages(reference["certs"], dpi=200)[0]
    width, height = ours.size
    for box in ((0, 0, 200, 200), (width - 200, 0, width, 200), (0, height - 200, 200, height),
                (width - 200, height - 200, width, height)):
        a, b = ours.crop(box), theirs.crop(box)
        assert a.histogram()[255] > 1000 and shared_ink(a, b) > 0.97 and shared_ink(b, a) > 0.97, box
        assert all(abs(p - q) <= 1 for p, q in zip(a.getbbox(), b.getbbox())), (box, a.getbbox(), b.getbbox())
