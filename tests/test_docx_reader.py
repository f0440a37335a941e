"""Word reader: heading styles where present, text detection otherwise."""

import json

import docx
import pytest
from helpers import CORPUS

from docgen.errors import InputError
from docgen.readers import read_speech

BODY = "这是正文，内容充实。再说一句。"


def make_docx(path, paragraphs):
    d = docx.Document()
    for text, style in paragraphs:
        d.add_paragraph(text, style=style)
    d.save(path)
    return path


def test_heading_styles_are_used(tmp_path):
    p = make_docx(tmp_path / "a.docx", [("关于工作的讲话", "Title"), ("同志们：", None), ("开场。", None),
                                       ("形势与任务", "Heading 1"), (BODY, None), ("当前形势", "Heading 2"),
                                       (BODY, None), ("主要任务", "Heading 1"), ("一是学习。" + BODY, None),
                                       ("二是实践。" + BODY, None)])
    sp = read_speech(p)
    assert sp.title == "关于工作的讲话" and sp.salutation == "同志们："
    assert [s.heading for s in sp.sections] == ["形势与任务", "主要任务"]
    assert [s.heading for s in sp.sections[0].sections] == ["当前形势"]
    assert [s.marker for s in sp.sections[1].sections] == ["一是", "二是"]


def test_without_styles_the_text_decides(tmp_path):
    p = make_docx(tmp_path / "b.docx", [("讲话", None), ("同志们：", None), ("\u3000\u3000一、加强学习", None),
                                       ("\u3000\u3000" + BODY, None), ("\u3000\u3000二、注重实践", None),
                                       (BODY, None), ("", None)])
    sp = read_speech(p)
    assert [s.heading for s in sp.sections] == ["加强学习", "注重实践"]
    assert sp.sections[0].paragraphs == [BODY]


def test_corpus_docx_matches_the_text_version():
    from_docx = read_speech(CORPUS / "party20_congress_report.docx")
    from_txt = read_speech(CORPUS / "party20_congress_report.txt")
    assert [s.heading for s in from_docx.walk()] == [s.heading for s in from_txt.walk()]
    assert from_docx.closing == from_txt.closing
    assert from_docx.title_lines == []


def test_corrupt_docx(tmp_path):
    p = tmp_path / "bad.docx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="无法打开"):
        read_speech(p)


def test_json_of_docx_is_serialisable():
    from docgen.writers.outline import speech_to_json

    data = json.loads(speech_to_json(read_speech(CORPUS / "party20_congress_report.docx")))
    assert len(data["sections"]) == 15 and data["sections"][3]["sections"][0]["number"] == 1


def add_numbering(doc):
    """A list definition: level 0 `一、`, level 1 `（一）`, level 2 `1.`; returns its numId."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    lvl_xml = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{f}"/><w:lvlText w:val="{t}"/></w:lvl>'
                      for i, (f, t) in enumerate(levels))
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{lvl_xml}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))
    return "91"


def numbered(doc, text, num_id, ilvl):
    from docx.oxml import parse_xml

    p = doc.add_paragraph(text)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {w}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_automatic_word_numbering_becomes_markers(tmp_path):
    doc = docx.Document()
    num = add_numbering(doc)
    doc.add_paragraph("讲话")
    doc.add_paragraph("同志们：")
    numbered(doc, "总体要求", num, 0)
    numbered(doc, "指导思想。" + BODY, num, 1)
    numbered(doc, "目标任务。" + BODY, num, 1)
    numbered(doc, "重点工作", num, 0)
    numbered(doc, "抓好落实。" + BODY, num, 1)
    numbered(doc, "加强保障。" + BODY, num, 1)
    doc.save(tmp_path / "n.docx")
    sp = read_speech(tmp_path / "n.docx")
    assert [s.marker for s in sp.sections] == ["一、", "二、"]
    assert [s.heading for s in sp.sections] == ["总体要求", "重点工作"]
    assert [s.marker for s in sp.sections[1].sections] == ["（一）", "（二）"]


def test_tables_are_read_in_place_row_by_row_with_a_warning(tmp_path, caplog):
    d = docx.Document()
    d.add_paragraph("在全市工会工作会议上的讲话")
    d.add_paragraph("同志们：")
    d.add_paragraph("\u3000\u3000一、去年工作回顾")
    d.add_paragraph("\u3000\u3000去年各项指标完成情况如下表。")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("指标", "目标", "完成"), ("新建会员", "5000人", "5600人"), ("困难帮扶", "300户", "")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 2))  # a header spanning two columns keeps its text once
    d.add_paragraph("\u3000\u3000表中可见，任务全面完成。")
    d.add_paragraph("\u3000\u3000二、今年工作安排")
    d.add_paragraph("\u3000\u3000" + BODY)
    d.save(tmp_path / "t.docx")
    with caplog.at_level("WARNING", logger="docgen"):
        sp = read_speech(tmp_path / "t.docx")
    first = sp.sections[0]
    text = "\n".join(first.paragraphs)
    assert "指标\u3000目标完成" in text and "新建会员\u30005000人\u30005600人" in text and "困难帮扶\u3000300户" in text
    assert text.index("如下表") < text.index("新建会员") < text.index("表中可见")
    assert [s.heading for s in sp.sections] == ["去年工作回顾", "今年工作安排"]
    assert any("1 个表格" in w for w in sp.warnings)
    assert any("t.docx" in r.getMessage() and "表格" in r.getMessage() for r in caplog.records)


def test_a_docx_without_tables_has_no_table_warning():
    sp = read_speech(CORPUS / next(p.name for p in CORPUS.iterdir() if p.suffix == ".docx"))
    assert not any("表格" in w for w in sp.warnings)
