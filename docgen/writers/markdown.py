"""The editable structured form of a speech: Markdown a union staffer can fix in any editor.

Layout (read back by docgen/readers/markdown.py into the same Speech):

    <!-- docgen:speech v1 -->
    # 标题第一行
    # ——副标题行
    > 讲话人：…            (also 职务、日期、称呼)
    preamble paragraphs, one per line, blank lines between
    ## heading of a top-level point     (### for its sub-points, and so on)
    > 编号：一是            (序号、短标题、副标题、连写、样式)
    body paragraphs
    > 续：1                 (paragraphs after the sub-points of the level-1 point)
    # 〔结束语〕 / # 〔注释〕
A paragraph that would start with `#`, `>`, `<`, `-` or `\\` is written with a leading `\\`.
"""

from __future__ import annotations

from docgen.model import Section, Speech

MAGIC = "<!-- docgen:speech v1 -->"
HELP = ("<!-- 可编辑的讲话稿结构：改标题就改 # 行；改幻灯片标题就改“短标题”；合并两个要点就删去后一个要点的"
        " ## 标题行和紧跟的 > 行；每段一行，段与段之间空一行。保存后可直接作为 docgen 各命令的输入。 -->")
CLOSING = "〔结束语〕"
NOTES = "〔注释〕"
ESCAPE_STARTS = ("#", ">", "<", "-", "\\")
YES = "是"
HEAD_KEYS = (("职务", "office"), ("讲话人", "speaker"), ("日期", "date"), ("称呼", "salutation"))


def speech_to_markdown(speech: Speech) -> str:
    """The structured Markdown text of `speech` (UTF-8, LF, ends with a newline)."""
    lines = [MAGIC, HELP, ""]
    lines += [f"# {t}" for t in speech.title_lines]
    lines += [f"> {label}：{getattr(speech, attr)}" for label, attr in HEAD_KEYS if getattr(speech, attr)]
    lines.append("")
    _paragraphs(lines, speech.preamble)
    for s in speech.sections:
        _section(lines, s, 1)
    for title, paras in ((CLOSING, speech.closing), (NOTES, speech.notes)):
        if paras:
            lines += [f"# {title}", ""]
            _paragraphs(lines, paras)
    return "\n".join(lines).rstrip("\n") + "\n"


def _section(lines: list[str], s: Section, depth: int) -> None:
    lines.append(f"{'#' * (depth + 1)} {s.heading}")
    meta = [("编号", s.marker), ("序号", str(s.number)), ("短标题", s.short_title), ("副标题", s.subtitle),
            ("连写", YES if s.run_in else ""), ("样式", s.style)]
    lines += [f"> {k}：{v}" for k, v in meta if v]
    lines.append("")
    _paragraphs(lines, s.paragraphs)
    for sub in s.sections:
        _section(lines, sub, depth + 1)
    if s.trailing:
        lines += [f"> 续：{depth}", ""]
        _paragraphs(lines, s.trailing)


def _paragraphs(lines: list[str], paras: list[str]) -> None:
    for p in paras:
        lines += [escape(p), ""]


def escape(paragraph: str) -> str:
    return "\\" + paragraph if paragraph.startswith(ESCAPE_STARTS) else paragraph
