"""Markdown: generic Markdown in, and the editable structured form out and back in."""

import dataclasses

import pytest
from helpers import SAMPLE, corpus_files
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.model import Section, Speech
from docgen.readers import read_speech
from docgen.readers.structured import parse_structured
from docgen.writers.markdown import speech_to_markdown

FILES = [p for p in corpus_files() if p.name != "README.md"] + [SAMPLE]


def round_trip(sp: Speech) -> Speech:
    back = parse_structured(speech_to_markdown(sp))
    back.source = sp.source
    return back


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_round_trip_corpus(path, tmp_path):
    sp = read_speech(path)
    md = tmp_path / "speech.md"
    md.write_text(speech_to_markdown(sp), encoding="utf-8")
    back = read_speech(md)
    back.source = sp.source
    assert back == sp


# Paragraph text: anything on one line, not blank, without surrounding blanks.
line = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30) \
    .map(lambda s: s.strip()).filter(bool)
maybe = st.one_of(st.just(""), line)


@st.composite
def sections(draw, depth=1):
    subs = draw(st.lists(sections(depth + 1), max_size=2)) if depth < 3 else []
    return Section(number=draw(st.integers(1, 30)), marker=draw(maybe), heading=draw(maybe),
                   short_title=draw(line), subtitle=draw(maybe), paragraphs=draw(st.lists(line, max_size=3)),
                   sections=subs, run_in=draw(st.booleans()), style=draw(maybe),
                   trailing=draw(st.lists(line, max_size=2)) if subs else [])


speeches = st.builds(Speech, title_lines=st.lists(line, max_size=3), speaker=maybe, date=maybe, salutation=maybe,
                     preamble=st.lists(line, max_size=3), sections=st.lists(sections(), max_size=3),
                     closing=st.lists(line, max_size=2), notes=st.lists(line, max_size=2))


@settings(max_examples=80, deadline=None)
@given(speeches)
def test_round_trip_property(sp):
    from docgen.analysis.validate import numbering_warnings

    sp.warnings = numbering_warnings(sp.sections)
    assert round_trip(sp) == sp


def test_staffer_edits_heading_short_title_and_merges_points():
    sp = read_speech(SAMPLE)
    md = speech_to_markdown(sp)
    md = md.replace("> 短标题：始终保持工会工作的正确政治方向", "> 短标题：保持正确政治方向")
    second = md.index("## 要对标“坚持不懈用")
    block_end = md.index("\n\n", second)
    md = md[:second] + md[block_end + 2:]
    edited = parse_structured(md)
    assert edited.sections[0].short_title == "保持正确政治方向"
    assert len(edited.sections) == 7
    assert edited.sections[0].paragraphs[1].startswith("思想就是旗帜")
    assert edited.sections[1].marker == "三是"


def test_deleted_short_title_is_recomputed_and_gaps_warned():
    md = speech_to_markdown(read_speech(SAMPLE)).replace("> 短标题：持续加强工会干部思想建设\n", "")
    md = md.replace("> 编号：二是\n> 序号：2", "> 编号：四是\n> 序号：4")
    sp = parse_structured(md)
    assert sp.sections[1].short_title == "持续加强工会干部思想建设"
    assert any("“四是”" in w for w in sp.warnings)


def test_escaped_paragraphs_survive():
    sp = Speech(title_lines=["标题"], preamble=["# 不是标题", "> 不是元数据", "\\反斜杠", "<!-- 不是注释 -->", "---"])
    assert round_trip(sp) == sp


def test_generic_markdown_headings_become_sections(tmp_path):
    md = tmp_path / "talk.md"
    md.write_text("# 讲话题目\n\n> 编者按：这是一段说明。\n\n同志们：\n\n开场白。\n\n## 第一部分\n\n**正文**一段。\n\n"
                  "### 小节甲\n\n内容。\n\n## 第二部分\n\n一是学习。要学习。\n\n二是实践。要实践。\n", encoding="utf-8")
    sp = read_speech(md)
    assert sp.title == "讲话题目" and sp.salutation == "同志们："
    assert sp.notes == ["编者按：这是一段说明。"]
    assert [s.heading for s in sp.sections] == ["第一部分", "第二部分"]
    assert sp.sections[0].paragraphs == ["正文一段。"]
    assert [s.heading for s in sp.sections[0].sections] == ["小节甲"]
    assert [s.marker for s in sp.sections[1].sections] == ["一是", "二是"]


def test_model_fields_all_written():
    """A new Speech/Section field must be added to the Markdown form too."""
    assert {f.name for f in dataclasses.fields(Speech)} == {
        "title_lines", "speaker", "office", "date", "salutation", "preamble", "sections", "closing", "notes", "warnings",
        "source"}
    assert {f.name for f in dataclasses.fields(Section)} == {
        "number", "marker", "heading", "short_title", "subtitle", "paragraphs", "sections", "run_in", "style",
        "trailing"}


def test_yaml_front_matter_is_not_text(tmp_path):
    md = tmp_path / "fm.md"
    md.write_text("---\ntitle: 讲话题目\nauthor: 某某\n---\n\n同志们：\n\n一是学习。要学习。\n\n二是实践。要实践。\n", encoding="utf-8")
    sp = read_speech(md)
    assert sp.title == "讲话题目" and sp.salutation == "同志们："
    assert [s.marker for s in sp.sections] == ["一是", "二是"]
    assert "author" not in "".join(sp.body_paragraphs())


def test_ordered_list_items_keep_their_numbers(tmp_path):
    md = tmp_path / "list.md"
    md.write_text("# 题目\n\n开头。\n\n1. 加强学习。要学习。\n2. 注重实践。要实践。\n", encoding="utf-8")
    sp = read_speech(md)
    assert [s.marker for s in sp.sections] == ["1.", "2."]


def test_wrapped_lines_join_and_marker_comment_is_optional():
    md = speech_to_markdown(read_speech(SAMPLE))
    md = md.split("\n", 1)[1]  # a staffer deleted the first comment line
    md = md.replace("工会工作做的是群众工作，群众工作是人心工作，", "工会工作做的是群众工作，\n群众工作是人心工作，")
    from docgen.readers.structured import is_structured

    assert is_structured(md)
    sp = parse_structured(md)
    original = read_speech(SAMPLE)
    original.source = ""
    assert sp == original
