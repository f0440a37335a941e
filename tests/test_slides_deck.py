"""Decks of real speeches, with the built-in template and with a custom one lacking a layout.

python-pptx checks (structure, titles, notes, fonts, measured fit), OOXML validation, and one
LibreOffice run for every deck (page count, every character inside its slide and its frame, 避头尾).
"""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches

from docgen.analysis.sentences import split_sentences
from docgen.config import load_class
from docgen.readers import read_speech
from docgen.resources import Templates
from docgen.textutil import has_cjk
from docgen.writers.measure import LINE_HEIGHT, NO_LINE_START, Frame, wrap
from docgen.writers.slides import write_deck
from docgen.writers.slides_plan import top_sections
from helpers import CORPUS, SAMPLE, assert_valid_ooxml, corpus_files, has_soffice, pdf_words, to_pdf

SPEECHES = {
    "sample": SAMPLE,
    "congress": CORPUS / "party20_congress_report.txt",
    "foolish": CORPUS / "mao_foolish_old_man_1945.md",
    "unnumbered": Path(__file__).parent / "fixtures" / "unseen" / "12_no_numbering.txt",
}
TEMPLATES = ("builtin", "custom")
DECKS = [(s, t) for t in TEMPLATES for s in SPEECHES]
CUSTOM_BODY_HEIGHT = 4.0
EMU_PER_PT = 12700


def make_custom_reference(folder: Path) -> Path:
    """The built-in reference without "Section Header", a shorter body frame and a sample slide, as .potx."""
    with Templates().path("slides/reference.pptx") as builtin:
        prs = Presentation(str(builtin))
    prs.slide_layouts.remove(prs.slide_layouts.get_by_name("Section Header"))
    content = prs.slide_layouts.get_by_name("Title and Content")
    body = content.placeholders[1]
    body.left, body.top, body.width, body.height = Inches(0.6), Inches(1.6), Inches(12.1), Inches(CUSTOM_BODY_HEIGHT)
    sample = prs.slides.add_slide(prs.slide_layouts.get_by_name("Title Only"))
    sample.shapes.title.text = "模板示例页"
    buffer = io.BytesIO()
    prs.save(buffer)
    target = folder / "单位模板.potx"
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            dst.writestr(item, data)
    return target


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("decks")
    custom = make_custom_reference(folder)
    info = load_class(SAMPLE.parent / "class.toml")
    templates = Templates(None, info.folder)
    logger = logging.getLogger("docgen")
    out = {}
    for name, path in SPEECHES.items():
        speech = read_speech(path)
        for template in TEMPLATES:
            collect = _Collect()
            logger.addHandler(collect)
            try:
                deck = write_deck(speech, folder / f"{name}-{template}.pptx", info, templates,
                                  custom if template == "custom" else None)
            finally:
                logger.removeHandler(collect)
            out[(name, template)] = (speech, deck, collect.messages)
    return out


@pytest.fixture(scope="module")
def pdfs(built, tmp_path_factory):
    """Every deck converted in one LibreOffice run; pages of characters with their boxes."""
    if not has_soffice():
        pytest.skip("LibreOffice 未安装")
    keys = list(built)
    results = to_pdf(*[built[k][1] for k in keys], outdir=tmp_path_factory.mktemp("pdf"))
    return {k: pdf_words(pdf) for k, pdf in zip(keys, results)}


_OPENED: dict = {}


def slides_of(built, key):
    speech, path, _ = built[key]
    if path not in _OPENED:
        _OPENED[path] = Presentation(str(path))
    return speech, _OPENED[path]


