"""The handout plan (pure data) and the 思考题: verbatim text, study aids, modes. No Word files here."""

from dataclasses import dataclass, field

import pytest

from docgen.analysis.numerals import int_to_cn

from docgen.analysis.questions import thinking_questions
from docgen.config import ClassInfo
from docgen.errors import TemplateError
from docgen.model import Section, Speech
from docgen.resources import Templates
from docgen.writers.handout import build_plan
from docgen.analysis.studyaids import speech_glossary
from docgen.writers.handout_plan import (
    StudyAids, bold_targets, plan_handout,
)
from helpers import CORPUS, SAMPLE

SPEECH_KINDS = {"salutation", "body", "heading1", "heading2", "heading3"}


@dataclass
class Phrase:
    text: str
    sentence: str
    kind: str = "quoted"
    section: list = field(default_factory=list)
    items: list = field(default_factory=list)


def small_speech() -> Speech:
    one = Section(1, "一、", "坚持党的领导", short_title="坚持党的领导", paragraphs=["要坚持“党建带工建”。党建引领工建。"],
                  sections=[Section(1, "（一）", "加强政治建设。", run_in=True, paragraphs=["要严守政治纪律。"])],
                  trailing=["这是第一部分的结尾。"])
    two = Section(2, "二、", "服务职工群众", short_title="服务职工", paragraphs=["做职工的“娘家人”，办实事。"])
    return Speech(title_lines=["在培训班上的讲话", "——在开班式上"], speaker="张三", date="2026年11月26日",
                  salutation="同志们：", preamble=["开头一段。"], sections=[one, two], closing=["同志们，加油。"],
                  notes=["〔1〕注释。"])


def wording(templates=None, **ctx):
    ctx = {"class_name": "测试班", "organiser": "总工会", "dates": "2026年11月26日", "title": "T"} | ctx
    return (templates or Templates()).render_toml("handout/wording.toml", **ctx)


def speech_text(plan) -> list[str]:
    return [b.text for b in plan.blocks if b.kind in SPEECH_KINDS]


@pytest.mark.parametrize("mode", ["full", "plain", "compact"])
def test_speech_blocks_are_the_speech_verbatim_in_order(mode):
    speech = small_speech()
    aids = StudyAids(bold=["“党建带工建”", "娘家人"], bullets=lambda s: ["要点"], questions=lambda s: ["问题？"])
    plan = plan_handout(speech, wording(), mode, aids)
    assert speech_text(plan) == [speech.salutation] + speech.body_paragraphs()
    assert [b.text for b in plan.blocks if b.kind == "note"] == speech.notes


def test_full_plan_has_header_points_aids_glossary_and_notes_page():
    speech = small_speech()
    aids = StudyAids(glossary=[("党建带工建", "要坚持“党建带工建”。")],
                     bullets=lambda s: [f"要点{s.number}"], questions=lambda s: [f"问题{s.number}？"])
    plan = plan_handout(speech, wording(), "full", aids)
    kinds = [b.kind for b in plan.blocks]
    assert [b.text for b in plan.blocks if b.kind == "header"] == ["测试班", "学习材料", "2026年11月26日"]
    assert [b.text for b in plan.blocks if b.kind == "title"] == ["在培训班上的讲话"]
    assert [b.text for b in plan.blocks if b.kind == "subtitle"] == ["——在开班式上"]
    points = next(b for b in plan.blocks if b.kind == "points")
    assert points.text == "学习要点" and points.items == ["一、坚持党的领导", "二、服务职工"]
    # the aids of section 1 come after its trailing paragraph and before section 2's heading
    items = [b.text for b in plan.blocks if b.kind == "aid_item"]
    assert items == ["1. 要点1", "1. 问题1？", "1. 要点2", "1. 问题2？"]
    first_aid = kinds.index("aid_label")
    assert plan.blocks[first_aid - 1].text == "这是第一部分的结尾。"
    assert plan.blocks[kinds.index("heading1", first_aid)].text == "二、服务职工群众"
    assert {b.group for b in plan.blocks if b.kind.startswith("aid")} == {1, 2}
    glossary = [b for b in plan.blocks if b.kind == "glossary"]
    assert [s.text for s in glossary[0].spans] == ["党建带工建", "：", "要坚持“党建带工建”。"]
    assert glossary[0].spans[0].bold
    titles = [b for b in plan.blocks if b.kind == "section_title"]
    assert [b.text for b in titles] == ["名词解释", "学习笔记"] and all(b.page_break_before for b in titles)
    assert plan.blocks[-1].kind == "ruled" and plan.blocks[-1].count > 10


