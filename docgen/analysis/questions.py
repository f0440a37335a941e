"""思考题: one or two study questions per top-level section, from its short title and key phrases.

The sentence patterns live in the template `handout/questions.toml`; this module only fills them in.
"""

from __future__ import annotations

from collections.abc import Iterable

from docgen.errors import TemplateError
from docgen.model import Section

QUESTIONS_TEMPLATE = "handout/questions.toml"
_QUOTES = "“”‘’\"'「」『』"
FORMULATIONS = ("quoted", "numbered")
MIN_PHRASE = 4
TITLE_MAX = 30


def thinking_questions(section: Section, phrases: Iterable = (), templates=None, patterns: dict | None = None,
                       union: bool = True) -> list[str]:
    """One question about the section's point, and a second about its first key phrase if it has one.

    Each is chosen by the kind of what it names (an action `坚持…`, a statement `…是…`, a concept, a
    counted formulation `八个对标`: see studyaids.phrase_kind) from `about_title_KIND` /
    `about_phrase_KIND`, falling back to `about_title` / `about_phrase`. A speech not about union
    work (`union` False) takes the `_general` lists when the template has them.

    `phrases` are KeyPhrase-like objects (`.text`); only those of this section count. Pass `patterns`
    (from `load_patterns`) when asking for many sections, to render the template once.
    """
    from docgen.analysis.bullets import is_procedural
    from docgen.analysis.studyaids import phrase_kind

    patterns = patterns or load_patterns(templates)
    pick = section.number - 1
    title = section.short_title or section.heading
    if title.endswith("…"):  # a cut title makes no question; the whole heading when it is short
        title = section.heading.strip("。 ") if len(section.heading) <= TITLE_MAX else ""
    questions = []
    if title and not is_procedural(title):
        questions.append(_fill(_options(patterns, "about_title", phrase_kind(title), union), pick,
                               title=_quotable(title)))
    phrase, numbered = _first_phrase(section, phrases, title)
    options = _options(patterns, "about_phrase", phrase_kind(phrase, numbered), union) if phrase else []
    if options:
        questions.append(_fill(options, pick, phrase=_quotable(phrase)))
    return [q for q in questions if q]


def _options(patterns: dict, base: str, kind: str, union: bool) -> list[str]:
    """The most specific pattern list the template has: base_kind[_general], then base[_general]."""
    names = [f"{base}_{kind}", base]
    if not union:
        names = [n + "_general" for n in names] + names
    return next((patterns[n] for n in names if patterns.get(n)), [])


def load_patterns(templates=None) -> dict:
    """The question patterns (`about_title`, `about_phrase` lists) from the template search path."""
    if templates is None:
        from docgen.resources import Templates

        templates = Templates()
    patterns = templates.render_toml(QUESTIONS_TEMPLATE)
    if not patterns.get("about_title"):
        raise TemplateError(f"模板 {templates.which(QUESTIONS_TEMPLATE)} 缺少 about_title 句式列表")
    return patterns


def _fill(options: list[str], pick: int, **values: str) -> str:
    pattern = options[pick % len(options)]
    try:
        return pattern.format(**values)
    except (KeyError, IndexError, ValueError) as e:
        raise TemplateError(f"模板 {QUESTIONS_TEMPLATE} 的句式“{pattern}”有误：{e}") from None


def _first_phrase(section: Section, phrases: Iterable, title: str) -> tuple[str, bool]:
    """The first formulation (quoted or numbered, 4+ characters) of this section not already in its
    title, and whether it is a counted one (`八个对标`)."""
    text = "".join(section.text_paragraphs())
    for p in phrases:
        bare = p.text.strip(_QUOTES)
        kind = getattr(p, "kind", "quoted")
        if kind not in FORMULATIONS or len(bare) < MIN_PHRASE or bare in title or _idiom(bare):
            continue
        path = getattr(p, "section", None)
        if (path[:1] == [section.number]) if isinstance(path, list) else (p.text in text):
            # a counted formulation is asked about as one only when the speech lists its items
            return bare, kind == "numbered" and len(getattr(p, "items", []) or []) >= 2
    return "", False


def _idiom(text: str) -> bool:
    """`固若金汤`: a set phrase quoted for effect, nothing to ask about."""
    from docgen.analysis.grammar import tagged

    pairs = tagged(text)
    return len(pairs) == 1 and pairs[0][1] in ("i", "l")


def _quotable(text: str) -> str:
    """Text to put inside “…”: outer quotes dropped, inner double quotes turned into single ones."""
    bare = text.strip(_QUOTES) if text[:1] in _QUOTES and text[-1:] in _QUOTES else text
    return bare.replace("“", "‘").replace("”", "’")
