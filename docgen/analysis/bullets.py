"""Bullets condensed from a section's own sentences: verbatim clauses, never new words.

Each bullet is a contiguous piece of one sentence of the section: the leading
connective (要、同时、此外 …) and enumerator (一是、第一，…) dropped, cut after a clause
boundary (，；：) and without its end punctuation. Used by the slides and the handout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.model import Section

MIN_BULLETS = 3
MAX_BULLETS = 6
CHARS_PER_BULLET = 70
"""About one bullet for every this many characters of own text (then clamped to 3–6)."""
MIN_CHARS = 8
"""A first clause shorter than this takes the next clause too."""
MIN_WORDS = 4
"""Shorter pieces (`同志们`) are not bullets."""

# Longest first: "我们要" before "我们" before "要".
CONNECTIVES = tuple(sorted((
    "要", "同时", "此外", "另外", "并且", "而且", "因此", "所以", "总之", "总而言之", "首先", "其次",
    "再次", "最后", "当然", "然后", "我们要", "我们必须", "必须", "还要", "更要", "也要", "都要", "就要",
    "并", "既要", "又要", "一方面", "另一方面", "特别是", "尤其是", "其中", "对此",
    "为此", "总的来说", "具体来说", "换句话说", "但是", "但", "可是", "然而", "那么", "所谓",
    "就是说", "也就是说", "这就是说", "大家知道", "你们看", "不但如此", "可见", "事实上", "实际上", "比如",
    "例如", "应当指出", "需要指出的是", "那末",
), key=len, reverse=True))
LEAD_IN_ENDS = ("以来", "以后", "之后", "期间", "的时候", "年来", "多年来")
LEAD_IN_STARTS = ("对于", "关于", "经过", "通过", "随着", "为了", "在", "自", "从", "自从", "当", "截至", "截止", "面对")
LEAD_IN_PLACE_ENDS = ("中", "上", "下", "里", "后", "时", "前", "方面", "形势", "问题", "批判", "过程", "基础")
_NOTE_MARK = re.compile(r"〔\d+〕|\[\d+\]|[⑴-⒇]")
_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十百]+[，、,.：:]?|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[.、．]|[一二三四五六七八九十]+[、．]|[⑴-⒇①-⑳])"
)
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])(?![”’」』）)])|(?<=[。！？；!?;][”’」』）)])")
_CLAUSE_PUNCT = "，；：,;:"
_TRAILING = "，。；：、！？,.;:!? \u3000"
_PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("《", "》"), ("「", "」"), ("(", ")"))


@dataclass(frozen=True)
class _Candidate:
    text: str
    order: int
    score: int


def section_bullets(section: Section, max_chars: int = 40) -> list[str]:
    """3–6 bullets (fewer only when the section has fewer usable sentences), in text order."""
    own = _own_text(section)
    candidates = _candidates(section, max_chars)
    wanted = max(MIN_BULLETS, min(MAX_BULLETS, round(len(own) / CHARS_PER_BULLET)))
    return _choose(candidates, wanted)


def condense(sentence: str, max_chars: int = 40) -> str:
    """The key clause of `sentence`, verbatim, or "" when no clean cut of at most `max_chars` exists.

    A short lead-in clause (`十年来，`) joins the next clause, or is dropped when both are too long.
    """
    clauses = _clauses(_strip_lead(_NOTE_MARK.sub("", sentence.strip())))
    while len(clauses) > 1 and _is_lead_in(clauses[0]):
        clauses = _clauses(_strip_lead("".join(clauses[1:])))
    while clauses:
        bullet = _join_clauses(clauses, max_chars)
        if len(bullet) >= MIN_CHARS or len(clauses) == 1:
            return bullet if _balanced(bullet) and len(bullet) >= MIN_WORDS else ""
        clauses = _clauses(_strip_lead("".join(clauses[1:])))
    return ""


def _is_lead_in(clause: str) -> bool:
    """A time or circumstance clause (`十年来，` `在五四运动以来的六十年中，` `经过…批判，`)."""
    core = clause.rstrip(_TRAILING)
    return core.endswith(LEAD_IN_ENDS) or (core.startswith(LEAD_IN_STARTS) and core.endswith(LEAD_IN_PLACE_ENDS))


def _join_clauses(clauses: list[str], max_chars: int) -> str:
    bullet = ""
    for clause in clauses:
        if bullet and _is_enumerator(clause):
            break
        joined = bullet + clause
        if len(joined.rstrip(_TRAILING)) > max_chars:
            break
        bullet = joined
        if len(bullet.rstrip(_TRAILING)) >= MIN_CHARS:
            break
    return (bullet or _cut_list(clauses[0], max_chars)).rstrip(_TRAILING)


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` verbatim (the analysis splitter when present, else a simple one)."""
    try:
        from docgen.analysis.sentences import split_sentences as analysis_split
    except ImportError:
        return [s for s in _SENTENCE_END.split(text) if s.strip()]
    return [s for s in analysis_split(text) if s.strip()]


