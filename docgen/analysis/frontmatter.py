"""The head of a speech: stray web-page text, title lines, date, speaker, salutation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docgen.analysis.blocks import Block
from docgen.analysis.markers import find_marker
from docgen.analysis.sentences import STRONG_TERMINATORS

# Words of web-page chrome that precede the real title when a page is copied as text.
WEB_CHROME = {
    "下载", "打印", "全屏", "收藏", "分享", "关闭", "关闭窗口", "返回", "返回顶部", "首页", "字号", "加大", "还原",
    "减小", "大", "中", "小", "默认", "放大", "缩小", "【", "】", "【字号：", "字号：", "打印本页", "保存", "纠错",
    "微信", "微博", "QQ", "分享到：", "扫一扫", "】【", "[", "]", "|", "：", "背景色", "阅读模式",
}
META_LINE = re.compile(r"^(来源|时间|发布时间|日期|作者|编辑|责任编辑|浏览次数|点击数|字体|信息来源|发布机构)[：:]")
CAPTION = re.compile(r"摄$|摄）$|（图[^）]*）$")
SALUTATION = re.compile(r"^[^，。！？,.!?]{2,24}[：:]$")
ADDRESS_TERMS = ("同志们", "各位代表", "各位委员", "各位领导", "同学们", "朋友们", "女士们", "先生们", "老师们",
                 "各位", "全体", "亲爱的")
_CN_DATE = "[0-9０-９〇○零一二三四五六七八九十]"
DATE_LINE = re.compile(f"^[（(]?{_CN_DATE}{{2,4}}年{_CN_DATE}{{1,2}}月({_CN_DATE}{{1,3}}日)?[）)]?$")
NAME = "[\u4e00-\u9fff·]{2,4}"
SPEAKER_LINE = re.compile(f"^(?:(?P<post>.{{1,30}}?)[ \u3000]+)?(?P<name>{NAME})$")
TITLE_MAX = 60


@dataclass
class Front:
    title_lines: list[str] = field(default_factory=list)
    speaker: str = ""
    date: str = ""
    salutation: str = ""
    notes: list[str] = field(default_factory=list)


def split_front(blocks: list[Block]) -> tuple[Front, list[Block]]:
    """Take the title block (and the salutation) off the start of `blocks`."""
    front = Front()
    i = _skip_chrome(blocks)
    while i < len(blocks):
        b = blocks[i]
        text = _despace(b.text)
        if b.level > 1 or (b.level == 1 and front.title_lines and find_marker(b.text)):
            break
        if b.note:
            front.notes.append(b.text)
        elif not front.title_lines and _title_like(b, text):
            front.title_lines.append(text)
        elif front.title_lines and not (front.date or front.speaker) and _title_like(b, text) and not _speaker(text):
            front.title_lines.append(text)
        elif DATE_LINE.match(text) and not front.date:
            front.date = text.strip("（）()")
        elif META_LINE.match(text) or (CAPTION.search(text) and len(text) < 80 and front.title_lines):
            front.notes.append(b.text)
        elif front.title_lines and not front.speaker and _speaker(text):
            front.speaker = _speaker(text)
        elif is_salutation(b.text):
            front.salutation = b.text
            return front, blocks[i + 1:]
        else:
            break
        i += 1
    return front, blocks[i:]


def _skip_chrome(blocks: list[Block]) -> int:
    i = 0
    while i < len(blocks) and blocks[i].level == 0 and _chrome(blocks[i].text):
        i += 1
    return i


def _chrome(text: str) -> bool:
    core = text.strip("【】[]：: |")
    return text in WEB_CHROME or core in WEB_CHROME or not core


def _title_like(b: Block, text: str) -> bool:
    if b.level == 1:
        return not find_marker(b.text)
    if b.level or find_marker(b.text) or is_salutation(b.text) or DATE_LINE.match(text):
        return False
    return 0 < len(text) <= TITLE_MAX and not any(c in STRONG_TERMINATORS for c in text) and "：" not in text


def _speaker(text: str) -> str:
    if find_marker(text):
        return ""
    m = SPEAKER_LINE.match(text.strip())
    return m.group("name") if m else ""


def _despace(text: str) -> str:
    """`政 府 工 作 报 告` → `政府工作报告` (letter-spaced titles); anything else unchanged."""
    parts = text.split()
    if len(parts) >= 3 and all(len(p) == 1 for p in parts):
        return "".join(parts)
    return text


AUDIENCE_WORDS = ("同志", "代表", "委员", "领导", "同学", "朋友", "女士", "先生", "老师", "来宾", "嘉宾", "各位",
                  "亲爱的", "职工", "会员", "学员", "大家")


def is_salutation(text: str) -> bool:
    """`同志们：`, `各位代表：`, `尊敬的各位领导、同志们：` — a short line to the audience ending with a colon."""
    return (bool(SALUTATION.match(text)) and any(w in text for w in AUDIENCE_WORDS)
            and not find_marker(text) and not META_LINE.match(text))


_ADDRESS = re.compile(f"^({'|'.join(ADDRESS_TERMS[:9])})[^，,！!：:]{{0,12}}[，,！!]")


def starts_with_address(text: str) -> bool:
    """`同志们，…` / `各位代表！…`: a paragraph that turns to the audience (how closings begin)."""
    return bool(_ADDRESS.match(text))
