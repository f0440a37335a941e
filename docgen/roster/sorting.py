"""Sort attendees: roster order, 拼音 (with surname readings), 姓氏笔画/姓名笔画, or by 单位.

姓氏笔画 rules (conventions §6): compare the surname's first character (a compound surname
by its first character) by stroke count, then by 笔顺 (横竖撇点折); then the given name,
where a one-character given name counts as a blank followed by that character (田富 before
田大利). `full_name=True` is the 姓名笔画 convention: no blank (田大利 before 田富).
"""

from __future__ import annotations

from collections.abc import Iterable

from docgen.report import warn
from docgen.roster.model import Attendee
from docgen.roster.strokes import stroke_table
from docgen.roster.surnames import READINGS, split_name

SORT_MODES = ("none", "pinyin", "strokes", "unit")
_BLANK = (0, 0)
_UNKNOWN_BASE = 10_000


def sort_attendees(attendees: Iterable[Attendee], mode: str = "none", *, full_name: bool = False) -> list[Attendee]:
    """A new list in `mode` order; ties keep roster order."""
    people = list(attendees)
    if mode == "none":
        return people
    if mode == "pinyin":
        return sorted(people, key=lambda a: pinyin_key(a.name))
    if mode == "strokes":
        keyer = StrokeKeyer(full_name)
        result = sorted(people, key=lambda a: keyer.key(a.name))
        keyer.report_missing()
        return result
    if mode == "unit":
        return [a for group in group_by_unit(people).values() for a in group]
    raise ValueError(f"unknown sort mode {mode!r}")


def group_by_unit(attendees: Iterable[Attendee]) -> dict[str, list[Attendee]]:
    """Attendees grouped by 单位, units in order of first appearance, roster order within a unit."""
    groups: dict[str, list[Attendee]] = {}
    for a in attendees:
        groups.setdefault(a.unit, []).append(a)
    return groups


# -- pinyin -------------------------------------------------------------------

def pinyin_key(name: str) -> list[tuple[str, int, str]]:
    """(syllable, tone, char) per character; the surname read as a surname (曾 zēng, 单 shàn)."""
    surname, given = split_name(name)
    syllables = READINGS.get(surname) or (READINGS.get(surname[:1]) or _tone3(surname[:1])) + _tone3(surname[1:])
    syllables = syllables + _tone3(given)
    key = []
    for ch, syl in zip(name, syllables):
        tone = syl[-1] if syl[-1:].isdigit() else "5"
        key.append((syl.rstrip("012345").lower(), int(tone), ch))
    return key


def _tone3(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    if not text:
        return []
    out = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: list(s))
    return out if len(out) == len(text) else list(text)


# -- strokes ------------------------------------------------------------------

class StrokeKeyer:
    """Sort keys by stroke count and 笔画序; remembers characters the table lacks."""

    def __init__(self, full_name: bool = False):
        self.table = stroke_table()
        self.full_name = full_name
        self.missing: dict[str, str] = {}

    def char_key(self, ch: str, name: str) -> tuple[int, int]:
        entry = self.table.get(ch)
        if entry is None:
            if not ch.isascii():
                self.missing.setdefault(ch, name)
            return (_UNKNOWN_BASE, ord(ch))
        return entry

    def key(self, name: str) -> list[tuple[int, int]]:
        surname, given = split_name(name)
        keys = [self.char_key(surname[0], name)] if surname else []
        if len(surname) == 2:
            keys.append(self.char_key(surname[1], name))
        elif not self.full_name:
            keys.append(_BLANK)  # sort all single surnames before the compound ones sharing the character
        given_keys = [self.char_key(c, name) for c in given]
        if len(given) == 1 and not self.full_name:
            given_keys.insert(0, _BLANK)
        return keys + given_keys

    def report_missing(self) -> None:
        for ch, name in self.missing.items():
            warn(f"笔画数据中没有“{ch}”（{name}），按笔画排序时排在最后，请人工核对")
