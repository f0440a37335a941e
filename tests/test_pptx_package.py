"""Decks written as PresentationML without python-pptx: references PowerPoint users actually have.

Each case edits the built-in reference at the package level (`docgen.writers.opc`), writes the
sample deck on it, and reads the result back with python-pptx and the OOXML schemas.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from docgen.config import load_class
from docgen.errors import TemplateError
from docgen.readers import read_speech
from docgen.resources import Templates, packaged_templates
from docgen.writers import opc
from docgen.writers.pptx_reference import R_ID, RT_NOTES_MASTER, RT_SLIDE, q, read_presentation
from docgen.writers.slides import write_deck
from helpers import SAMPLE, assert_valid_ooxml

BUILTIN = (packaged_templates() / "slides" / "reference.pptx").read_bytes()


def _write(tmp_path: Path, reference: Path) -> Path:
    info = load_class(SAMPLE.parent / "class.toml")
    return write_deck(read_speech(SAMPLE), tmp_path / "课件.pptx", info, Templates(None, info.folder), reference)


def _save(prs, path: Path) -> Path:
    path.write_bytes(prs.package.save())
    return path


def test_a_reference_without_a_notes_master_gets_docgens_with_its_theme(tmp_path):
    prs = read_presentation(BUILTIN)
    for rel in [r for r in prs.package.rels(prs.main) if r.type == RT_NOTES_MASTER]:
        prs.package.drop_rel(prs.main, rel.id)
    prs.root.remove(prs.root.find(q("p:notesMasterIdLst")))
    prs.package.prune()
    reference = _save(prs, tmp_path / "无备注母版.pptx")
    assert not any("notesMaster" in n for n in zipfile.ZipFile(reference).namelist())

    deck = _write(tmp_path, reference)
    assert_valid_ooxml(deck)
    names = zipfile.ZipFile(deck).namelist()
    assert "ppt/notesMasters/notesMaster1.xml" in names and "ppt/theme/theme2.xml" in names
    slides = Presentation(str(deck)).slides
    assert any("同志们：" in s.notes_slide.notes_text_frame.text for s in slides if s.has_notes_slide)


def test_sample_slides_of_a_reference_leave_nothing_behind(tmp_path):
    source = Presentation(str(_save(read_presentation(BUILTIN), tmp_path / "ref.pptx")))
    for _ in range(3):
        slide = source.slides.add_slide(source.slide_layouts.get_by_name("Title Only"))
        slide.shapes.title.text = "模板示例页"
        slide.notes_slide.notes_text_frame.text = "示例备注"
    source.save(str(tmp_path / "带示例页.pptx"))

    deck = _write(tmp_path, tmp_path / "带示例页.pptx")
    assert_valid_ooxml(deck)
    with zipfile.ZipFile(deck) as z:
        text = b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml"))
        slide_parts = [n for n in z.namelist() if n.startswith("ppt/slides/slide")]
        notes_parts = [n for n in z.namelist() if n.startswith("ppt/notesSlides/notesSlide")]
    assert "模板示例页".encode() not in text and "示例备注".encode() not in text
    prs = Presentation(str(deck))
    assert len(slide_parts) == len(prs.slides) == 20
    assert len(notes_parts) == sum(s.has_notes_slide for s in prs.slides)
    assert [s.slide_id for s in prs.slides] == sorted(s.slide_id for s in prs.slides)


def test_layout_placeholders_without_a_frame_take_the_masters(tmp_path):
    prs = read_presentation(BUILTIN)
    layout = prs.layouts()["Title and Content"]
    for sp in prs.package.xml(layout).iter(q("p:sp")):
        xfrm = sp.find(f"{q('p:spPr')}/{q('a:xfrm')}")
        if xfrm is not None:
            xfrm.getparent().remove(xfrm)
    deck = _write(tmp_path, _save(prs, tmp_path / "继承母版.pptx"))
    assert_valid_ooxml(deck)
    shown = Presentation(str(deck))
    master_body = next(p for p in shown.slide_master.placeholders if p.placeholder_format.idx == 1)
    bodies = [s.placeholders[1] for s in shown.slides if s.slide_layout.name == "Title and Content"]
    assert bodies and all(b.height == master_body.height and b.width == master_body.width for b in bodies)


def test_slides_are_related_once_and_listed_in_order(tmp_path):
    deck = _write(tmp_path, None)
    package = opc.Package.read(deck.read_bytes())
    main = "ppt/presentation.xml"
    listed = [package.target(main, e.get(R_ID)) for e in package.xml(main).iter(q("p:sldId"))]
    assert listed == [f"ppt/slides/slide{n}.xml" for n in range(1, len(listed) + 1)]
    assert sorted(listed) == sorted(package.related(main, RT_SLIDE))
    assert package.xml(main).find(q("p:notesMasterIdLst")) is not None


@pytest.mark.parametrize("damage", ["layout", "presentation", "zip"])
def test_a_damaged_reference_is_one_error_naming_the_file(tmp_path, damage):
    target = tmp_path / "坏模板.pptx"
    with zipfile.ZipFile(target, "w") as dst, zipfile.ZipFile(io.BytesIO(BUILTIN)) as src:
        for item in src.infolist():
            data = src.read(item)
            if damage == "layout" and item.filename == "ppt/slideLayouts/slideLayout2.xml":
                data = data[: len(data) // 2]
            if damage == "presentation" and item.filename == "ppt/presentation.xml":
                data = b"<p:presentation"
            dst.writestr(item, data)
    if damage == "zip":
        target.write_bytes(BUILTIN[: len(BUILTIN) // 3])
    with pytest.raises(TemplateError, match="坏模板.pptx"):
        _write(tmp_path, target)
    assert not (tmp_path / "课件.pptx").exists()


def test_unchanged_parts_are_copied_byte_for_byte():
    prs = read_presentation(BUILTIN)
    saved = opc.Package.read(prs.package.save())
    with zipfile.ZipFile(io.BytesIO(BUILTIN)) as z:
        theme = z.read("ppt/theme/theme1.xml")
    assert saved.blob("ppt/theme/theme1.xml") == theme
    assert etree.fromstring(saved.blob("ppt/presentation.xml")).tag == q("p:presentation")


def test_every_part_of_a_deck_has_a_content_type_and_every_relationship_a_target(tmp_path):
    deck = _write(tmp_path, None)
    package = opc.Package.read(deck.read_bytes())
    with zipfile.ZipFile(deck) as z:
        parts = [n for n in z.namelist() if n != "[Content_Types].xml" and not n.endswith(".rels")]
    assert parts and all(package.content_type(n) for n in parts), [n for n in parts if not package.content_type(n)]
    for source in ["", *parts]:
        for rel in package.rels(source):
            assert rel.external or rel.target in package, (source, rel)
    assert package.content_type("ppt/presentation.xml").endswith("presentation.main+xml")
