"""Makers for the objective questions: single choice, multiple choice, fill-in and judgement."""

from __future__ import annotations

import random

from docgen.quiz.model import Change, Question
from docgen.quiz.phrases import Located
from docgen.quiz.reveal import may_be_offered, overlaps, secrets
from docgen.quiz.source import Sentence
from docgen.quiz.text import COUNTED, blank_for, clause_window, find_figure, number_variants, numeral_span

CHOICE_BLANK = "（　　）"


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

    # -- shared ------------------------------------------------------------

    def _window(self, lp: Located) -> tuple[str, int, int]:
        """The clause piece holding the phrase and the phrase's offsets inside it."""
        lo, hi = clause_window(lp.sentence.text, lp.start, lp.end)
        return lp.sentence.text[lo:hi], lp.start - lo, lp.end - lo

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
            if abs(len(t) - len(lp.text)) <= limit:
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

    def _absent_variants(self, phrase: str) -> list[str]:
        return [v for v in number_variants(phrase) if v not in self.full_text]

    # -- makers ------------------------------------------------------------

    def single(self, lp: Located, points: float) -> Question | None:
        window, s, e = self._window(lp)
        wrong = self._siblings(lp, window)[:6]
        if _counted(lp):
            wrong = wrong[:2] + self._absent_variants(lp.text)[:3] + wrong[2:]
        wrong = _distinct(wrong)
        if len(wrong) < 3:
            return None
        picked = self.rng.sample(wrong[:6], 3)
        options = [lp.text] + picked
        self.rng.shuffle(options)
        stem = window[:s] + CHOICE_BLANK + window[e:]
        return self._question("single", lp, stem, points, options=options, correct=[lp.text])

    def fill(self, lp: Located, points: float) -> Question | None:
        window, s, e = self._window(lp)
        stem = window[:s] + blank_for(lp.text) + window[e:]
        return self._question("fill", lp, stem, points, correct=[lp.text])

    def multiple(self, lp: Located, points: float) -> Question | None:
        items = _distinct(lp.items)
        if not 2 <= len(items) <= 5 or any(i not in lp.text for i in items):
            return None
        window, s, e = self._window(lp)
        pool = [i for p in self.phrases if p.kind == "enumeration" and p is not lp for i in p.items]
        wrong = self._wrong_items(items, pool, lp.sentence.text)
        need = max(1, 4 - len(items))
        if len(wrong) < need:
            return None
        options = items + wrong[:need]
        self.rng.shuffle(options)
        stem = window[:s] + CHOICE_BLANK + window[e:]
        return self._question("multiple", lp, stem, points, options=options, correct=items)

    def _wrong_items(self, items: list[str], pool: list[str], sentence: str) -> list[str]:
        """Items of other enumerations, like the right ones (same last character, similar length)."""
        mean = sum(map(len, items)) / len(items)
        endings = {i[-1] for i in items}
        cands = _distinct([p for p in pool if p not in items and p not in sentence and not self._taken(p)
                           and not any(p in i or i in p for i in items)])
        return sorted(cands, key=lambda p: (p[-1] not in endings, abs(len(p) - mean), self.rng.random()))

    def false_judgement(self, lp: Located, points: float) -> Question | None:
        """The phrase's clause with one controlled change: its number, or a sibling's term."""
        window, s, e = self._window(lp)
        if window.endswith(("？", "?")):  # a question is neither true nor false
            return None
        change = self._change(lp, window, s, e)
        if change is None:
            return None
        stem = window[:s] + change.after + window[e:]
        if stem in self.full_text:
            return None
        return self._question("judge", lp, stem, points, truth=False, statement=window, change=change)

    def counted_judgement(self, sentence: Sentence, points: float) -> Question | None:
        """A false judgement from a sentence with a counted quantity (`两座大山` → `三座大山`) or
        else a figure (`1200多家企业` → `1500多家企业`, `百分之十五` → `百分之二十`)."""
        m = COUNTED.search(sentence.text)
        if m is not None:
            start, before, variants = m.start(), m.group(), number_variants(m.group())[:2]
        else:
            found = find_figure(sentence.text)
            if found is None:
                return None
            start, before, variants = found
        lo, hi = clause_window(sentence.text, start, start + len(before))
        statement, s = sentence.text[lo:hi], start - lo
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
        if _counted(lp):
            variants = self._absent_variants(lp.text)[:3]
            if variants:
                return Change("number", lp.text, self.rng.choice(variants), s)
        if lp.kind == "quoted":
            near = [p.text for p in self.phrases if p.kind == "quoted" and _sibling_sections(p, lp)]
            swaps = [t for t in self._siblings(lp, window, near) if abs(len(t) - len(lp.text)) <= 2
                     and not any(overlaps(t, stem) for stem in self.shown)][:4]
            if swaps:
                return Change("swap", lp.text, self.rng.choice(swaps), s)
        return None


def _sibling_sections(a: Located, b: Located) -> bool:
    """Same section, or sibling sections (same parent): `[3]`/`[5]`, `[2, 1]`/`[2, 4]`."""
    pa, pb = a.sentence.section, b.sentence.section
    return len(pa) == len(pb) and pa[:-1] == pb[:-1]


def _counted(lp: Located) -> bool:
    """A numbered formulation, or a short quoted one with a number in it (`两个确立`)."""
    return lp.kind == "numbered" or (len(lp.text) <= 6 and numeral_span(lp.text) is not None)


def _distinct(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))
