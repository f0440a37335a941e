"""Question planning on every corpus speech: verbatim answers, controlled changes, points, seeds."""

from dataclasses import dataclass, field

import pytest

from docgen.model import Section, Speech
from docgen.quiz.choice import CHOICE_BLANK
from docgen.quiz.export import to_json
from docgen.quiz.generate import plan_paper
from docgen.quiz.model import DEFAULT_COUNTS, DEFAULT_POINTS, TYPES
from docgen.quiz.options import parse_type_values
from docgen.quiz.source import find_section, speech_sentences
from docgen.quiz.text import FILL_BLANK_RE, number_variants, parse_cn_number, split_points
from docgen.quiz.variants import make_variant, parse_variants
from docgen.readers import read_speech
from helpers import SAMPLE, corpus_files

SPEECHES = [p for p in corpus_files() if not p.name.startswith("README")]
TARGET = sum(DEFAULT_COUNTS[t] * DEFAULT_POINTS[t] for t in TYPES)


@pytest.fixture(scope="module")
def planned():
    """(speech, paper, full spoken text) per corpus file, seed 0, default counts."""
    out = {}
    for path in SPEECHES + [SAMPLE]:
        speech = read_speech(path)
        text = "\n".join(s.text for s in speech_sentences(speech))
        out[path.name] = (speech, plan_paper(speech, seed=0), text)
    return out


def each(planned, *types):
    for name, (speech, paper, text) in planned.items():
        for q in paper.questions:
            if not types or q.type in types:
                yield name, speech, q, text


def test_every_corpus_speech_gets_a_paper_of_all_points(planned):
    for name, (_, paper, _) in planned.items():
        assert paper.questions, name
        assert paper.total == TARGET or any("不足" in w for w in paper.warnings), name
        types = [q.type for q in paper.questions]
        assert types == sorted(types, key=TYPES.index), f"{name}: types out of order"


def outline(q) -> bool:
    """A choice question on which points a part makes (its stem names the part, not a sentence)."""
    return q.stem.startswith(("下列属于讲话", "讲话“", "讲话的主要内容"))


def test_fill_and_single_answers_are_verbatim_in_their_sentence(planned):
    for name, _, q, text in each(planned, "fill", "single"):
        if outline(q):
            continue
        answer = q.correct[0]
        assert len(q.correct) == 1 and answer in q.source, (name, q.stem)
        blank = CHOICE_BLANK if q.type == "single" else FILL_BLANK_RE.search(q.stem).group()
        assert q.stem.replace(blank, answer, 1) in q.source, (name, q.stem)
        assert q.source in text, (name, q.source)


def test_multiple_choice_items_are_verbatim_and_mixed_with_wrong_ones(planned):
    for name, _, q, _ in each(planned, "multiple"):
        assert 2 <= len(q.correct) < len(q.options), (name, q.options)
        if outline(q):
            continue
        assert q.stem.replace(CHOICE_BLANK, "、".join(q.correct), 1) in q.source or all(
            c in q.source for c in q.correct), (name, q.stem)
        assert not any(w in q.source for w in q.options if w not in q.correct), (name, q.options)


def test_options_are_distinct_and_the_answer_is_among_them(planned):
    for name, _, q, _ in each(planned, "single", "multiple"):
        assert len(set(q.options)) == len(q.options), (name, q.options)
        assert all(c in q.options for c in q.correct), (name, q.options)
        if q.type == "single":
            assert len(q.options) in (3, 4) and len(q.answer_letters()) == 1, (name, q.options)


def test_false_judgements_differ_from_the_speech_by_exactly_the_recorded_change(planned):
    falses = 0
    for name, _, q, text in each(planned, "judge"):
        assert q.statement in q.source and q.source in text, (name, q.stem)
        if q.truth:
            assert q.stem == q.statement, (name, q.stem)
            continue
        falses += 1
        c = q.change
        assert c is not None and c.before != c.after, (name, q.stem)
        assert q.statement[c.offset:c.offset + len(c.before)] == c.before, (name, q.stem)
        assert q.stem == q.statement[:c.offset] + c.after + q.statement[c.offset + len(c.before):], (name, q.stem)
        assert q.stem not in text, (name, q.stem)
        if c.kind == "item":  # one item of a list for a word of its family
            assert c.after[-1] == c.before[-1] or c.after[0] == c.before[0], (name, c)
        else:
            assert c.kind == "number" and c.after in number_variants(c.before), (name, c)
    assert falses >= 10


