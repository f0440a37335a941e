"""Short titles (for slide titles and agenda lines) and subtitles from a section heading."""

from __future__ import annotations

import re

from docgen.analysis.sentences import OPENERS, first_sentence

SHORT_MAX = 20
HARD_MAX = 24
_CLAUSE_BREAKS = set("，,；;：:")
_TRAILING = "。．.！!？?；;：:，,、…"
_FRAMING = re.compile(r"^(要|必须|就是|坚持|按照|围绕|对标|聚焦|落实)?.*[“‘《].*[”’》].*(要求|精神|部署|指示|重要论述|理念|目标|方针|思想)$")
# A first clause that only sets the frame (`围绕…，全力打好…`): the action after it is the title.
_FRAME_OPENERS = re.compile(r"^(要)?(围绕|按照|聚焦|立足|面向|对标|紧扣|着眼)")
_LEADING_WORDS = ("要", "必须", "我们要", "我们必须")
TIME_LEADS = ("现在", "今天", "今年", "目前", "当前", "同时", "首先", "其次", "最后", "总之", "此外", "另外")
_NOTE_REFS = re.compile(r"〔[0-9０-９]+〕|\[[0-9]+\]|[⑴-⒇]")
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[\u4e00-\u9fff])[\s\u3000]+(?=[\u4e00-\u9fff])")


def short_title(heading: str, body: str = "") -> tuple[str, str]:
    """(short title, subtitle) from a heading, or from the body's first sentence when the heading is empty.

    `要对标“落实各级党委（党组）主体责任”要求，始终保持工会工作的正确政治方向。`
    → (`始终保持工会工作的正确政治方向`, `对标“落实各级党委（党组）主体责任”要求`).
    """
    text = heading.strip() or first_sentence(body.strip())[0]
    text = _NOTE_REFS.sub("", _SPACE_BETWEEN_CJK.sub("", text)).strip(_TRAILING + " \u3000")
    clauses = [c.strip(_TRAILING + " ") for c in split_clauses(text)]
    clauses = [c for c in clauses if c]
    while len(clauses) > 1 and clauses[0] in TIME_LEADS:  # `现在，…`: the time is no title
        text = text[text.index(clauses[1], len(clauses[0])):]
        clauses.pop(0)
    if not clauses:
        return "", ""
    subtitle = ""
    if len(clauses) > 1 and _framing(clauses[0]) and not _framing(clauses[-1]):
        subtitle = _drop_leading(clauses[0])
        chosen = clauses[1]
    elif len(text) <= SHORT_MAX:
        return _drop_leading(text), ""
    else:
        chosen = clauses[0]
    return _fit(_drop_leading(chosen)), subtitle


def _framing(clause: str) -> bool:
    return bool(_FRAMING.match(clause) or _FRAME_OPENERS.match(clause))


def split_clauses(text: str) -> list[str]:
    """Split at ，；： outside quotes and brackets, keeping the pieces verbatim."""
    out, start, depth = [], 0, 0
    closers = set(OPENERS.values())
    for i, ch in enumerate(text):
        if ch in OPENERS:
            depth += 1
        elif ch in closers and depth:
            depth -= 1
        elif ch in _CLAUSE_BREAKS and depth == 0:
            out.append(text[start:i + 1])
            start = i + 1
    out.append(text[start:])
    return [c for c in out if c]


def _outside_brackets(text: str, i: int) -> bool:
    """`关于《上海市国民经济和…》`: never cut inside a title or quote."""
    head = text[:i]
    return all(head.count(a) == head.count(b) for a, b in (("《", "》"), ("“", "”"), ("（", "）")))


def _drop_leading(text: str) -> str:
    for word in sorted(_LEADING_WORDS, key=len, reverse=True):
        if text.startswith(word) and len(text) - len(word) >= 4:
            return text[len(word):]
    return text


def _fit(text: str) -> str:
    """At most about 20 characters: cut at an enumeration comma if one is early enough, else hard."""
    if len(text) <= HARD_MAX:
        return text
    cut = max((i for i, c in enumerate(text[:SHORT_MAX]) if c in "、和与及" and _outside_brackets(text, i)), default=0)
    if cut >= 8:
        return text[:cut]
    return text[:SHORT_MAX - 1] + "…"
