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