def test_plain_plan_is_the_speech_alone_without_bold():
    plan = plan_handout(small_speech(), wording(), "plain", StudyAids(bold=["娘家人"], glossary=[("a", "b")]))
    kinds = {b.kind for b in plan.blocks}
    assert kinds <= SPEECH_KINDS | {"title", "subtitle", "byline", "blank", "note"}
    assert not any(s.bold for b in plan.blocks for s in b.spans)


def test_run_in_heading_is_a_span_of_its_paragraph():
    plan = plan_handout(small_speech(), wording(), "full", StudyAids())
    run_in = next(b for b in plan.blocks if b.text.startswith("（一）"))
    assert run_in.kind == "body"
    assert [(s.text, s.role) for s in run_in.spans] == [("（一）加强政治建设。", "heading2"), ("要严守政治纪律。", "")]


def test_each_bold_target_is_bold_once_at_its_first_occurrence():
    speech = small_speech()
    speech.closing = ["做职工的“娘家人”。“党建带工建”。"]
    plan = plan_handout(speech, wording(), "full", StudyAids(bold=["“党建带工建”", "娘家人", "不存在"]))
    bold = [(b.text, s.text) for b in plan.blocks for s in b.spans if s.bold]
    assert bold == [("要坚持“党建带工建”。党建引领工建。", "“党建带工建”"), ("做职工的“娘家人”，办实事。", "娘家人")]


def test_bold_targets_and_glossary_from_key_phrases():
    phrases = [
        Phrase("桥梁", "“桥梁”是连结，“纽带”是团结。"), Phrase("纽带", "“桥梁”是连结，“纽带”是团结。"),
        Phrase("四同步、四衔接", "做到“四同步、四衔接”，即同步部署。"),
        Phrase("四衔接", "做到“四同步、四衔接”，即同步部署。", kind="numbered"),
        Phrase("政治性、先进性、群众性", "保持政治性、先进性、群众性。", kind="enumeration"),
        Phrase("落实主体责任", "一是要对标“落实主体责任”要求。"),
    ]
    assert bold_targets(phrases) == ["“桥梁”", "“纽带”", "“四同步、四衔接”", "四衔接", "“落实主体责任”"]
    phrases[3].items = ["组织建设相衔接", "队伍建设相衔接"]
    entries = speech_glossary(phrases, 10)
    # defined (`“桥梁”是…`, `“X”，即…`) or enumerated (a counted formulation lists its items); merely used: left out
    assert entries == [("桥梁", "“桥梁”是连结"), ("纽带", "“纽带”是团结。"), ("四同步、四衔接", "“四同步、四衔接”，即同步部署。"),
                       ("四衔接", "组织建设相衔接；队伍建设相衔接")]
    assert len(speech_glossary([Phrase(f"提法{i}号", f"“提法{i}号”是句子{i}。") for i in range(9)], 3)) == 3


def test_chinese_numerals_for_item_labels():
    assert [int_to_cn(n) for n in (1, 9, 10, 11, 15, 20, 21)] == ["一", "九", "十", "十一", "十五", "二十", "二十一"]


def test_thinking_questions_from_title_and_phrase_of_the_section():
    section = Section(3, "三是", "要对标“全面落实”要求，坚持“思想引领”。", short_title="坚持“思想引领”",
                      run_in=True, paragraphs=["要突出“工”字特色，打造“中国梦·劳动美”品牌。"])
    phrases = [Phrase("工", "…"), Phrase("中国梦·劳动美", "…", section=[3]), Phrase("别处的提法", "…", section=[2])]
    questions = thinking_questions(section, phrases)
    assert len(questions) == 2
    assert "‘思想引领’" in questions[0] and "“" not in questions[0].replace("“坚持‘思想引领’”", "")
    assert "“中国梦·劳动美”" in questions[1]
    assert len(thinking_questions(section, [])) == 1


def test_question_patterns_come_from_the_template(tmp_path):
    (tmp_path / "handout").mkdir()
    (tmp_path / "handout" / "questions.toml").write_text('about_title = ["谈谈{title}。"]\n', encoding="utf-8")
    section = Section(1, "一、", "团结奋斗", short_title="团结奋斗")
    assert thinking_questions(section, [], Templates(tmp_path)) == ["谈谈团结奋斗。"]
    (tmp_path / "handout" / "questions.toml").write_text('about_title = ["谈谈{名称}。"]\n', encoding="utf-8")
    with pytest.raises(TemplateError, match="句式"):
        thinking_questions(section, [], Templates(tmp_path))


