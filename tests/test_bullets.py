"""section_bullets: 3–6 verbatim clauses per section, connectives dropped, cut at clause boundaries."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.analysis.bullets import condense, section_bullets
from docgen.model import Section
from helpers import SAMPLE

RUN_IN = re.compile(r"^([一二三四五六七八])是(.*?。)(.*)$")


def sample_sections() -> list[Section]:
    """The eight run-in points of the sample speech, built by hand (independent of the readers)."""
    out = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        m = RUN_IN.match(line)
        if m:
            out.append(Section(number=len(out) + 1, marker=m.group(1) + "是", heading=m.group(2),
                               paragraphs=[m.group(3)], run_in=True))
    assert len(out) == 8
    return out


def test_sample_sections_get_three_to_six_verbatim_bullets():
    for section in sample_sections():
        text = "".join(section.paragraphs)
        bullets = section_bullets(section)
        assert 3 <= len(bullets) <= 6, bullets
        for b in bullets:
            assert b in text, b
            assert len(b) <= 40
            assert not b.startswith(("要", "同时", "此外", "，")), b
            assert b[-1] not in "，。；：、！？", b
            assert b.count("“") == b.count("”") and b.count("（") == b.count("）"), b


def test_connective_is_dropped_and_cut_after_a_clause():
    assert condense("要加强政治建设，严守政治纪律和政治规矩，严格执行重大事项请示报告制度。") == \
        "加强政治建设，严守政治纪律和政治规矩"
    assert condense("同时，要把职工维权的大旗牢牢掌握在手中。") == "把职工维权的大旗牢牢掌握在手中"
    assert condense("此外还要办好职工之家。") == "办好职工之家"


def test_overlong_clause_is_cut_at_an_enumeration_comma_or_dropped():
    long_list = "、".join(["劳动就业", "收入分配", "社会保障", "安全卫生", "职业培训", "民主管理",
                          "厂务公开", "集体协商", "困难帮扶", "心理疏导"]) + "。"
    cut = condense("切实维护" + long_list, max_chars=20)
    assert cut and len(cut) <= 20 and ("切实维护" + long_list).startswith(cut)
    assert condense("甲" * 60 + "。", max_chars=20) == ""


def test_unbalanced_quotes_are_never_produced():
    bullet = condense("要坚持“党建带工建，工建服务党建”，做到同步。", max_chars=40)
    assert bullet == "坚持“党建带工建，工建服务党建”"


def test_subsection_headings_are_candidates_and_nothing_is_invented():
    subs = [Section(number=i, marker=f"（{n}）", heading=h, run_in=True)
            for i, (n, h) in enumerate([("一", "加强基层组织建设。"), ("二", "完善民主管理制度。"),
                                        ("三", "推进产业工人队伍建设改革。")], start=1)]
    parent = Section(number=1, marker="一、", heading="夯实基础", sections=subs)
    assert section_bullets(parent) == ["加强基层组织建设", "完善民主管理制度", "推进产业工人队伍建设改革"]
    assert section_bullets(Section(number=1, marker="一、", heading="空")) == []


def test_deterministic():
    sections = sample_sections()
    assert [section_bullets(s) for s in sections] == [section_bullets(s) for s in sample_sections()]


CJK_TEXT = st.text(alphabet="工会职工要同时此外，。；：、“”（）的是在和与加强建设A1 ", min_size=0, max_size=300)


@settings(max_examples=200, deadline=None)
@given(CJK_TEXT, st.integers(min_value=8, max_value=60))
def test_any_text_gives_substrings_within_the_limit(text, max_chars):
    bullets = section_bullets(Section(number=1, marker="一、", heading="题", paragraphs=[text]), max_chars)
    assert len(bullets) <= 6
    for b in bullets:
        assert b in text and 2 <= len(b) <= max_chars


def test_lead_in_clauses_and_note_marks_are_skipped():
    assert condense("十年来，我们坚持加强党的全面领导，取得了历史性成就。") == "我们坚持加强党的全面领导"
    assert condense("在五四运动以来的六十年中，没有中国共产党就没有社会主义的新中国。") == \
        "没有中国共产党就没有社会主义的新中国"
    assert condense("列宁所说的这个真理〔85〕，已经被实践证明了。") == "列宁所说的这个真理"
    assert condense("大家知道，一个是帝国主义，一个是封建主义。") == "一个是帝国主义，一个是封建主义"
