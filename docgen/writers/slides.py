"""`write_deck`: a speech to a 16:9 deck (plan with slides_plan, draw with slides_render)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from docgen.config import ClassInfo, Session, format_date, printed_class_name
from docgen.errors import TemplateError
from docgen.fsutil import atomic_path
from docgen.model import Speech
from docgen.resources import Templates
from docgen.writers.slides_plan import CoverInfo, Deck, Geometry, Wording, plan_deck

REFERENCE = "slides/reference.pptx"
WORDING = "slides/slides.toml"


def write_deck(speech: Speech, out: Path, info: ClassInfo, templates: Templates,
               reference: Path | None = None) -> Path:
    """Write the deck of `speech` to `out` (atomically); `reference` is a user .pptx/.potx."""
    from docgen.writers import slides_render as render

    out = Path(out)
    context = cover_context(speech, info)
    wording, fonts = load_wording(templates, context)
    with templates.path(REFERENCE) as builtin_path:
        prs = render.load_presentation(reference or builtin_path)
        builtin = render.load_presentation(builtin_path) if reference else prs
        where = str(reference or templates.which(REFERENCE))
        try:
            render.remove_slides(prs)
            layouts = render.resolve_layouts(prs, builtin, where)
        except (render.PackageError, AttributeError, KeyError, ValueError):
            raise TemplateError(f"{where}：文件已损坏，无法读取其中的版式，请给出 .pptx 或 .potx 模板") from None
    deck = plan(speech, info, templates, render.geometry(layouts), wording, context)
    with atomic_path(out) as tmp:
        render.render(deck, prs, layouts, render.Fonts(**fonts), tmp, builtin)
    return out


def plan(speech: Speech, info: ClassInfo, templates: Templates, geometry: Geometry | None = None,
         wording: Wording | None = None, context: dict | None = None) -> Deck:
    """The deck plan (no pptx needed): for tests, and for `write_deck`."""
    from docgen.writers.slides_plan import DEFAULT_GEOMETRY

    context = context or cover_context(speech, info)
    if wording is None:
        wording, _ = load_wording(templates, context)
    cover = CoverInfo(class_name=context["class_name"], title=context["title"],
                      title_lines=tuple(context["title_lines"]), lines=wording.cover_lines)
    return plan_deck(speech, cover, wording, geometry or DEFAULT_GEOMETRY, key_phrases(speech))


def deck_title(speech: Speech, info: ClassInfo) -> str:
    """The title the deck (and its default file name) carries: the speech's title (never the file name)."""
    from docgen.analysis.frontmatter import speech_title

    return speech_title(speech, info)


def cover_context(speech: Speech, info: ClassInfo) -> dict:
    """What the cover and footer wording may use: class name, title, speaker, date …"""
    session = _session(speech, info)
    from docgen.analysis.frontmatter import title_parts

    title = deck_title(speech, info)
    main, subtitle = title_parts(speech)
    date = format_date(session.date) if session else (speech.date or info.dates_text)
    speaker = " ".join(x for x in (speech.office, speech.speaker) if x)
    return {
        "class_name": printed_class_name(info),
        "title": title,
        "title_lines": main or [title],
        "subtitle": subtitle,
        "speaker": (session.speaker if session else "") or speaker or info.organiser,
        "organiser": info.organiser,
        "date": "" if speech.date and speech.date in subtitle and not session else date,
    }


def load_wording(templates: Templates, context: dict) -> tuple[Wording, dict]:
    """The labels and fonts of slides.toml, rendered with the cover context."""
    data = templates.render_toml(WORDING, **{k: v for k, v in context.items() if isinstance(v, str)})
    fonts = data.pop("fonts", {})
    known = {f.name for f in dataclasses.fields(Wording)}
    where = templates.which(WORDING)
    unknown = sorted(set(data) - known)
    if unknown:
        raise TemplateError(f"{where}：无法识别的键 {'、'.join(unknown)}，可用的键：{'、'.join(sorted(known))}")
    if not all(isinstance(v, str) for k, v in data.items() if k != "cover_lines"):
        raise TemplateError(f"{where}：除 cover_lines 外每个值都应是用引号括起的文字")
    data["cover_lines"] = tuple(line for line in data.get("cover_lines", ()) if str(line).strip())
    wording = Wording(**data)
    _check_formats(wording, where)
    return wording, {k: str(v) for k, v in fonts.items() if k in ("title_ea", "body_ea", "latin")}


def key_phrases(speech: Speech) -> list[str]:
    """The quoted and numbered key phrases short enough to emphasise on slides."""
    from docgen.analysis.phrases import key_phrases as find

    return [p.text for p in find(speech) if p.kind in ("quoted", "numbered") and 4 <= len(p.text) <= 16]


def _check_formats(wording: Wording, where: str) -> None:
    try:
        wording.section_label.format(cn="一", n=1)
        wording.agenda_item.format(cn="一", n=1, title="标题")
    except (KeyError, IndexError, ValueError) as e:
        raise TemplateError(f"{where}：section_label 或 agenda_item 中的占位符 {e} 无法识别，"
                            "只能用 {cn}、{n}、{title}") from None


def _session(speech: Speech, info: ClassInfo) -> Session | None:
    if not speech.source:
        return None
    source = Path(speech.source).resolve()
    for session in info.schedule:
        if session.speech and Path(session.speech).resolve() == source:
            return session
    return None
