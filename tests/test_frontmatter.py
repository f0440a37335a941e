"""Front matter in its common written forms, and the one title every document shows."""

import datetime as dt
import logging

import docx
import pytest
from helpers import CORPUS

from docgen.analysis.blocks import Block, split_paragraphs
from docgen.analysis.frontmatter import speech_title, title_parts
from docgen.analysis.structure import build_speech
from docgen.config import ClassInfo, Session
from docgen.readers import read_speech

BODY = ["一、加强学习", "学习是前进的基础，要坚持不懈抓好学习。", "二、改进作风", "作风是生产力，要持之以恒改进作风。"]


def parse(*lines, source=""):
    return build_speech([Block(p) for p in split_paragraphs("\n".join([*lines, *BODY]))], source=source)


def test_dash_subtitle_office_and_spaced_name():
    sp = parse("2026年上海市政府工作报告", "——2026年2月3日在上海市第十六届人民代表大会第四次会议上",
               "上海市市长 龚 正", "各位代表：")
    assert title_parts(sp) == (["2026年上海市政府工作报告"], "——2026年2月3日在上海市第十六届人民代表大会第四次会议上")
    assert (sp.office, sp.speaker, sp.date) == ("上海市市长", "龚正", "2026年2月3日")


def test_hyphen_dateline_becomes_a_dash_subtitle():
    sp = parse("政 府 工 作 报 告", "----2012年2月29日在海拉尔区第十三届人民代表大会第六次会议上",
               "海拉尔区人民政府区长\u3000\u3000张天喜", "各位代表：")
    main, subtitle = title_parts(sp)
    assert main == ["政府工作报告"] and subtitle == "——2012年2月29日在海拉尔区第十三届人民代表大会第六次会议上"
    assert (sp.office, sp.speaker, sp.date) == ("海拉尔区人民政府区长", "张天喜", "2012年2月29日")


def test_bracketed_dateline_and_a_subtitle_broken_in_two_lines():
    sp = parse("政府工作报告", "（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）", "省长 李炳军", "各位代表：")
    assert title_parts(sp) == (["政府工作报告"], "（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）")
    broken = parse("政府工作报告", "——2026年1月26日在广东省第十四届", "人民代表大会第五次会议上", "广东省省长 孟凡利")
    assert title_parts(broken) == (["政府工作报告"], "——2026年1月26日在广东省第十四届人民代表大会第五次会议上")
    assert broken.speaker == "孟凡利"


def test_markdown_marks_yaml_header_and_editors_notes_are_not_the_speech():
    sp = parse("## 任正非致新员工书", "【导  读】华为给新员工的不是鸡血，而是薄荷。")
    assert sp.title_lines == ["任正非致新员工书"] and sp.notes == ["【导  读】华为给新员工的不是鸡血，而是薄荷。"]
    quoted = parse("# 关于正确处理人民内部矛盾的问题", "(一九五七年二月二十七日)", "> 这是毛泽东同志的讲话。")
    assert quoted.title_lines == ["关于正确处理人民内部矛盾的问题"] and quoted.notes == ["这是毛泽东同志的讲话。"]
    yaml = parse("---", 'title: "做新时代挺膺担当的奋斗者（社论）"', "date: 2025-04-28", "---",
                 "# 做新时代挺膺担当的奋斗者（社论）")
    assert yaml.title_lines == ["做新时代挺膺担当的奋斗者（社论）"]
    news = parse("新华社北京12月31日电 新年前夕，国家主席发表了新年贺词。全文如下：", "再过几个小时，新年的钟声就要敲响了。")
    assert news.notes[0].startswith("新华社") and news.preamble == ["再过几个小时，新年的钟声就要敲响了。"]


def test_a_lone_dateline_is_a_subtitle_and_the_title_falls_back(caplog):
    sp = parse("—2017年2月11日在海拉尔区第十四届人民代表大会第六次会议上", "海拉尔区人民政府代区长 杨国宏", "各位代表:",
               source="m08.txt")
    assert sp.speaker == "杨国宏" and sp.date == "2017年2月11日"
    with caplog.at_level(logging.WARNING):
        assert speech_title(sp) == "讲话稿" and speech_title(sp) == "讲话稿"
    assert sum("讲话稿" in r.getMessage() for r in caplog.records) == 1


def test_title_fallback_order(tmp_path):
    path = tmp_path / "未命名文档.docx"
    document = docx.Document()
    document.add_paragraph("同志们：")
    for line in BODY:
        document.add_paragraph(line)
    document.core_properties.title = "在青年干部座谈会上的讲话"
    document.save(path)
    assert speech_title(read_speech(path)) == "在青年干部座谈会上的讲话"

    document.core_properties.title = "未命名文档"  # the file name is never a title
    document.save(path)
    sp = read_speech(path)
    info = ClassInfo(schedule=[Session(date=dt.date(2026, 11, 26), title="新时代工会工作专题", speech=path)])
    assert speech_title(sp, info) == "新时代工会工作专题"
    assert speech_title(sp, ClassInfo()) == "讲话稿"
    loose = parse("政府工作报告。", "现在，我代表区政府向大会作工作报告。")
    assert speech_title(loose) == "政府工作报告"


@pytest.mark.parametrize("path", sorted(p for d in (CORPUS, CORPUS / "more") for p in d.iterdir()
                                        if p.suffix in (".txt", ".md", ".docx") and p.name != "README.md"),
                         ids=lambda p: p.name)
def test_no_title_is_a_file_name_or_markup(path):
    from docgen.writers.handout import build_plan
    from docgen.writers.slides import plan
    from docgen.resources import Templates

    sp = read_speech(path)
    info, templates = ClassInfo(), Templates()
    titles = {plan(sp, info, templates).title, build_plan(sp, info, templates, "plain").title, speech_title(sp)}
    assert len(titles) == 1
    title = titles.pop()
    assert title and title != path.stem and not title.startswith(("-", "#", "—", "（", "("))
    assert_paper_names(sp, title)


def assert_paper_names(sp, title):
    """The test paper and its key name the same title: in the title without a class, under it with one."""
    from docgen.resources import Templates
    from docgen.writers.quiz import paper_wording

    alone = paper_wording(Templates(), ClassInfo(), sp)
    nested = title.replace("《", "〈").replace("》", "〉")  # a book title inside 《》 takes 〈〉
    assert alone["paper"]["title"] == alone["key"]["subtitle"] == f"《{nested}》测试卷" and not alone["paper"]["topic"]
    in_class = paper_wording(Templates(), ClassInfo(name="2026年理论培训班", folder=CORPUS), sp, "A")
    assert in_class["paper"]["title"] == "2026年理论培训班测试卷"
    assert in_class["paper"]["topic"] == f"（{title}）" and in_class["key"]["subtitle"] == "2026年理论培训班测试卷（A卷）"

