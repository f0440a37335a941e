"""Structure detection: the sample speech exactly, each numbering style, each trap."""

import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from helpers import SAMPLE

from docgen.analysis.blocks import Block, split_paragraphs
from docgen.analysis.structure import build_speech
from docgen.readers import read_speech

BODY = "这是正文的一句话，内容比较充实。还有第二句话。"


def parse(*paragraphs: str):
    return build_speech([Block(p) for p in split_paragraphs("\n".join(paragraphs))])


def markers(sections):
    return [s.marker for s in sections]


# --- the sample speech -------------------------------------------------------------------------

SAMPLE_SHORT = ["始终保持工会工作的正确政治方向", "持续加强工会干部思想建设", "坚持对职工的思想政治引领",
                "多措并举激发产业工人内生动力", "认真履行工会维权服务的基本职责", "切实维护劳动领域政治安全",
                "持续加大工会改革的力度和深度", "持之以恒加强工会作风建设"]


def test_sample_speech_exactly():
    sp = read_speech(SAMPLE)
    assert sp.title_lines == ["在工会系统理论培训班上的动员讲话"]
    assert sp.salutation == "同志们："
    assert len(sp.preamble) == 2 and sp.preamble[1].endswith("重点做到“八个对标”：")
    assert markers(sp.sections) == [f"{n}是" for n in "一二三四五六七八"]
    assert [s.number for s in sp.sections] == list(range(1, 9))
    assert [s.short_title for s in sp.sections] == SAMPLE_SHORT
    first = sp.sections[0]
    assert first.heading == "要对标“落实各级党委（党组）主体责任”要求，始终保持工会工作的正确政治方向。"
    assert first.subtitle == "对标“落实各级党委（党组）主体责任”要求"
    assert first.run_in and first.paragraphs[0].startswith("工会工作做的是群众工作")
    assert all(len(s.short_title) <= 20 and s.short_title in s.heading for s in sp.sections)
    assert len(sp.closing) == 1 and sp.closing[0].startswith("同志们，今年是")
    assert sp.warnings == [] and sp.notes == []
    source = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert sp.body_paragraphs() == [p for p in source[3:] if p]


# --- numbering styles ----------------------------------------------------------------------------

@pytest.mark.parametrize("style_markers", [
    ["一、", "二、", "三、"],
    ["（一）", "（二）", "（三）"],
    ["1.", "2.", "3."],
    ["1、", "2、", "3、"],
    ["（1）", "（2）", "（3）"],
    ["第一，", "第二，", "第三，"],
    ["第一点：", "第二点：", "第三点："],
    ["一是", "二是", "三是"],
    ["一要", "二要", "三要"],
    ["首先，", "其次，", "最后，"],
])
def test_each_style_opens_sections(style_markers):
    paras = ["讲几点意见。"]
    for m in style_markers:
        paras += [m + "加强学习。" + BODY, "补充说明的段落。"]
    sp = parse(*paras)
    assert markers(sp.sections) == style_markers
    assert [s.number for s in sp.sections] == [1, 2, 3]
    assert sp.sections[0].heading == "加强学习。" and sp.sections[0].run_in
    assert sp.sections[0].paragraphs == [BODY, "补充说明的段落。"]


def test_heading_lines_with_fullwidth_space_ascii_space_and_bare_numeral():
    sp = parse("一　形势和任务", BODY, "二 思想理论工作", BODY, "三", BODY)
    assert markers(sp.sections) == ["一　", "二 ", "三"]
    assert [s.heading for s in sp.sections] == ["形势和任务", "思想理论工作", ""]
    assert not any(s.run_in for s in sp.sections)
    assert sp.sections[2].short_title == "这是正文的一句话，内容比较充实"


def test_styles_nest_in_the_order_they_appear():
    sp = parse("一、总体要求", "（一）指导思想。" + BODY, "1.第一小点。" + BODY, "2.第二小点。" + BODY,
               "（二）目标任务。" + BODY, "二、重点工作", "（一）抓好落实。" + BODY, "（二）加强保障。" + BODY)
    assert markers(sp.sections) == ["一、", "二、"]
    assert markers(sp.sections[0].sections) == ["（一）", "（二）"]
    assert markers(sp.sections[0].sections[0].sections) == ["1.", "2."]
    assert markers(sp.sections[1].sections) == ["（一）", "（二）"]


def test_heading_line_vs_run_in():
    sp = parse("一、加强党的领导", BODY, "二、深化改革创新。" + BODY)
    assert not sp.sections[0].run_in and sp.sections[0].heading == "加强党的领导"
    assert sp.sections[1].run_in and sp.sections[1].heading == "深化改革创新。"
    assert sp.sections[1].heading_text() + sp.sections[1].paragraphs[0] == "二、深化改革创新。" + BODY


