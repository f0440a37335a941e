"""The deck plan (pure data) and the text measurer: structure, sizes within limits, continuation, notes."""

from docgen.analysis.sentences import split_sentences
from docgen.model import Section, Speech
from docgen.writers.measure import NO_LINE_END, NO_LINE_START, Frame, text_width, wrap
from docgen.writers.slides_plan import (
    BODY_SIZES, CONTENT, COVER, SECTION, CoverInfo, Wording, chunk_sections, plan_deck,
)

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
    deck = plan_deck(speech_with(sections), COVER_INFO, Wording(footer="测试培训班"))
    kinds = [s.kind for s in deck.slides]
    assert kinds == ["cover", "agenda", "intro"] + ["section", "content"] * 3 + ["closing"]
    assert deck.slides[0].layout == COVER and deck.slides[3].layout == SECTION
    assert [s.title.paragraphs[0] for s in deck.slides if s.kind == "section"] == [s.short_title for s in sections]
    assert deck.slides[1].body.paragraphs == tuple(f"{cn}、{s.short_title}" for cn, s in zip("一二三", sections))
    assert deck.footer.paragraphs == ("测试培训班",)


def test_long_section_continues_on_continued_slides_never_below_20pt():
    section = Section(number=1, marker="一、", heading="加强基层组织建设", short_title="加强基层组织建设",
                      paragraphs=[LONG_PARAGRAPH[i:i + 400] for i in range(0, len(LONG_PARAGRAPH), 400)])
    deck = plan_deck(speech_with([section]), COVER_INFO, Wording())
    content = [s for s in deck.slides if s.kind == "content"]
    assert len(content) >= 3
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
