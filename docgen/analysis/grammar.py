"""What a piece of a sentence needs to stand alone: a predicate, and its condition when it has one.

Built on jieba's part-of-speech tagger (sharing the dictionary words.py loads), imported only
when a bullet is cut.
"""

from __future__ import annotations

from functools import lru_cache

CONDITIONS = frozenset((
    "如果", "假如", "假若", "倘若", "要是", "若是", "如若", "若", "只要", "只有", "除非", "一旦", "即使", "即便",
    "哪怕", "无论", "不论", "不管", "万一", "假使", "遇到", "碰到", "遇有",
))
"""Words that make what follows hold only under a condition: a bullet never drops them."""
CONCESSIONS = ("既然", "虽然", "尽管", "因为", "由于", "虽说", "虽")
"""A clause opening with these is dropped as a lead-in or kept with what follows, never alone."""
PREDICATE_WORDS = frozenset(("是", "有", "没有", "不", "要", "能", "会", "应", "应当", "必须", "需要", "在于"))
_MODIFIER_AFTER = frozenset(("的", "之", "上", "中", "下", "里", "时"))
"""A verb followed by these modifies a noun (`长期破坏的经济`) or sets a place (`从实践上`)."""
_NOT_PREDICATE_BEFORE_SHI = frozenset(("特别", "尤其", "或者", "还是", "就是说"))


@lru_cache(maxsize=1)
def _tagger():
    import jieba.posseg

    from docgen.analysis.words import _tokenizer

    return jieba.posseg.POSTokenizer(_tokenizer())


@lru_cache(maxsize=8192)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """`text` as (word, part of speech) pairs, jieba's tags (`v` verb, `a` adjective, `n` noun …)."""
    return tuple((p.word, p.flag) for p in _tagger().cut(text))


def has_predicate(text: str) -> bool:
    """Whether `text` says something rather than only naming it.

    jieba's tags are too rough to demand a verb (`优化营商环境` starts with a `vn`), so a piece lacks
    a predicate only when it is plainly nominal: no verb or adjective outside a modifier, and a
    `的` phrase, a list (`、` `和`), a prepositional phrase or a phrase opening with a pronoun
    (`党的十一届三中全会和全会以前的中央工作会议`, `全党、全军和全国各族人民`, `在…中间`, `这一国际战略原则`).
    """
    pairs = tagged(text)
    if prepositional(text) or (text.endswith("的") and "是" not in text):
        return False  # `有一个自称为…的`: a `的` phrase without `是…的` names, it does not say
    if not pairs or any(_verbal(pairs, k) for k in range(len(pairs))):
        return True
    words = [w for w, _ in pairs]
    flags = [f for _, f in pairs]
    if all(f in ("m", "t", "q", "x", "p", "mq") for f in flags):
        return False  # `11月6日至10日`: a date or a count, no statement
    return not ("的" in words or "、" in words or "c" in flags or flags[0] in ("p", "r")
                or (len(flags) > 1 and flags[1] == "p") or flags[-1] == "f")


def starts_with_verb(text: str) -> bool:
    """`推动政企健全技能人才培养、使用` opens with its verb; `城镇新增就业人数、…` does not."""
    pairs = tagged(text)
    return bool(pairs) and (_verbal(pairs, 0) or (len(pairs) > 1 and pairs[0][1] == "d" and _verbal(pairs, 1)))


DETERMINERS = frozenset(("所有", "凡", "凡是", "一切", "某些", "有些", "这些", "那些", "任何", "各种", "许多",
                         "不少", "一些", "个别", "部分", "那种", "这种"))
_NOUNISH = ("n", "r", "m", "q", "j", "l", "vn", "an", "f", "s", "t", "x")


def _in_relative_clause(pairs: tuple[tuple[str, str], ...], k: int) -> bool:
    """Word k is a verb of `V + noun phrase + 的 + noun phrase` ending the piece (`在机关中工作的同志`,
    `拿全球化工资的人`), not of `有过较快的发展速度` (an adjective before 的 belongs to the object)."""
    before = pairs[k - 1] if k else ("", "")
    if not (before[0] in DETERMINERS or before[1] == "f"):
        return False  # `贯彻党的群众路线`, `我们坚持党的领导`: the verb governs `党的…`
    rest = pairs[k + 1:]
    de = next((i for i, (w, _) in enumerate(rest) if w == "的"), None)
    if de is None or de + 1 >= len(rest):
        return False
    between, after = rest[:de], rest[de + 1:]
    nominal = lambda part: all(f.startswith(_NOUNISH) for _, f in part)  # noqa: E731
    return nominal(between) and nominal(after) and after[-1][1][:1] in "nrjl"


