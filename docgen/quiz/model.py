"""A test paper as plain data: questions, their answers and where each comes from. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field

TYPES = ("single", "multiple", "judge", "fill", "short")
"""Question types in the conventional order of a Chinese test paper (单选, 多选, 判断, 填空, 简答)."""

DEFAULT_COUNTS = {"single": 10, "multiple": 5, "judge": 10, "fill": 10, "short": 2}
DEFAULT_POINTS = {"single": 2, "multiple": 4, "judge": 1, "fill": 2, "short": 15}
"""20 + 20 + 10 + 20 + 30 = 100 points."""

LETTERS = "ABCDEFGH"


@dataclass
class Change:
    """The one controlled change that turns a true statement into a false judgement."""

    kind: str
    """`number` (八个对标 → 六个对标), `item` (one item of a list replaced by a word of its family:
    创造性 → 先进性) or `edit` (a false statement the trainer wrote in the bank)."""
    before: str
    after: str
    offset: int
    """Where `before` starts in the true statement (and `after` in the false one)."""


@dataclass
class KeyPoint:
    """One 要点 of a short-answer question, verbatim from the speech, with its points."""

    text: str
    points: float


@dataclass
class Question:
    type: str
    stem: str
    points: float
    source: str
    """The speech sentence the question was made from, verbatim."""
    section: list[int] = field(default_factory=list)
    """Path of section numbers (`[2]` = 第二部分, `[2, 3]` its third point); empty = 开头/结尾."""
    section_title: str = ""
    options: list[str] = field(default_factory=list)
    correct: list[str] = field(default_factory=list)
    """single/multiple: the correct option texts; fill: the blanked words."""
    truth: bool | None = None
    """judge: whether the statement is true."""
    change: Change | None = None
    """judge (false): how the statement differs from the speech."""
    statement: str = ""
    """judge: the true statement (a verbatim piece of `source`) the stem was made from."""
    key_points: list[KeyPoint] = field(default_factory=list)
    """short: the 要点 and their points."""
    phrase: str = ""
    """The key phrase the question tests (used to avoid two questions on one phrase)."""
    chosen: bool = True
    """On the paper; False for a candidate the bank offers in reserve."""

    def answer_letters(self) -> str:
        """`B`, `ACD` for choice questions; empty for the others."""
        return "".join(LETTERS[i] for i, o in enumerate(self.options) if o in self.correct)

    def answer_text(self) -> str:
        """The answer as the key prints it (letters, √/×, the blanked words, or the 要点 joined)."""
        if self.type in ("single", "multiple"):
            return self.answer_letters()
        if self.type == "judge":
            return "√" if self.truth else "×"
        if self.type == "fill":
            return "；".join(self.correct)
        return "；".join(k.text for k in self.key_points)


@dataclass
class Paper:
    """One variant of a paper: the questions grouped in TYPES order."""

    title: str
    class_name: str
    variant: str = ""
    questions: list[Question] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    candidates: list[Question] = field(default_factory=list)
    """Questions made but not chosen (the bank lists them for the trainer to swap in)."""
    target: float = 0
    """The total a full paper would have; a shorter paper says so on its instructions."""

    def of_type(self, kind: str) -> list[Question]:
        return [q for q in self.questions if q.type == kind]

    def groups(self) -> list[tuple[str, list[Question]]]:
        """(type, questions) for each type that has questions, in conventional order."""
        return [(t, self.of_type(t)) for t in TYPES if self.of_type(t)]

    @property
    def total(self) -> float:
        return sum(q.points for q in self.questions)

    @property
    def short_of_target(self) -> bool:
        return bool(self.target) and self.total < self.target
