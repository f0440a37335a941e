"""Speeches written for acceptance testing, not seen while the parser was built (tests/fixtures/unseen/).

Each expected outline lists `marker|short title`, one section a line, two spaces of indent per level.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from docgen.analysis.blocks import split_paragraphs
from docgen.readers import read_speech
from docgen.readers.text import decode

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"

EXPECTED = {
    "01_shouxian.txt": dict(
        title="在全区工会女职工工作会议上的讲话", salutation="同志们：", speaker="李红梅", date="2026年3月6日",
        preamble=1, closing=1, outline="""
首先，|提高政治站位
其次，|扎实维护女职工合法权益
再次，|创新服务方式
最后，|加强自身建设"""),
    "02_didian.txt": dict(
        title="在全市工会经费审查工作培训班上的讲话", salutation="同志们：", preamble=1, closing=1, outline="""
第一点：|把准经审工作的政治方向
第二点：|突出审查监督的工作重点
第三点：|加强经审干部队伍建设"""),
    "03_bare_numeral.txt": dict(
        title="关于加强新时代产业工人队伍建设的几点思考", salutation="", preamble=0, closing=0, outline="""
一|深刻认识产业工人队伍建设改革的重大意义
二|准确把握改革的目标任务
三|扎实推动各项改革举措落地见效"""),
    "04_ascii_space.txt": dict(
        title="在全县工会干部能力提升培训班开班式上的讲话", salutation="同志们：", preamble=1, closing=1, outline="""
一 |深刻认识提升工会干部能力的重要性
二 |着力提升四种能力
  一要|提升政治引领能力
  二要|提升维权服务能力
  三要|提升群众工作能力
  四要|提升改革创新能力"""),
    "05_deep_levels.txt": dict(
        title="2026年全省工会宣传教育工作要点", salutation="", preamble=0, closing=0, outline="""
一、|加强职工思想政治引领
  （一）|深入开展理论学习
    1.|组织专题学习
    2.|开展宣讲活动
      （1）|宣讲要贴近职工
      （2）|宣讲要注重实效
    3.|加强阵地建设
  （二）|大力弘扬劳模精神
    1.|开展劳模先进事迹报告会
    2.|加强劳模创新工作室建设
二、|丰富职工精神文化生活
  （一）|开展职工文化活动
    1.|举办职工文艺汇演
    2.|开展职工读书活动
  （二）|加强职工文化阵地建设
    1.|用好工人文化宫
    2.|建设网上职工之家"""),
    "06_yiyao.txt": dict(
        title="在全市工会系统安全生产工作会议上的讲话", salutation="同志们：", preamble=1, closing=1, outline="""
一要|压实工会监督责任
二要|深化群众性安全生产活动
三要|加强安全知识宣传教育
四要|参与事故调查处理"""),
    "07_inline_enum.txt": dict(
        title="在全市基层工会组织建设推进会上的讲话", salutation="同志们：", preamble=1, closing=1, outline="""
一、|突出重点推进建会入会
二、|着力增强基层工会活力
三、|加强组织领导"""),
    "08_no_linebreaks.txt": dict(
        title="在全区工会财务工作会议上的讲话", salutation="同志们：", preamble=1, closing=1, outline="""
一、|充分肯定过去一年的工作成绩
二、|认真查找存在的问题
三、|扎实做好今年的财务工作"""),
    "09_dash_list.txt": dict(
        title="在全市职工服务中心建设现场会上的讲话", salutation="同志们：", preamble=1, closing=1, outline="""
一、|职工服务中心建设取得的成效
二、|下一步工作要求"""),
    "10_footnotes.txt": dict(
        title="在纪念“五一”国际劳动节座谈会上的讲话", salutation="同志们：", preamble=1, closing=1, notes=3,
        outline="""
第一，|劳动创造了人类
第二，|劳模精神是宝贵的精神财富
第三，|切实维护劳动者的合法权益"""),
    "11_gap.txt": dict(
        title="在全市工会帮扶工作推进会上的讲话", salutation="同志们：", preamble=1, closing=1,
        warnings=["编号不连续：“二是”之后是“四是”，中间缺少 1 项"], outline="""