def test_judgements_are_not_all_true(planned):
    for name, (_, paper, _) in planned.items():
        truths = [q.truth for q in paper.of_type("judge")]
        assert truths.count(False) >= 0.3 * len(truths), name  # answering √ throughout scores at most 70 %
        assert not truths or truths.count(False) >= 1, name


def test_counted_quantity_gives_a_false_judgement():
    speech = Speech(preamble=["我们要在三年内办好五件实事。天晴了。"])
    counts = {"single": 0, "multiple": 0, "judge": 2, "fill": 0, "short": 0}
    paper = plan_paper(speech, seed=0, phrases=[], counts=counts)
    (q,) = [q for q in paper.of_type("judge") if q.truth is False]
    assert q.change.before == "五件" and q.change.after in ("四件", "六件")
    assert q.stem == f"我们要在三年内办好{q.change.after}实事。"


def test_no_two_questions_alike(planned):
    for name, (_, paper, _) in planned.items():
        stems = [q.stem for q in paper.questions]
        assert len(stems) == len(set(stems)), name
        phrases = [q.phrase for q in paper.questions if q.phrase]
        assert len(phrases) == len(set(phrases)), name


def test_every_question_records_its_source_and_section(planned):
    for name, speech, q, text in each(planned):
        assert q.source and q.source in text, (name, q.stem)
        if q.section:
            assert find_section(speech, q.section) is not None, (name, q.section)
            assert q.section_title, (name, q.section)
        else:
            assert q.section_title in (("开头部分", "结尾部分") if speech.sections else ("",)), (name, q.section_title)


def test_short_answer_points_add_up_and_key_points_are_verbatim(planned):
    for name, _, q, text in each(planned, "short"):
        assert 2 <= len(q.key_points) <= 8, (name, q.stem)
        assert sum(k.points for k in q.key_points) == q.points, (name, q.stem)
        assert all(k.text in text and k.text not in q.stem for k in q.key_points), (name, q.stem)


def _short_stems(speech):
    from docgen.analysis.phrases import key_phrases
    from docgen.quiz.generate import DEFAULT_PATTERNS
    from docgen.quiz.phrases import locate
    from docgen.quiz.short import short_candidates

    sentences = speech_sentences(speech)
    return short_candidates(speech, sentences, locate(key_phrases(speech), sentences), DEFAULT_PATTERNS)


def test_same_seed_same_paper_other_seed_other_paper():
    speech = read_speech(SAMPLE)
    first = to_json([plan_paper(speech, seed=7)])
    assert to_json([plan_paper(read_speech(SAMPLE), seed=7)]) == first
    assert to_json([plan_paper(speech, seed=8)]) != first


def test_counts_and_points_are_configurable():
    speech = read_speech(SAMPLE)
    counts = {"single": 1, "multiple": 1, "judge": 0, "fill": 3, "short": 1}
    points = {"single": 5, "multiple": 5, "fill": 2.5, "short": 30}
    paper = plan_paper(speech, seed=1, counts=counts, points=points)
    assert {t: len(paper.of_type(t)) for t in TYPES} == counts
    assert paper.total == 5 + 5 + 3 * 2.5 + 30
    assert all(q.points == 2.5 for q in paper.of_type("fill"))


# -- a speech with few phrases ---------------------------------------------------------


@dataclass
class Phrase:
    text: str
    kind: str
    sentence: str
    section: list = field(default_factory=list)
    items: list = field(default_factory=list)


def sparse_speech() -> Speech:
    sections = [Section(n, f"{c}、", f"第{c}项工作要抓紧", short_title=f"第{c}项工作",
                        paragraphs=[f"这是第{c}项工作的第一句话，内容比较充实。这一部分的第二句话也有内容。"
                                    f"这一部分的第三句话说明做法。第四句话讲要求和目标。"])
                for n, c in enumerate("一二三四五", start=1)]
    return Speech(title_lines=["讲话"], preamble=["各级工会要重点做到“八个对标”。"], sections=sections)


