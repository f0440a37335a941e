"""python-docx helpers every Word writer shares: East-Asian fonts, page setup, fields, table rows.

python-docx has no API for `w:eastAsia`, fields, docGrid, table-row flags or the settings
`w:zoom` fix; these functions write the XML directly, in schema order. Import python-docx
lazily from the callers (this module only imports it when a function runs).
"""

from __future__ import annotations

import functools
import re

THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
TWIPS_PER_MM = 1440 / 25.4


def mm_to_twips(mm: float) -> int:
    """Millimetres to twentieths of a point, rounded."""
    return round(mm * TWIPS_PER_MM)


def new_document():
    """A fresh python-docx Document from docgen's small base package (see `docx_base`); then call
    `set_doc_defaults`."""
    import io

    from docx import Document

    doc = Document(io.BytesIO(_base_package()))
    fix_settings_zoom(doc)
    drop_styles_with_effects(doc)
    stamp_properties(doc)
    return doc


def stamp_properties(doc, title: str | None = None) -> None:
    """Today's date as created and modified, Chinese as the language (Word's 属性 dialog), and the
    title when given; the base package carries no author (see `opc.neutral_base`)."""
    import datetime as dt

    props = doc.core_properties
    props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    props.language = "zh-CN"
    if title is not None:
        props.title = title


@functools.lru_cache(maxsize=1)
def _base_package() -> bytes:
    from importlib import resources

    return (resources.files("docgen") / "data" / "base.docx").read_bytes()


STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def drop_styles_with_effects(doc) -> None:
    """Drop the template's Word 2010 stylesWithEffects.xml: unused, full of theme fonts, slow to save."""
    for rId, rel in list(doc.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            doc.part.drop_rel(rId)


def prune_styles(doc, keep: tuple[str, ...] = ("Normal",)) -> None:
    """Remove the template's built-in styles except the defaults and `keep` (ids); Word still offers
    them through latentStyles. A smaller styles.xml saves faster and shows a clean style pane."""
    from docx.oxml.ns import qn

    for style in list(doc.styles.element.iterchildren(qn("w:style"))):
        if style.get(qn("w:default")) not in ("1", "true") and style.get(qn("w:styleId")) not in keep:
            doc.styles.element.remove(style)


def new_style(doc, name: str, style_type, style_id: str | None = None):
    """A new custom style object, appended directly (python-docx's add_style scans every style: slow)."""
    from docx.oxml import OxmlElement
    from docx.styles.style import StyleFactory

    el = OxmlElement("w:style")
    el.type = style_type
    el.customStyle = True
    el.styleId = style_id or name.replace(" ", "")
    el.name_val = name
    doc.styles.element.append(el)
    return StyleFactory(el)


def fix_settings_zoom(doc) -> None:
    """Give settings.xml's `w:zoom` the required `w:percent` (python-docx's template lacks it; invalid OOXML)."""
    from docx.oxml.ns import qn

    zoom = doc.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")


def _child(parent, tag: str, successors: tuple[str, ...] = ()):
    """The first `tag` child of `parent`, created in schema position (before `successors`) if missing."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.insert_element_before(el, *successors)
    return el


RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)
"""Child order of `w:rPr` (ECMA-376 CT_RPr)."""


def _rpr_successors(tag: str) -> tuple[str, ...]:
    return RPR_ORDER[RPR_ORDER.index(tag) + 1:]


def set_rpr_fonts(rPr, east_asia: str, latin: str | None = None) -> None:
    """Set `w:rFonts` on an rPr (run, style or docDefaults): East-Asian and Latin names, theme attributes removed.

    A `w:*Theme` attribute overrides the explicit name beside it, so every one is dropped.
    """
    from docx.oxml.ns import qn

    rf = _child(rPr, "w:rFonts", _rpr_successors("w:rFonts"))
    for attr in THEME_FONT_ATTRS:
        rf.attrib.pop(qn(attr), None)
    latin = latin or east_asia
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        rf.set(qn(attr), value)


def set_rpr_size(rPr, pt: float) -> None:
    """Font size in points on an rPr (`w:sz` and `w:szCs`, half-points)."""
    from docx.oxml.ns import qn

    half = str(round(pt * 2))
    for tag in ("w:sz", "w:szCs"):
        _child(rPr, tag, _rpr_successors(tag)).set(qn("w:val"), half)


def set_rpr_char_spacing(rPr, twips: int) -> None:
    """Character spacing (`w:spacing w:val`, twips; negative condenses) on an rPr."""
    from docx.oxml.ns import qn

    _child(rPr, "w:spacing", _rpr_successors("w:spacing")).set(qn("w:val"), str(twips))


def set_rpr_bold(rPr, bold: bool = True) -> None:
    """Bold on or explicitly off (`w:b`, `w:bCs`) on an rPr."""
    from docx.oxml.ns import qn

    for tag in ("w:b", "w:bCs"):
        el = _child(rPr, tag, _rpr_successors(tag))
        if bold:
            el.attrib.pop(qn("w:val"), None)
        else:
            el.set(qn("w:val"), "0")


def set_rpr_lang(rPr, east_asia: str = "zh-CN", latin: str = "en-US") -> None:
    """`w:lang`: East-Asian language drives glyph forms and line-breaking rules (zh-CN → Simplified)."""
    from docx.oxml.ns import qn

    lang = _child(rPr, "w:lang", _rpr_successors("w:lang"))
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asia)


def doc_defaults_rpr(doc):
    """The `w:docDefaults/w:rPrDefault/w:rPr` element of a document's styles part."""
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = _child(defaults, "w:rPrDefault", ("w:pPrDefault",))
    return _child(rpr_default, "w:rPr")


def doc_defaults_ppr(doc):
    """The `w:docDefaults/w:pPrDefault/w:pPr` element of a document's styles part."""
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    ppr_default = _child(defaults, "w:pPrDefault")
    return _child(ppr_default, "w:pPr")


def set_doc_defaults(doc, east_asia: str, latin: str, size_pt: float, lang: str = "zh-CN") -> None:
    """Document-wide default font, size and language; paragraph spacing after reset to 0.

    Also strips theme fonts from every existing style (the built-in ones carry them).
    """
    from docx.oxml.ns import qn

    rPr = doc_defaults_rpr(doc)
    set_rpr_fonts(rPr, east_asia, latin)
    set_rpr_size(rPr, size_pt)
    set_rpr_lang(rPr, lang)
    pPr = doc_defaults_ppr(doc)
    spacing = pPr.find(qn("w:spacing"))
    if spacing is not None:
        pPr.remove(spacing)
    strip_theme_fonts(doc)


def strip_theme_fonts(doc) -> None:
    """Remove `w:*Theme` font attributes from every style of the document."""
    from docx.oxml.ns import qn

    for rf in doc.styles.element.iter(qn("w:rFonts")):
        for attr in THEME_FONT_ATTRS:
            rf.attrib.pop(qn(attr), None)


def set_style_fonts(style, east_asia: str, latin: str | None = None, size_pt: float | None = None,
                    bold: bool | None = None) -> None:
    """East-Asian/Latin font, size and bold of a python-docx style object, theme attributes removed."""
    rPr = style.element.get_or_add_rPr()
    set_rpr_fonts(rPr, east_asia, latin)
    if bold is not None:
        set_rpr_bold(rPr, bold)
    if size_pt is not None:
        set_rpr_size(rPr, size_pt)


def set_run_fonts(run, east_asia: str, latin: str | None = None) -> None:
    """East-Asian/Latin font of one python-docx run."""
    set_rpr_fonts(run._r.get_or_add_rPr(), east_asia, latin)


def set_page_a4(section, top_mm: float, bottom_mm: float, left_mm: float, right_mm: float,
                footer_mm: float | None = None, header_mm: float | None = None, landscape: bool = False) -> None:
    """A4 page (portrait or landscape) with margins and header/footer distances in millimetres."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Twips

    w, h = (16838, 11906) if landscape else (11906, 16838)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(w), Twips(h)
    section.top_margin = Twips(mm_to_twips(top_mm))
    section.bottom_margin = Twips(mm_to_twips(bottom_mm))
    section.left_margin = Twips(mm_to_twips(left_mm))
    section.right_margin = Twips(mm_to_twips(right_mm))
    if footer_mm is not None:
        section.footer_distance = Twips(mm_to_twips(footer_mm))
    if header_mm is not None:
        section.header_distance = Twips(mm_to_twips(header_mm))


def set_line_grid(section, line_pitch: int) -> None:
    """`w:docGrid w:type="lines"` with `line_pitch` twips (never linesAndChars: LibreOffice halves the chars)."""
    from docx.oxml.ns import qn

    grid = _child(section._sectPr, "w:docGrid")
    for attr in ("w:charSpace",):
        grid.attrib.pop(qn(attr), None)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch))


def add_field(paragraph, instruction: str, placeholder: str = "1"):
    """Append a complex field (`PAGE`, `NUMPAGES` …) to a paragraph; return its runs (style them all alike)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    runs = []
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
            run._r.append(el)
        elif kind == "text":
            run.text = placeholder
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        runs.append(run)
    return runs


def row_flags(row, header: bool = False, cant_split: bool = True) -> None:
    """Table-row flags: repeat as header row on each page, and/or never split across pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trPr = row._tr.get_or_add_trPr()
    tags = (["w:cantSplit"] if cant_split else []) + (["w:tblHeader"] if header else [])
    for tag in tags:
        if trPr.find(qn(tag)) is None:
            el = OxmlElement(tag)
            el.set(qn("w:val"), "true")
            trPr.append(el)



PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
"""Child order of `w:pPr` (ECMA-376 CT_PPr)."""


def set_ppr_value(pPr, tag: str, value: str | None = None):
    """Create or update a `w:pPr` child in schema order (`w:outlineLvl`, `w:snapToGrid` …); return it."""
    from docx.oxml.ns import qn

    el = _child(pPr, tag, PPR_ORDER[PPR_ORDER.index(tag) + 1:])
    if value is not None:
        el.set(qn("w:val"), value)
    return el


def set_first_line_indent(paragraph_format, twips: int, chars: int) -> None:
    """First-line indent written both ways: `w:firstLine` (LibreOffice) and `w:firstLineChars` (Word prefers).

    Pass 0/0 to cancel an indent inherited from the style (Word would keep `firstLineChars`).
    """
    from docx.oxml.ns import qn
    from docx.shared import Twips

    paragraph_format.first_line_indent = Twips(twips)
    ind = paragraph_format._element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def set_table_borders(table, **edges: str) -> None:
    """Table borders by edge (top, left, bottom, right, insideH, insideV) = "single"/"nil"; replaces old ones."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tblPr = table._tbl.tblPr
    old = tblPr.find(qn("w:tblBorders"))
    if old is not None:
        tblPr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        kind = edges.get(edge, "nil")
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), kind)
        if kind != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
        "w:tblPrChange",
    )


