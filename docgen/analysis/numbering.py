"""Which numbering candidates really open sections, and at what depth.

General rules (not fitted to any one speech):
- Styles nest in the order they first appear: the first style seen is level 1, a new style
  seen inside it is level 2, and so on; meeting a style already open closes the deeper ones.
- A run starts only at 1 and only when item 2 of the same style opens a later paragraph before
  the enclosing run moves on; so `还必须：第一，…第二，…` inside one paragraph is never sections.
- Items must follow on (n+1); a repeat or a gap of one or two is accepted and warned about later;
  anything else is ordinary text.
- Consecutive one-sentence items of a run-in or Arabic style with no body are a list, not sections.
- Headings given by the source format (Markdown `##`, Word heading styles) always open sections
  and sit above every numbering found in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.analysis.blocks import Block
from docgen.analysis.markers import Marker, find_marker, is_heading_line
from docgen.analysis.sentences import first_sentence

LINE_STYLES = {"cn-line"}
TOP_STYLES = {"cn-line", "cn-dun", "di-部分"}
LIST_PRONE = ("shi", "yao", "seq", "di", "ar-", "circled")
MAX_GAP = 2
LIST_ITEM_MAX = 60


@dataclass
class Event:
    """Block `index` opens a section at `depth` (0 = top level) with ordinal `number`."""

    index: int
    marker: Marker
    depth: int
    number: int
    explicit: bool = False


@dataclass
class _Level:
    style: str
    last: int
    explicit: bool = False


def detect(blocks: list[Block]) -> list[Event]:
    """The section openings among `blocks`, in order."""
    cands = [None if b.level else find_marker(b.text) for b in blocks]
    _unlabelled_first(blocks, cands)
    stack: list[_Level] = []
    rejected: set[int] = set()
    events: list[Event] = []
    for i, b in enumerate(blocks):
        if b.level:
            events.append(_explicit(i, b, stack))
            continue
        m = cands[i]
        if m is None or i in rejected:
            continue
        event = _continue_run(i, m, stack) or _start_run(i, m, stack, cands, rejected, blocks)
        if event:
            events.append(event)
    return _drop_opening_lists(events)


FIRST_POINT = re.compile(r"第一点|第一个问题|第一个方面")
OPENS_WITH_FIRST = re.compile(r"^.{0,8}(?:第一点|第一个问题|第一个方面)")
ANNOUNCES_POINTS = re.compile(r"(?:讲|谈|说)(?:[一二三四五六七八九两几]|以下几)(?:点|个问题|个方面)")


def _unlabelled_first(blocks: list[Block], cands: list[Marker | None]) -> None:
    """A first point the speaker never labels: `第二点：…` follows a paragraph that says
    `这是我要讲的第一点`. The first point then starts after the paragraph announcing the points
    (`我讲三点意见`), or at the start of the body; or at the paragraph itself when it opens with
    `我要讲的第一点是…`."""
    second = next((j for j, c in enumerate(cands) if c and c.number == 2 and c.style.startswith("di")), None)
    if second is None or any(c and c.style == cands[second].style and c.number == 1 for c in cands[:second]):
        return
    mention = next((k for k in range(second - 1, -1, -1) if FIRST_POINT.search(blocks[k].text)), None)
    if mention is None or any(b.level for b in blocks[:second]):
        return
    if OPENS_WITH_FIRST.match(blocks[mention].text):
        start = mention
    else:
        announced = [k for k in range(mention) if ANNOUNCES_POINTS.search(blocks[k].text)]
        start = announced[-1] + 1 if announced else 0
    if cands[start] is None:
        cands[start] = Marker(cands[second].style, 1, "", blocks[start].text)


def _drop_opening_lists(events: list[Event]) -> list[Event]:
    """Runs before the first top-rank heading (`一、`) are lists in the opening remarks, not points."""
    first = next((k for k, e in enumerate(events) if e.depth == 0 and e.marker.style in TOP_STYLES), 0)
    return [e for k, e in enumerate(events) if k >= first or e.explicit]


def _explicit(i: int, b: Block, stack: list[_Level]) -> Event:
    while stack and not stack[-1].explicit:
        stack.pop()
    m = find_marker(b.text)
    numbered = m is not None and (m.style in LINE_STYLES or is_heading_line(m.rest))
    style = f"h{b.level}-{m.style if numbered else 'plain'}"
    marker = m if numbered else Marker(style, 0, "", b.text)
    depth = next((k for k, lv in enumerate(stack) if lv.style == style), None)
    if depth is None:
        stack.append(_Level(style, 0, explicit=True))
        depth = len(stack) - 1
    del stack[depth + 1:]
    number = marker.number or stack[depth].last + 1
    stack[depth].last = number
    return Event(i, Marker(style, number, marker.marker, marker.rest), depth, number, explicit=True)


def _continue_run(i: int, m: Marker, stack: list[_Level]) -> Event | None:
    depth = next((k for k, lv in enumerate(stack) if lv.style == m.style), None)
    if depth is None:
        return None
    level = stack[depth]
    number = m.number or level.last + 1
    if not (level.last <= number <= level.last + 1 + MAX_GAP):
        return None
    del stack[depth + 1:]
    level.last = number
    return Event(i, m, depth, number)


def _start_run(i: int, m: Marker, stack: list[_Level], cands: list[Marker | None], rejected: set[int],
               blocks: list[Block]) -> Event | None:
    if m.number != 1:
        return None
    enclosing = _enclosing(m, stack)
    items = _run_items(i, m, enclosing, cands, blocks)
    if len(items) < 2:
        return None
    if m.style.startswith(LIST_PRONE) and _is_list(items, cands):
        rejected.update(items)
        return None
    stack[:] = [*enclosing, _Level(m.style, 1)]
    return Event(i, m, len(stack) - 1, 1)


def _enclosing(m: Marker, stack: list[_Level]) -> list[_Level]:
    """The open levels a new run nests in: a top-rank heading style (`一、`, `一　X`) closes
    lower-ranked runs such as an `一是…二是…` list in the opening remarks."""
    if m.style not in TOP_STYLES:
        return list(stack)
    keep = [lv for lv in stack if lv.explicit or lv.style in TOP_STYLES]
    return keep if len(keep) == len(stack) or all(lv.explicit for lv in keep) else list(stack)


def _run_items(i: int, m: Marker, stack: list[_Level], cands: list[Marker | None],
               blocks: list[Block]) -> list[int]:
    """Indices of items 1, 2, 3 … of the run `m` starts, until an enclosing run moves on."""
    items, expected = [i], 2
    for j in range(i + 1, len(cands)):
        c = cands[j]
        if blocks[j].level:
            break
        if c is None:
            continue
        if c.style == m.style and (c.number == expected or (m.style == "seq" and c.number == 0)):
            items.append(j)
            expected += 1
            if c.number == 0:
                break
        elif any(lv.style == c.style and c.number == lv.last + 1 for lv in stack):
            break
    return items


def _is_list(items: list[int], cands: list[Marker | None]) -> bool:
    consecutive = all(b == a + 1 for a, b in zip(items, items[1:]))
    return consecutive and all(_one_sentence(cands[j]) for j in items)


def _one_sentence(m: Marker | None) -> bool:
    if m is None:
        return False
    head, rest = first_sentence(m.rest)
    return not rest.strip() and len(m.rest) <= LIST_ITEM_MAX
