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
from docgen.writers.pptx_reference import NS, PH_PATH, R_ID, RT_NOTES_MASTER, RT_SLIDE, q, read_presentation, scale_shapes
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
    layout = prs.layout_candidates("Title and Content")[0]
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


def _renamed(prs, names: dict[str, str]) -> None:
    for name, part in [(n, p) for n, _, p in prs.layouts() if n in names]:
        prs.package.xml(part).find(q("p:cSld")).set("name", names[name])


def test_a_chinese_powerpoint_template_is_used_by_its_layout_names_and_types(tmp_path, caplog):
    """Chinese PowerPoint names its layouts 标题幻灯片, 标题和内容, 节标题; a renamed layout keeps its type."""
    prs = read_presentation(BUILTIN)
    _renamed(prs, {"Title Slide": "标题幻灯片", "Title and Content": "标题和内容", "Section Header": "我们的节标题"})
    reference = _save(prs, tmp_path / "中文模板.pptx")
    with caplog.at_level("WARNING", logger="docgen"):
        deck = _write(tmp_path, reference)
    assert not [r for r in caplog.records if "版式" in r.getMessage()]
    shown = Presentation(str(deck))
    used = {s.slide_layout.name for s in shown.slides}
    assert used == {"标题幻灯片", "标题和内容", "我们的节标题"}
    assert len(shown.slide_layouts) == 11  # nothing copied in from the built-in reference
    assert_valid_ooxml(deck)


def test_a_layout_of_the_right_name_but_unusable_gives_way_to_one_of_the_right_type(tmp_path):
    prs = read_presentation(BUILTIN)
    _renamed(prs, {"Title and Content": "内容页", "Two Content": "Title and Content"})  # wrong layout, right name
    two_content = next(p for n, _, p in prs.layouts() if n == "Title and Content")
    for sp in list(prs.package.xml(two_content).iter(q("p:sp")))[1:3]:  # its body frames go
        sp.getparent().remove(sp)
    deck = _write(tmp_path, _save(prs, tmp_path / "改名模板.pptx"))
    assert "内容页" in {s.slide_layout.name for s in Presentation(str(deck)).slides}


def _drop_layout(prs, name: str) -> None:
    master = prs.first_master()
    part = next(p for n, _, p in prs.layouts() if n == name)
    rel = next(r for r in prs.package.rels(master) if r.target == part)
    for entry in prs.package.xml(master).iter(q("p:sldLayoutId")):
        if entry.get(R_ID) == rel.id:
            entry.getparent().remove(entry)
    prs.package.drop_rel(master, rel.id)
    prs.package.prune()


def test_a_layout_copied_into_a_4_3_template_is_fitted_to_its_slides(tmp_path):
    prs = read_presentation(BUILTIN)  # made 4:3 throughout, as a union's old template is
    wide, four_three = prs.slide_size(), (9144000, 6858000)
    prs.root.find(q("p:sldSz")).attrib.update({"cx": "9144000", "cy": "6858000"})
    for part in [prs.first_master(), *(p for _, _, p in prs.layouts())]:
        scale_shapes(prs.package.xml(part), wide, four_three)
    _drop_layout(prs, "Section Header")
    deck = _write(tmp_path, _save(prs, tmp_path / "四比三.pptx"))
    shown = Presentation(str(deck))
    sections = [s for s in shown.slides if s.slide_layout.name == "Section Header"]
    assert sections
    for slide in shown.slides:
        for shape in [*slide.slide_layout.placeholders, *slide.placeholders]:
            assert 0 <= shape.left and shape.left + shape.width <= shown.slide_width, shape.name
            assert 0 <= shape.top and shape.top + shape.height <= shown.slide_height, shape.name
    assert_valid_ooxml(deck)


def test_placeholders_numbered_alike_are_told_apart_by_position(tmp_path):
    """LibreOffice exports a cover's title and subtitle both without idx (so both 0)."""
    prs = read_presentation(BUILTIN)
    cover = next(p for n, _, p in prs.layouts() if n == "Title Slide")
    for ph in prs.package.xml(cover).iter(q("p:ph")):
        ph.attrib.pop("idx", None)
    deck = _write(tmp_path, _save(prs, tmp_path / "同号.pptx"))
    first = Presentation(str(deck)).slides[0]
    texts = {shape.placeholder_format.type: shape.text_frame.text for shape in first.placeholders}
    title = next(t for kind, t in texts.items() if "TITLE" in str(kind))
    subtitle = next(t for kind, t in texts.items() if "SUBTITLE" in str(kind))
    assert title == "在工会系统理论培训班上的动员讲话"
    assert "2026年全市工会系统理论培训班" in subtitle and "2026年11月26日" in subtitle


def test_a_class_templates_reference_lacking_a_layout_gets_docgens_own(tmp_path, caplog):
    """The class folder's templates/slides/reference.pptx is both the reference and the "built-in"
    one: a layout it lacks comes from the reference packaged with docgen."""
    prs = read_presentation(BUILTIN)
    _drop_layout(prs, "Section Header")
    folder = tmp_path / "班"
    (folder / "templates" / "slides").mkdir(parents=True)
    _save(prs, folder / "templates" / "slides" / "reference.pptx")
    info = load_class(SAMPLE.parent / "class.toml")
    with caplog.at_level("WARNING", logger="docgen"):
        deck = write_deck(read_speech(SAMPLE), tmp_path / "课件.pptx", info, Templates(None, folder))
    assert any("Section Header" in r.getMessage() for r in caplog.records)
    assert "Section Header" in {s.slide_layout.name for s in Presentation(str(deck)).slides}
    assert_valid_ooxml(deck)


