"""The rules a question must keep to hold on any speech: word boundaries, countable numerals,
distractors of one family, stems that keep their conditions, statements that stand alone.

Word boundaries and word classes come from jieba (`docgen.analysis.words`), loaded only when a
question is made.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docgen.analysis.words import boundaries, on_boundaries

MEASURE_WORDS = "个项条座件种支位大"
"""What follows a numeral that counts something (`八个对标`, `四大任务`). Not `次`: `三次产业` is a
term and `连续五次` a statistic."""
DANGLING_OPENERS = ("所以", "因此", "因而", "于是", "例如", "比如", "譬如", "但是", "但", "而且", "而", "同时",
                    "另外", "此外", "其次", "再次", "总之", "当然", "可见", "也", "还", "又", "并且", "并",
                    "那么", "否则", "不然", "然而", "不过", "可是", "至于", "第一", "第二", "第三", "首先", "最后",
                    "一方面", "另一方面", "换句话说", "也就是说", "就是说", "这样", "为此", "对此",
                    "指", "即", "包括", "其")
"""A sentence opening with one of these leans on the one before it: not a statement that stands alone."""
POINTING = re.compile("这|那些|那个|那样|那种|此|上述|以上|前面|上面|下面|刚才|以下|如下")
"""Words that point elsewhere in the speech (`这`, `上述`): a statement using them does not stand alone."""
CROSS_REFERENCE = re.compile("报告|讲过|讲了|说到|谈到|提到|如前所述|前面|上面|刚才|下面|以下|后面|已经说|已经讲")
STATISTIC = re.compile(r"\d|百分之|[一二三四五六七八九十百千]+(?:万|亿)|倍|[〇零一二三四五六七八九]{4}年|[一二三四五六七八九十]+月[一二三四五六七八九十]+日")
STRUCTURE_NOUNS = ("题目", "问题", "方面", "部分", "意见", "点", "层", "句", "段", "条意见", "个字")
"""What a speech counts of itself (`分为十二个小题目`, `讲三个问题`): no fact worth a judgement."""
REMARK = re.compile("^(?:同志们|各位|下面|今天|请|希望|谢谢)|我(?![们国党军省市区县])")
"""A meeting remark (`同志们，…`, `下面我讲…`) or the speaker on himself (`我受…委托`): nothing to test."""
MAX_STEM = 90
"""Longest sentence a stem shows whole; a longer one is cut at `；` into parts that stand alone."""
BALANCE = (("既", "又"), ("不是", "而是"), ("一方面", "另一方面"), ("不仅", "而且"), ("不仅", "也"), ("虽然", "但"),
           ("只有", "才"), ("如果", "就"), ("只要", "就"), ("既要", "也要"), ("越", "越"))
"""Paired words: a stem keeps both halves (a cut after `不是…` says the opposite)."""


PAIRS = ("《》", "“”", "（）", "()", "‘’", "【】")
MARKUP = (">", "【", "［", "[", "#", "注：", "编者按", "（注", "导读")
"""What opens an editor's line (`> 此文是…`, `【导  读】`): not the speaker's words."""


def balanced(text: str) -> bool:
    """Whether every bracket and quote opened in `text` is closed (`关于《上海市国民经济` is a cut title)."""
    return all(text.count(a) == text.count(b) for a, b in PAIRS)


def good_title(title: str) -> bool:
    """A part's title a stem may name: whole (no cut bracket), pointing nowhere else (`上述…`)."""
    return (len(title) >= 4 and balanced(title) and not POINTING.search(title)
            and not CROSS_REFERENCE.search(title) and "？" not in title)


def editorial(text: str) -> bool:
    return text.lstrip().startswith(MARKUP)


