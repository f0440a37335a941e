"""Makers for the objective questions: single choice, multiple choice, fill-in and judgement."""

from __future__ import annotations

import random
import re

from docgen.quiz.model import Change, Question
from docgen.quiz.phrases import Located
from docgen.quiz.reveal import may_be_offered, overlaps, secrets
from docgen.quiz.source import Sentence
from docgen.quiz.rules import (
    asks, closes_statement, common_affix, common_idiom, countable_numeral, cuts_no_word, editorial, has_affix,
    marker_end, names_only, plain_statement, same_family, shares_character, starts_dangling, stem_span,
    uniquely_longest,
)
from docgen.quiz.text import COUNTED, LIST_DASHES, blank_for, number_variants, numeral_span

CHOICE_BLANK = "（　　）"
CJK_WORD = re.compile("[\u4e00-\u9fff]+")
MIN_CONTEXT = 10
"""Characters a stem shows besides its blank."""
MIN_DISTRACTORS = 2
MAX_ITEMS = 4
"""Most right options of a multiple choice (with two wrong ones: six options)."""
"""A choice question needs at least this many wrong options of the answer's family."""


class Maker:
    """Turns located phrases into questions; `rng` makes every choice, so a seed fixes the paper."""

    def __init__(self, phrases: list[Located], full_text: str, rng: random.Random, title_of):
        self.phrases = phrases
        self.full_text = full_text
        self.rng = rng
        self.title_of = title_of
        """Sentence → the title of its section (or 开头/结尾部分), for 出处."""
        self.hidden: set[str] = set()
        """Answers of fill-ins on the paper: never shown in an option."""
        self.offered: set[str] = set()
        """Other answers on the paper: an option may repeat one, never hold one inside."""
        self.shown: list[str] = []
        """Stems on the paper."""
        self.vocabulary: list[str] | None = None

    # -- shared ------------------------------------------------------------

    def _window(self, lp: Located) -> tuple[str, int, int] | None:
        """The piece of the sentence a stem shows (see `rules.stem_span`) and the phrase's offsets in
        it; None when the phrase cuts a word, the sentence is a question or gives no stem that keeps
        its conditions."""
        text = lp.sentence.text
        if not cuts_no_word(text, lp.start, lp.end) or text.endswith(("？", "?")) or editorial(text):
            return None
        span = stem_span(text, lp.start, lp.end)
        if span is None:
            return None
        lo, hi = span
        while lo < lp.start and text[lo] in LIST_DASHES:
            lo += 1
        if lo + marker_end(text[lo:]) <= lp.start:  # `二是要…`: the point's marker is no part of the stem
            lo += marker_end(text[lo:])
        while hi > lp.end and text[hi - 1] in "，；：,;:":
            hi -= 1
        if hi - lo - (lp.end - lp.start) < MIN_CONTEXT:  # `开展“（　　）”`: nothing to recall it by
            return None
        if lo < lp.start and starts_dangling(text[lo:hi]):  # `指…`, `所以…`: leans on what came before
            return None
        return text[lo:hi], lp.start - lo, lp.end - lo

    def _question(self, kind: str, lp: Located, stem: str, points: float, **kw) -> Question:
        return Question(type=kind, stem=stem, points=points, source=lp.sentence.text,
                        section=list(lp.sentence.section), section_title=self.title_of(lp.sentence),
                        phrase=lp.text, **kw)

    def _siblings(self, lp: Located, exclude: str, pool: list[str] | None = None) -> list[str]:
        """Texts of the same kind and about the same length, nearest length first (ties random)."""
        texts = pool if pool is not None else [p.text for p in self.phrases if p.kind == lp.kind]
        limit = max(2, len(lp.text) // 2)
        seen, out = set(), []
        for t in texts:
            if t in seen or t == lp.text or t in lp.text or lp.text in t or t in exclude or self._taken(t):
                continue
            seen.add(t)
            if abs(len(t) - len(lp.text)) <= limit and same_family(t, lp.text):
                out.append(t)
        keyed = sorted(out, key=lambda t: (abs(len(t) - len(lp.text)), self.rng.random()))
        return keyed

    def _taken(self, text: str) -> bool:
        return (any(overlaps(text, a) for a in self.hidden)
                or any(overlaps(text, a) and a != text for a in self.offered))

    def remember(self, q: Question) -> None:
        """Keep later options from showing the answers of an accepted question, and later false
        judgements from swapping in a term its stem shows in its true context."""
        (self.offered if may_be_offered(q) else self.hidden).update(secrets(q))
        self.shown.append(q.stem)

    def _absent_variants(self, lp: Located) -> list[str]:
        """`八个对标` → `七个对标`, … (none the speech says), when its numeral counts something."""
        return [v for v in number_variants(lp.text) if v not in self.full_text]

    # -- makers ------------------------------------------------------------

    def single(self, lp: Located, points: float) -> Question | None:
        """The phrase blanked in its stem; three (at least two) options of its own family."""
        if lp.kind == "enumeration":
            return self._item_single(lp, points)
        found = self._window(lp)
        if found is None or not counted(lp) and (len(lp.text) < 4 or common_idiom(lp.text)):
            return None
        window, s, e = found
        wrong = [t for t in self._siblings(lp, window) if shares_character(t, lp.text)][:6]
        if counted(lp):  # its own number changed: the one family that surely fits the slot
            variants = self._absent_variants(lp)[:3]
            wrong = variants if len(variants) >= MIN_DISTRACTORS else variants + wrong
        wrong = _distinct(wrong)
        if len(wrong) < MIN_DISTRACTORS:
            return None
        picked = self.rng.sample(wrong[:6], min(3, len(wrong)))
        options = [lp.text] + picked
        if uniquely_longest(lp.text, options):
            return None
        self.rng.shuffle(options)
        stem = window[:s] + CHOICE_BLANK + window[e:]
        return self._question("single", lp, stem, points, options=options, correct=[lp.text])

    def fill(self, lp: Located, points: float) -> Question | None:
        found = self._window(lp)
        if found is None or len(lp.text) < 3 or common_idiom(lp.text) or asks(lp.text) or names_only(lp.text):
            return None
        window, s, e = found
        stem = window[:s] + blank_for(lp.text) + window[e:]
        return self._question("fill", lp, stem, points, correct=[lp.text])

    def multiple(self, lp: Located, points: float) -> Question | None:
        """The enumeration blanked; its items and at least two items of other lists of one family."""
        items = _distinct(lp.items)
        if not 2 <= len(items) <= MAX_ITEMS or any(i not in lp.text for i in items) or _miscut(items):
            return None
        found = self._window(lp)
        if found is None:
            return None
        window, s, e = found
        pool = [(i, p.sentence.section) for p in self.phrases if p.kind == "enumeration" and p is not lp
                for i in p.items]
        wrong = self._wrong_items(items, pool, lp.sentence.text, lp.sentence.section)
        need = max(MIN_DISTRACTORS, 4 - len(items))
        if len(wrong) < need:
            return None
        options = items + wrong[:need]
        if uniquely_longest(max(items, key=len), options) and len({len(i) for i in items}) == 1:
            return None
        self.rng.shuffle(options)
        stem = window[:s] + CHOICE_BLANK + window[e:]
        return self._question("multiple", lp, stem, points, options=options, correct=items)

    def _wrong_items(self, items: list[str], pool: list[tuple[str, list[int]]], sentence: str,
                     part: list[int]) -> list[str]:
        """Words of the right items' family (word class, length): when they share an affix
        (`积极性、主动性`), the speech's words with it (`先进性`), else items of other enumerations in
        the same part of the speech."""
        affix, lengths = common_affix(items), {len(i) for i in items}
        if affix is not None:
            pool = pool + [(w, part) for w in self._vocabulary()]
        cands = _distinct([p for p, where in pool if p not in items and p not in sentence and not self._taken(p)
                           and not any(p in i or i in p for i in items)
                           and sum(same_family(p, i) for i in items) * 2 > len(items)
                           and len(p) in lengths
                           and (has_affix(p, affix) if affix else where[:1] == part[:1]
                                and any(shares_character(p, i) for i in items))])
        return sorted(cands, key=lambda p: self.rng.random())

    def _vocabulary(self) -> list[str]:
        """The speech's words (jieba's), once: where same-family distractors come from."""
        if self.vocabulary is None:
            from docgen.analysis.words import words

            found = (w for line in self.full_text.split("\n") for w in words(line))
            self.vocabulary = list(dict.fromkeys(w for w in found if len(w) >= 2 and CJK_WORD.fullmatch(w)))
        return self.vocabulary

    def _item_single(self, lp: Located, points: float) -> Question | None:
        """One item of an enumeration whose items share an affix, blanked (`积极性、（　　）、创造性`);
        the wrong options are the speech's words with that affix."""
        items = _distinct(lp.items)
        if len(items) < 3 or common_affix(items) is None or any(i not in lp.text for i in items) or _miscut(items):
            return None
        found = self._window(lp)
        if found is None:
            return None
        window, s, _ = found
        item = self.rng.choice(items[1:])
        at = s + lp.text.index(item)
        if not cuts_no_word(window, at, at + len(item)):
            return None
        pool = [(i, p.sentence.section) for p in self.phrases if p.kind == "enumeration" and p is not lp
                for i in p.items]
        wrong = self._wrong_items(items, pool, lp.sentence.text, lp.sentence.section)[:3]
        options = [item] + wrong
        if len(wrong) < MIN_DISTRACTORS or uniquely_longest(item, options):
            return None
        self.rng.shuffle(options)
        stem = window[:at] + CHOICE_BLANK + window[at + len(item):]
        return self._question("single", lp, stem, points, options=options, correct=[item])

    def false_judgement(self, lp: Located, points: float) -> Question | None:
        """The phrase's stem with one controlled change: its number, or a sibling's term."""
        found = self._window(lp)
        if found is None:
            return None
        window, s, e = found
        if not self._whole_statement(lp, window) or not plain_statement(window):
            return None
        change = self._change(lp, window, s, e)
        if change is None or not cuts_no_word(window, s, s + len(change.before)):
            return None
        at, end = change.offset, change.offset + len(change.before)
        stem = window[:at] + change.after + window[end:]
        if stem in self.full_text:
            return None
        return self._question("judge", lp, stem, points, truth=False, statement=window, change=change)

    def _whole_statement(self, lp: Located, window: str) -> bool:
        """Whether the stem ends where a statement ends (`。`, `！`, or a `；` closing a clause group)."""
        text = lp.sentence.text
        end = text.find(window) + len(window)
        return closes_statement(window) or end + 1 == len(text) and closes_statement(text[text.find(window):])

    def counted_judgement(self, sentence: Sentence, points: float) -> Question | None:
        """A false judgement from a sentence with a counted quantity (`两座大山` → `三座大山`); never a
        statistic, a date or a numeral inside a word."""
        text = sentence.text
        m = next((m for m in COUNTED.finditer(text) if countable_numeral(text, m.start(1), m.end(1))), None)
        if m is None or not plain_statement(text):
            return None
        span = stem_span(text, m.start(), m.end())
        if span is None:
            return None
        lo, hi = span
        if lo + marker_end(text[lo:]) <= m.start():
            lo += marker_end(text[lo:])
        statement, s, before = text[lo:hi].rstrip("；"), m.start() - lo, m.group()
        if not closes_statement(text[lo:hi]) or statement[:1] in LIST_DASHES:
            return None
        variants = number_variants(before)[:2]
        if not variants:
            return None
        after = self.rng.choice(variants)
        stem = statement[:s] + after + statement[s + len(before):]
        if stem in self.full_text:
            return None
        return Question(type="judge", stem=stem, points=points, source=sentence.text,
                        section=list(sentence.section), section_title=self.title_of(sentence), truth=False,
                        statement=statement, change=Change("number", before, after, s))

    def _change(self, lp: Located, window: str, s: int, e: int) -> Change | None:
        """Its number changed (`八个对标` → `七个对标`), or one item of a list whose items share an
        affix changed for the speech's own word of that family (`积极性、主动性、创造性` →
        `积极性、主动性、先进性`). Swapping in another quoted term is never done: a term from
        elsewhere seldom fits the slot, and may turn the statement into an outrage."""
        if counted(lp):
            variants = self._absent_variants(lp)[:3]
            if variants:
                return Change("number", lp.text, self.rng.choice(variants), s)
        items = _distinct(lp.items)
        if lp.kind == "enumeration" and len(items) >= 3 and common_affix(items) and not _miscut(items):
            item = self.rng.choice(items[1:])
            at = lp.text.find(item)
            wrong = [w for w in self._wrong_items(items, [], lp.sentence.text, lp.sentence.section)
                     if w not in window and not any(overlaps(w, stem) for stem in self.shown)]
            if at >= 0 and wrong and cuts_no_word(window, s + at, s + at + len(item)):
                return Change("item", item, wrong[0], s + at)
        return None


def counted(lp: Located) -> bool:
    """A formulation whose numeral counts something (`八个对标`, `两个确立`; not `统一`, `一切`)."""
    span = numeral_span(lp.text)
    if span is None or (lp.kind != "numbered" and len(lp.text) > 6):
        return False
    at = lp.start + span[0]
    return countable_numeral(lp.sentence.text, at, lp.start + span[1])


def _miscut(items: list[str]) -> bool:
    """An enumeration whose first item took the word before it (`是麻痹党、腐化党、破坏党`)."""
    first, rest = items[0], items[1:]
    return first[0] in "是和与及在对把将为要" and all(len(first) == len(i) + 1 for i in rest)


def _distinct(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))