def test_plan_of_the_sample_speech_lists_one_key_sentence_per_part():
    from docgen.readers import read_speech

    speech = read_speech(SAMPLE)
    plan = build_plan(speech, ClassInfo(name="测试班"), Templates(), "full")
    points = next(b for b in plan.blocks if b.kind == "points")
    assert points.items == [f"{int_to_cn(i)}、{s.heading}" for i, s in enumerate(speech.sections, 1)]
    glossary = dict((b.spans[0].text, b.spans[2].text) for b in plan.blocks if b.kind == "glossary")
    assert glossary["八个对标"].count("对标“") == 8
    assert len(speech.sections) == 8
    labels = [k for k, b in enumerate(plan.blocks) if b.kind == "aid_label" and b.text == "思考题"]
    assert len(labels) == 8 and all(plan.blocks[k + 1].kind == "aid_item" for k in labels)


def test_congress_title_lines_two_in_xiaobiaosong_then_the_subtitle():
    from docgen.readers import read_speech

    speech = read_speech(CORPUS / "party20_congress_report.txt")
    plan = build_plan(speech, ClassInfo(), Templates(), "plain")
    assert [b.kind for b in plan.blocks[:3]] == ["title", "title", "subtitle"]
    assert plan.blocks[2].text.startswith("——")


def test_header_leaves_out_the_placeholder_class_name_without_class_toml():
    speech = small_speech()
    plain_info = build_plan(speech, ClassInfo(), Templates(), "full")
    assert [b.text for b in plain_info.blocks if b.kind == "header"] == ["学习材料"]
    named = build_plan(speech, ClassInfo(name="工会干部培训班"), Templates(), "full")
    assert [b.text for b in named.blocks if b.kind == "header"] == ["工会干部培训班", "学习材料"]


def test_wrong_placeholder_in_the_wording_template_is_a_template_error(tmp_path):
    (tmp_path / "handout").mkdir()
    text = Templates().read_bytes("handout/wording.toml").decode("utf-8").replace("{cn}、{sentence}", "{序号}、{sentence}")
    (tmp_path / "handout" / "wording.toml").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match="wording.toml.*序号"):
        build_plan(small_speech(), ClassInfo(), Templates(tmp_path), "full")


def test_non_numeric_typography_value_is_a_template_error(tmp_path):
    from docgen.writers.handout import load_typography

    (tmp_path / "handout").mkdir()
    text = Templates().read_bytes("handout/typography.toml").decode("utf-8").replace("top_mm = 37", 'top_mm = "37毫米"')
    (tmp_path / "handout" / "typography.toml").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match="top_mm"):
        load_typography(Templates(tmp_path), "full")
    assert load_typography(Templates(), "compact").metrics["body_pt"] == 12


def test_questions_fit_the_kind_of_phrase_and_of_speech():
    from docgen.analysis.studyaids import phrase_kind

    assert phrase_kind("坚持党建带工建") == "action"
    assert phrase_kind("官僚主义是最危险的祸害") == "statement"
    assert phrase_kind("过去中国革命的经验教训怎么样呢") == "question"
    assert phrase_kind("八个对标", numbered=True) == "numbered"
    section = Section(2, "二、", "过去中国革命的经验教训怎么样呢？", short_title="过去中国革命的经验教训怎么样呢")
    statement = Phrase("官僚主义是最危险的祸害", "…", section=[2])
    union = thinking_questions(section, [statement], union=True)
    general = thinking_questions(section, [statement], union=False)
    assert "怎样回答" in union[0] and "落到实处" not in union[1] and "为什么说" in union[1]
    assert not any("工会" in q for q in general)
    counted = Phrase("两个确立", "…", kind="numbered", section=[2])  # the speech never lists the two
    assert "指的是什么" not in thinking_questions(section, [counted])[-1]


def test_a_key_sentence_is_never_a_question_or_the_speakers_own_remark():
    from docgen.analysis.studyaids import key_sentence

    asked = Section(2, "二、", "中国的革命，它反对的是什么东西？", run_in=True,
                    paragraphs=["它反对的是帝国主义和封建主义。革命的动力是工人农民。"])
    assert key_sentence(asked) == "它反对的是帝国主义和封建主义。" or key_sentence(asked) == "革命的动力是工人农民。"
    remark = Section(6, "六、", "我要说到延安的青年运动。", run_in=True,
                     paragraphs=["延安的青年运动是全国青年运动的模范。"])
    assert key_sentence(remark) == "延安的青年运动是全国青年运动的模范。"


def test_a_speech_without_numbered_points_still_gets_its_key_sentences():
    from docgen.readers import read_speech

    path = CORPUS / "more" / "m12_ren_zhi_xinyuangong_2015.txt"
    speech = read_speech(path)
    assert not speech.sections
    points = next(b for b in build_plan(speech, ClassInfo(), Templates(), "full").blocks if b.kind == "points")
    text = "".join(speech.body_paragraphs())
    assert len(points.items) >= 3 and all(item.split("、", 1)[1] in text for item in points.items)
