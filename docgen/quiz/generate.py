"""Plan a test paper from a speech: which sentence and phrase each question comes from. Seeded."""

from __future__ import annotations

import math
import random

from docgen.analysis.frontmatter import starts_with_address
from docgen.model import Speech
from docgen.quiz.choice import Maker, counted
from docgen.quiz.outline import outline_multiple, outline_parts, outline_single
from docgen.quiz.model import DEFAULT_COUNTS, DEFAULT_POINTS, TYPES, KeyPoint, Paper, Question
from docgen.quiz.phrases import Located, locate
from docgen.quiz.reveal import gives_away, shows_own_answer
from docgen.quiz.short import ShortCandidate, candidate_sentences, short_candidates
from docgen.quiz.source import Sentence, find_section, speech_sentences
from docgen.quiz.rules import marker_end, stands_alone, stem_span
from docgen.quiz.select import MIN_FALSE_SHARE, TYPE_NAMES, choose, honest_warning, spread_over_parts  # noqa: F401 (TYPE_NAMES re-exported)
from docgen.quiz.text import LIST_DASHES, clause_window, split_points

DEFAULT_PATTERNS = {
    "section": "简述讲话第{number}部分“{title}”的主要内容。",
    "phrase": "简述讲话中关于“{phrase}”的论述。",
    "topic": "讲话指出：“{sentence}”请简述讲话对此的论述。",
    "overview": "简述讲话的主要内容。",
    "outline_single": "下列属于讲话“{title}”部分所讲内容的是（　　）。",
    "outline_multiple": "讲话“{title}”部分所讲内容包括（　　）。",
    "outline_multiple_top": "讲话的主要内容包括（　　）。",
    "opening": "开头部分",
    "closing": "结尾部分",
}
JUDGE_SENTENCE_LEN = (12, 60)
MAX_SHORT_TOTAL = 40
"""Short answers take at most this many points of a paper."""
SCARE_WORDS = ("所谓", "什么", "叫做", "称为", "号称", "鼓吹")
NAMING_WORDS = ("叫", "称", "骂")
CANDIDATES = 2
"""The bank holds this many candidates for each question the paper asks."""
LONG_SPEECH = 20000
"""Characters from which a speech is a long report: its questions are on what recurs or heads a part."""

MAX_BLANK = 16
"""Longest enumeration blanked whole in a fill-in or single-choice question."""