def test_sections_and_custom_shows_of_removed_sample_slides_go_with_them(tmp_path):
    """PowerPoint's sections list slides by id, custom shows by relationship: left pointing at the
    removed sample slides, they make PowerPoint offer to repair the deck."""
    source = Presentation(str(_save(read_presentation(BUILTIN), tmp_path / "ref.pptx")))
    for _ in range(2):
        source.slides.add_slide(source.slide_layouts.get_by_name("Title Only")).shapes.title.text = "示例"
    source.save(str(tmp_path / "带节.pptx"))
    prs = read_presentation((tmp_path / "带节.pptx").read_bytes())
    ids = [(e.get("id"), e.get(R_ID)) for e in prs.root.iter(q("p:sldId"))]
    p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
    shows = etree.fromstring(
        f'<p:custShowLst xmlns:p="{NS["p"]}" xmlns:r="{NS["r"]}">'
        f'<p:custShow name="简版" id="0"><p:sldLst><p:sld r:id="{ids[0][1]}"/></p:sldLst></p:custShow></p:custShowLst>')
    prs.root.find(q("p:defaultTextStyle")).addprevious(shows)
    ext_list = etree.SubElement(prs.root, q("p:extLst"))
    ext = etree.SubElement(ext_list, q("p:ext"), uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}")
    section = etree.SubElement(etree.SubElement(ext, f"{{{p14}}}sectionLst"), f"{{{p14}}}section",
                               name="默认节", id="{B1B2C3D4-0000-0000-0000-000000000001}")
    listed = etree.SubElement(section, f"{{{p14}}}sldIdLst")
    for slide_id, _ in ids:
        etree.SubElement(listed, f"{{{p14}}}sldId", id=slide_id)
    reference = _save(prs, tmp_path / "带节与自定义放映.pptx")
    assert_valid_ooxml(reference)

    deck = _write(tmp_path, reference)
    assert_valid_ooxml(deck)
    with zipfile.ZipFile(deck) as z:
        presentation = z.read("ppt/presentation.xml")
    assert b"sectionLst" not in presentation and b"custShowLst" not in presentation
    assert len(Presentation(str(deck)).slides) == 20


def test_a_content_placeholder_numbered_0_is_still_the_body(tmp_path, caplog):
    """LibreOffice writes the content placeholder of its "Title, Content" layout as a bare `<p:ph/>`."""
    prs = read_presentation(BUILTIN)
    content = prs.layout_candidates("Title and Content")[0]
    for ph in prs.package.xml(content).iter(q("p:ph")):
        if ph.get("idx") == "1":
            del ph.attrib["idx"]
    with caplog.at_level("WARNING", logger="docgen"):
        deck = _write(tmp_path, _save(prs, tmp_path / "零号.pptx"))
    assert not [r for r in caplog.records if "版式" in r.getMessage()]
    agenda = Presentation(str(deck)).slides[1]
    texts = [shape.text_frame.text for shape in agenda.placeholders]
    assert texts[0] == "主要内容" and texts[1].startswith("一、始终保持工会工作的正确政治方向")


def test_a_cover_layout_with_a_title_only_gives_a_cover_with_the_title_only(tmp_path, caplog):
    prs = read_presentation(BUILTIN)
    cover = prs.layout_candidates("Title Slide")[0]
    tree = prs.package.xml(cover).find(q("p:cSld")).find(q("p:spTree"))
    for sp in list(tree.iterchildren(q("p:sp"))):
        if sp.find(PH_PATH) is not None and sp.find(PH_PATH).get("type") == "subTitle":
            tree.remove(sp)
    with caplog.at_level("WARNING", logger="docgen"):
        deck = _write(tmp_path, _save(prs, tmp_path / "无副标题.pptx"))
    assert any("没有副标题框" in r.getMessage() for r in caplog.records)
    slides = Presentation(str(deck)).slides
    assert [s.shapes.title.text for s in slides][0] == "在工会系统理论培训班上的动员讲话"
    assert len(slides[0].placeholders) == 1
    assert_valid_ooxml(deck)


def test_a_notes_master_without_a_notes_frame_is_replaced_by_docgens(tmp_path):
    prs = read_presentation(BUILTIN)
    master = prs.package.related(prs.main, RT_NOTES_MASTER)[0]
    tree = prs.package.xml(master).find(q("p:cSld")).find(q("p:spTree"))
    for sp in list(tree.iterchildren(q("p:sp"))):
        if sp.find(PH_PATH) is not None and sp.find(PH_PATH).get("type") == "body":
            tree.remove(sp)
    deck = _write(tmp_path, _save(prs, tmp_path / "无备注框.pptx"))
    assert_valid_ooxml(deck)
    slides = Presentation(str(deck)).slides
    assert "同志们：" in "".join(s.notes_slide.notes_text_frame.text for s in slides if s.has_notes_slide)
    with zipfile.ZipFile(deck) as z:
        assert len([n for n in z.namelist() if n.startswith("ppt/notesMasters/notesMaster")]) == 1
        assert z.read("ppt/presentation.xml").count(b"notesMasterId ") == 1
