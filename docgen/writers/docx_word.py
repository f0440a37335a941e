"""What Word and WPS need beyond valid OOXML, applied to every .docx docgen writes (`finish`).

- Shared punctuation (“ ” ‘ ’ — … · □ √ ×, General Punctuation and the symbol blocks) is in both
  the Latin and the East Asian ranges; Word and WPS choose its font by `w:rFonts w:hint`
  (MS-OI29500 §2.1.88), LibreOffice 7.4 by the script of the text before it (the Latin font at a
  paragraph's start) and ignores the hint. Every run holding such characters gets
  `w:hint="eastAsia"`; a paragraph's leading stretch of them also gets a run of its own naming the
  East Asian font in every slot, so LibreOffice's PDFs draw the Chinese quotes there too.
- settings.xml as Chinese Word writes it: compatibilityMode 15 (no 兼容模式 in the title bar),
  `themeFontLang w:eastAsia="zh-CN"`, `characterSpacingControl compressPunctuation` (标点压缩).
- fontTable.xml lists every font the document names, with charset 86 (GB2312) for the Chinese
  ones and an `w:altName`/panose a machine without the font substitutes from (仿宋_GB2312 → 仿宋).
"""

from __future__ import annotations

import copy
import re

from docgen.writers.docx_common import RPR_ORDER, W_NS, w

SHARED = re.compile(r"[\u00a1-\u00bf\u00d7\u00f7\u02c7\u02c9\u2010-\u2bff]+")
WORD_URI = "http://schemas.microsoft.com/office/word"
RT_FONT_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
CT_FONT_TABLE = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"
FONT_ATTRS = ("ascii", "hAnsi", "eastAsia", "cs")
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
THEME_OF = {"ascii": "asciiTheme", "eastAsia": "eastAsiaTheme"}
_FIELD_PARTS = {"fldChar", "instrText", "delText", "ptab", "sym", "object", "drawing", "pict"}

# name: (altName, panose1, charset, family, pitch). Values as Windows' fonts report them; the
# altName is the font Word/WPS falls back to where the first one is not installed.
FONTS = {
    "宋体": ("SimSun", "02010600030101010101", "86", "auto", "variable"),
    "黑体": ("SimHei", "02010609060101010101", "86", "modern", "fixed"),
    "楷体": ("KaiTi", "02010609060101010101", "86", "modern", "fixed"),
    "仿宋": ("FangSong", "02010609060101010101", "86", "modern", "fixed"),
    "仿宋_GB2312": ("仿宋", "02010609030101010101", "86", "modern", "fixed"),
    "楷体_GB2312": ("楷体", "02010609030101010101", "86", "modern", "fixed"),
    "方正小标宋简体": ("宋体", "02000000000000000000", "86", "script", "variable"),
    "方正仿宋_GBK": ("仿宋", "02000000000000000000", "86", "script", "variable"),
    "方正黑体_GBK": ("黑体", "02000000000000000000", "86", "script", "variable"),
    "方正楷体_GBK": ("楷体", "02000000000000000000", "86", "script", "variable"),
    "微软雅黑": ("Microsoft YaHei", "020B0503020204020204", "86", "swiss", "variable"),
    "等线": ("DengXian", "02010600030101010101", "86", "auto", "variable"),
    "Times New Roman": (None, "02020603050405020304", "00", "roman", "variable"),
    "Arial": (None, "020B0604020202020204", "00", "swiss", "variable"),
    "Calibri": (None, "020F0502020204030204", "00", "swiss", "variable"),
    "Cambria": (None, "02040503050406030204", "00", "roman", "variable"),
    "Symbol": (None, "05050102010706020507", "02", "roman", "variable"),
}
CJK_SIG = {"usb0": "00000003", "usb1": "288F0000", "usb2": "00000016", "usb3": "00000000",
           "csb0": "00040001", "csb1": "00000000"}
SYMBOL_SIG = {"usb0": "00000000", "usb1": "10000000", "usb2": "00000000", "usb3": "00000000",
              "csb0": "80000000", "csb1": "00000000"}
LATIN_SIG = {"usb0": "E0002AFF", "usb1": "C0007841", "usb2": "00000009", "usb3": "00000000",
             "csb0": "000001FF", "csb1": "00000000"}


def finish(doc) -> None:
    """Make a python-docx Document right for Word and WPS (see the module); call just before saving."""
    styles = _StyleFonts(doc.styles.element)
    for part in _story_parts(doc):
        hint_shared_punctuation(part.element, styles)
    hint_style_fonts(doc.styles.element)
    chinese_settings(doc.settings.element)
    write_font_table(doc, used_fonts(doc))


