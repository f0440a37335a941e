"""桌签: one A4-landscape slide per attendee, the name on both halves, the upper one rotated 180°."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from docgen.config import ClassInfo
from docgen.resources import Templates
from docgen.roster import Attendee, Roster
from docgen.writers.cards import plan_face, write_cards
from helpers import ROOT, assert_valid_ooxml, has_soffice, pdf_words, to_pdf

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PEOPLE = [("欧阳晓东", "市总工会宣传教育部"), ("王芳", "上城区总工会"), ("曾志强", "")]


@pytest.fixture(scope="module")
def cards(tmp_path_factory):
    out = tmp_path_factory.mktemp("cards") / "桌签.pptx"
    roster = Roster([Attendee(n, unit=u) for n, u in PEOPLE])
    write_cards(roster, out, ClassInfo(name="培训班"), Templates())
    pdf = to_pdf(out)[0] if has_soffice() else None
    return out, pdf


def test_valid_and_one_a4_landscape_slide_each(cards):
    from pptx import Presentation
    from pptx.util import Mm

    assert_valid_ooxml(cards[0])
    prs = Presentation(str(cards[0]))
    assert (prs.slide_width, prs.slide_height) == (Mm(297), Mm(210))
    assert len(prs.slides) == len(PEOPLE)


def test_both_halves_carry_the_name_and_the_upper_is_rotated(cards):
    from pptx import Presentation
    from pptx.util import Mm

    prs = Presentation(str(cards[0]))
    for slide, (name, unit) in zip(prs.slides, PEOPLE):
        boxes = sorted((s for s in slide.shapes if s.has_text_frame), key=lambda s: s.top)
        assert len(boxes) == 2
        upper, lower = boxes
        assert upper.rotation == 180 and lower.rotation == 0
        assert upper.top == 0 and lower.top == Mm(105) and upper.height == lower.height == Mm(105)
        for box in boxes:
            paragraphs = [p.text for p in box.text_frame.paragraphs]
            assert paragraphs[0] == name
            assert paragraphs[1:] == ([unit] if unit else [])


def test_a_light_dashed_fold_line_runs_across_the_middle(cards):
    from pptx import Presentation
    from pptx.util import Mm

    for slide in Presentation(str(cards[0])).slides:
        [fold] = [s for s in slide.shapes if not s.has_text_frame]
        assert fold.begin_y == fold.end_y == Mm(105)
        assert fold.begin_x == Mm(10) and fold.end_x == Mm(287)
        line = fold.line
        assert line.width.pt <= 0.75 and str(line.color.rgb) == "BFBFBF" and line.dash_style is not None


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice missing")
def test_pdf_fold_line_is_printed_light_by_libreoffice_and_the_direct_drawer(cards, tmp_path):
    import subprocess

    from PIL import Image

    from docgen.export import direct

    drawn = tmp_path / "drawn.pdf"
    assert direct.draw(cards[0], drawn) == []
    for pdf in (cards[1], drawn):
        subprocess.run(["pdftoppm", "-gray", "-r", "100", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
                       check=True)
        page = Image.open(next(tmp_path.glob("p*.pgm")))
        middle = round(page.height / 2)
        band = [min(page.getpixel((x, y)) for y in range(middle - 2, middle + 3))
                for x in range(round(page.width * 0.1), round(page.width * 0.9))]
        grey = [v for v in band if v < 245]
        assert 0.3 < len(grey) / len(band) < 0.9, pdf  # dashed: marks and gaps
        assert min(grey) > 120, pdf  # light grey, not black
        for f in tmp_path.glob("p*.pgm"):
            f.unlink()


def test_every_run_has_an_east_asian_font_and_zh_cn(cards):
    from pptx import Presentation

    for slide in Presentation(str(cards[0])).slides:
        for shape in (s for s in slide.shapes if s.has_text_frame):
            for r in shape.text_frame._txBody.iter(f"{A}r"):
                rpr = r.find(f"{A}rPr")
                assert rpr.get("lang") == "zh-CN"
                assert rpr.find(f"{A}ea").get("typeface")
                children = [c.tag for c in rpr]
                assert children.index(f"{A}latin") < children.index(f"{A}ea")


def test_two_character_names_are_letter_spaced_and_long_names_shrink():
    style = {"name_fill": 0.75, "two_char_gap": 1.0, "name_max_size": 160, "unit_size": 28}
    two, three, five = (plan_face(n, "", style) for n in ("王芳", "曾志强", "阿依古丽买"))
    assert two.gap_pt == pytest.approx(two.name_size) and three.gap_pt == 0
    assert two.name_size == three.name_size  # 2 chars + a one-character gap take the width of 3
    assert five.name_size < three.name_size
    assert five.name_size * 5 <= 297 * 72 / 25.4 * 0.75 + 1


def test_gap_is_written_on_the_first_character_only(cards):
    from pptx import Presentation

    slide = Presentation(str(cards[0])).slides[1]
    runs = list(slide.shapes[0].text_frame.paragraphs[0].runs)
    assert [r.text for r in runs] == ["王", "芳"]
    assert int(runs[0]._r.rPr.get("spc")) > 0 and runs[1]._r.rPr.get("spc") is None


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice missing")
def test_pdf_both_names_present_one_rotated(cards):
    import pdfplumber

    with pdfplumber.open(cards[1]) as pdf:
        assert len(pdf.pages) == len(PEOPLE)
        for page, (name, _) in zip(pdf.pages, PEOPLE):
            big = [c for c in page.chars if c["size"] > 60]
            upright = "".join(c["text"] for c in big if c["matrix"][0] > 0)
            turned = [c for c in big if c["matrix"][0] < 0 and c["matrix"][3] < 0]
            assert upright == name
            assert sorted(c["text"] for c in turned) == sorted(name)
            assert max(c["bottom"] for c in turned) < page.height / 2 < min(c["top"] for c in big if c["matrix"][0] > 0)
    pages = pdf_words(cards[1])
    assert all(w > h for w, h, _ in pages)  # landscape


def test_cli_cards_from_the_sample_class(tmp_path):
    from pptx import Presentation

    from docgen.cli import cli

    out = tmp_path / "k.pptx"
    result = CliRunner().invoke(cli, ["cards", "--class", str(ROOT / "source" / "class.toml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(Presentation(str(out)).slides) >= 30


def test_cli_cards_without_roster_is_an_error(tmp_path):
    from docgen.cli import cli

    result = CliRunner().invoke(cli, ["cards", "-o", str(tmp_path / "k.pptx")])
    assert result.exit_code == 1 and "错误：" in result.output and "名单" in result.output
    assert not (tmp_path / "k.pptx").exists()
