"""Plain renderings of a parsed speech for `docgen parse`: the terminal outline and stable JSON."""

from __future__ import annotations

import dataclasses
import json

from docgen.analysis.phrases import key_phrases
from docgen.model import Section, Speech

JSON_VERSION = 1
PREVIEW = 30


def speech_to_tree(speech: Speech) -> str:
    """A readable outline: title, salutation, paragraph counts, numbered points, warnings."""
    lines = [f"标题：{' / '.join(speech.title_lines) or '（无）'}"]
    for label, value in (("职务", speech.office), ("讲话人", speech.speaker), ("日期", speech.date),
                         ("称呼", speech.salutation)):
        if value:
            lines.append(f"{label}：{value}")
    lines.append(f"开头：{len(speech.preamble)} 段")
    for s in speech.sections:
        _tree_section(lines, s, 0)
    lines.append(f"结尾：{len(speech.closing)} 段" + (f"　{_preview(speech.closing[0])}" if speech.closing else ""))
    if speech.notes:
        lines.append(f"注释：{len(speech.notes)} 条（不属于讲话正文）")
    lines.append(f"共 {sum(1 for _ in speech.walk())} 个要点")
    lines += [f"警告：{w}" for w in speech.warnings]
    return "\n".join(lines) + "\n"


def _tree_section(lines: list[str], s: Section, depth: int) -> None:
    indent = "  " * (depth + 1)
    extra = f"　〔{s.subtitle}〕" if s.subtitle else ""
    sep = "　" if s.marker and s.marker[-1] not in "、，,.．：:）) \u3000是要" else ""
    lines.append(f"{indent}{s.marker}{sep}{s.short_title}{extra}　（{len(s.paragraphs) + len(s.trailing)} 段）")
    for sub in s.sections:
        _tree_section(lines, sub, depth + 1)


def _preview(text: str) -> str:
    return text if len(text) <= PREVIEW else text[:PREVIEW] + "…"


def speech_to_dict(speech: Speech) -> dict:
    """The stable JSON shape documented in the README (`version` 1)."""
    return {
        "version": JSON_VERSION,
        "title": speech.title,
        "title_lines": list(speech.title_lines),
        "speaker": speech.speaker,
        "office": speech.office,
        "date": speech.date,
        "salutation": speech.salutation,
        "preamble": list(speech.preamble),
        "sections": [_section_dict(s) for s in speech.sections],
        "closing": list(speech.closing),
        "notes": list(speech.notes),
        "warnings": list(speech.warnings),
        "source": speech.source,
        "key_phrases": [dataclasses.asdict(k) for k in key_phrases(speech)],
    }


def _section_dict(s: Section) -> dict:
    return {
        "number": s.number,
        "marker": s.marker,
        "heading": s.heading,
        "short_title": s.short_title,
        "subtitle": s.subtitle,
        "run_in": s.run_in,
        "style": s.style,
        "paragraphs": list(s.paragraphs),
        "sections": [_section_dict(sub) for sub in s.sections],
        "trailing": list(s.trailing),
    }


def speech_to_json(speech: Speech) -> str:
    return json.dumps(speech_to_dict(speech), ensure_ascii=False, indent=2) + "\n"
