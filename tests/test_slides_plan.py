"""The deck plan (pure data) and the text measurer: structure, sizes within limits, continuation, notes."""

from pathlib import Path

from docgen.analysis.sentences import split_sentences
from docgen.model import Section, Speech
from docgen.readers import read_speech
from docgen.writers.measure import NO_LINE_END, NO_LINE_START, Frame, text_width, wrap
from docgen.writers.slides_plan import (
    BODY_SIZES, CONTENT, COVER, SECTION, CoverInfo, Wording, chunk_sections, plan_deck,
)
from helpers import CORPUS

COVER_INFO = CoverInfo(class_name="测试培训班", title="在测试会议上的讲话", lines=("测试培训班", "2026年11月26日"))


def run_in(n: int, heading: str, rest: str) -> Section:
    return Section(number=n, marker="一二三四五六七八九"[n - 1] + "是", heading=heading,
                   short_title=heading.rstrip("。")[-12:], paragraphs=[rest], run_in=True)


def speech_with(sections, preamble=("同志们好。",), closing=("同志们，让我们一起努力。",)) -> Speech:
    return Speech(title_lines=["在测试会议上的讲话"], salutation="同志们：", preamble=list(preamble),
                  sections=list(sections), closing=list(closing))


LONG_PARAGRAPH = "".join(f"要加强第{i}项基层工会组织建设，切实提高服务职工的能力和水平。" for i in range(1, 40))


def test_structure_cover_agenda_intro_sections_closing():
    sections = [run_in(i, f"要抓好第{i}件大事。", "要加强组织建设，提高服务能力。要维护职工权益。") for i in range(1, 4)]
    deck = plan_deck(speech_with(sections, preamble=["今年是全面贯彻落实党的二十大精神的开局之年。"]), COVER_INFO,
                     Wording(footer="测试培训班"))
    kinds = [s.kind for s in deck.slides]
    assert kinds == ["cover", "agenda", "intro"] + ["section", "content"] * 3 + ["closing"]
    greeting_only = plan_deck(speech_with(sections), COVER_INFO, Wording())  # `同志们好。` is no slide
    assert "intro" not in [s.kind for s in greeting_only.slides] and "同志们好。" in greeting_only.slides[0].notes
    assert deck.slides[0].layout == COVER and deck.slides[3].layout == SECTION
    assert [s.title.paragraphs[0] for s in deck.slides if s.kind == "section"] == [s.short_title for s in sections]
    assert deck.slides[1].body.paragraphs == tuple(f"{cn}、{s.short_title}" for cn, s in zip("一二三", sections))
    assert deck.footer.paragraphs == ("测试培训班",)


def test_long_section_continues_on_continued_slides_never_below_20pt():
    section = Section(number=1, marker="一、", heading="加强基层组织建设", short_title="加强基层组织建设",
                      paragraphs=[LONG_PARAGRAPH[i:i + 400] for i in range(0, len(LONG_PARAGRAPH), 400)])
    deck = plan_deck(speech_with([section]), COVER_INFO, Wording())
    content = [s for s in deck.slides if s.kind == "content"]
    assert len(content) >= 2
    assert content[0].title.paragraphs == ("加强基层组织建设",)
    assert all(s.title.paragraphs == ("加强基层组织建设（续）",) for s in content[1:])
    for slide in deck.slides:
        assert slide.title.size >= 28
        if slide.body is not None and slide.kind != "cover":
            assert slide.body.size >= 20
        if slide.kind == "content":
            assert 1 <= len(slide.body.paragraphs) <= 6


def test_notes_carry_every_sentence_verbatim():
    sections = [run_in(1, "要对标“甲乙”要求，保持方向。", LONG_PARAGRAPH),
                Section(number=2, marker="二、", heading="第二部分标题", short_title="第二部分标题",
                        sections=[Section(number=1, marker="（一）", heading="子标题甲。", run_in=True,
                                          paragraphs=["子段落内容，要落实。"])],
                        trailing=["总结一段话。"])]
    speech = speech_with(sections)
    deck = plan_deck(speech, COVER_INFO, Wording())
    notes = "\n".join(s.notes for s in deck.slides)
    for paragraph in speech.body_paragraphs():
        for sentence in split_sentences(paragraph):
            assert sentence.strip() in notes, sentence


