"""Dump what docgen makes of speeches as plain text, for grading with ../shared/design/content-rubric.md.

    python bench/dump_content.py ../shared/corpus/more/u02_*.txt -o /tmp/grade --seed 0

Writes one NAME.md per speech: the titles each document carries, the deck (slide titles and
bullets), the handout's study aids (学习要点, per-part 要点 and 思考题, 名词解释) and the test paper
(every question with its options, key, 出处 and points). Nothing here is timed or tested.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def dump(path: Path, seed: int) -> str:
    from docgen.config import default_class
    from docgen.readers import read_speech
    from docgen.resources import Templates
    from docgen.writers import handout, quiz, slides

    speech = read_speech(path)
    info = default_class()
    templates = Templates()
    out = [f"# {path.name}", ""]
    deck = slides.plan(speech, info, templates)
    hplan = handout.build_plan(speech, info, templates, "full")
    try:
        paper = quiz.build_papers(speech, info, templates, seed=seed)[0][0]
    except Exception as e:  # noqa: BLE001 - a speech without a paper still has a deck to grade
        paper, failure = None, f"## Test paper\n\nFAILED: {e}\n"
    out += ["## Titles", f"- deck: {deck.title}", f"- handout: {hplan.title}",
            f"- paper: {paper.title if paper else '-'}", ""]
    out += _deck_lines(deck) + _handout_lines(hplan) + (_paper_lines(paper) if paper else [failure])
    return "\n".join(out) + "\n"


def _deck_lines(deck) -> list[str]:
    lines = ["## Slides", ""]
    for i, slide in enumerate(deck.slides, 1):
        lines.append(f"### {i}. [{slide.kind}] {' / '.join(slide.title.paragraphs)}")
        if slide.body:
            lines += [f"- {p}" for p in slide.body.paragraphs]
        lines.append("")
    return lines


def _handout_lines(plan) -> list[str]:
    lines = ["## Handout study aids", ""]
    for block in plan.blocks:
        if block.kind in SKIPPED_BLOCKS:
            continue
        text = block.text + ("".join(f"\n    * {item}" for item in block.items))
        lines.append(f"- [{block.kind}] {text}")
    return lines + [""]


SKIPPED_BLOCKS = ("body", "blank", "header", "salutation", "fields")


def _paper_lines(paper) -> list[str]:
    lines = [f"## Test paper: {paper.title} (total {paper.total:g})", ""]
    for w in paper.warnings:
        lines.append(f"> warning: {w}")
    for n, q in enumerate(paper.questions, 1):
        lines.append(f"### Q{n} [{q.type}, {q.points:g} pts, section {q.section}]")
        lines.append(f"stem: {q.stem}")
        for letter, option in zip("ABCDEFGH", q.options):
            lines.append(f"  {letter}. {option}")
        if q.type == "judge":
            lines.append(f"key: {'√' if q.truth else '×'}" + (f" (changed {q.change.before} → {q.change.after})" if q.change else ""))
        elif q.type == "short":
            lines += [f"key point ({k.points:g}): {k.text}" for k in q.key_points]
        else:
            lines.append(f"key: {q.answer_text()}")
        lines.append(f"出处: {q.section_title} | {q.source}")
        lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("speeches", nargs="+", type=Path)
    parser.add_argument("-o", "--out", type=Path, default=Path("/tmp/docgen-grade"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in args.speeches:
        target = args.out / f"{path.stem}.md"
        try:
            target.write_text(dump(path, args.seed), encoding="utf-8")
        except Exception as e:  # a dump of what failed is still worth grading
            target.write_text(f"# {path.name}\n\nFAILED: {type(e).__name__}: {e}\n", encoding="utf-8")
        print(target)


if __name__ == "__main__":
    main()