def set_table_width(table, widths_twips: list[int]) -> None:
    """Fixed layout with exact column widths: tblGrid (LibreOffice), every cell's tcW (Word) and tblW."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Twips

    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for col, w in zip(table.columns, widths_twips):
        col.width = Twips(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_twips):
            cell.width = Twips(w)
    tblW = table._tbl.tblPr.find(qn("w:tblW"))
    if tblW is not None:
        tblW.set(qn("w:type"), "dxa")
        tblW.set(qn("w:w"), str(sum(widths_twips)))


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: w("p") → {…/main}p."""
    return f"{{{W_NS}}}{tag}"


def make_paragraph(style_id: str | None, runs=(), *, align: str | None = None, page_break_before: bool = False,
                   indent: dict[str, int] | None = None):
    """A `w:p` element built directly (much faster than python-docx's name lookups for long documents).

    `runs` holds (text, bold, char_style_id) tuples; text must already be XML-safe. `\\t` and `\\n`
    become `w:tab` and `w:br`. `align` is a `w:jc` value (left, center, right, both); `indent` sets
    `w:ind` attributes in twips (e.g. {"right": 280}).
    """
    from docx.oxml import OxmlElement

    p = OxmlElement("w:p")
    if style_id or align or page_break_before or indent:
        pPr = _sub(p, "pPr")
        if style_id:
            _sub(pPr, "pStyle").set(w("val"), style_id)
        if page_break_before:
            _sub(pPr, "pageBreakBefore")
        if indent:
            _set(_sub(pPr, "ind"), **{k: str(v) for k, v in indent.items()})
        if align:
            _sub(pPr, "jc").set(w("val"), align)
    for text, bold, char_style in runs:
        if text:
            _append_run(p, text, bold, char_style)
    return p