@pytest.mark.parametrize("key", DECKS)
def test_slide_count_follows_the_structure(built, key):
    speech, prs = slides_of(built, key)
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[0] == "Title Slide"
    assert layouts.count("Section Header") == len(speech.sections)
    agenda = [s for s in prs.slides if s.shapes.title and s.shapes.title.text.startswith("主要内容")]
    items = sum(len(s.placeholders[1].text_frame.paragraphs) for s in agenda)
    units = top_sections(speech)[0]
    assert items == (len(units) if len(units) > 1 else 0) and units
    firsts = [s.shapes.title.text for s in prs.slides if s.slide_layout.name == "Title and Content"
              and s not in agenda and "（续）" not in s.shapes.title.text]
    assert set(u.short_title for u in units) <= set(firsts)
    if key == ("sample", "builtin"):
        assert len(speech.sections) == 8 and speech.preamble and speech.closing
        # cover, agenda, one intro slide, 8 × (section slide + one content slide), closing
        assert len(prs.slides) == 3 + 2 * 8 + 1


@pytest.mark.parametrize("key", DECKS)
def test_titles_are_the_short_titles(built, key):
    speech, prs = slides_of(built, key)
    # a divider title is set in balanced lines, one paragraph each
    section_titles = [s.shapes.title.text.replace("\n", "") for s in prs.slides if s.slide_layout.name == "Section Header"]
    assert section_titles == [s.short_title for s in speech.sections]
    units = list(speech.walk()) or top_sections(speech)[0]
    shorts = {s.short_title for s in units} | {"主要内容", "开篇", "结束语"}
    for slide in prs.slides:
        if slide.slide_layout.name == "Title and Content":
            assert slide.shapes.title.text.removesuffix("（续）") in shorts


@pytest.mark.parametrize("key", DECKS)
def test_every_sentence_is_in_the_notes(built, key):
    speech, prs = slides_of(built, key)
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)
    sentences = [s.strip() for p in speech.body_paragraphs() for s in split_sentences(p) if s.strip()]
    assert sentences
    missing = [s for s in sentences if s not in notes]
    assert not missing, missing[:3]


@pytest.mark.parametrize("key", DECKS)
def test_every_cjk_run_has_an_east_asian_font_and_zh_cn(built, key):
    _, prs = slides_of(built, key)
    parts = [s for s in prs.slides] + [s.notes_slide for s in prs.slides if s.has_notes_slide]
    runs = 0
    for part in parts:
        for run in part._element.iter(qn("a:r"), qn("a:fld")):
            text = "".join(t.text or "" for t in run.iter(qn("a:t")))
            rpr = run.find(qn("a:rPr"))
            if has_cjk(text):
                runs += 1
                ea = rpr.find(qn("a:ea")) if rpr is not None else None
                assert ea is not None and ea.get("typeface"), text
                assert rpr.find(qn("a:latin")) is not None and rpr.get("lang") == "zh-CN", text
    assert runs > 10


@pytest.mark.parametrize("key", DECKS)
def test_no_frame_overflows_by_measure_and_autosize_is_off(built, key):
    _, prs = slides_of(built, key)
    checked = 0
    for slide in prs.slides:
        for shape in slide.placeholders:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            body_pr = shape.text_frame._txBody.find(qn("a:bodyPr"))
            assert body_pr.find(qn("a:noAutofit")) is not None
            assert _measured_height(shape) <= _frame(shape).inner_height + 0.01, (shape.text_frame.text[:40])
            checked += 1
    assert checked >= len(prs.slides)


def _frame(shape) -> Frame:
    return Frame(shape.width / EMU_PER_PT, shape.height / EMU_PER_PT)


def _measured_height(shape) -> float:
    frame, height = _frame(shape), 0.0
    for p in shape.text_frame.paragraphs:
        sizes = [int(r.get("sz")) / 100 for r in p._p.iter(qn("a:rPr")) if r.get("sz")]
        assert sizes, p.text
        size = max(sizes)
        ppr = p._p.find(qn("a:pPr"))
        indent = int(ppr.get("marL", "0")) / EMU_PER_PT if ppr is not None else 0
        before = ppr.find(qn("a:spcBef")) if ppr is not None else None
        space = int(before[0].get("val")) / 100 if before is not None else 0
        height += len(wrap(p.text, frame.inner_width - indent, size)) * size * LINE_HEIGHT + space
    return height


