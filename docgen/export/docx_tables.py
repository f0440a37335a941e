"""Tables of a Word file as the PDF drawer lays them out: docgen's sign-in sheets.

Supported: a fixed grid (tblGrid/tcW), table borders (outer and inside, single lines), cell
margins, row heights (at least / exact), vertical alignment, header rows repeated on a new page,
rows that never split. Merged cells, cell borders or shading, nested tables and table styles
raise `Unsupported`.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.export.docx_styles import NS, parse_rgb, w
from docgen.export.ooxml import Unsupported, local_name

TABLE_PROPS = {"tblW", "jc", "tblBorders", "tblLayout", "tblLook", "tblInd", "tblCellMar"}
ROW_PROPS = {"cantSplit", "trHeight", "tblHeader", "jc"}
CELL_PROPS = {"tcW", "vAlign", "noWrap"}
WORD_CELL_MARGINS = (108, 0, 108, 0)  # left, top, right, bottom in twips: Word's defaults


@dataclass
class Rule:
    width: float
    rgb: tuple[int, int, int]


@dataclass
class Row:
    cells: list  # (x, width, valign, [w:p])
    height: float
    exact: bool
    header: bool


@dataclass
class Table:
    rows: list[Row]
    x: float
    width: float
    margins: tuple[float, float, float, float]  # left, top, right, bottom (pt)
    rules: dict[str, Rule | None]  # top, left, bottom, right, insideH, insideV
    edges: list[float]  # x of each column boundary, left to right


def read_table(tbl, left: float, text_width: float) -> Table:
    """The table's geometry and rows; `left`/`text_width` are the text area it sits in."""
    props = tbl.find("w:tblPr", NS)
    names = {local_name(c) for c in props} if props is not None else set()
    if names - TABLE_PROPS:
        raise Unsupported(f"table property {', '.join(sorted(names - TABLE_PROPS))}")
    widths = [int(c.get(w("w"))) / 20 for c in tbl.iterfind("w:tblGrid/w:gridCol", NS)]
    if not widths:
        raise Unsupported("table without grid")
    width = sum(widths)
    jc = props.find("w:jc", NS) if props is not None else None
    indent = props.find("w:tblInd", NS) if props is not None else None
    x = left + (int(indent.get(w("w"), "0")) / 20 if indent is not None else 0.0)
    if jc is not None and jc.get(w("val")) == "center":
        x = left + (text_width - width) / 2
    elif jc is not None and jc.get(w("val")) in ("right", "end"):
        x = left + text_width - width
    rows = [_row(tr, x, widths) for tr in _children(tbl, "tr", {"tblPr", "tblGrid"})]
    edges = [x + sum(widths[:i]) for i in range(len(widths) + 1)]
    return Table(rows, x, width, _margins(props), _rules(props), edges)


def _children(el, wanted: str, allowed: set[str]) -> list:
    found = []
    for child in el:
        name = local_name(child)
        if name == wanted:
            found.append(child)
        elif name not in allowed:
            raise Unsupported(f"table content {name}")
    return found


def _row(tr, x: float, widths: list[float]) -> Row:
    props = tr.find("w:trPr", NS)
    names = {local_name(c) for c in props} if props is not None else set()
    if names - ROW_PROPS:
        raise Unsupported("row property")
    height = props.find("w:trHeight", NS) if props is not None else None
    cells, column = [], 0
    for tc in _children(tr, "tc", {"trPr", "tblPrEx"}):
        cell_props = tc.find("w:tcPr", NS)
        if cell_props is not None and {local_name(c) for c in cell_props} - CELL_PROPS:
            raise Unsupported("cell property")
        if column >= len(widths):
            raise Unsupported("more cells than grid columns")
        valign = cell_props.find("w:vAlign", NS) if cell_props is not None else None
        cells.append((x + sum(widths[:column]), widths[column], valign.get(w("val")) if valign is not None else "top",
                      _children(tc, "p", {"tcPr"})))
        column += 1
    return Row(cells, int(height.get(w("val"), "0")) / 20 if height is not None else 0.0,
               height is not None and height.get(w("hRule")) == "exact",
               props is not None and props.find("w:tblHeader", NS) is not None)


def _margins(props) -> tuple[float, float, float, float]:
    values = list(WORD_CELL_MARGINS)
    margins = props.find("w:tblCellMar", NS) if props is not None else None
    if margins is not None:
        for i, sides in enumerate((("left", "start"), ("top",), ("right", "end"), ("bottom",))):
            for side in sides:
                el = margins.find(f"w:{side}", NS)
                if el is not None:
                    values[i] = int(el.get(w("w"), "0"))
    return tuple(v / 20 for v in values)


def _rules(props) -> dict[str, Rule | None]:
    rules: dict[str, Rule | None] = dict.fromkeys(("top", "left", "bottom", "right", "insideH", "insideV"))
    borders = props.find("w:tblBorders", NS) if props is not None else None
    for side in borders if borders is not None else ():
        style = side.get(w("val"), "none")
        if style in ("none", "nil"):
            continue
        if style != "single":
            raise Unsupported("table border style")
        name = {"start": "left", "end": "right"}.get(local_name(side), local_name(side))
        rules[name] = Rule(int(side.get(w("sz"), "4")) / 8, parse_rgb(side.get(w("color"), "000000")))
    return rules