# --- traps ---------------------------------------------------------------------------------------

def test_enumeration_inside_one_paragraph_is_not_sections():
    sp = parse("我们还必须：第一，坚持学习；第二，坚持实践；第三，坚持总结。", BODY)
    assert sp.sections == [] and len(sp.preamble) == 2


def test_single_marker_without_a_second_item_is_not_a_section():
    sp = parse("第一，我要讲的是学习。" + BODY, BODY, "一是只有一个要点。", BODY)
    assert sp.sections == []


def test_dash_list_paragraphs_are_not_sections():
    sp = parse("一、回顾", "——我们坚持了学习。" + BODY, "――我们坚持了实践。" + BODY, "二、展望", BODY)
    assert markers(sp.sections) == ["一、", "二、"]
    assert sp.sections[0].paragraphs[0].startswith("——") and sp.sections[0].sections == []


def test_footnotes_after_the_speech_are_notes():
    sp = parse("第一，加强学习。" + BODY, "第二，加强实践。" + BODY, "------------------", "注　　释",
               "〔1〕见某书第一卷。", "〔2〕见某书第二卷。", "[3] 参见某文。")
    assert markers(sp.sections) == ["第一，", "第二，"]
    assert sp.notes == ["注　　释", "〔1〕见某书第一卷。", "〔2〕见某书第二卷。", "[3] 参见某文。"]


def test_trailing_editorial_note_and_bracket_footnotes_without_rule():
    sp = parse("一是加强学习。" + BODY, "二是加强实践。" + BODY, "〔1〕见某书。", "（这是某同志在某会议上的讲话。）")
    assert sp.notes == ["〔1〕见某书。", "（这是某同志在某会议上的讲话。）"]
    assert len(sp.sections) == 2


def test_shouxian_only_when_it_opens_consecutive_points():
    assert parse("首先，我们要肯定成绩。" + BODY, BODY, "这是另一段。").sections == []
    sp = parse("首先，要学习。" + BODY, "其次，要实践。" + BODY, "再次，要总结。" + BODY, "最后，要提高。" + BODY)
    assert [s.number for s in sp.sections] == [1, 2, 3, 4]


def test_consecutive_one_sentence_items_are_a_list_not_sections():
    sp = parse("讲话", "必须坚持四项基本原则：", "第一，必须坚持社会主义道路；", "第二，必须坚持无产阶级专政；",
               "第三，必须坚持共产党的领导。", "第一条，我们必须坚持社会主义道路。" + BODY,
               "第二条，我们必须坚持无产阶级专政。" + BODY)
    assert markers(sp.sections) == ["第一条，", "第二条，"]
    assert sp.preamble[1] == "第一，必须坚持社会主义道路；"


def test_no_numbering_gives_zero_sections():
    sp = parse("讲话标题", "同志们：", BODY, BODY, "同志们，让我们共同努力！")
    assert sp.sections == [] and sp.closing == [] and len(sp.preamble) == 3


def test_closing_starts_at_the_address_after_the_last_point():
    sp = parse("一是学习。" + BODY, "同志们！这一段仍属第二点之前。", "二是实践。" + BODY, "同志们，让我们共同努力！", "谢谢大家！")
    assert sp.sections[0].paragraphs[-1].startswith("同志们！")
    assert sp.closing == ["同志们，让我们共同努力！", "谢谢大家！"]


# --- gaps and duplicates -----------------------------------------------------------------------

def test_gap_gives_a_warning_naming_it(caplog):
    with caplog.at_level(logging.WARNING, logger="docgen"):
        sp = parse("一是学习。" + BODY, "二是实践。" + BODY, "四是总结。" + BODY)
    assert [s.number for s in sp.sections] == [1, 2, 4]
    assert sp.warnings == ["编号不连续：“二是”之后是“四是”，中间缺少 1 项"]
    assert "“四是”" in caplog.text


def test_duplicate_gives_a_warning():
    sp = parse("（一）学习。" + BODY, "（二）实践。" + BODY, "（二）总结。" + BODY)
    assert len(sp.sections) == 3
    assert sp.warnings and "编号重复" in sp.warnings[0] and "（二）" in sp.warnings[0]


def test_far_jump_is_text_not_a_section():
    sp = parse("一是学习。" + BODY, "二是实践。" + BODY, "九是总结。" + BODY)
    assert len(sp.sections) == 2 and sp.sections[1].paragraphs[-1].startswith("九是")