def test_unnumbered_speech_is_chunked_with_titles_from_first_sentences():
    paragraphs = [f"第{i}段的第一句话讲了重要的事情，后面还有话。" + "这里是更多的内容。" * 30 for i in range(1, 6)]
    sections = chunk_sections(paragraphs)
    assert len(sections) >= 3
    for s in sections:
        assert s.short_title in s.paragraphs[0] and len(s.short_title) <= 16
    deck = plan_deck(Speech(title_lines=["无编号"], preamble=paragraphs), COVER_INFO, Wording())
    assert not [s for s in deck.slides if s.kind == "section"]
    assert [s.kind for s in deck.slides].count("agenda") >= 1


def test_many_sections_spread_the_agenda_over_continued_slides():
    sections = [run_in(i % 9 + 1, f"要抓好第{i}件事关全局的大事情。", "要加强。") for i in range(1, 19)]
    deck = plan_deck(speech_with(sections), COVER_INFO, Wording())
    agenda = [s for s in deck.slides if s.kind == "agenda"]
    assert len(agenda) >= 2 and agenda[1].title.paragraphs == ("主要内容（续）",)
    assert sum(len(s.body.paragraphs) for s in agenda) == 18
    assert all(s.body.size >= 20 for s in agenda)


def test_content_bullets_fit_their_frame_at_the_chosen_size():
    frame = Frame(12.133 * 72, 5.05 * 72)
    deck = plan_deck(speech_with([run_in(1, "要抓好大事。", LONG_PARAGRAPH)]), COVER_INFO, Wording())
    for slide in deck.slides:
        if slide.layout == CONTENT and slide.body:
            assert slide.body.size in BODY_SIZES
            lines = sum(len(wrap(p, frame.inner_width - 1.2 * slide.body.size, slide.body.size))
                        for p in slide.body.paragraphs)
            assert lines * slide.body.size * 1.36 <= frame.inner_height


# -- measure --------------------------------------------------------------------

def test_widths_cjk_one_em_latin_narrower():
    assert text_width("工会", 20) == 40
    assert text_width("，。", 20) == 40
    assert 0 < text_width("abc123", 20) < 6 * 20


def test_wrap_respects_line_start_and_end_rules():
    text = "工会" * 9 + "，" + "职工" * 9 + "。" + "“" + "劳动" * 10 + "”"
    for width in range(60, 400, 7):
        lines = wrap(text, width, 20)
        assert "".join(lines) == text
        for prev, line in zip(lines, lines[1:]):
            assert line[0] not in NO_LINE_START, (width, lines)
            assert prev[-1] not in NO_LINE_END, (width, lines)


def test_wrap_keeps_latin_words_whole():
    lines = wrap("学习 PowerPoint 和 LibreOffice 的用法", 200, 20)
    assert len(lines) > 1
    assert any("PowerPoint" in line for line in lines)
    assert any("LibreOffice" in line for line in lines)


# -- content quality -------------------------------------------------------------

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


def plan_file(path: Path):
    speech = read_speech(path)
    return speech, plan_deck(speech, CoverInfo(title=speech.title), Wording())


def bullets_of(deck, title: str) -> tuple[str, ...]:
    return next(s.body.paragraphs for s in deck.slides if s.kind == "content" and s.title.paragraphs == (title,))


def test_short_unnumbered_speech_has_no_agenda_and_is_titled_by_the_speech():
    speech = Speech(title_lines=["在座谈会上的讲话"], salutation="同志们：", preamble=[
        "今天，我们邀请部分劳动模范代表座谈。刚才，几位劳模代表作了发言，讲得都很好。",
        "劳动模范是民族的精英、人民的楷模。各级党委和政府要关心劳模的工作和生活。",
    ])
    deck = plan_deck(speech, COVER_INFO, Wording())
    assert [s.kind for s in deck.slides] == ["cover", "content", "closing"]
    content = deck.slides[1]
    assert content.title.paragraphs == ("在座谈会上的讲话",)
    assert content.body.paragraphs == ("劳动模范是民族的精英、人民的楷模", "各级党委和政府要关心劳模的工作和生活")


def test_chunk_titles_skip_procedural_talk():
    paragraphs = ["刚才，几位同志作了很好的发言。下面，我讲几点意见。劳动模范是民族的精英、人民的楷模。" + "这里是内容。" * 100,
                  "今天，我们召开全市工会工作会议。全市正处在转型发展的关键时期。" + "这里是内容。" * 100]
    titles = [s.short_title for s in chunk_sections(paragraphs, "讲话")]
    assert titles == ["劳动模范是民族的精英、人民的楷模", "全市正处在转型发展的关键时期"]


