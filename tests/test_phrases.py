"""Sentence splitting and key phrases."""

from helpers import SAMPLE
from hypothesis import given
from hypothesis import strategies as st

from docgen.analysis.phrases import KeyPhrase, key_phrases
from docgen.analysis.sentences import split_sentences
from docgen.readers import read_speech


def test_split_keeps_quotes_attached():
    t = "报告强调：“深化工会改革和建设，有效发挥桥梁纽带作用。”这是重要要求；我们要落实！真的吗？……好"
    assert split_sentences(t) == ["报告强调：“深化工会改革和建设，有效发挥桥梁纽带作用。”", "这是重要要求；",
                                  "我们要落实！", "真的吗？……", "好"]


def test_never_split_inside_brackets():
    t = "落实各级党委（党组。主体）责任。下一句。"
    assert split_sentences(t) == ["落实各级党委（党组。主体）责任。", "下一句。"]


@given(st.text(alphabet="我们要学习。！？；…“”‘’（）《》a1 ,", max_size=80))
def test_split_is_verbatim(text):
    parts = split_sentences(text)
    assert "".join(parts) == text
    assert all(parts)


def by_text(phrases):
    return {p.text: p for p in phrases}


def test_sample_key_phrases():
    phrases = key_phrases(read_speech(SAMPLE))
    assert all(isinstance(p, KeyPhrase) for p in phrases)
    found = by_text(phrases)
    assert len(found) == len(phrases)
    q = found["四同步、四衔接"]
    assert q.kind == "quoted" and q.section == [1] and "“四同步、四衔接”" in q.sentence
    eight = found["八个对标"]
    assert eight.kind == "numbered" and eight.section == [] and len(eight.items) == 8
    assert eight.items[0] == "对标“落实各级党委（党组）主体责任”要求"
    assert found["四衔接"].items == ["组织建设相衔接", "队伍建设相衔接", "阵地建设相衔接", "治理体系相衔接"]
    assert found["两个确立"].kind == "numbered" and found["两个确立"].section == [2]
    assert found["五个坚决"].section == [6]
    e = found["政治性、先进性、群众性"]
    assert e.kind == "enumeration" and e.items == ["政治性", "先进性", "群众性"]
    assert found["维护、建设、参与、教育"].items == ["维护", "建设", "参与", "教育"]


def test_phrases_are_verbatim_and_in_order():
    sp = read_speech(SAMPLE)
    phrases = key_phrases(sp)
    text = "".join(sp.body_paragraphs())
    positions = [text.find(p.sentence) for p in phrases]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    for p in phrases:
        assert p.text in p.sentence


def test_numbered_items_listed_after_ji():
    from docgen.analysis.blocks import Block
    from docgen.analysis.structure import build_speech

    sp = build_speech([Block("标题"), Block("要做到“三个坚持”，即坚持学习、坚持实践、坚持创新，久久为功。")])
    found = by_text(key_phrases(sp))
    assert found["三个坚持"].items == ["坚持学习", "坚持实践", "坚持创新"]


def test_ordinary_quantities_are_not_formulations():
    from docgen.analysis.blocks import Block
    from docgen.analysis.structure import build_speech

    sp = build_speech([Block("标题"), Block("我讲三个问题，用两个小时，谈五个方面。")])
    assert [p for p in key_phrases(sp) if p.kind == "numbered"] == []