一是|精准识别帮扶对象
二是|落实分类帮扶措施
四是|健全长效帮扶机制"""),
    "12_no_numbering.txt": dict(
        title="在全市劳模座谈会上的讲话", salutation="同志们：", preamble=5, closing=0, outline=""),
    "13_gbk_crlf.txt": dict(
        title="在全市工会劳动竞赛工作会议上的讲话", salutation="同志们：", speaker="陈建国", preamble=1, closing=1,
        outline="""
一、|劳动竞赛工作取得的主要成绩
  （一）|竞赛覆盖面不断扩大
  （二）|竞赛形式不断创新
二、|今年劳动竞赛工作的主要任务
  （一）|围绕重大项目开展竞赛
  （二）|深化职工技能竞赛
  （三）|完善竞赛激励机制"""),
    "14_dun_levels.txt": dict(
        title="在全市工会网上工作平台建设推进会上的讲话", salutation="同志们：", preamble=1, closing=1, outline="""
一、|明确平台建设的重点任务
  （一）|完善平台功能
    1、|做强入会服务
    2、|做优普惠服务
  （二）|推进数据共享
    1、|建设会员实名制数据库
    2、|打通数据壁垒
二、|加强平台建设的组织保障
  （一）|强化责任落实
    1、|明确责任分工
      （1）|建立工作台账
      （2）|加强督促检查
    2、|加强经费保障
  （二）|注重安全管理
    1、|落实网络安全责任制
    2、|保护职工个人信息"""),
}


def outline(sections, depth: int = 0) -> list[str]:
    out = []
    for s in sections:
        out.append("  " * depth + f"{s.marker}|{s.short_title}")
        out.extend(outline(s.sections, depth + 1))
    return out


def expected_outline(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def numbers_follow_on(sections) -> bool:
    return [s.number for s in sections] == sorted(s.number for s in sections) and all(
        numbers_follow_on(s.sections) for s in sections)


def source_paragraphs(path: Path) -> list[str]:
    return split_paragraphs(decode(path.read_bytes(), path))


def spoken_text(sp) -> str:
    parts = [*sp.title_lines, sp.salutation, *sp.preamble, *sp.closing, *sp.notes]
    for s in sp.walk():
        parts += [s.heading_text(), *s.paragraphs]
    return "".join(parts)


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in UNSEEN.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_structure(name, caplog):
    want = EXPECTED[name]
    with caplog.at_level(logging.WARNING, logger="docgen"):
        sp = read_speech(UNSEEN / name)
    assert outline(sp.sections) == expected_outline(want["outline"])
    assert sp.title == want["title"]
    assert sp.salutation == want["salutation"]
    assert sp.speaker == want.get("speaker", "")
    assert sp.date == want.get("date", "")
    assert (len(sp.preamble), len(sp.closing), len(sp.notes)) == (want["preamble"], want["closing"], want.get("notes", 0))
    assert sp.warnings == want.get("warnings", [])
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == len(sp.warnings)
    assert numbers_follow_on(sp.sections)
    for s in sp.walk():
        assert len(s.short_title) <= 24


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_is_verbatim(name):
    """Every character of every source paragraph survives, in order, in the parsed speech."""
    path = UNSEEN / name
    sp = read_speech(path)
    squeeze = lambda t: "".join(t.split())  # noqa: E731 - title lines lose letter-spacing and the speaker's post
    got = squeeze(spoken_text(sp))
    for para in source_paragraphs(path):
        if para in (sp.speaker, sp.date) or para.endswith(sp.speaker or "\0"):
            continue
        assert squeeze(para) in got, para


def test_inline_enumeration_stays_inside_its_paragraph():
    sp = read_speech(UNSEEN / "07_inline_enum.txt")
    first = sp.sections[0]
    assert first.sections == []
    assert "还必须：第一，摸清底数" in first.paragraphs[0] and "第三，强化服务" in first.paragraphs[0]
    assert first.paragraphs[1].startswith("全市今年要新发展会员3万人")
    assert sp.sections[1].paragraphs[1].startswith("衡量基层工会活不活，主要看三条：一看")


def test_dash_items_are_paragraphs_of_their_section():
    sp = read_speech(UNSEEN / "09_dash_list.txt")
    one, two = sp.sections
    assert [p[:2] for p in one.paragraphs[1:]] == ["——"] * 3
    assert [p[:2] for p in two.paragraphs[1:]] == ["――"] * 3
    assert one.sections == two.sections == []


def test_footnotes_are_notes_and_their_marks_stay_in_the_text():
    sp = read_speech(UNSEEN / "10_footnotes.txt")
    assert sp.notes[1].startswith("〔1〕见恩格斯") and sp.notes[2].startswith("〔2〕")
    assert sp.sections[0].paragraphs[0].endswith("第一个基本条件”〔1〕。我们要大力弘扬劳动精神，让崇尚劳动、尊重劳动在全社会蔚然成风。")
    assert sp.preamble[0].startswith("今天") and "首先，我代表" in sp.preamble[0]


def test_text_without_line_breaks_splits_at_double_fullwidth_spaces():
    raw = (UNSEEN / "08_no_linebreaks.txt").read_text(encoding="utf-8")
    assert "\n" not in raw.strip()
    sp = read_speech(UNSEEN / "08_no_linebreaks.txt")
    assert sp.sections[1].paragraphs[0].startswith("在看到成绩的同时")


def test_bare_numeral_heading_takes_the_next_line():
    sp = read_speech(UNSEEN / "03_bare_numeral.txt")
    first = sp.sections[0]
    assert (first.marker, first.heading) == ("一", "")
    assert first.paragraphs[0] == "深刻认识产业工人队伍建设改革的重大意义。"
    assert sp.title_lines[1].startswith("——在市总工会")
    assert all(len(s.paragraphs) == 2 for s in sp.sections)


def test_gbk_crlf_is_read_without_being_told():
    path = UNSEEN / "13_gbk_crlf.txt"
    data = path.read_bytes()
    assert b"\r\n" in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    sp = read_speech(path)
    assert not any("\r" in p for p in sp.body_paragraphs())


# --- Word files, built here -------------------------------------------------------------------

def _plain_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    for line in (UNSEEN / "13_gbk_crlf.txt").read_bytes().decode("gbk").splitlines():
        if line.strip():
            d.add_paragraph(line)
    d.save(path)
    return path


def _styled_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("在全市工会劳动竞赛工作会议上的讲话", style="Title")
    d.add_paragraph("同志们：")
    d.add_paragraph("这次会议的主要任务是，表彰先进，部署工作。")
    d.add_paragraph("劳动竞赛工作取得的主要成绩", style="Heading 1")
    d.add_paragraph("竞赛覆盖面不断扩大", style="Heading 2")
    d.add_paragraph("去年全市共有1200多家企业开展劳动竞赛。")
    d.add_paragraph("竞赛形式不断创新", style="Heading 2")
    d.add_paragraph("各级工会推出了新形式。第一，云竞赛；第二，线上练兵。")
    d.add_paragraph("今年的主要任务", style="Heading 1")
    d.add_paragraph("一是围绕重大项目开展竞赛。要在重点工程中开展竞赛。")
    d.add_paragraph("二是深化职工技能竞赛。要广泛开展岗位练兵。")
    d.add_paragraph("同志们，希望大家再接再厉。")
    d.save(path)
    return path


def test_docx_without_heading_styles_is_detected_from_the_text(tmp_path):
    sp = read_speech(_plain_docx(tmp_path / "plain.docx"))
    want = EXPECTED["13_gbk_crlf.txt"]
    assert outline(sp.sections) == expected_outline(want["outline"])
    assert (sp.title, sp.salutation, len(sp.preamble), len(sp.closing)) == (want["title"], "同志们：", 1, 1)


def test_docx_heading_styles_open_sections(tmp_path):
    sp = read_speech(_styled_docx(tmp_path / "styled.docx"))
    assert sp.title == "在全市工会劳动竞赛工作会议上的讲话" and sp.salutation == "同志们："
    assert outline(sp.sections) == [
        "|劳动竞赛工作取得的主要成绩", "  |竞赛覆盖面不断扩大", "  |竞赛形式不断创新",
        "|今年的主要任务", "  一是|围绕重大项目开展竞赛", "  二是|深化职工技能竞赛"]
    assert sp.sections[0].sections[1].paragraphs == ["各级工会推出了新形式。第一，云竞赛；第二，线上练兵。"]
    assert sp.closing == ["同志们，希望大家再接再厉。"]