def test_unnumbered_fixture_is_one_content_slide_without_procedural_bullets():
    speech, deck = plan_file(UNSEEN / "12_no_numbering.txt")
    assert [s.kind for s in deck.slides] == ["cover", "content", "closing"]
    content = deck.slides[1]
    assert content.title.paragraphs == (speech.title,)
    assert 3 <= len(content.body.paragraphs) <= 6
    assert not [b for b in content.body.paragraphs if b.startswith(("今天", "刚才", "我们邀请"))]


def test_point_headings_are_the_bullets_of_a_four_level_section():
    point = Section(number=2, marker="2.", heading="开展宣讲活动。", run_in=True,
                    paragraphs=["组建劳模工匠宣讲团，深入企业车间开展宣讲。"], sections=[
                        Section(number=1, marker="（1）", heading="宣讲要贴近职工。", run_in=True,
                                paragraphs=["要用职工听得懂、愿意听的语言讲清道理。"])])
    points = [Section(number=1, marker="1.", heading="组织专题学习。", run_in=True,
                      paragraphs=["各级工会要把学习贯彻党的创新理论作为首要政治任务。"]), point,
              Section(number=3, marker="3.", heading="加强阵地建设。", run_in=True,
                      paragraphs=["推进职工书屋提质增效。"])]
    sub = Section(number=1, marker="（一）", heading="深入开展理论学习", short_title="深入开展理论学习", sections=points)
    top = Section(number=1, marker="一、", heading="加强职工思想政治引领", short_title="加强职工思想政治引领",
                  sections=[sub])
    deck = plan_deck(speech_with([top]), COVER_INFO, Wording())
    assert bullets_of(deck, "深入开展理论学习") == ("组织专题学习", "开展宣讲活动", "加强阵地建设")


def test_four_level_fixture_keeps_every_point_and_no_near_duplicates():
    _, deck = plan_file(UNSEEN / "05_deep_levels.txt")
    assert bullets_of(deck, "深入开展理论学习") == ("组织专题学习", "开展宣讲活动", "加强阵地建设")
    culture = bullets_of(deck, "开展职工文化活动")
    assert "举办职工文艺汇演" in culture and "各市工会要组织职工文艺汇演" not in culture


def test_lead_in_fragments_are_never_bullets():
    _, shouxian = plan_file(UNSEEN / "01_shouxian.txt")
    assert "向新就业形态企业延伸" in bullets_of(shouxian, "扎实维护女职工合法权益")
    intro = next(s for s in shouxian.slides if s.kind == "intro").body.paragraphs
    assert not [b for b in intro if b.startswith(("刚才", "下面"))]
    _, congress = plan_file(CORPUS / "party20_congress_report.txt")
    bullets = [b for s in congress.slides if s.kind in ("content", "intro") for b in s.body.paragraphs]
    assert "十九大以来的五年" not in bullets and "中国共产党人深刻认识到" not in bullets
    dangling = ("在此基础上", "认识到", "指出", "强调", "以下几个方面", "：", "是", "还必须")
    assert not [b for b in bullets if b.endswith(dangling)]


def test_content_slides_with_enough_sentences_get_three_bullets():
    for path in (CORPUS / "party20_congress_report.txt", CORPUS / "mao_foolish_old_man_1945.md",
                 UNSEEN / "03_bare_numeral.txt", UNSEEN / "12_no_numbering.txt"):
        _, deck = plan_file(path)
        for slide in deck.slides:
            if slide.kind == "content" and slide.body:
                sentences = [s for s in split_sentences(slide.notes) if len(s) > 12]
                assert len(sentences) < 4 or 3 <= len(slide.body.paragraphs) <= 6, (path.name, slide)


# -- hierarchy and layout of real reports ----------------------------------------------------------

def report_part(n, title, subs):
    sections = [Section(number=k, marker=f"（{'一二三四五六'[k - 1]}）", heading=t, short_title=t,
                        paragraphs=["要坚持问题导向，切实解决群众反映强烈的突出问题。"])
                for k, t in enumerate(subs, start=1)]
    return Section(number=n, marker="一二三"[n - 1] + "、", heading=title, short_title=title, sections=sections)


def test_two_parts_give_an_agenda_of_their_points():
    parts = [report_part(1, "2018年工作回顾", ["三大攻坚战强力突破", "城市建管水平有效提升"]),
             report_part(2, "2019年工作安排", ["全力打好三大攻坚战", "全力补短板强基础"])]
    deck = plan_deck(speech_with(parts), COVER_INFO, Wording())
    agenda = [p for s in deck.slides if s.kind == "agenda" for p in s.body.paragraphs]
    assert agenda == ["一、2018年工作回顾", "\u3000\u3000三大攻坚战强力突破", "\u3000\u3000城市建管水平有效提升",
                      "二、2019年工作安排", "\u3000\u3000全力打好三大攻坚战", "\u3000\u3000全力补短板强基础"]


