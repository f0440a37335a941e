"""The handout (讲义) writer: Speech + class → GB/T 9704 .docx. Library entry for `docgen handout`/`build`."""

from __future__ import annotations

from pathlib import Path

from docgen.config import ClassInfo, printed_class_name
from docgen.errors import TemplateError
from docgen.fsutil import atomic_path
from docgen.model import Speech
from docgen.resources import Templates
from docgen.writers.handout_plan import (
    MODES, WORDING_TEMPLATE, HandoutPlan, StudyAids, bold_targets, plan_handout,
)

WORDING = WORDING_TEMPLATE
TYPOGRAPHY = "handout/typography.toml"


def write_handout(speech: Speech, out: Path, info: ClassInfo, templates: Templates, mode: str = "full",
                  plan: HandoutPlan | None = None, glossary: Path | None = None) -> Path:
    """Write the handout of `speech` to `out` (atomically) and return `out`.

    mode: "full" (study material), "plain" (the speech alone) or "compact" (smaller type, 1.5 lines).
    `glossary`: a trainer's 名词解释 file (else 名词解释.txt beside the speech, when there is one).
    `plan`: `build_plan(speech, info, templates, mode)` when already made (a parallel build makes it
    in its parent process).
    """
    from docgen.writers.handout_render import render_handout

    if mode not in MODES:
        raise ValueError(f"unknown handout mode {mode!r}")
    plan = plan or build_plan(speech, info, templates, mode, glossary)
    typo = load_typography(templates, mode)
    out = Path(out)
    with atomic_path(out) as tmp:
        render_handout(plan, typo, tmp)
    return out


def build_plan(speech: Speech, info: ClassInfo, templates: Templates, mode: str = "full",
               glossary: Path | None = None) -> HandoutPlan:
    """The handout's blocks: wording from the templates, study aids from the analysis modules."""
    from docgen.analysis.frontmatter import speech_title

    title = speech_title(speech, info)
    # Without class.toml the class name is only ClassInfo's placeholder: leave it out of the header.
    class_name = printed_class_name(info)
    wording = templates.render_toml(
        WORDING, class_name=class_name, organiser=info.organiser, dates=info.dates_text, title=title,
    )
    require_keys(wording, REQUIRED_WORDING, templates.which(WORDING))
    limit = int(wording["glossary"].get("max_entries", 40))
    aids = study_aids(speech, templates, limit, glossary) if mode != "plain" else None
    return plan_handout(speech, wording, mode, aids, title)


def study_aids(speech: Speech, templates: Templates, glossary_limit: int = 40,
               glossary: Path | None = None) -> StudyAids:
    """Key phrases of the speech and, per top-level section, its key sentence, bullets and 思考题;
    the 名词解释 of what the speech defines or enumerates, after the trainer's own (`glossary`)."""
    from docgen.analysis.bullets import section_bullets
    from docgen.analysis.phrases import key_phrases
    from docgen.analysis.questions import load_patterns, thinking_questions
    from docgen.analysis.studyaids import (
        about_union, glossary_beside, key_sentence, merged_glossary, read_glossary, speech_glossary,
    )

    phrases = key_phrases(speech)
    patterns = load_patterns(templates)
    trainer_file = glossary or glossary_beside(speech)
    trainer = read_glossary(trainer_file) if trainer_file else []
    union = about_union(speech)
    return StudyAids(
        bold=bold_targets(phrases),
        glossary=merged_glossary(speech_glossary(phrases, glossary_limit), trainer),
        bullets=section_bullets,
        questions=lambda section: thinking_questions(section, phrases, templates, patterns, union),
        key_sentence=key_sentence,
        parts=_unnumbered_parts,
    )


def _unnumbered_parts(speech: Speech) -> list:
    """The parts the deck gives a speech without numbered points; only those with a key sentence."""
    from docgen.analysis.studyaids import key_sentence
    from docgen.writers.slides_plan import chunk_sections

    parts = chunk_sections(speech.preamble, "")
    return [p for p in parts if key_sentence(p)] if len(parts) > 1 else []


REQUIRED_TYPOGRAPHY = {
    "fonts": ("title", "body", "heading1", "heading2", "aids", "page_number", "latin"),
    "page": ("top_mm", "bottom_mm", "left_mm", "right_mm", "footer_mm", "page_number_pt",
             "page_number_indent_twips", "ruled_line_twips"),
    "standard": ("title_pt", "body_pt", "line_twips", "grid", "char_spacing_twips", "first_line_twips"),
    "compact": ("title_pt", "body_pt", "line_twips", "grid", "char_spacing_twips", "first_line_twips"),
}
REQUIRED_WORDING = {
    "header": ("lines",), "points": ("label", "item"),
    "section": ("bullets_label", "bullet", "questions_label", "question"),
    "glossary": ("label", "entry_term", "entry_separator"), "notes": ("label", "lines"),
    "page_number": ("before", "after"),
}


def load_typography(templates: Templates, mode: str):
    """The Typography of `mode` from handout/typography.toml, checked for missing keys."""
    from docgen.writers.handout_render import Typography

    data = templates.render_toml(TYPOGRAPHY)
    where = templates.which(TYPOGRAPHY)
    require_keys(data, REQUIRED_TYPOGRAPHY, where)
    for table in ("page", "standard", "compact"):
        for key, value in data[table].items():
            if key != "grid" and not isinstance(value, dict) and not _is_number(value):
                raise TemplateError(f"模板 {where} 的 [{table}] {key} 应为数字，现在是 {value!r}")
            if _is_number(value) and not -1000 <= value <= 10000:  # also false for nan
                raise TemplateError(f"模板 {where} 的 [{table}] {key} = {value} 超出合理范围（-1000 到 10000）")
        if data[table].get("line_twips") == 0 and not _is_number(data[table].get("line_multiple")):
            raise TemplateError(f"模板 {where} 的 [{table}] line_twips 为 0 时要写 line_multiple（行距倍数，如 1.5）")
    return Typography.from_toml(data, mode)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def require_keys(data: dict, required: dict, where: str) -> None:
    """Raise TemplateError naming the first missing `[table] key` of a rendered TOML template."""
    for table, keys in required.items():
        section = data.get(table)
        if not isinstance(section, dict):
            raise TemplateError(f"模板 {where} 缺少 [{table}] 表")
        for key in keys:
            if key not in section:
                raise TemplateError(f"模板 {where} 的 [{table}] 缺少 {key}")