def cuts_no_word(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` (a blank, a key, a change) begins and ends between jieba words."""
    return on_boundaries(text, start, end)


def countable_numeral(text: str, start: int, end: int) -> bool:
    """Whether the numeral `text[start:end]` counts something a false judgement may change: it is at
    least two, a measure word follows (`八个对标`, `两个维护`), and it is not inside a word
    (`一切`, `统一`, `三座大山` are words of their own). A range (`两三个`) never matches."""
    from docgen.quiz.text import parse_cn_number

    value = parse_cn_number(text[start:end])
    if value is None or value < 2 or text[end:end + 1] not in MEASURE_WORDS:
        return False
    if text[end + 1:end + 2] in ("多", "余", "来", "左", "上"):  # `三个多月`: about, not a count
        return False
    if start > 0 and text[start - 1] in "第几数多余十百千万两二三四五六七八九":
        return False
    bounds = boundaries(text)
    if text[end + 1:].lstrip("小大").startswith(STRUCTURE_NOUNS):
        return False
    return start in bounds and (end in bounds or end + 1 in bounds)


# -- distractors of one family ---------------------------------------------------


@lru_cache(maxsize=1)
def _pos_tokenizer():
    import jieba.posseg

    from docgen.analysis.words import _tokenizer

    return jieba.posseg.POSTokenizer(_tokenizer())


@lru_cache(maxsize=4096)
def word_class(text: str) -> str:
    """The class of the word `text` ends on (`n` noun, `v` verb, `a` adjective, `l` set phrase, `m`
    numeral): a distractor of the same class fits the same slot."""
    pairs = [p for p in _pos_tokenizer().lcut(text) if p.flag != "x"]
    if not pairs:
        return ""
    flag = pairs[-1].flag
    if flag in ("l", "i"):
        return "l"
    if flag in ("vn", "an", "nz", "nr", "ns", "nt", "ng"):
        return "n"
    return flag[0]


NAME_FLAGS = ("nr", "ns", "nt", "nz", "nrt")


def names_only(text: str) -> bool:
    """Whether a list is of names alone (`大唐、华能、沈煤`): companies and places are no point to learn."""
    pairs = [p for p in _pos_tokenizer().lcut(text) if p.flag != "x"]
    return len(pairs) >= 2 and all(p.flag in NAME_FLAGS for p in pairs)


def asks(text: str) -> bool:
    """Whether a quoted phrase is itself a question (`21世纪究竟属于谁`): no answer to blank."""
    return text.endswith(("吗", "呢", "谁", "什么", "怎么办", "为什么")) or "究竟" in text


def common_idiom(text: str) -> bool:
    """Whether `text` is one dictionary idiom, name or number word (`欲速则不达`, `可可西里`, `十二五`):
    nothing the speech teaches, so no blank."""
    pairs = [p for p in _pos_tokenizer().lcut(text) if p.flag != "x"]
    return len(pairs) == 1 and pairs[0].flag in ("i", "l", "nr", "ns", "nrt", "m")  # m: `十二五`, a plan's name


def shares_character(a: str, b: str) -> bool:
    """Whether two terms share a character (`预备期` and `候补期`): a sign they name the same kind of thing."""
    return bool(set(CJK.findall(a)) & set(CJK.findall(b)) - set(COMMON_CHARS))


CJK = re.compile("[\u4e00-\u9fff]")
COMMON_CHARS = "的一不是了在和有大这中为"


def items_of(text: str) -> int:
    """How many items a formulation lists (`政治性、先进性、群众性` → 3)."""
    return text.count("、") + 1


def same_family(option: str, answer: str) -> bool:
    """Same kind of formulation: as many items, similar length, the same word class at the end
    (so it fits the blank), the same quoting and numbering."""
    if items_of(option) != items_of(answer):
        return False
    if abs(len(option) - len(answer)) > max(1, len(answer) // 4):
        return False
    if _has_numeral(option) != _has_numeral(answer):
        return False
    return word_class(option) == word_class(answer)


def _has_numeral(text: str) -> bool:
    return re.match("[一二两三四五六七八九十]", text) is not None


def uniquely_longest(answer: str, options: list[str]) -> bool:
    """Whether the answer is the one longest option (so guessable without the speech)."""
    longest = max(len(o) for o in options)
    return len(answer) == longest and sum(len(o) == longest for o in options) == 1 and len(options) > 2


# -- stems -----------------------------------------------------------------------


def stem_span(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The part of `sentence` a stem about `sentence[start:end]` shows: the whole sentence when it is
    short enough, else the `；`-part holding it (when that part stands alone), else None.
    A cut never separates the halves of a pair (`既…又`, `不是…而是`) or drops a leading condition."""
    if len(sentence) <= MAX_STEM:
        return 0, len(sentence)
    lo, hi = _semicolon_part(sentence, start, end)
    if hi - lo > MAX_STEM:  # from the sentence's start (subject, conditions) to the phrase's clause end
        lo, hi = (lo if lo and not starts_dangling(sentence[lo:]) else 0), _clause_end(sentence, end)
    if hi - lo > MAX_STEM or lo > 0 and starts_dangling(sentence[lo:hi]) or _broken_pair(sentence, lo, hi):
        return None
    return lo, hi


def _clause_end(sentence: str, end: int) -> int:
    """Just before the `，；：` that ends the clause holding offset `end` (or the sentence's end)."""
    for i in range(end, len(sentence)):
        if sentence[i] in "，；：,;:" and sentence.count("“", 0, i) <= sentence.count("”", 0, i):
            return i
    return len(sentence)


def _semicolon_part(sentence: str, start: int, end: int) -> tuple[int, int]:
    lo = max(sentence.rfind("；", 0, start), sentence.rfind(";", 0, start)) + 1
    ends = [i for i in (sentence.find("；", end), sentence.find(";", end)) if i >= 0]
    hi = min(ends) + 1 if ends else len(sentence)
    return lo, hi


def _broken_pair(sentence: str, lo: int, hi: int) -> bool:
    """Whether the cut keeps one half of a pair (`不是…而是`) and drops the other."""
    inside, before, after = sentence[lo:hi], sentence[:lo], sentence[hi:]
    return any((second in inside and first in before and first not in inside)
               or (first in inside and second in after and second not in inside.split(first, 1)[1])
               for first, second in BALANCE)


def closes_statement(text: str) -> bool:
    """Whether `text` ends as a statement: `。`, `！`, or a `；` closing a clause group that is not a
    list's fragment (`只有两个：一、努力奋斗；`)."""
    if not text or text[-1] not in "。！；":
        return False
    return text[-1] != "；" or ("：" not in text and "，" in text)


def plain_statement(text: str) -> bool:
    """A statement a judgement may be made of: it needs no sentence before it, points nowhere else,
    is not the speaker on the meeting and reports no figures."""
    return not (starts_dangling(text) or REMARK.search(text) or POINTING.search(text) or "？" in text
                or editorial(text) or STATISTIC.search(text))


def common_affix(items: list[str]) -> tuple[int, str] | None:
    """The last (-1) or first (0) character every item shares (`政治学、法学、社会学` → (-1, `学`)), or None."""
    if len(items) < 2:
        return None
    for side in (-1, 0):
        if len({i[side] for i in items}) == 1:
            return side, items[0][side]
    return None


def has_affix(word: str, affix: tuple[int, str]) -> bool:
    side, char = affix
    return len(word) >= 2 and word[side] == char


ORDINAL = re.compile("^(?:第[一二三四五六七八九十]+|[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)])")


def marker_end(text: str) -> int:
    """Where a statement starts after its point's marker (`二是要…` → 2, `第四，必须…` → 3); 0 without one."""
    m = ORDINAL.match(text)
    if m is None:
        return 0
    end = m.end()
    while end < len(text) and text[end] in "，、：． ":
        end += 1
    return end if end < len(text) else 0


def starts_dangling(text: str) -> bool:
    """Whether `text` leans on what comes before it (`所以…`, `第四，…`, `二是…`)."""
    body = text.lstrip("—―－- \u3000“")
    return body.startswith(DANGLING_OPENERS) or ORDINAL.match(body) is not None


def stands_alone(sentence: str) -> bool:
    """A true judgement: a whole statement that needs no sentence before it, says something testable
    (no statistic, no remark to the meeting, no question), and points nowhere else."""
    text = sentence.strip()
    if not closes_statement(text) or starts_dangling(text) or REMARK.search(text) or editorial(text):
        return False
    return not POINTING.search(text) and not STATISTIC.search(text) and "？" not in text and "?" not in text


def real_point(sentence: str, heading: bool = False) -> bool:
    """A 要点 of a short answer: a statement, not a rhetorical question, a cross-reference, a statistic
    or a sentence leaning on the one before (a point's own marker, `二是`, `（一）`, does not count);
    a whole sentence, unless it is a heading."""
    text = ORDINAL.sub("", sentence.strip()).lstrip("，、：．. ")
    if len(text) < 6 or (text[-1] not in "。！" and not heading) or text[-1] in "：:" or "？" in text or "?" in text:
        return False
    return not (CROSS_REFERENCE.search(text) or STATISTIC.search(text) or starts_dangling(text)
                or REMARK.search(text) or editorial(sentence) or text.startswith(("这", "那", "此", "让我们", "“")))
