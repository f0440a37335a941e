"""The tail of a speech: footnotes, editorial notes and page chrome after the spoken text."""

from __future__ import annotations

import re

from docgen.analysis.blocks import Block

RULE = re.compile(r"^[-—―_＿=＝*＊·•~～\s]{3,}$")
NOTES_HEADING = re.compile(r"^(注[\s\u3000]*释|注|附注|脚注|尾注|参考文献)[：:]?$")
FOOTNOTE = re.compile(r"^([〔\[【]\s*[0-9０-９]+\s*[〕\]】]|[⑴-⒇]|[0-9]{1,3}[)）]\s)")
EDITORIAL = re.compile(r"^[（(][^（()）]*[）)]$|^[（(]这是.*[）)]$")
TAIL_CHROME_MAX = 12


def split_notes(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Body blocks and the notes after them; decorative rules inside the body are dropped.

    Notes start at a rule or a `注释` heading that is followed by footnotes (`〔1〕…`, `[1] …`);
    footnotes, editorial remarks in brackets and short page chrome at the very end are notes too.
    """
    for i, b in enumerate(blocks):
        if i and _opens_notes(blocks, i):
            notes = [x.text for x in blocks[i:] if not RULE.match(x.text)]
            return _strip_tail(_without_rules(blocks[:i]), notes)
    return _strip_tail(_without_rules(blocks), [])


def _opens_notes(blocks: list[Block], i: int) -> bool:
    b = blocks[i]
    if b.level or not (RULE.match(b.text) or NOTES_HEADING.match(b.text)):
        return False
    rest = [x for x in blocks[i + 1:] if not (RULE.match(x.text) or NOTES_HEADING.match(x.text))]
    return bool(rest) and (FOOTNOTE.match(rest[0].text) is not None or EDITORIAL.match(rest[0].text) is not None)


def _without_rules(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.level or not RULE.match(b.text)]


def _strip_tail(body: list[Block], notes: list[str]) -> tuple[list[Block], list[str]]:
    tail: list[str] = []
    while body and _is_tail_note(body[-1]):
        tail.insert(0, body.pop().text)
    return body, tail + notes


def _is_tail_note(b: Block) -> bool:
    t = b.text
    if b.level:
        return False
    return bool(b.note or FOOTNOTE.match(t) or EDITORIAL.match(t)
                or (len(t) <= TAIL_CHROME_MAX and t[-1] not in "。！？!?…”" and "谢谢" not in t))