@pytest.mark.parametrize("key", DECKS)
def test_body_text_sizes_stay_readable(built, key):
    _, prs = slides_of(built, key)
    for slide in prs.slides:
        if slide.slide_layout.name != "Title and Content":
            continue
        sizes = [int(r.get("sz")) / 100 for r in slide.placeholders[1]._element.iter(qn("a:rPr"))]
        title = [int(r.get("sz")) / 100 for r in slide.shapes.title._element.iter(qn("a:rPr"))]
        assert min(sizes) >= 20 and min(title) >= 28


def test_decks_are_valid_ooxml(built):
    assert_valid_ooxml(*[deck for _, deck, _ in built.values()])


def test_custom_template_warns_and_falls_back_for_the_missing_layout(built):
    for name in SPEECHES:
        speech, prs = slides_of(built, (name, "custom"))
        messages = built[(name, "custom")][2]
        assert any("Section Header" in m and "内置版式" in m for m in messages), messages
        assert "模板示例页" not in [s.shapes.title.text for s in prs.slides if s.shapes.title]
        bodies = [s.placeholders[1] for s in prs.slides if s.slide_layout.name == "Title and Content"]
        assert all(abs(b.height - Inches(CUSTOM_BODY_HEIGHT)) < 10 for b in bodies)
    _, default = slides_of(built, ("congress", "builtin"))
    _, custom = slides_of(built, ("congress", "custom"))
    assert len(custom.slides) >= len(default.slides)


def test_builtin_template_gives_no_warning(built):
    for name in SPEECHES:
        assert built[(name, "builtin")][2] == []


# -- LibreOffice -------------------------------------------------------------------

@pytest.mark.parametrize("key", DECKS)
def test_pdf_has_one_page_per_slide_and_every_char_inside_its_frame(built, pdfs, key):
    _, prs = slides_of(built, key)
    pages = pdfs[key]
    assert len(pages) == len(prs.slides)
    for (width, height, chars), slide in zip(pages, prs.slides):
        boxes = _text_boxes(slide)
        for x0, top, x1, bottom, text in chars:
            assert 0 <= x0 and x1 <= width and 0 <= top and bottom <= height, text
            if text.strip():
                assert any(l - 2 <= x0 and x1 <= r + 2 and t - 2 <= top and bottom <= b + 2
                           for l, t, r, b in boxes), (text, x0, top, slide.shapes.title.text)


def _text_boxes(slide):
    boxes = []
    for shape in slide.placeholders:
        if shape.has_text_frame and shape.text_frame.text.strip():
            left, top = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
            boxes.append((left, top, left + shape.width / EMU_PER_PT, top + shape.height / EMU_PER_PT))
    return boxes


@pytest.mark.parametrize("key", DECKS)
def test_pdf_lines_never_start_with_closing_punctuation(pdfs, key):
    for _, _, chars in pdfs[key]:
        lines: dict[float, list] = {}
        for x0, top, _, _, text in chars:
            lines.setdefault(round(top), []).append((x0, text))
        for line in lines.values():
            first = min(line)[1]
            assert first not in NO_LINE_START, "".join(t for _, t in sorted(line))


@pytest.mark.parametrize("path", [p for p in corpus_files() if p.name != "README.md"], ids=lambda p: p.stem)
def test_every_corpus_speech_gives_a_fitting_deck_with_verbatim_notes(path, tmp_path):
    speech = read_speech(path)
    prs = Presentation(str(write_deck(speech, tmp_path / "deck.pptx", load_class(SAMPLE.parent / "class.toml"),
                                      Templates())))
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)
    sentences = [s.strip() for p in speech.body_paragraphs() for s in split_sentences(p) if s.strip()]
    assert sentences and all(s in notes for s in sentences)
    for slide in prs.slides:
        for shape in slide.placeholders:
            if shape.has_text_frame and shape.text_frame.text.strip():
                assert _measured_height(shape) <= _frame(shape).inner_height + 0.01
