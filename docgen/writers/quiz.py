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

FORMATS = ("docx", "json", *EXPORTS)
SUFFIXES = {"docx": ".docx", "json": ".json", **{name: e.suffix for name, e in EXPORTS.items()}}
WORDING = "quiz/wording.toml"


def build_papers(speech: Speech, info: ClassInfo, templates: Templates, *, seed: int = 0,
                 counts: dict | None = None, points: dict | None = None,
                 variants: list[str] | None = None) -> list[tuple[Paper, dict]]:
    """Plan the paper once, then one (paper, wording) per variant (or the paper alone)."""
    from docgen.quiz.generate import plan_paper
    from docgen.quiz.variants import make_variant

    base_wording = templates.render_toml(WORDING, class_name=info.name, variant="")
    patterns = {**base_wording["short"], **base_wording.get("outline", {}), "opening": base_wording["key"]["opening"],
                "closing": base_wording["key"]["closing"]}
    paper = plan_paper(speech, seed=seed, counts=counts, points=points, patterns=patterns,
                       title=base_wording["paper"]["title"], class_name=info.name)
    if not paper.questions:
        raise InputError(f"{speech.source or '讲话稿'}：找不到可以出题的句子，无法生成测试卷")
    for message in paper.warnings:
        warn(f"{speech.source or '讲话稿'}：{message}" if speech.source else message)
    if not variants:
        return [(paper, base_wording)]
    return [(make_variant(paper, v, seed), templates.render_toml(WORDING, class_name=info.name, variant=v))
            for v in variants]


def write_quiz(speech: Speech, out: Path, info: ClassInfo, templates: Templates, *, seed: int = 0,
               counts: dict | None = None, points: dict | None = None, variants: list[str] | None = None,
               fmt: str = "docx", built: list[tuple[Paper, dict]] | None = None) -> list[Path]:
    """Write paper(s) and key(s) (docx), or the questions (json, gift); return the files written.
    `built`: the result of `build_papers` with the same arguments when already made (a parallel
    build makes it in its parent process)."""
    from docgen.fsutil import write_text_atomic
    from docgen.quiz.export import to_json

    out = Path(out)
    if built is None:
        built = build_papers(speech, info, templates, seed=seed, counts=counts, points=points, variants=variants)
    if fmt == "json":
        write_text_atomic(out, to_json([p for p, _ in built]))
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