# --- head of the speech --------------------------------------------------------------------------

def test_title_block_with_subtitle_date_speaker():
    sp = parse("高举伟大旗帜", "为实现目标而团结奋斗", "——在某次大会上的报告", "（2022年10月16日）", "张三",
               "同志们：", BODY)
    assert sp.title_lines == ["高举伟大旗帜", "为实现目标而团结奋斗", "——在某次大会上的报告"]
    assert sp.date == "2022年10月16日" and sp.speaker == "张三" and sp.salutation == "同志们："
    assert sp.title == "高举伟大旗帜" and sp.subtitle == "——在某次大会上的报告" or sp.subtitle


def test_letter_spaced_title_and_post_plus_name():
    sp = parse("政 府 工 作 报 告", "某区人民政府区长  李四", "各位代表：", BODY)
    assert sp.title == "政府工作报告" and sp.speaker == "李四" and sp.salutation == "各位代表："


def test_list_in_the_opening_does_not_swallow_the_main_headings():
    sp = parse("讲话", "同志们：", "过去一年成绩显著：", "一是经济增长。" + BODY, "二是民生改善。" + BODY,
               "一、总体要求", BODY, "（一）指导思想。" + BODY, "（二）目标任务。" + BODY, "二、重点工作", BODY)
    assert [s.marker for s in sp.sections] == ["一、", "二、"]
    assert sp.preamble[1].startswith("一是经济增长")
    top = sp.sections[0]
    assert [s.marker for s in top.sections] == ["（一）", "（二）"]


@pytest.mark.parametrize("style_markers", [["1）", "2）"], ["第一部分　", "第二部分　"], ["①", "②"]])
def test_more_styles(style_markers):
    paras = ["讲话"]
    for m in style_markers:
        paras += [m + "加强学习", BODY]
    sp = parse(*paras)
    assert [s.marker for s in sp.sections] == style_markers


def test_page_numbers_dropped_and_thanks_is_closing():
    sp = parse("讲话", "一是学习。" + BODY, "- 1 -", "二是实践。" + BODY, "第 2 页", "谢谢大家！")
    assert [len(s.paragraphs) for s in sp.sections] == [1, 1]
    assert sp.closing == ["谢谢大家！"]


def test_long_title_line():
    title = "在全市工会系统深入学习贯彻党的二十大精神暨工会干部能力提升培训班开班式上的讲话"
    sp = parse(title, "同志们：", BODY)
    assert sp.title_lines == [title] and sp.salutation == "同志们："


MARKERS = ["一、", "二、", "三、", "（一）", "（二）", "（三）", "1.", "2.", "3.", "一是", "二是", "四是", "第一，", "第二，",
           "首先，", "其次，", "最后，", "——", "〔1〕", "一", "二", "同志们，", ""]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(MARKERS), st.text(alphabet="学习实践。，“”（）好", min_size=1, max_size=12)),
                min_size=1, max_size=25))
def test_any_paragraphs_parse_without_loss(paras):
    texts = ["讲话题目"] + [m + t for m, t in paras]
    sp = build_speech([Block(t) for t in texts])
    out = "\n".join([*sp.title_lines, sp.speaker, sp.salutation, *sp.body_paragraphs(), *sp.notes])
    joined = "".join(texts)
    assert "".join(out.split("\n")) .replace(" ", "") == joined.replace(" ", "") or \
        sorted("".join(out.split("\n"))) == sorted(joined)
    for s in sp.walk():
        assert s.number >= 1 and len(s.short_title) <= 24


def test_a_rule_inside_the_speech_is_not_the_start_of_notes():
    sp = parse("讲话", "一是学习。" + BODY, "＊＊＊", "二是实践。" + BODY, "同志们，让我们共同努力！")
    assert [s.marker for s in sp.sections] == ["一是", "二是"]
    assert sp.notes == [] and sp.closing == ["同志们，让我们共同努力！"]
    assert "＊＊＊" not in sp.body_paragraphs()


@pytest.mark.parametrize("heading, short, subtitle", [
    ("要对标“全心全意依靠工人阶级”要求，认真履行工会维权服务的基本职责。", "认真履行工会维权服务的基本职责",
     "对标“全心全意依靠工人阶级”要求"),
    ("围绕决胜全面建成小康社会，全力打好三大攻坚战", "全力打好三大攻坚战", "围绕决胜全面建成小康社会"),
    ("推进国家安全体系和能力现代化，坚决维护国家安全和社会稳定", "推进国家安全体系和能力现代化", ""),
    ("引　　言", "引言", ""),
    ("涉及党的十一大〔52〕路线一些提法的问题是否可以讨论？", "涉及党的十一大路线一些提法的问题是否可以讨论", ""),
    ("要加强政治引领。", "加强政治引领", ""),
])
def test_short_titles(heading, short, subtitle):
    from docgen.analysis.headings import short_title

    assert short_title(heading) == (short, subtitle)


