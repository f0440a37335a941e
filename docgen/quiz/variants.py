"""Paper variants (A卷, B卷): the same questions, shuffled within each type, options shuffled too."""

from __future__ import annotations

import copy
import random

from docgen.quiz.model import TYPES, Paper


def make_variant(paper: Paper, name: str, seed: int) -> Paper:
    """A copy of `paper` named `name`; the shuffle depends only on `seed` and `name`."""
    rng = random.Random(f"{seed}:{name}")
    out = copy.deepcopy(paper)
    out.variant = name
    shuffled = []
    for kind in TYPES:
        group = out.of_type(kind)
        rng.shuffle(group)
        for q in group:
            if q.options:
                rng.shuffle(q.options)
        shuffled.extend(group)
    out.questions = shuffled
    return out


def parse_variants(text: str | None) -> list[str]:
    """`A,B` → [`A`, `B`]; empty names dropped, duplicates kept once."""
    if not text:
        return []
    return list(dict.fromkeys(v.strip() for v in text.replace("，", ",").split(",") if v.strip()))