# -- candidates -------------------------------------------------------------

def _own_text(section: Section) -> str:
    return "".join(section.paragraphs) + "".join(section.trailing)


def _candidates(section: Section, max_chars: int) -> list[_Candidate]:
    found: list[_Candidate] = []
    paragraphs = list(section.paragraphs) + list(section.trailing)
    for p_index, paragraph in enumerate(paragraphs):
        for s_index, sentence in enumerate(split_sentences(paragraph)):
            bullet = condense(sentence, max_chars)
            if bullet:
                found.append(_Candidate(bullet, len(found), _score(sentence, bullet, s_index == 0)))
    for sub in section.sections:
        bullet = condense(sub.heading, max_chars) or condense(sub.short_title, max_chars)
        if bullet:
            found.append(_Candidate(bullet, len(found), 3))
    return found


def _score(sentence: str, bullet: str, first_in_paragraph: bool) -> int:
    stripped = _ENUMERATOR.sub("", sentence.strip())
    score = 0
    score += 2 if "“" in bullet else 0
    score += 1 if stripped.startswith(("要", "必须", "坚持", "加强", "推动")) else 0
    score += 1 if first_in_paragraph else 0
    score += 1 if 10 <= len(bullet) <= 30 else 0
    score -= 2 if stripped.rstrip("”’」 ").endswith(("？", "?", "吗", "呢")) else 0
    return score


def _choose(candidates: list[_Candidate], wanted: int) -> list[str]:
    ranked = sorted(candidates, key=lambda c: (-c.score, c.order))
    chosen: list[_Candidate] = []
    for c in ranked:
        if len(chosen) == wanted:
            break
        if any(c.text in d.text or d.text in c.text for d in chosen):
            continue
        chosen.append(c)
    return [c.text for c in sorted(chosen, key=lambda c: c.order)]


# -- cutting ----------------------------------------------------------------

def _strip_lead(text: str) -> str:
    """Drop enumerators and connectives (and the comma after them) at the start, repeatedly."""
    while True:
        before = text
        text = _ENUMERATOR.sub("", text).lstrip("，、,：: \u3000—―")
        for word in CONNECTIVES:
            rest = text[len(word):]
            if text.startswith(word) and rest and not rest.startswith(_TRAILING_NOT_START):
                text = rest.lstrip("，、,：: \u3000")
                break
        if text == before:
            return text


# A connective must not be dropped when what follows is closing punctuation or a quote end.
_TRAILING_NOT_START = ("。", "！", "？", "”", "）", "》")


def _clauses(text: str) -> list[str]:
    """`text` cut after each clause punctuation outside quotes and brackets, punctuation kept."""
    clauses, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "“‘（《「(":
            depth += 1
        elif ch in "”’）》」)":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _CLAUSE_PUNCT + "。！？!?":
            clauses.append(text[start:i + 1])
            start = i + 1
    if text[start:].strip():
        clauses.append(text[start:])
    return clauses


def _is_enumerator(clause: str) -> bool:
    """`第一，` or `一是` alone: the start of a list, never the end of a bullet."""
    rest = _ENUMERATOR.sub("", clause.strip(), count=1)
    return rest != clause.strip() and len(rest.strip(_TRAILING)) <= 1


def _cut_list(clause: str, max_chars: int) -> str:
    """An over-long clause cut after its last `、` that keeps it within `max_chars`."""
    cut = clause.rfind("、", 0, max_chars)
    return clause[:cut] if cut >= MIN_CHARS else ""


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in _PAIRS)