def test_sparse_speech_makes_a_shorter_paper_with_its_own_total_and_one_warning():
    speech = sparse_speech()
    phrases = [Phrase("八个对标", "numbered", "各级工会要重点做到“八个对标”。")]
    paper = plan_paper(speech, seed=0, phrases=phrases)
    (warning,) = paper.warnings
    assert "多项选择题 0/5 道" in warning and f"共 {paper.total:g} 分（不足 100 分）" in warning
    assert len(paper.of_type("short")) <= DEFAULT_COUNTS["short"] and paper.short_of_target


def test_numbered_formulation_becomes_a_false_judgement_by_its_number():
    speech = sparse_speech()
    phrases = [Phrase("八个对标", "numbered", "各级工会要重点做到“八个对标”。")]
    counts = {"single": 0, "multiple": 0, "judge": 2, "fill": 0, "short": 0}
    paper = plan_paper(speech, seed=0, phrases=phrases, counts=counts)
    false = [q for q in paper.of_type("judge") if q.truth is False]
    assert len(false) == 1 and false[0].change.kind == "number" and false[0].change.before == "八个对标"
    assert false[0].stem == f"各级工会要重点做到“{false[0].change.after}”。"


def test_variants_shuffle_but_keep_questions_and_answers():
    paper = plan_paper(read_speech(SAMPLE), seed=3)
    a, b = make_variant(paper, "A", 3), make_variant(paper, "B", 3)
    assert a.variant == "A" and make_variant(paper, "A", 3) == a
    assert [q.stem for q in a.questions] != [q.stem for q in b.questions]
    for t in TYPES:
        assert sorted(q.stem for q in a.of_type(t)) == sorted(q.stem for q in paper.of_type(t))
    by_stem = {q.stem: q for q in paper.questions}
    letters_differ = 0
    for q in a.questions:
        base = by_stem[q.stem]
        assert sorted(q.options) == sorted(base.options) and q.correct == base.correct
        assert [q.options[ord(x) - 65] for x in q.answer_letters()] == [o for o in q.options if o in q.correct]
        letters_differ += q.answer_letters() != base.answer_letters()
    assert letters_differ > 0


def test_option_parsing_and_helpers():
    assert parse_type_values("single=5,判断=4", "题数", integer=True) == {"single": 5, "judge": 4}
    assert parse_type_values("judge=1.5", "分值", integer=False) == {"judge": 1.5}
    for bad in ("single", "foo=1", "single=x", "single=-1"):
        with pytest.raises(ValueError):
            parse_type_values(bad, "题数", integer=True)
    assert parse_variants("A，B,A") == ["A", "B"]
    assert parse_cn_number("十五") == 15 and parse_cn_number("两") == 2 and parse_cn_number("百") is None
    assert number_variants("八个对标")[:2] == ["七个对标", "九个对标"]
    assert split_points(15, 4) == [4, 4, 4, 3] and sum(split_points(10, 3)) == 10


def test_a_section_with_headed_subsections_is_answered_by_those_headings():
    """简述…主要内容 lists the （一）（二） headings; the sentences under them stay free for other questions."""
    from pathlib import Path

    speech = read_speech(Path(__file__).parent / "fixtures" / "unseen" / "13_gbk_crlf.txt")
    paper = plan_paper(speech)
    shorts = {q.stem: [k.text for k in q.key_points] for q in paper.questions if q.type == "short"}
    assert shorts["简述讲话第一部分“劳动竞赛工作取得的主要成绩”的主要内容。"] == [
        "（一）竞赛覆盖面不断扩大。", "（二）竞赛形式不断创新。"]
    assert shorts["简述讲话第二部分“今年劳动竞赛工作的主要任务”的主要内容。"] == [
        "（一）围绕重大项目开展竞赛。", "（二）深化职工技能竞赛。", "（三）完善竞赛激励机制。"]
    body = {p for s in speech.sections for sub in s.sections for p in sub.paragraphs}
    assert any(q.source in body for q in paper.questions if q.type != "short")
    assert all(sum(k.points for k in q.key_points) == q.points for q in paper.questions if q.type == "short")


def test_a_speech_of_figures_never_gets_a_statistic_changed():
    from pathlib import Path

    speech = read_speech(Path(__file__).parent / "fixtures" / "unseen" / "05_deep_levels.txt")
    paper = plan_paper(speech)
    assert not [q for q in paper.questions if q.change and any(c.isdigit() for c in q.change.before)]
