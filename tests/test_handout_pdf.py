"""The handout as LibreOffice prints it: 22 lines × 28 characters, page numbers, CJK fonts."""

from collections import Counter, defaultdict

import subprocess
import xml.etree.ElementTree as ET

import pytest

from docgen.config import load_class
from docgen.readers import read_speech
from docgen.resources import Templates
from docgen.writers.handout import write_handout
from helpers import CORPUS, ROOT, SAMPLE, has_soffice, pdf_fonts, to_pdf

pytestmark = pytest.mark.skipif(not has_soffice(), reason="LibreOffice (soffice) is not installed")

MM = 72 / 25.4
TOP, BOTTOM, LEFT, RIGHT = 37 * MM, (297 - 35) * MM, 28 * MM, (210 - 26) * MM
HANGING = set("，。、；：！？”’）》」』,.;:!?)")
CASES = [("sample", SAMPLE, "full"), ("sample", SAMPLE, "plain"), ("sample", SAMPLE, "compact"),
         ("congress", CORPUS / "party20_congress_report.txt", "full"),
         ("congress", CORPUS / "party20_congress_report.txt", "plain")]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("handout-pdf")
    info = load_class(ROOT / "source" / "class.toml")
    docs = [write_handout(read_speech(path), out_dir / f"{name}-{mode}.docx", info, Templates(), mode)
            for name, path, mode in CASES]
    pdfs = to_pdf(*docs, outdir=out_dir)
    return {(name, mode): pdf_lines(pdf) for (name, _, mode), pdf in zip(CASES, pdfs)} | {
        ("fonts", name, mode): pdf_fonts(pdf) for (name, _, mode), pdf in zip(CASES, pdfs)}


class Line:
    """One printed line: top, bottom, left, right (points) and its text."""

    def __init__(self, words):
        self.top = min(w[1] for w in words)
        self.bottom = max(w[3] for w in words)
        self.left, self.right = min(w[0] for w in words), max(w[2] for w in words)
        self.text = "".join(w[4] for w in sorted(words))

    def count(self) -> int:
        """Characters of the line, a hanging punctuation mark at its end not counted."""
        text = self.text.replace(" ", "")
        return len(text) - (1 if text and text[-1] in HANGING else 0)

    def has_latin(self) -> bool:
        return any(c.isascii() and c.strip() for c in self.text)


def pdf_lines(pdf) -> list[list[Line]]:
    """Pages of lines from `pdftotext -bbox-layout` (much faster than pdfplumber on 70 pages)."""
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in ET.fromstring(xhtml).iterfind(".//h:page", ns):
        rows = defaultdict(list)
        for word in page.iterfind(".//h:word", ns):
            box = [float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            rows[round(box[3])].append((*box, word.text or ""))
        pages.append([Line(words) for _, words in sorted(rows.items())])
    return pages


def body_lines(page: list[Line]) -> list[Line]:
    return [line for line in page if TOP - 2 < line.bottom < BOTTOM + 2]


def in_box(line: Line) -> bool:
    """A line of a framed study box: set in from the left margin by the box's padding (6 pt)."""
    return LEFT + 3 < line.left < LEFT + 12


def footer_lines(page: list[Line]) -> list[Line]:
    return [line for line in page if line.bottom > BOTTOM + 2]


@pytest.mark.parametrize("case", [("sample", "full"), ("sample", "plain"), ("congress", "full"),
                                  ("congress", "plain")])
def test_22_lines_a_page_28_95_points_apart(pdfs, case):
    pages = pdfs[case]
    counts = [len(body_lines(page)) for page in pages]
    assert max(counts) <= 22
    # framed study boxes (with an empty line above and below) cost two or three lines on their pages:
    # the short sample has one on every page; plain pages are full
    if case == ("sample", "full"):
        assert max(counts) >= 19, counts
    else:
        assert counts.count(22) >= ((len(pages) - 1) * 0.5 if case[1] == "plain" else 1), counts
    for page in pages:
        lines = body_lines(page)
        if len(lines) == 22:
            # glyph boxes differ between fonts: compare lines set in the page's most common one
            height = Counter(round(line.bottom - line.top, 1) for line in lines).most_common(1)[0][0]
            ys = [line.bottom for line in lines if round(line.bottom - line.top, 1) == height]
            steps = [(b - a) / 28.95 for a, b in zip(ys, ys[1:])]
            assert len(ys) > 11 and all(abs(k - round(k)) < 0.02 for k in steps), ys


@pytest.mark.parametrize("case", [("sample", "full"), ("sample", "plain"), ("congress", "plain")])
def test_28_characters_on_a_full_body_line(pdfs, case):
    counts = Counter(line.count() for page in pdfs[case] for line in body_lines(page)
                     if not line.has_latin() and not in_box(line))  # Latin digits are narrower
    assert max(counts) == 28, counts
    assert counts[28] > sum(counts.values()) / 2, counts


def test_compact_is_denser(pdfs):
    pages = pdfs["sample", "compact"]
    # 26–27 lines on a page without a study box (the sample has one on nearly every page)
    assert max(len(body_lines(page)) for page in pages) in (25, 26, 27)
    widths = Counter(line.count() for page in pages for line in body_lines(page) if not line.has_latin())
    assert widths.most_common(1)[0][0] in (36, 37), widths
    assert len(pages) < len(pdfs["sample", "full"])


@pytest.mark.parametrize("case", [("sample", "full"), ("congress", "plain")])
def test_page_numbers_alternate_right_and_left_below_the_text_block(pdfs, case):
    pages = pdfs[case]
    assert len(pages) > 4
    one_char = 14  # 空一字 at 4号
    for number, page in enumerate(pages, start=1):
        footer, = footer_lines(page)
        assert footer.text.replace(" ", "") == f"—{number}—"
        assert 2.5 * MM < footer.top - BOTTOM < 6 * MM  # glyph box; the dash itself is about 7 mm below
        if number % 2:
            assert abs(footer.right - (RIGHT - one_char)) < 2 * MM, (number, footer.right)
        else:
            assert abs(footer.left - (LEFT + one_char)) < 2 * MM, (number, footer.left)


@pytest.mark.parametrize("case", [c[0::2] for c in CASES])
def test_cjk_fonts_and_no_dejavu(pdfs, case):
    fonts = pdfs["fonts", *case]
    assert "CJK" in fonts
    assert "DejaVu" not in fonts


def test_heading_kai_and_hei_fonts_are_used(pdfs):
    fonts = pdfs["fonts", "congress", "full"]
    assert "NotoSerifCJK" in fonts and "NotoSansCJK" in fonts and "UKai" in fonts.replace("Ukai", "UKai")


def test_xiaobiaosong_title_uses_the_bold_serif_stand_in(pdfs):
    fonts = pdfs["fonts", "congress", "plain"]  # plain: no bold runs, so a bold face is the title's
    assert "NotoSerifCJK" in fonts and "Bold" in fonts
