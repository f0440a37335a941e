"""`write_quiz`: the test paper(s) and answer key(s) for one speech, as .docx, JSON or an export (`EXPORTS`)."""

from __future__ import annotations

from pathlib import Path

from docgen.config import ClassInfo
from docgen.errors import InputError
from docgen.fsutil import safe_filename
from docgen.model import Speech
from docgen.quiz.model import Paper
from docgen.report import warn
from docgen.resources import Templates

from docgen.quiz.export import EXPORTS

FORMATS = ("docx", "json", "md", *EXPORTS)
SUFFIXES = {"docx": ".docx", "json": ".json", "md": ".md", **{name: e.suffix for name, e in EXPORTS.items()}}
WORDING = "quiz/wording.toml"


def build_papers(speech: Speech | None, info: ClassInfo, templates: Templates, *, seed: int = 0,
                 counts: dict | None = None, points: dict | None = None,
                 variants: list[str] | None = None, bank: Path | None = None) -> list[tuple[Paper, dict]]:
    """Plan the paper once (or read it from an edited `bank`), then one (paper, wording) per variant
    (or the paper alone)."""
    from docgen.quiz.variants import make_variant

    base_wording = paper_wording(templates, info, speech)
    if bank is not None:
        from docgen.quiz.bank import read_bank

        paper = read_bank(bank, title=base_wording["paper"]["title"], class_name=info.name)
    else:
        paper = _planned_paper(speech, info, base_wording, seed=seed, counts=counts, points=points)
    if not variants:
        return [(paper, base_wording)]
    return [(make_variant(paper, v, seed), paper_wording(templates, info, speech, v)) for v in variants]


def paper_wording(templates: Templates, info: ClassInfo, speech: Speech | None, variant: str = "") -> dict:
    """quiz/wording.toml rendered for this class, speech (its title, as the deck and handout show it)
    and variant."""
    from docgen.analysis.frontmatter import speech_title
    from docgen.config import printed_class_name

    title = speech_title(speech, info) if speech is not None else ""
    return templates.render_toml(WORDING, class_name=printed_class_name(info), variant=variant, speech_title=title)


def build_class_papers(speech: Speech, info: ClassInfo, templates: Templates) -> list[tuple[Paper, dict]]:
    """`docgen build`'s paper: from a bank made from this speech in its folder, when there is one."""
    from docgen.quiz.bank import find_bank

    return build_papers(speech, info, templates, bank=find_bank(speech.source))


def _planned_paper(speech: Speech, info: ClassInfo, wording: dict, **kw) -> Paper:
    from docgen.quiz.generate import plan_paper

    patterns = {**wording["short"], **wording.get("outline", {}), "opening": wording["key"]["opening"],
                "closing": wording["key"]["closing"]}
    paper = plan_paper(speech, patterns=patterns, title=wording["paper"]["title"], class_name=info.name, **kw)
    if not paper.questions:
        raise InputError(f"{speech.source or '讲话稿'}：找不到可以出题的句子，无法生成测试卷")
    for message in paper.warnings:
        warn(f"{speech.source or '讲话稿'}：{message}" if speech.source else message)
    return paper


def write_quiz(speech: Speech | None, out: Path, info: ClassInfo, templates: Templates, *, seed: int = 0,
               counts: dict | None = None, points: dict | None = None, variants: list[str] | None = None,
               fmt: str = "docx", built: list[tuple[Paper, dict]] | None = None,
               bank: Path | None = None) -> list[Path]:
    """Write paper(s) and key(s) (docx), the editable bank (md) or the questions (json, gift); return
    the files written. `speech` is None when the paper comes from `bank`.
    `built`: the result of `build_papers` with the same arguments when already made (a parallel
    build makes it in its parent process)."""
    from docgen.fsutil import write_text_atomic
    from docgen.quiz.export import to_json

    out = Path(out)
    if built is None:
        built = build_papers(speech, info, templates, seed=seed, counts=counts, points=points, variants=variants,
                             bank=bank)
    if fmt == "json":
        write_text_atomic(out, to_json([p for p, _ in built]))
        return [out]
    if fmt == "md":
        from docgen.quiz.bank import to_bank

        name = Path(speech.source).name if speech is not None and speech.source else ""
        write_text_atomic(out, to_bank(built[0][0], name))
        return [out]
    written: list[Path] = []
    for paper, wording in built:
        target = variant_path(out, paper.variant)
        if fmt in EXPORTS:
            write_text_atomic(target, EXPORTS[fmt].write(paper, wording))
            written.append(target)
        else:
            from docgen.writers.quiz_docx import key_path, write_key_docx, write_paper_docx

            written.append(write_paper_docx(paper, target, wording))
            written.append(write_key_docx(paper, key_path(target), wording))
    return written


def variant_path(out: Path, variant: str) -> Path:
    """`测试卷.docx` + `A` → `测试卷-A.docx`; unchanged without a variant."""
    if not variant:
        return out
    name = out.name
    suffix = next((s for s in SUFFIXES.values() if name.endswith(s)), out.suffix)
    stem = name[: len(name) - len(suffix)] if suffix else name
    return out.with_name(f"{stem}-{safe_filename(variant, max_bytes=40)}{suffix}")