MODALS = frozenset(("要", "能", "会", "应", "应该", "应当", "必须", "可以", "需要", "就", "才"))
OPEN_PREPOSITIONS = frozenset(("把", "将", "被", "向", "给", "对", "对于", "关于", "在", "从", "当", "以"))
CORRELATIVES = (("不仅", "不但", "不只", "不光", "既能", "既要", "既有", "既可"), ("而且", "也", "还", "并且", "更", "而", "同时", "又"))


def unfinished_phrase(text: str) -> bool:
    """`党的各级委员会应把政府的领导`: a preposition still waiting for its verb; `不仅…` without `而且…`."""
    pairs = tagged(text)
    last_p = max((k for k, (w, f) in enumerate(pairs) if f == "p" and w in OPEN_PREPOSITIONS
                  and not (k and pairs[k - 1][1][:1] == "v" and pairs[k - 1][0] not in MODALS)  # `掌握在手中`
                  and not (w == "以" and any(x in ("为", "作为") for x, _ in pairs[k + 1:]))), default=-1)
    if last_p >= 0 and not any(_verbal(pairs, k) for k in range(last_p + 1, len(pairs))):
        return True
    first, second = CORRELATIVES
    at = next((text.find(w) for w in first if w in text), -1)
    return at >= 0 and not any(w in text[at + 2:] for w in second)


def purpose(text: str) -> bool:
    """`为帮助员工不断超越自我`: a purpose (为 + verb) that leads into the main clause."""
    if not text.startswith(("为", "来")) or text.startswith(("为什么", "为主", "为人", "来自", "来说", "来看")):
        return False
    pairs = tagged(text)
    return len(pairs) > 1 and pairs[0][0] in ("为", "来") and _verbal(pairs, 1)


def prepositional(text: str) -> bool:
    """`在目前的历史转变时期`, `在党的教育下成长起来的青少年`: a preposition and what it governs, no more."""
    pairs = tuple((w, f) for w, f in tagged(text) if f != "x")
    return (len(pairs) > 1 and pairs[0][1] == "p" and pairs[-1][1] in _NOMINAL_END and "，" not in text
            and not any(_verbal(pairs, k) for k in range(1, len(pairs))))


_NOMINAL_END = frozenset(("n", "f", "t", "s", "nz", "l", "vn", "an", "ng", "nr", "ns", "nt", "j", "r"))


def _verbal(pairs: tuple[tuple[str, str], ...], k: int) -> bool:
    word, flag = pairs[k]
    after = pairs[k + 1][0] if k + 1 < len(pairs) else ""
    before = pairs[k - 1][0] if k else ""
    if word == "是" and before in _NOT_PREDICATE_BEFORE_SHI:
        return False
    if before in ("的", "之") or (flag[:1] == "a" and after in ("、", "和")):
        return False  # `长时期的破坏` names an act; `基建、交通` lists things
    if before == "所":
        return False  # `所积蓄起来的力量`: 所 + verb names what was done
    if k == len(pairs) - 1 and k >= 2 and pairs[k - 2][0] == "的":
        return False  # `全体人民的最后解放`: a verb closing a `的` phrase names an act
    if _in_relative_clause(pairs, k):
        return False  # `所有拿全球化工资的人`: the verb describes the noun at the end
    verbal = (flag[:1] == "v" and flag != "vn") or flag in ("a", "ad", "i") or word in PREDICATE_WORDS
    # A set phrase opening the piece (`充分认识…`, `坚定不移…`) is how reports put their verbs.
    verbal = verbal or (k == 0 and len(pairs) > 1 and flag in ("l", "vn", "j"))
    return verbal and after not in _MODIFIER_AFTER


def condition_offset(text: str) -> int:
    """Where the first condition word (`如果` `只有` `一旦` …) of `text` starts, or -1."""
    at = 0
    for word, _ in tagged(text):
        if word in CONDITIONS:
            return at
        at += len(word)
    return -1