def test_a_heading_alone_never_makes_an_empty_slide():
    sub = Section(number=1, marker="（一）", heading="全力打好三大攻坚战", short_title="全力打好三大攻坚战",
                  paragraphs=[LONG_PARAGRAPH[:590]])
    part = Section(number=1, marker="一、", heading="工作安排", short_title="工作安排", sections=[sub])
    deck = plan_deck(speech_with([part, report_part(2, "自身建设", ["转变作风"])]), COVER_INFO, Wording())
    assert all(s.body and s.body.paragraphs for s in deck.slides if s.kind == "content")


def test_divider_shows_balanced_title_lines_and_the_framing_phrase():
    section = run_in(1, "要对标“全心全意依靠工人阶级”要求，认真履行工会维权服务的基本职责。", "工人阶级是党执政最坚实的阶级基础。")
    section.short_title, section.subtitle = "多措并举激发产业工人内生动力", "对标“全心全意依靠工人阶级”要求"
    divider = next(s for s in plan_deck(speech_with([section, run_in(2, "要加强学习。", "学习是基础。")]),
                                        COVER_INFO, Wording()).slides if s.kind == "section")
    lines = divider.title.paragraphs
    assert "".join(lines) == "多措并举激发产业工人内生动力" and len(lines) == 2
    assert abs(len(lines[0]) - len(lines[1])) <= 3
    assert divider.body.paragraphs == ("第一部分", "对标“全心全意依靠工人阶级”要求")


def test_short_slides_are_set_in_the_middle():
    deck = plan_deck(speech_with([run_in(1, "要加强学习。", "学习是前进的基础，要坚持不懈抓好学习。"),
                                  run_in(2, "要改进作风。", "作风是生产力，要持之以恒改进作风。")]), COVER_INFO, Wording())
    content = [s for s in deck.slides if s.kind == "content"]
    assert content and all(s.body.centred for s in content)
    from helpers import SAMPLE

    full = [s for s in plan_deck(read_speech(SAMPLE), COVER_INFO, Wording()).slides if s.kind == "content"]
    assert any(len(s.body.paragraphs) >= 5 and not s.body.centred for s in full)


def test_the_closing_slide_shows_its_last_sentences_one_a_line():
    closing = ["同志们，今年是全面贯彻落实党的二十大精神开局之年，任务艰巨、责任重大。我们要乘势而上，顺势而为，"
               "以积极主动的姿态，扎实细致的行动，奋力谱写工会事业新篇章。让我们更加紧密地团结在一起，为实现目标而努力奋斗！"]
    deck = plan_deck(speech_with([run_in(1, "要加强学习。", "学习是基础。"), run_in(2, "要改进作风。", "作风是生产力。")],
                                 closing=closing), COVER_INFO, Wording())
    shown = deck.slides[-1].body.paragraphs
    assert 1 <= len(shown) <= 3 and sum(map(len, shown)) <= 90 or len(shown) == 1
    assert shown[-1] == "让我们更加紧密地团结在一起，为实现目标而努力奋斗！" and all(p in closing[0] for p in shown)
    assert deck.slides[-1].notes == closing[0]


def test_sub_point_headings_are_first_level_bullets_with_their_details_indented():
    points = [Section(number=k, marker=f"{k}.", heading=h, short_title=h, paragraphs=[body])
              for k, (h, body) in enumerate([("做强三产", "要加快发展现代服务业，提升商贸流通水平。"),
                                             ("转变作风提高执行力", "干部要深入基层，切实解决群众反映的突出问题。")], 1)]
    sub = Section(number=1, marker="（一）", heading="推动经济发展", short_title="推动经济发展", sections=points)
    part = Section(number=1, marker="一、", heading="工作安排", short_title="工作安排", sections=[sub])
    deck = plan_deck(speech_with([part, report_part(2, "自身建设", ["转变作风"])]), COVER_INFO, Wording())
    slide = next(s for s in deck.slides if s.title.paragraphs[0] == "推动经济发展")
    pairs = dict(zip(slide.body.paragraphs, slide.body.levels))
    assert pairs["做强三产"] == 0 and pairs["转变作风提高执行力"] == 0
    details = [p for p, level in pairs.items() if level == 1]
    assert details and all(p not in ("做强三产", "转变作风提高执行力") for p in details)
    order = list(slide.body.paragraphs)
    assert order.index("做强三产") < order.index(details[0])