def plan_paper(speech: Speech, *, seed: int = 0, counts: dict | None = None, points: dict | None = None,
               phrases=None, patterns: dict | None = None, title: str = "", class_name: str = "") -> Paper:
    """The questions of a paper in conventional order, each traceable to its sentence.

    Twice the questions asked for are made (`Paper.candidates`, for the editable bank); the paper
    takes the best that cover the speech's parts. A paper the speech cannot fill is shorter, with
    its own total and one warning in `Paper.warnings`; short answers never take more than
    `MAX_SHORT_TOTAL` points.
    """
    counts = {**DEFAULT_COUNTS, **(counts or {})}
    points = {**DEFAULT_POINTS, **(points or {})}
    if points["short"] and counts["short"] * points["short"] > MAX_SHORT_TOTAL:
        counts["short"] = int(MAX_SHORT_TOTAL // points["short"])
    if phrases is None:
        from docgen.analysis.phrases import key_phrases

        phrases = key_phrases(speech)
    planner = _Planner(speech, phrases, random.Random(seed), {**DEFAULT_PATTERNS, **(patterns or {})})
    made = planner.run({t: CANDIDATES * n for t, n in counts.items()}, points)
    chosen = choose(made, counts)
    questions = [q for t in TYPES for q in sorted(chosen[t], key=planner.order)]
    others = [q for t in TYPES for q in sorted(made[t], key=planner.order) if q not in chosen[t]]
    for q in others:
        q.chosen = False
    target = sum(counts[t] * points[t] for t in TYPES)
    paper = Paper(title=title, class_name=class_name, questions=questions, candidates=others, target=target)
    warning = honest_warning(chosen, counts, paper.total, target)
    paper.warnings = [warning] if warning else []
    return paper


class _Planner:
    def __init__(self, speech: Speech, phrases, rng: random.Random, patterns: dict[str, str]):
        self.speech = speech
        self.rng = rng
        self.sentences = speech_sentences(speech)
        self.full_text = "\n".join(s.text for s in self.sentences)
        self.located = _worth_asking(locate(phrases, self.sentences), self.sentences, self.full_text)
        self.position = {s.text: s.index for s in reversed(self.sentences)}
        self.titles = _section_titles(speech, self.sentences)
        self.patterns = patterns
        first = next((s.index for s in self.sentences if s.section), len(self.sentences))
        self.first_section_index = first
        self.maker = Maker(self.located, self.full_text, rng, self.title_of)
        self.shorts = short_candidates(speech, self.sentences, self.located, patterns)
        self.used_sentences: set[int] = set()
        """Sentences shown whole (true judgements, short-answer 要点): no other question may use them."""
        self.on_sentence: dict[int, list[tuple[int, int]]] = {}
        """The clause spans phrase questions show of each sentence: another may use only other clauses."""
        self.accepted: list[Question] = []
        self.used_phrases: set[str] = set()
        self.short_sentences: set[int] = set()
        self.stems: set[str] = set()

    def title_of(self, s: Sentence) -> str:
        if s.section:
            return self.titles.get(tuple(s.section), "")
        if not self.speech.sections:
            return ""
        return self.patterns["opening" if s.index < self.first_section_index else "closing"]

    # -- the plan ------------------------------------------------------------

    def run(self, counts: dict, points: dict) -> dict[str, list[Question]]:
        made: dict[str, list[Question]] = {t: [] for t in TYPES}
        made["multiple"] = self._multiples(counts["multiple"], points["multiple"])
        made["short"] = self._shorts(counts["short"], points["short"])
        self._objective(made, counts, points)
        self._outline(made, counts, points)
        return made

    def order(self, q: Question) -> int:
        return self.position.get(q.source, 0)

    def _room(self, s: Sentence, span: tuple[int, int] | None) -> bool:
        """A sentence gives a second question only from clauses the first one does not show."""
        taken = self.on_sentence.get(s.index, [])
        return not taken or (span is not None and all(span[1] <= lo or hi <= span[0] for lo, hi in taken))

    def _accept(self, q: Question | None, sentences: list[Sentence], span: tuple[int, int] | None = None) -> bool:
        if q is None or q.stem in self.stems or any(s.index in self.used_sentences for s in sentences):
            return False
        if shows_own_answer(q):
            return False
        if any(not self._room(s, span) for s in sentences) or any(gives_away(q, o) for o in self.accepted):
            return False
        if q.phrase:
            self.used_phrases.add(q.phrase)
            for s in sentences:
                self.on_sentence.setdefault(s.index, []).append(span or (0, len(s.text)))
        else:
            self.used_sentences.update(s.index for s in sentences)
        self.stems.add(q.stem)
        self.accepted.append(q)
        self.maker.remember(q)
        return True

    def _free(self, lp: Located) -> bool:
        return lp.text not in self.used_phrases and lp.sentence.index not in self.used_sentences

    def _multiples(self, count: int, pts: float) -> list[Question]:
        out = []
        pool = [lp for lp in self.located if lp.kind == "enumeration"]
        self.rng.shuffle(pool)
        pool = spread_over_parts(pool, lambda lp: lp.sentence.section)
        for lp in pool:
            if len(out) >= count:
                break
            q = self.maker.multiple(lp, pts) if self._free(lp) else None
            if self._accept(q, [lp.sentence], _span(lp)):
                out.append(q)
        return out

    def _objective(self, made: dict, counts: dict, points: dict) -> None:
        """Single, fill and false judgements share the quoted and numbered phrases in turn, so none
        starves, then short enumerations; true judgements then come from whole sentences.

        Phrases dealt to single choice and judgement are only reserved in the first round: fill-in
        answers must stay out of every option, and a false judgement must not swap in a term another
        stem shows, so those are made once the fill-ins, then the single choices, are known."""
        pool = [lp for lp in self.located if lp.kind in ("quoted", "numbered")]
        self.rng.shuffle(pool)
        lists = [lp for lp in self.located if lp.kind == "enumeration" and len(lp.text) <= MAX_BLANK]
        self.rng.shuffle(lists)
        pool = spread_over_parts(pool + lists, lambda lp: lp.sentence.section)
        wanted = {"single": counts["single"], "fill": counts["fill"], "judge": math.ceil(counts["judge"] / 2)}
        self._counted_first(made, pool, wanted, points)
        reserved: dict[str, list[Located]] = {"single": [], "fill": [], "judge": []}
        turn = 0
        for lp in pool:
            for k in range(3):
                kind = ("single", "fill", "judge")[(turn + k) % 3]
                if len(made[kind]) + len(reserved[kind]) >= wanted[kind] or not self._free(lp):
                    continue
                if kind != "fill":
                    reserved[kind].append(lp)
                elif self._accept(self._objective_one(kind, lp, points[kind]), [lp.sentence], _span(lp)):
                    made[kind].append(self.accepted[-1])
                else:
                    continue
                turn += 1
                break
        queues = {kind: reserved[kind] + [lp for lp in pool if lp not in reserved[kind]] for kind in reserved}
        progress = True
        while progress:
            progress = False
            for kind in ("judge", "single", "fill"):
                if len(made[kind]) < wanted[kind]:
                    progress |= self._one_more(made[kind], kind, queues[kind], points[kind])
        self._sentence_judgements(made["judge"], counts["judge"], points["judge"])

    def _counted_first(self, made: dict, pool: list[Located], wanted: dict, points: dict) -> None:
        """Counted formulations (`八个对标`) first, to false judgements and single choices in turn:
        they are what those two types are best made of, and the scarcest."""
        turn = 0
        for lp in [lp for lp in pool if counted(lp)]:
            for kind in (("judge", "single") if turn % 2 == 0 else ("single", "judge")):
                if len(made[kind]) < wanted[kind] and self._free(lp) and self._accept(
                        self._objective_one(kind, lp, points[kind]), [lp.sentence], _span(lp)):
                    made[kind].append(self.accepted[-1])
                    turn += 1
                    break

    def _one_more(self, made: list[Question], kind: str, queue: list[Located], pts: float) -> bool:
        """Make one question of `kind` from the front of `queue` (used entries are dropped)."""
        while queue:
            lp = queue.pop(0)
            if self._free(lp) and self._accept(self._objective_one(kind, lp, pts), [lp.sentence], _span(lp)):
                made.append(self.accepted[-1])
                return True
        return False

    def _outline(self, made: dict, counts: dict, points: dict) -> None:
        """Choice questions on which points each part makes, where the phrases did not reach the counts."""
        parts = outline_parts(self.speech, self.sentences)
        self.rng.shuffle(parts)
        for part in parts:
            others = [(abs(len(o.path) - len(part.path)), p.title) for o in parts
                      if o.path != part.path[:len(o.path)] for p in o.points]  # not its own or an enclosing part
            if len(made["multiple"]) < counts["multiple"]:
                q = outline_multiple(part, others, self.rng, points["multiple"], self.patterns, self.title_of)
                if self._accept(q, [p.sentence for p in part.points]):
                    made["multiple"].append(q)
                    continue
            for point in self.rng.sample(part.points, len(part.points)):
                if len(made["single"]) >= counts["single"]:
                    break
                q = outline_single(part, point, others, self.rng, points["single"], self.patterns, self.title_of)
                if self._accept(q, [point.sentence]):
                    made["single"].append(q)
                    break

    def _objective_one(self, kind: str, lp: Located, pts: float) -> Question | None:
        if kind == "single":
            return self.maker.single(lp, pts)
        if kind == "fill":
            return self.maker.fill(lp, pts)
        return self.maker.false_judgement(lp, pts)

    def _sentence_judgements(self, judged: list[Question], count: int, pts: float) -> None:
        """More false judgements from counted quantities, then true ones from whole sentences, key-phrase
        sentences first: as many as the count leaves, but never so many that answering “√” throughout
        scores well (no false ones, no true ones)."""
        lo, hi = JUDGE_SENTENCE_LEN
        with_phrase = {lp.sentence.index for lp in self.located}
        pool = [s for s in self.sentences if not s.heading and not s.marker and lo <= len(s.text) <= hi
                and s.text[-1] not in "？?" and not starts_with_address(s.text)]  # no question, no `同志们，…`
        self.rng.shuffle(pool)
        pool.sort(key=lambda s: s.index not in with_phrase)
        pool = spread_over_parts(pool, lambda s: s.section)
        wanted_false = math.ceil(count / 2)
        for s in pool:
            if sum(q.truth is False for q in judged) >= wanted_false:
                break
            q = self.maker.counted_judgement(s, pts) if s.index not in self.on_sentence else None
            if self._accept(q, [s]):
                judged.append(q)
        falses = sum(q.truth is False for q in judged)
        trues = min(count - falses, math.floor(falses * (1 - MIN_FALSE_SHARE) / MIN_FALSE_SHARE + 1e-9))
        for s in pool:
            if trues <= 0 or len(judged) >= count:
                return
            statement = s.text.lstrip(LIST_DASHES)
            statement = statement[marker_end(statement):]
            if s.index in self.on_sentence or not stands_alone(statement):
                continue
            statement = statement.rstrip("；")
            q = Question(type="judge", stem=statement, points=pts, source=s.text, section=list(s.section),
                         section_title=self.title_of(s), truth=True, statement=statement)
            if self._accept(q, [s]):
                judged.append(q)
                trues -= 1

    def _shorts(self, count: int, pts: float) -> list[Question]:
        out: list[Question] = []
        by_tier: dict[int, list[ShortCandidate]] = {}
        for c in self.shorts:
            by_tier.setdefault(c.tier, []).append(c)
        for tier in sorted(by_tier):
            self.rng.shuffle(by_tier[tier])
        self.short_queue = [c for tier in sorted(by_tier) for c in by_tier[tier]]
        self._more_shorts(out, count, pts)
        return out

    def _more_shorts(self, out: list[Question], count: int, pts: float) -> None:
        """Take short answers from the queue; their 要点 never repeat another short answer's (extra ones,
        taken after the objective questions, may repeat a sentence those quote)."""
        while len(out) < count and self.short_queue:
            c = self.short_queue.pop(0)
            shown = candidate_sentences(c)
            if c.stem in self.stems or any(s.index in self.short_sentences for s in shown):
                continue
            first = c.origin
            q = Question(type="short", stem=c.stem, points=pts, source=first.text, section=list(first.section),
                         section_title=self.title_of(first))
            _set_key_points(q, c.sentences)
            if any(gives_away(q, o) for o in self.accepted):
                continue
            self.stems.add(q.stem)
            self.accepted.append(q)
            self.used_sentences.update(s.index for s in shown)
            self.short_sentences.update(s.index for s in shown)
            out.append(q)


def _span(lp: Located) -> tuple[int, int]:
    """The part of its sentence a question on `lp` shows."""
    return stem_span(lp.sentence.text, lp.start, lp.end) or clause_window(lp.sentence.text, lp.start, lp.end)


def _scare_quoted(lp: Located) -> bool:
    """Quoted to reject it (`所谓“…”`), or a name the speech calls something (`骂洋人叫“洋鬼子”`,
    `“东方之星”号客轮`): no formulation of its own."""
    text = lp.sentence.text
    after = text[lp.end:lp.end + 2]
    named = text[max(0, lp.start - 2):lp.start].rstrip("“‘").endswith(NAMING_WORDS) or after[1:2] == "号"
    return lp.kind == "quoted" and (named or any(f"{w}“" in text or f"{w}‘" in text for w in SCARE_WORDS))


def _worth_asking(located: list[Located], sentences: list[Sentence], full_text: str) -> list[Located]:
    """All phrases of a speech; of a long report only those it repeats or puts in a heading (a
    throwaway word of a 30,000-character report is not worth testing). Never a phrase in scare quotes
    (`所谓“社会改革”`): the speech quotes it to reject it."""
    located = [lp for lp in located if not _scare_quoted(lp)]
    if len(full_text) < LONG_SPEECH:
        return located
    headings = "\n".join(s.text for s in sentences if s.heading or s.marker)
    return [lp for lp in located if full_text.count(lp.text) >= 2 or lp.text in headings]


def _set_key_points(q: Question, sentences: list[Sentence] | None) -> None:
    """Split the question's points over its 要点 (from `sentences`, or the ones it already has)."""
    texts = [s.text for s in sentences] if sentences is not None else [k.text for k in q.key_points]
    q.key_points = [KeyPoint(t, p) for t, p in zip(texts, split_points(q.points, len(texts)))]


def _section_titles(speech: Speech, sentences: list[Sentence]) -> dict[tuple, str]:
    """Section path → its heading, for every path a sentence has."""
    titles: dict[tuple, str] = {}
    for s in sentences:
        key = tuple(s.section)
        if key and key not in titles:
            sec = find_section(speech, list(key))
            titles[key] = (sec.short_title or sec.heading) if sec else ""
    return titles
