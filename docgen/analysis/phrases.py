"""Key phrases of a speech (提法): quoted formulations, numbered formulations, enumerations.

Used by slides (highlights), handouts (重点提示) and quizzes (填空). Text is always as in the speech.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from docgen.analysis.numerals import cn_to_int
from docgen.analysis.sentences import split_sentences
from docgen.model import Section, Speech


@dataclass
class KeyPhrase:
    text: str
    """As in the speech, without quote marks: `四同步、四衔接`, `八个对标`, `政治性、先进性、群众性`."""
    kind: str
    """`quoted` | `numbered` | `enumeration`."""
    sentence: str
    """The verbatim sentence of its first occurrence."""
    section: list[int] = field(default_factory=list)
    """Path of section numbers (`[3]`, `[2, 1]`); `[]` for preamble and closing."""
    items: list[str] = field(default_factory=list)
    """What a numbered formulation or an enumeration lists, when the text lists it."""


QUOTE = re.compile(r"[“「『]([^“”「」『』]{2,24})[”」』]")
QUOTE_TERMINATORS = set("。！？!?；;")
_NUM = "[两二三四五六七八九十]"
NUMBERED = re.compile(f"(?<![0-9一二三四五六七八九十百第])({_NUM}{{1,2}})(个|项|大|条|种|不|[\u4e00-\u9fff])"
                      f"([\u4e00-\u9fff]{{1,3}})")
MEASURE_WORDS = {"个", "项", "大", "条", "种"}
# Counted nouns that are ordinary quantities, not formulations.
NOT_FORMULATIONS = ("方面", "问题", "月", "年", "小时", "百分点", "国家", "人", "部分", "阶段", "时期", "层次",
                    "多月", "多年", "件", "次", "位", "天", "字", "步", "点", "世纪", "代表", "会议", "文件")
ENUM_ITEM = "[\u4e00-\u9fff]{2,8}"
ENUMERATION = re.compile(f"{ENUM_ITEM}(?:、{ENUM_ITEM}){{2,}}")
# Words that typically stand right before a list and are not part of its first item.
LEAD_WORDS = ("履行", "增强", "保持", "坚持", "做到", "实现", "推进", "加强", "突出", "包括", "聚焦", "强化", "提高")
LEAD_CHARS = set("们是和及与在了着要把将对为从以由使让得到做")
TAIL_CHARS = set("的和与及等是在")
LIST_INTRO = re.compile("(即|：|:|就是|是指|包括)")
_IDEOGRAPH = re.compile("[\u4e00-\u9fff]")


def key_phrases(speech: Speech) -> list[KeyPhrase]:
    """Every key phrase in order of first appearance, deduplicated by text."""
    seen: dict[str, KeyPhrase] = {}
    for path, paragraph, following in _paragraphs(speech):
        for sentence in split_sentences(paragraph):
            for phrase in _in_sentence(sentence, paragraph, path):
                if phrase.kind == "numbered" and not phrase.items and following:
                    phrase.items = _items_from_sections(phrase, paragraph, following)
                seen.setdefault(phrase.text, phrase)
    return list(seen.values())


def _paragraphs(speech: Speech) -> Iterator[tuple[list[int], str, list[Section]]]:
    """(section path, paragraph, sections that follow this paragraph directly) in text order."""
    for i, p in enumerate(speech.preamble):
        yield [], p, speech.sections if i == len(speech.preamble) - 1 else []
    for s in speech.sections:
        yield from _section_paragraphs(s, [s.number])
    for p in speech.closing:
        yield [], p, []


def _section_paragraphs(s: Section, path: list[int]) -> Iterator[tuple[list[int], str, list[Section]]]:
    own = list(s.paragraphs)
    first = s.heading_text() + (own.pop(0) if s.run_in and own else "")
    texts = [first, *own]
    for i, p in enumerate(texts):
        yield path, p, s.sections if i == len(texts) - 1 else []
    for sub in s.sections:
        yield from _section_paragraphs(sub, [*path, sub.number])
    for p in s.trailing:
        yield path, p, []


def _in_sentence(sentence: str, paragraph: str, path: list[int]) -> list[KeyPhrase]:
    found: list[tuple[int, KeyPhrase]] = []
    quoted_spans = []
    for m in QUOTE.finditer(sentence):
        text = m.group(1)
        quoted_spans.append(m.span(1))
        if _good_quote(text):
            numbered = NUMBERED.fullmatch(text)
            items = (_listed_items(text, cn_to_int(numbered.group(1)) or 0, paragraph) if numbered
                     else _quote_items(text))
            found.append((m.start(1), KeyPhrase(text, "numbered" if numbered else "quoted", sentence, list(path),
                                                items)))
    for m in NUMBERED.finditer(sentence):
        inside = any(a <= m.start() and m.end() <= b for a, b in quoted_spans)
        if _good_numbered(m, inside):
            text = m.group(0)
            found.append((m.start(), KeyPhrase(text, "numbered", sentence, list(path),
                                               _listed_items(text, cn_to_int(m.group(1)) or 0, paragraph))))
    for m in ENUMERATION.finditer(sentence):
        if any(a <= m.start() < b for a, b in quoted_spans):
            continue
        items = _trim_enumeration(m.group(0).split("、"))
        if items and _ends_cleanly(items, sentence, sentence.find("、".join(items))):
            text = "、".join(items)
            found.append((sentence.find(text), KeyPhrase(text, "enumeration", sentence, list(path), items)))
    return [p for _, p in sorted(found, key=lambda x: x[0])]


def _good_quote(text: str) -> bool:
    return (not any(c in QUOTE_TERMINATORS for c in text) and len(text) <= 20
            and any("\u4e00" <= c <= "\u9fff" for c in text))


def _quote_items(text: str) -> list[str]:
    parts = re.split("[、，,]", text)
    return parts if len(parts) >= 2 and all(parts) else []


def _good_numbered(m: re.Match[str], inside_quote: bool) -> bool:
    n = cn_to_int(m.group(1))
    if not n or n < 2 or n > 12:
        return False
    measure, noun = m.group(2), m.group(3)
    if any(noun.startswith(w) or (measure + noun).startswith(w) for w in NOT_FORMULATIONS):
        return False
    if inside_quote:
        return True
    return measure in MEASURE_WORDS and measure != "大" and len(noun) == 2


def _listed_items(text: str, n: int, paragraph: str) -> list[str]:
    """Items the paragraph lists after the formulation (`四同步、四衔接，即同步部署推进、…`)."""
    at = paragraph.find(text)
    intro = LIST_INTRO.search(paragraph, at + len(text))
    if at < 0 or not intro or intro.start() - at > 40:
        return []
    region = (split_sentences(paragraph[intro.end():]) or [""])[0]
    groups = [g.split("、") for g in re.split("[，,；;]", region)]
    word = text[len(text) - 2:]
    fitting = [g for g in groups if len(g) == n]
    for g in fitting:
        if any(ch in item for item in g for ch in word):
            return [item.strip("。；;，,") for item in g]
    return [item.strip("。；;，,") for item in fitting[0]] if fitting else []


def _items_from_sections(phrase: KeyPhrase, paragraph: str, following: list[Section]) -> list[str]:
    """`重点做到“八个对标”：` followed by eight points: the points are the items."""
    n = cn_to_int(NUMBERED.match(phrase.text).group(1)) if NUMBERED.match(phrase.text) else 0
    if n != len(following) or not paragraph.rstrip().endswith(("：", ":")):
        return []
    word = phrase.text[-2:]
    return [s.subtitle if s.subtitle and word in s.subtitle else s.short_title for s in following]


def _trim_enumeration(items: list[str]) -> list[str]:
    """Cut the first and last item to match the middle ones; keep only parallel lists.

    The pattern grabs words before the list into its first item (`和增强政治性`) and words after
    it into its last; the middle items show how long the items are and what they share.
    """
    middle = items[1:-1]
    size = round(sum(map(len, middle)) / len(middle))
    first = _fit_first(items[0], size, middle[0])
    last = _fit_last(items[-1].removesuffix("等"), size, middle[-1])
    items = [x for x in (first, *middle, last) if x]
    lengths = {len(i) for i in items}
    if len(items) < 3 or max(lengths) - min(lengths) > 2:
        return []
    parallel = len(lengths) == 1 or _common(items) or _common([i[::-1] for i in items])
    return items if parallel else []


def _ends_cleanly(items: list[str], sentence: str, at: int) -> bool:
    """The last item stops where the sentence does, or before 的/和/等…, or ends like the others
    (`影响力、感召力、塑造力显著提升`); else where it stops is a guess (`因病、因灾、因意外导致…`)."""
    nxt = sentence[at + len("、".join(items)):][:1]
    return (not nxt or not _IDEOGRAPH.match(nxt) or nxt in TAIL_CHARS
            or items[-1][-1] == items[-2][-1] or len(items[-1]) == len(items[-2]) == len(items[0]))


def _fit_first(item: str, size: int, other: str) -> str:
    if len(item) <= size + 1 and (len(item) == size or _affix(item, other)):
        return item
    for length in (size, size + 1, size - 1, size + 2):
        candidate = item[-length:]
        if 2 <= length <= len(item) and _affix(candidate, other):
            return candidate
    lead = item[:-size]
    if len(item) > size and (lead.endswith(LEAD_WORDS) or lead[-1] in LEAD_CHARS):
        return item[-size:]
    cuts = [p for p, c in enumerate(item) if c in LEAD_CHARS or c == "的"]
    return next((item[p + 1:] for p in reversed(cuts) if abs(len(item) - p - 1 - size) <= 1), "")


def _fit_last(item: str, size: int, other: str) -> str:
    """The last item ends where the sentence goes on; keep a prefix that matches the others' form."""
    if len(item) > 2 and not other.endswith("的"):
        item = item.removesuffix("的")
    if len(item) <= size + 1:
        return item
    fits = [item[:n] for n in (size + 2, size + 1, size) if _affix(item[:n], other)]
    before_tail = [f for f in fits if item[len(f):][:1] in TAIL_CHARS]
    if before_tail or fits:
        return (before_tail or fits)[0]
    cut = next((p for p, c in enumerate(item) if c in TAIL_CHARS and abs(p - size) <= 1), -1)
    return item[:cut] if cut > 0 else ""


def _affix(a: str, b: str) -> bool:
    return a[0] == b[0] or a[-1] == b[-1]


def _common(items: list[str]) -> bool:
    return all(i[0] == items[0][0] for i in items)