def _sub(parent, tag: str):
    el = parent.makeelement(w(tag), {})
    parent.append(el)
    return el


_BREAKS = re.compile(r"([\t\n])")


def _append_run(p, text: str, bold: bool, char_style: str | None) -> None:
    r = _sub(p, "r")
    if bold or char_style:
        rPr = _sub(r, "rPr")
        if char_style:
            _sub(rPr, "rStyle").set(w("val"), char_style)
        if bold:
            _sub(rPr, "b")
    for piece in _BREAKS.split(text) if ("\t" in text or "\n" in text) else (text,):
        if piece == "\t":
            _sub(r, "tab")
        elif piece == "\n":
            _sub(r, "br")
        elif piece:
            t = _sub(r, "t")
            t.text = piece
            t.set(_XML_SPACE, "preserve")


def make_table(rows, widths_twips: list[int], borders: dict[str, str] | None = None,
               row_height: int | None = None, height_rule: str = "exact", align: str = "center"):
    """A fixed-layout `w:tbl` element built directly; `rows` is a list of rows of cells of `w:p` elements.

    Widths go to tblGrid (LibreOffice) and every tcW (Word). `borders` maps top/left/bottom/right/
    insideH/insideV to "single"; missing edges are nil. An empty cell gets an empty paragraph.
    """
    from docx.oxml import OxmlElement

    tbl = OxmlElement("w:tbl")
    tblPr = _sub(tbl, "tblPr")
    _set(_sub(tblPr, "tblW"), w=str(sum(widths_twips)), type="dxa")
    _set(_sub(tblPr, "jc"), val=align)
    edges = _sub(tblPr, "tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        kind = (borders or {}).get(edge, "nil")
        attrs = {"val": kind} if kind == "nil" else {"val": kind, "sz": "4", "space": "0", "color": "000000"}
        _set(_sub(edges, edge), **attrs)
    _set(_sub(tblPr, "tblLayout"), type="fixed")
    grid = _sub(tbl, "tblGrid")
    for width in widths_twips:
        _set(_sub(grid, "gridCol"), w=str(width))
    for cells in rows:
        tr = _sub(tbl, "tr")
        if row_height:
            _set(_sub(_sub(tr, "trPr"), "trHeight"), val=str(row_height), hRule=height_rule)
        for width, paragraphs in zip(widths_twips, cells):
            tc = _sub(tr, "tc")
            _set(_sub(_sub(tc, "tcPr"), "tcW"), w=str(width), type="dxa")
            for p in paragraphs or [make_paragraph(None)]:
                tc.append(p)
    return tbl


def _set(el, **attrs: str):
    for key, value in attrs.items():
        el.set(w(key), value)
    return el