def test_a_closing_that_winds_up_without_an_address_leaves_the_last_point():
    sp = parse("讲话", "一是学习。" + BODY, "二是实践。" + BODY, "实践出真知，要知行合一。",
               "今天的会开得很好。我要讲的都讲过了，希望大家抓好落实。")
    assert sp.closing == ["今天的会开得很好。我要讲的都讲过了，希望大家抓好落实。"]
    assert sp.sections[-1].paragraphs[-1] == "实践出真知，要知行合一。"


def test_a_summing_up_paragraph_after_headed_points_is_the_closing():
    sp = parse("讲话", "一、加强学习", BODY, "二、注重实践", BODY, "以上几点意见，请大家结合实际认真贯彻。")
    assert sp.closing == ["以上几点意见，请大家结合实际认真贯彻。"]
    assert sp.sections[-1].paragraphs == [BODY]


def test_the_last_point_keeps_its_own_first_paragraph_and_ordinary_todays():
    sp = parse("讲话", "一、加强学习", BODY, "二、注重实践", "以上几点要放在首位。", "今天的工会工作面临新的形势。",
               "总之，要把实践放在首位。")
    assert sp.closing == []
    assert sp.sections[-1].paragraphs == ["以上几点要放在首位。", "今天的工会工作面临新的形势。", "总之，要把实践放在首位。"]


# --- paragraphs after a run-in list ---------------------------------------------------------------

def test_paragraphs_after_a_run_in_list_belong_to_the_section():
    sp = parse("一、工作回顾", "过去一年，我们做了四件事。",
               "一是经济稳中有进。" + BODY, "二是改革不断深化。" + BODY, "三是民生持续改善。" + BODY,
               "总之，这些成绩来之不易。", "在看到成绩的同时，我们也清醒认识到存在的问题。",
               "二、今年工作", "今年要做好三件事。", "一是稳增长。" + BODY, "二是促改革。" + BODY)
    first = sp.sections[0]
    assert [s.marker for s in first.sections] == ["一是", "二是", "三是"]
    assert first.sections[-1].paragraphs == [BODY]
    assert first.trailing == ["总之，这些成绩来之不易。", "在看到成绩的同时，我们也清醒认识到存在的问题。"]
    assert sp.body_paragraphs().count("总之，这些成绩来之不易。") == 1


def test_items_with_bodies_of_their_own_keep_their_paragraphs():
    sp = parse("一、工作回顾", "一是经济稳中有进。" + BODY, "补充一。", "补充二。",
               "二是改革不断深化。" + BODY, "补充三。", "补充四。", "补充五。",
               "二、今年工作", "今年要做好三件事。")
    first = sp.sections[0]
    assert first.trailing == [] and first.sections[-1].paragraphs[1:] == ["补充三。", "补充四。", "补充五。"]


def test_an_address_after_the_last_item_turns_back_to_the_section():
    sp = parse("一、工作回顾", "一是经济稳中有进。" + BODY, "补充一。", "补充二。",
               "二是改革不断深化。" + BODY, "补充三。", "各位代表！这些成绩的取得，是大家共同努力的结果。",
               "二、今年工作", "今年要做好三件事。")
    first = sp.sections[0]
    assert first.trailing == ["各位代表！这些成绩的取得，是大家共同努力的结果。"]
    assert first.sections[-1].paragraphs[1:] == ["补充三。"]


def test_an_unlabelled_first_point_still_opens_the_first_part():
    sp = parse("同志们：", "今天我讲三点意见。", "我们要看到形势的变化。市场变了，客户变了，我们也要变。",
               "不变就要被淘汰。这是我要讲的第一点。",
               "第二点：要加强管理。管理出效益，这是大家都懂的道理。", "管理要抓细节。",
               "第三点：要培养干部。干部是事业的骨干。", "干部要到一线去。")
    assert [s.number for s in sp.sections] == [1, 2, 3]
    first = sp.sections[0]
    assert first.marker == "" and first.heading_text() + first.paragraphs[0] == "我们要看到形势的变化。市场变了，客户变了，我们也要变。"
    assert first.paragraphs[-1] == "不变就要被淘汰。这是我要讲的第一点。"
    assert sp.preamble == ["今天我讲三点意见。"]
    assert sp.sections[1].marker == "第二点："
