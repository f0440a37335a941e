"""Whether one question of a paper gives away another's answer.

An examiner rejects a paper where a stem or an option shows what another question asks:
`十改、十问、十努力、（　　）` beside a question offering `十改、十问、十努力、十种现象`,
or a true clause beside a false judgement made from the same clause.
"""

from __future__ import annotations

from docgen.quiz.model import Question

SHORT_TERM = 2
COUNTED_NOUN = 2


def secrets(q: Question) -> list[str]:
    """What the question asks for: the right options or blanked words, the term a false judgement changed."""
    if q.type in ("single", "multiple", "fill"):
        return [t for t in dict.fromkeys([q.phrase, *q.correct]) if t]
    if q.type == "judge" and q.truth is False and q.change is not None:
        c = q.change
        if c.kind == "number" and len(c.before) <= SHORT_TERM:
            return [q.statement[c.offset:c.offset + len(c.before) + COUNTED_NOUN]]  # `八个` → `八个对标`
        return [c.before]
    return []


def gives_away(a: Question, b: Question) -> bool:
    """Whether `a` shows `b`'s answer or `b` shows `a`'s, or both ask for overlapping words."""
    return (_shows(a, b) or _shows(b, a)
            or any(overlaps(x, y) for x in secrets(a) for y in secrets(b)))


def overlaps(x: str, y: str) -> bool:
    """One term holds the other (`十改、十问、十努力、十种现象` and `十种现象`; `有效发挥桥梁纽带作用` and `桥梁`)."""
    return x in y or y in x


def _shows(a: Question, b: Question) -> bool:
    """Whether `a`'s stem or options show `b`'s answer (see `may_be_offered` for bare options)."""
    swapped = b.type == "judge" and b.change is not None and b.change.kind in ("swap", "item")
    if swapped and _holds(a.stem, b.change.after):
        return True  # the swapped-in term shown in its own context tells the statement is false
    for s in secrets(b):
        if _holds(a.stem, s):
            return True
        if any(s in o and (o != s or not may_be_offered(b)) for o in a.options):
            return True
        if not may_be_offered(b) and any(o in s for o in a.options):
            return True  # a piece of a fill-in answer (`不打棍子` of `不抓辫子、不戴帽子、不打棍子`)
    return False


def shows_own_answer(q: Question) -> bool:
    """The stem repeats what it blanks (`踢开党委闹（　　），会闹出一场什么“民主”`), or what a false
    judgement changed (`教条主义的“标语口号式”并不是马克思主义`: the swapped-out term is still there)."""
    return any(_holds(q.stem, s) for s in secrets(q))


def _holds(text: str, term: str) -> bool:
    """`term` shown in the running text of a stem. A one- or two-character term (`改革`, `纽带`) is an
    everyday word there (`工会改革的力度`): it counts only whole or quoted."""
    if len(term) > SHORT_TERM:
        return term in text
    return text == term or f"“{term}”" in text or f"‘{term}’" in text


def may_be_offered(q: Question) -> bool:
    """Whether another question may offer this one's answer as a bare option: yes, unless it is a
    fill-in (a choice question prints its answer among its own options; an option without its
    sentence does not tell which term a false judgement changed)."""
    return q.type != "fill"
