"""Study aids that teach, cut from the speech: one key sentence per part, 名词解释 only for what the
speech defines or enumerates, and the kind of a phrase (to choose a 思考题 that fits it).

A trainer's own glossary (`docgen handout --glossary FILE`, or 名词解释.txt beside the speech) is
read here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from docgen.analysis.sentences import nonblank_sentences
from docgen.model import Section, Speech

KEY_SENTENCE_MIN, KEY_SENTENCE_MAX = 10, 90
KEY_WORDS = ("要", "必须", "关键", "根本", "核心", "首要", "坚持", "是", "在于", "只有", "才能")
DEFINES = re.compile(r"^[”’」]?[，,]?(?:就|即|也就)?(?:是指|指的是|是|即|就是)")
"""What follows a term that the sentence defines (`“桥梁”是连结、是支撑`, `所谓“X”，就是…`)."""
NEXT_TERM = re.compile(r"[，,；;]“")
OPENERS = ("由此可见", "所以", "因此", "但是", "同时", "总之", "另外", "此外", "可见")
UNION_WORDS = ("工会", "职工", "劳模", "工人阶级", "产业工人")
UNION_MIN = 8
"""A speech that names union work this often is about union work (its 思考题 may say 工会)."""
GLOSSARY_FILES = ("名词解释.txt", "glossary.txt")
GLOSSARY_LINE = re.compile(r"^(?P<term>[^：:\t]{1,40})[：:\t]\s*(?P<text>\S.*)$")


# -- 学习要点 -----------------------------------------------------------------------------------------

def key_sentence(section: Section) -> str:
    """The sentence that states the part's point, verbatim: a run-in heading that is a sentence
    (`要对标“…”要求，始终保持…。`), else the best own sentence of the part."""
    from docgen.analysis.bullets import is_procedural
    from docgen.analysis.grammar import has_predicate

    from docgen.analysis.bullets import is_procedural_clause, split_clauses

    def usable(text: str) -> bool:
        return (KEY_SENTENCE_MIN <= len(text) <= KEY_SENTENCE_MAX and not is_procedural(text)
                and not any(is_procedural_clause(c) for c in split_clauses(text))
                and not text.rstrip("”’」").endswith(("？", "?", "：", ":", "吗", "呢")) and has_predicate(text))

    if section.run_in and usable(section.heading.strip()):
        return section.heading.strip()
    own = list(section.paragraphs[:2]) + list(section.trailing[:1])
    own += [s.heading_text() if s.run_in else "" for s in section.sections[:1]]
    best, best_score = "", -99
    for p_index, paragraph in enumerate(p for p in own if p):
        for s_index, sentence in enumerate(nonblank_sentences(paragraph)):
            text = sentence.strip()
            if not usable(text):
                continue
            score = sum(w in text for w in KEY_WORDS) - p_index - s_index
            score -= 3 if text.startswith(("这", "那", "此", "它", "其", "他")) else 0
            score -= 1 if text.startswith(OPENERS) else 0
            score -= 2 if re.search(r"\d", text) else 0
            if score > best_score:
                best, best_score = text, score
    return best


# -- 名词解释 -----------------------------------------------------------------------------------------

def speech_glossary(phrases: Iterable, limit: int) -> list[tuple[str, str]]:
    """(term, what the speech says it is): a counted formulation with the items the speech lists
    (`八个对标` → its eight), a quoted term with the words that define it. Terms the speech only
    uses are left out."""
    entries: list[tuple[str, str]] = []
    seen: set[str] = set()
    for p in phrases:
        text = _explanation(p)
        if text and p.text not in seen:
            seen.add(p.text)
            entries.append((p.text, text))
        if len(entries) >= limit:
            break
    return entries


def _explanation(phrase) -> str:
    kind, items = getattr(phrase, "kind", ""), list(getattr(phrase, "items", []) or [])
    if kind == "numbered" and len(items) >= 2:
        return "；".join(items)
    if kind != "quoted":
        return ""
    sentence = (getattr(phrase, "sentence", "") or "").strip()
    for opener in ("“", "‘"):
        at = sentence.find(opener + phrase.text)
        if at < 0:
            continue
        after = at + 1 + len(phrase.text)
        if DEFINES.match(sentence[after:]):  # `所谓“X”` alone is often ironic: it must say what X is
            nxt = NEXT_TERM.search(sentence, after)
            return sentence[at:nxt.start() if nxt else len(sentence)].rstrip("，,；;")
    return ""


def read_glossary(path: Path) -> list[tuple[str, str]]:
    """A trainer's glossary: one `术语：解释` a line (a tab works too); `#` lines and blank lines skipped."""
    from docgen.errors import InputError
    from docgen.readers.text import decode

    path = Path(path)
    try:
        text = decode(path.read_bytes(), path)
    except OSError as e:
        raise InputError(f"{path}：无法读取名词解释文件（{e.strerror or e}）") from None
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        m = GLOSSARY_LINE.match(line)
        if not m:
            raise InputError(f"{path}：第 {number} 行应写成“术语：解释”，现在是“{line[:30]}”")
        entries.append((m["term"].strip(), m["text"].strip()))
    return entries


def glossary_beside(speech: Speech) -> Path | None:
    """名词解释.txt (or glossary.txt) in the folder of the speech (the class's source folder)."""
    if not speech.source:
        return None
    folder = Path(speech.source).parent
    return next((folder / name for name in GLOSSARY_FILES if (folder / name).is_file()), None)


def merged_glossary(own: Sequence[tuple[str, str]], trainer: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The trainer's entries first; the speech's own for the terms the trainer did not explain."""
    given = {term for term, _ in trainer}
    return list(trainer) + [(t, x) for t, x in own if t not in given]


# -- 思考题 -------------------------------------------------------------------------------------------

def about_union(speech: Speech) -> bool:
    text = "".join(speech.body_paragraphs())
    return sum(text.count(w) for w in UNION_WORDS) >= UNION_MIN


STATEMENT_WORDS = ("是", "必须", "就要", "才能", "在于", "关键")
QUESTION = re.compile(r"(?:什么|怎么|怎样|如何|为什么|是否|吗|呢)[”’」]?[？?]?$|[？?]$")


def phrase_kind(phrase: str, numbered: bool = False) -> str:
    """`numbered` (`八个对标`, with the items the speech lists), `question` (`过去的经验教训怎么样呢`),
    `action` (`坚持党建带工建`), `statement` (`……是最危险的祸害`) or `concept`."""
    from docgen.analysis.grammar import starts_with_verb

    if numbered:
        return "numbered"
    if QUESTION.search(phrase):
        return "question"
    if any(w in phrase[1:] for w in STATEMENT_WORDS) or phrase.endswith(("的", "了")):
        return "statement"
    return "action" if starts_with_verb(phrase) else "concept"
