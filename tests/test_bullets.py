"""section_bullets: 3–6 verbatim clauses per section, connectives dropped, cut at clause boundaries."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.analysis.bullets import WHOLE_SENTENCE_SHARE, condense, key_clause, outline_bullets, section_bullets
from docgen.model import Section
from docgen.readers import read_speech
from helpers import CORPUS, SAMPLE

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"

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
    assert bullet == "坚持“党建带工建，工建服务党建”，做到同步"


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
        assert b in text and 2 <= len(b) <= max_chars * WHOLE_SENTENCE_SHARE


def test_lead_in_clauses_and_note_marks_are_skipped():
    assert condense("十年来，我们坚持加强党的全面领导，取得了历史性成就。") == "我们坚持加强党的全面领导"
    assert condense("在五四运动以来的六十年中，没有中国共产党就没有社会主义的新中国。") == \
        "没有中国共产党就没有社会主义的新中国"
    assert condense("列宁所说的这个真理〔85〕，已经被实践证明了。") == "列宁所说的这个真理，已经被实践证明了"
    assert condense("大家知道，一个是帝国主义，一个是封建主义。") == "一个是帝国主义，一个是封建主义"


# -- lead-ins, procedural talk, near-duplicates, spares ---------------------------------

def test_a_clause_ending_in_a_dangling_preposition_is_a_lead_in():
    assert condense("今年要在此基础上，向新就业形态企业延伸。") == "向新就业形态企业延伸"
    assert condense("在推进改革的过程中，各级工会要主动作为。") == "各级工会要主动作为"
    assert condense("从政治和全局的高度，充分认识这项改革的重要性和紧迫性。") == "充分认识这项改革的重要性和紧迫性"
    # Too short on its own: the lead-in stays joined to it.
    assert condense("对失业职工，要做好就业援助。") == "对失业职工，要做好就业援助"
    # 对标 is a verb, not the preposition 对.
    assert condense("要对标“讲政治”要求，保持正确方向。") == "对标“讲政治”要求，保持正确方向"


def test_time_phrases_reporting_verbs_and_announcements_are_lead_ins():
    assert condense("发生生产安全事故后，工会要依法参加事故调查。") == "工会要依法参加事故调查"
    assert condense("清醒看到，我们的工作还存在一些不足。") == "我们的工作还存在一些不足"
    assert condense("中国共产党人深刻认识到，只有坚持人民至上，才能赢得人民信赖。") == "只有坚持人民至上，才能赢得人民信赖"
    assert condense("我们真诚呼吁，世界各国弘扬全人类共同价值。") == "世界各国弘扬全人类共同价值"
    assert condense("主要体现在以下几个方面：") == ""
    assert condense("做好这项工作，还必须：第一，创新组建方式，推行联合工会。") == "创新组建方式，推行联合工会"
    assert condense("这项工作十分重要，必须实事求是。") == "这项工作十分重要，必须实事求是"
    # A time phrase that is the subject of `是…` is kept with it.
    assert condense("十九大以来的五年，是极不寻常、极不平凡的五年。") == "十九大以来的五年，是极不寻常、极不平凡的五年"
    # A bare subject that cannot be completed within the limit is no bullet.
    assert condense("中国共产党第二十次全国代表大会，是在全党全国各族人民迈上全面建设社会主义现代化国家新征程的关键时刻召开的大会。") == ""


def test_procedural_talk_is_never_a_bullet():
    intro = Section(number=0, marker="", heading="", paragraphs=[
        "今天，我们召开全区工会女职工工作会议，主要任务是总结去年工作，部署今年任务。"
        "刚才，几位同志作了很好的交流发言，我都同意。下面，我讲三点意见。",
        "首先，我代表市总工会，向全市广大职工表示诚挚的问候。安全生产事关广大职工生命财产安全。",
    ])
    bullets = section_bullets(intro)
    assert bullets == ["主要任务是总结去年工作，部署今年任务", "安全生产事关广大职工生命财产安全"]
    assert key_clause("下面，我讲三点意见。") == ""
    assert key_clause("现在，我代表省人民政府，向大会报告工作，请予审议，并请各位政协委员提出意见。") == ""
    assert key_clause("同志们，伟大出自平凡，英雄来自人民。") == "伟大出自平凡，英雄来自人民"
    # A union holding its own congress is content, not the speaker's procedure.
    assert key_clause("各级工会要按时召开职工代表大会，听取职工意见。") == "各级工会要按时召开职工代表大会，听取职工意见"


def test_point_headings_come_first_and_near_duplicates_are_dropped():
    items = [("举办职工文艺汇演。", True), ("各市工会要组织职工文艺汇演，展示新时代职工精神风貌。", False),
             ("开展职工读书活动。", True), ("营造爱读书、读好书的氛围。", False)]
    bullets = outline_bullets(items)
    assert bullets[0] == "举办职工文艺汇演" and "开展职工读书活动" in bullets
    assert "各市工会要组织职工文艺汇演" not in bullets
    assert outline_bullets(items, exclude=("开展职工读书活动",))[:1] == ["举办职工文艺汇演"]
    assert "开展职工读书活动" not in outline_bullets(items, exclude=("开展职工读书活动",))


def test_long_sentences_give_three_bullets_from_their_later_clauses():
    paragraph = ("党中央统筹发展和安全，召开七次全会，深化党和国家机构改革，制定远景目标。"
                 "我们坚持加强党的全面领导，全力推进全面建成小康社会进程，着力推动高质量发展。")
    bullets = section_bullets(Section(number=1, marker="一、", heading="题", paragraphs=[paragraph]))
    assert bullets == ["党中央统筹发展和安全", "深化党和国家机构改革", "我们坚持加强党的全面领导"]
    # Never padded beyond the sentences' own statements.
    assert len(section_bullets(Section(number=1, marker="一、", heading="题", paragraphs=["要加强组织建设。"]))) == 1


def test_unseen_speeches_bullets_carry_content():
    shouxian = read_speech(UNSEEN / "01_shouxian.txt")
    rights = section_bullets(shouxian.sections[1])
    assert "向新就业形态企业延伸" in rights and "今年要在此基础上" not in rights
    for section in shouxian.sections:
        for bullet in section_bullets(section):
            assert not bullet.startswith(("刚才", "下面", "今天，我们")), bullet


def test_a_list_modifying_a_noun_is_not_cut():
    sentence = "党的二十大擘画了我国全面建设社会主义现代化国家、全面推进中华民族伟大复兴的宏伟蓝图，明确了最大的政治。"
    assert condense(sentence) == "明确了最大的政治"


def test_a_predicate_is_never_left_without_its_subject():
    sentence = ("你们身上体现出来的爱岗敬业、争创一流、艰苦奋斗、勇于创新、淡泊名利、甘于奉献的劳模精神，"
                "是我们这个时代的宝贵财富。")
    assert condense(sentence) == ""


# -- whole thoughts: conditions, predicates, meeting remarks, linking sentences ----------------

def bullets_of(*sentences):
    return section_bullets(Section(number=1, marker="一、", heading="题", paragraphs=["".join(sentences)]))


def test_a_condition_is_never_cut_off_its_result():
    sentence = "如果没有毛泽东同志的卓越领导，中国革命有极大的可能到现在还没有胜利。"
    assert bullets_of(sentence) == [sentence.rstrip("。")]
    assert condense("只有思想解放了，我们才能正确地以马列主义、毛泽东思想为指导。", 60).startswith("只有思想解放了")
    for bullet in bullets_of("一旦出现问题，就要及时上报，不能拖延。", "要是没有群众的支持，我们将一事无成。"):
        assert bullet.startswith(("一旦", "要是"))


def test_a_condition_keeps_its_result_or_the_sentence_is_left_to_the_notes():
    assert not any(b.endswith("不闻不问") for b in bullets_of(
        "如果党的组织把群众的意见和利害放在一边，不闻不问，怎么能要求群众信任这样的党组织呢？"))
    long_one = ("只要我们坚持解放思想、实事求是、与时俱进、求真务实，坚持以人民为中心的发展思想，"
                "坚持稳中求进工作总基调，就一定能够战胜前进道路上的各种风险挑战，实现既定目标。")
    assert all(b.startswith("只要") for b in bullets_of(long_one))


def test_bare_phrases_are_no_bullets():
    for phrase in ("在我们的干部特别是领导干部中间", "任何一项任务、一个建设项目",
                   "党的十一届三中全会和全会以前的中央工作会议", "在目前的历史转变时期"):
        assert phrase not in bullets_of(phrase + "，都要讲究实效。") or False
        assert all(b != phrase for b in bullets_of(phrase + "，都要讲究实效。"))


def test_a_subject_that_the_predicate_needs_stays():
    bullets = bullets_of("我们对于被长期破坏的我国的经济状况，要有个清醒的估计。")
    assert bullets == ["我们对于被长期破坏的我国的经济状况，要有个清醒的估计"]


def test_meeting_remarks_and_linking_sentences_are_never_bullets():
    bullets = bullets_of("请同志们认真讨论，提出修改意见。", "大家敞开思想，畅所欲言。",
                         "为实现上述目标，要突出抓好以下四个方面的工作。", "安全生产事关广大职工生命财产安全。",
                         "我们要坚持把职工群众的利益放在第一位。")
    assert bullets == ["安全生产事关广大职工生命财产安全", "坚持把职工群众的利益放在第一位"]


NOTE_REF = re.compile(r"〔\d+〕|\[\d+\]|[⑴-⒇]")


ALL_SPEECHES = sorted(p for d in (CORPUS, CORPUS / "more") for p in d.iterdir()
                      if p.suffix in (".txt", ".md", ".docx") and p.name != "README.md")


@pytest.mark.parametrize("path", ALL_SPEECHES, ids=lambda p: p.name)
def test_corpus_bullets_are_verbatim_and_keep_their_conditions(path):
    """Every bullet of the deck and the handout is cut from one sentence of the speech and never
    starts after a condition word of that sentence (`如果…` cut off)."""
    from docgen.analysis.bullets import drops_condition
    from docgen.analysis.sentences import nonblank_sentences
    from docgen.writers.slides_plan import CoverInfo, Wording, plan_deck

    speech = read_speech(path)
    # note references (`〔52〕`) are not spoken and never on a slide
    spoken = [NOTE_REF.sub("", p) for p in speech.body_paragraphs()]
    text = "".join(spoken)
    sentences = [s for p in spoken for s in nonblank_sentences(p)]
    deck = plan_deck(speech, CoverInfo(title="题"), Wording())
    bullets = [b for slide in deck.slides if slide.body and slide.body.bullets for b in slide.body.paragraphs]
    bullets += [b for section in speech.walk() for b in section_bullets(section)]
    assert bullets
    for bullet in bullets:
        assert bullet in text, bullet
        home = next(s for s in sentences if bullet in s or s in bullet)
        assert not drops_condition(home, bullet), bullet


def test_questions_and_list_letters_are_no_bullets():
    bullets = bullets_of("三三制政权具体的内容是什么呢？", "乙、要能团结人，善于同党外人士合作共事。",
                         "党员要以自己的模范作用推动非党员积极负责地工作。")
    assert bullets == ["能团结人，善于同党外人士合作共事", "党员要以自己的模范作用推动非党员积极负责地工作"]