def _story_parts(doc):
    """The main document, headers and footers (the parts whose runs are drawn)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    yield doc.part
    for rel in doc.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER, RT.FOOTNOTES, RT.ENDNOTES) and not rel.is_external:
            if hasattr(rel.target_part, "element"):
                yield rel.target_part


# -- shared punctuation -----------------------------------------------------------


def hint_shared_punctuation(root, styles: _StyleFonts) -> None:
    """`w:hint="eastAsia"` on every run holding shared punctuation; a paragraph's leading stretch of it
    also gets a run of its own naming the East Asian font in every slot (for LibreOffice)."""
    for p in root.iter(w("p")):
        first = True
        for t in list(p.iter(w("t"))):
            text = t.text or ""
            r = t.getparent()
            if r.tag == w("r") and SHARED.search(text):
                rpr = r.find(w("rPr"))
                _hint(_rfonts(r, rpr))
                if first and SHARED.match(text):
                    _split_leading(r, t, styles)
            first = first and not text


def _split_leading(r, t, styles: _StyleFonts) -> None:
    """Move the shared punctuation opening `t` (the paragraph's first text) into a run of its own."""
    rpr = r.find(w("rPr"))
    east = styles.font(r, rpr, "eastAsia")
    if not east or east == styles.font(r, rpr, "ascii") or r.getparent() is None:
        return
    if any(c.tag.rpartition("}")[2] in _FIELD_PARTS for c in r) or r.index(t) != (1 if rpr is not None else 0):
        return
    lead = SHARED.match(t.text).group()
    new = r.makeelement(w("r"), dict(r.attrib))
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    new.append(_text_element(lead))
    fonts = _rfonts(new, new.find(w("rPr")))
    for attr in THEME_ATTRS:
        fonts.attrib.pop(w(attr), None)
    for attr in ("ascii", "hAnsi", "eastAsia"):
        fonts.set(w(attr), east)
    r.addprevious(new)
    t.text = t.text[len(lead):]
    if not t.text and len([c for c in r if c.tag != w("rPr")]) == 1:
        r.getparent().remove(r)


def _segments(text: str):
    pos = 0
    for m in SHARED.finditer(text):
        if m.start() > pos:
            yield text[pos:m.start()], False
        yield m.group(), True
        pos = m.end()
    if pos < len(text):
        yield text[pos:], False


def _text_element(text: str):
    from docx.oxml import OxmlElement

    t = OxmlElement("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


def _rfonts(r, rpr):
    if rpr is None:
        rpr = r.makeelement(w("rPr"), {})
        r.insert(0, rpr)
    fonts = rpr.find(w("rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(w("rFonts"), {})
        later = set(RPR_ORDER[RPR_ORDER.index("w:rFonts") + 1:])
        successor = next((c for c in rpr if f"w:{c.tag.rpartition('}')[2]}" in later), None)
        if successor is None:
            rpr.append(fonts)
        else:
            successor.addprevious(fonts)
    return fonts


def _hint(fonts) -> None:
    fonts.set(w("hint"), "eastAsia")


def hint_style_fonts(styles_root) -> None:
    """`w:hint="eastAsia"` on the document defaults and every style naming an East Asian font."""
    for fonts in styles_root.iter(w("rFonts")):
        if fonts.get(w("eastAsia")) or fonts.get(w("eastAsiaTheme")):
            fonts.set(w("hint"), "eastAsia")


class _StyleFonts:
    """The East Asian font a run gets: its own, its character style's, its paragraph style's, the default's."""

    def __init__(self, styles_root):
        self.attr = "eastAsia"
        self.styles = {s.get(w("styleId")): s for s in styles_root.iter(w("style"))}
        self.default_para = next((sid for sid, s in self.styles.items()
                                  if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true")), None)
        defaults = styles_root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.defaults = defaults

    def font(self, r, rpr, attr: str) -> str | None:
        """The `attr` (eastAsia, ascii) font name in effect for run `r`; None for a theme font."""
        self.attr = attr
        own = self._named(rpr)
        if own is not None:
            return own or None
        if rpr is not None and rpr.find(w("rStyle")) is not None:
            found = self._chain(rpr.find(w("rStyle")).get(w("val")))
            if found is not None:
                return found or None
        p = next((a for a in r.iterancestors(w("p"))), None)
        ppr = p.find(w("pPr")) if p is not None else None
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        found = self._chain(pstyle.get(w("val")) if pstyle is not None else self.default_para)
        if found is not None:
            return found or None
        return self._named(self.defaults) or None

    def _chain(self, style_id: str | None, depth: int = 0) -> str | None:
        style = self.styles.get(style_id)
        if style is None or depth > 20:
            return None
        own = self._named(style.find(w("rPr")))
        if own is not None:
            return own
        based = style.find(w("basedOn"))
        return self._chain(based.get(w("val")), depth + 1) if based is not None else None

    def _named(self, rpr) -> str | None:
        """The rPr's font name; '' when it names a theme font (unknown here); None when silent."""
        fonts = rpr.find(w("rFonts")) if rpr is not None else None
        if fonts is None:
            return None
        if fonts.get(w(THEME_OF[self.attr])):
            return ""
        return fonts.get(w(self.attr))


# -- settings ------------------------------------------------------------------------


def chinese_settings(settings) -> None:
    """compatibilityMode 15, theme language zh-CN, punctuation compression as Chinese Word sets them."""
    control = settings.find(w("characterSpacingControl"))
    if control is None:
        control = settings.makeelement(w("characterSpacingControl"), {})
        _insert_setting(settings, control, ("savePreviewPicture", "hdrShapeDefaults", "footnotePr", "endnotePr",
                                            "compat", "docVars", "rsids"))
    control.set(w("val"), "compressPunctuation")
    compat = settings.find(w("compat"))
    if compat is None:
        compat = settings.makeelement(w("compat"), {})
        _insert_setting(settings, compat, ("docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang"))
    mode = next((s for s in compat.iter(w("compatSetting")) if s.get(w("name")) == "compatibilityMode"), None)
    if mode is None:
        mode = compat.makeelement(w("compatSetting"), {w("name"): "compatibilityMode", w("uri"): WORD_URI})
        compat.append(mode)
    mode.set(w("val"), "15")
    lang = settings.find(w("themeFontLang"))
    if lang is None:
        lang = settings.makeelement(w("themeFontLang"), {w("val"): "en-US"})
        _insert_setting(settings, lang, ("clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
                                         "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
                                         "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                                         "listSeparator"))
    lang.set(w("eastAsia"), "zh-CN")


def _insert_setting(settings, element, successors: tuple[str, ...]) -> None:
    later = {w(s) for s in successors}
    successor = next((c for c in settings if c.tag in later), None)
    if successor is None:
        settings.append(element)
    else:
        successor.addprevious(element)


# -- font table ----------------------------------------------------------------------


def used_fonts(doc) -> list[str]:
    """Every font name the styles, the document, its headers, footers and lists give, in first-use order."""
    names: dict[str, None] = {}
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    lists = [r.target_part.element for r in doc.part.rels.values() if r.reltype == RT.NUMBERING and not r.is_external]
    for root in [doc.styles.element, *(part.element for part in _story_parts(doc)), *lists]:
        for fonts in root.iter(w("rFonts")):
            for attr in FONT_ATTRS:
                if fonts.get(w(attr)):
                    names.setdefault(fonts.get(w(attr)), None)
    return list(names)


def font_table_xml(names: list[str], old: bytes | None = None) -> bytes:
    """fontTable.xml listing `names`; a font docgen has no data for keeps the entry `old` had."""
    from lxml import etree

    kept = {}
    if old:
        for font in etree.fromstring(old).iter(w("font")):
            kept[font.get(w("name"))] = font
    root = etree.Element(w("fonts"), nsmap={"w": W_NS})
    for name in names:
        if name not in FONTS and name in kept:
            root.append(copy.deepcopy(kept[name]))
        else:
            root.append(_font_entry(name))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _font_entry(name: str):
    from lxml import etree

    chinese = any(ord(ch) >= 0x2E80 for ch in name)
    alt, panose, charset, family, pitch = FONTS.get(
        name, (None, "02010600030101010101" if chinese else "00000000000000000000", "86" if chinese else "00",
               "auto", "variable"))
    font = etree.Element(w("font"), {w("name"): name})
    if alt:
        etree.SubElement(font, w("altName"), {w("val"): alt})
    etree.SubElement(font, w("panose1"), {w("val"): panose})
    etree.SubElement(font, w("charset"), {w("val"): charset})
    etree.SubElement(font, w("family"), {w("val"): family})
    etree.SubElement(font, w("pitch"), {w("val"): pitch})
    sig = CJK_SIG if charset == "86" else SYMBOL_SIG if charset == "02" else LATIN_SIG
    etree.SubElement(font, w("sig"), {w(k): v for k, v in sig.items()})
    return font


def write_font_table(doc, names: list[str]) -> None:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    part = next((rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT_FONT_TABLE), None)
    if part is None:
        part = Part(PackURI("/word/fontTable.xml"), CT_FONT_TABLE, b"", doc.part.package)
        doc.part.relate_to(part, RT_FONT_TABLE)
    old = part.blob if part.blob else None
    if hasattr(part, "_element"):
        from lxml import etree

        part._element = etree.fromstring(font_table_xml(names, old))
    else:
        part._blob = font_table_xml(names, old)


def runs_xml(text: str, rpr_inner: str = "", escape=None) -> str:
    """`w:r` XML for `text` (already a style's font in every slot), its shared punctuation hinted for
    Word: for writers that build runs as text (the sign-in sheet)."""
    escape = escape or _escape
    out = []
    for piece, shared in _segments(text):
        rpr = ('<w:rFonts w:hint="eastAsia"/>' if shared else "") + rpr_inner
        rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
        out.append(f'<w:r>{rpr_xml}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
