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
NAME = "[\u4e00-\u9fff·](?:[ \u3000]?[\u4e00-\u9fff·]){1,3}"
"""A name of two to four characters, letter-spaced or not (`龚 正`)."""
SPEAKER_LINE = re.compile(f"^(?:(?P<post>.{{1,30}}?)[ \u3000]+)?(?P<name>{NAME})$")
TITLE_MAX = 60
DASH_LEAD = re.compile(r"^(?:——|――|—|─|-{2,}|－{1,}|–)+")
DATELINE = re.compile(f"{_CN_DATE}{{2,4}}年{_CN_DATE}{{1,2}}月(?:{_CN_DATE}{{1,3}}日)?")
SUBTITLE_LINE = re.compile(r"^(?:——|――|—|─|-{2,}|－{1,}|–).+|^[（(][^（()）]*(?:在|于).+(?:上|讲话|报告|发言)[^（()）]*[）)]$"
                           r"|^在.{2,40}上的(?:讲话|报告|发言|致辞|工作报告|动员讲话)$")
"""`——在…上的讲话`, `----2012年2月29日在…会议上`, `（2026年1月27日在…会议上）`."""
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t\u3000]+")
EDITOR_NOTE = re.compile(r"^(?:[【\[]\s*(?:导\s*读|编者按|编\s*者\s*按|按\s*语|编者的话|摘\s*要|提\s*要)\s*[】\]]"
                         r"|编者按[：:]|按语[：:]|原标题[：:]|>|＞)")
"""Editor's notes (`【导  读】…`, `编者按：…`, a Markdown quote `> …` in a text file): never spoken."""
NEWS_DATELINE = re.compile(r"^(?:新华社|新华网|人民网|中新社|中新网|央视网|人民日报|光明日报|经济日报)?"
                           r"[\u4e00-\u9fff]{2,6}[0-9０-９一二三四五六七八九十〇○]{1,3}月[0-9０-９一二三四五六七八九十〇○]{1,3}日电")
YAML_FENCE = "---"
YAML_FIELD = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*)$")


@dataclass
class Front:
    title_lines: list[str] = field(default_factory=list)
    speaker: str = ""
    office: str = ""
    date: str = ""
    salutation: str = ""
    notes: list[str] = field(default_factory=list)


def unmark(blocks: list[Block]) -> list[Block]:
    """Markdown typed into a text file: `# 标题` loses its `#`, `> …` is a note, a `---` YAML header
    (`title: "…"`) becomes its title and date lines; editor's notes (`【导  读】`) are notes."""
    blocks = _yaml_header(blocks)
    out = []
    for b in blocks:
        text = MARKDOWN_HEADING.sub("", b.text) if not b.level else b.text
        if not text.strip():
            continue
        note = b.note or bool(EDITOR_NOTE.match(text)) or _news_lead(text)
        out.append(Block(text.lstrip(">＞ \u3000") if note and text[:1] in ">＞" else text, b.level, note))
    return out


def _news_lead(text: str) -> bool:
    """`新华社北京12月31日电` alone, or with the agency's lead-in ending `全文如下：`."""
    m = NEWS_DATELINE.match(text)
    return bool(m) and (not text[m.end():].strip(" \u3000") or text.rstrip().endswith(("如下：", "如下:")))


def _yaml_header(blocks: list[Block]) -> list[Block]:
    if len(blocks) < 3 or blocks[0].text.strip() != YAML_FENCE:
        return blocks
    end = next((k for k in range(1, min(len(blocks), 40)) if blocks[k].text.strip() == YAML_FENCE), 0)
    if not end:
        return blocks
    fields = {m["key"].lower(): m["value"].strip().strip("\"'") for b in blocks[1:end]
              if (m := YAML_FIELD.match(b.text.strip()))}
    head = [Block(fields[k]) for k in ("title", "subtitle") if fields.get(k)]
    head += [Block(fields[k]) for k in ("author",) if fields.get(k)]
    rest = blocks[end + 1:]
    if head and rest and MARKDOWN_HEADING.sub("", rest[0].text).strip() == head[0].text:
        rest = rest[1:]  # the title repeated as the first heading
    return head + rest


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
        elif (SUBTITLE_LINE.match(text) and len(text) <= TITLE_MAX + 20 and not front.speaker
              and (front.title_lines or not text.startswith("在"))):
            front.title_lines.append(text)
            front.date = front.date or _dateline(text)
        elif _continues_subtitle(front, text):
            front.title_lines[-1] += text
        elif not front.title_lines and _title_like(b, text):
            front.title_lines.append(text)
        elif front.title_lines and not (front.date or front.speaker) and _title_like(b, text) and not _speaker(text):
            front.title_lines.append(text)
        elif DATE_LINE.match(text) and not front.date:
            front.date = text.strip("（）()")
        elif META_LINE.match(text) or (CAPTION.search(text) and len(text) < 80):
            front.notes.append(b.text)
        elif (front.title_lines or front.date) and not front.speaker and _speaker(text):
            front.speaker, front.office = _speaker(text), _office(text)
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
    return re.sub(r"[ \u3000]", "", m.group("name")) if m else ""


def _office(text: str) -> str:
    """`海拉尔区人民政府区长　　张天喜` → `海拉尔区人民政府区长`."""
    m = SPEAKER_LINE.match(text.strip())
    return (m.group("post") or "").strip() if m else ""


def _dateline(text: str) -> str:
    m = DATELINE.search(text)
    return m.group(0) if m else ""


def _continues_subtitle(front: Front, text: str) -> bool:
    """`——2026年1月26日在广东省第十四届` + `人民代表大会第五次会议上`: one subtitle broken in two."""
    if not front.title_lines or front.speaker or not SUBTITLE_LINE.match(front.title_lines[-1]):
        return False
    last = front.title_lines[-1]
    return (not last.endswith(("上", "讲话", "报告", "发言", "致辞", "）", ")")) and len(text) <= 30
            and not _speaker(text) and text.endswith(("上", "讲话", "报告", "发言", "致辞")))


def is_subtitle(line: str, first: bool = False) -> bool:
    """A title line that is the subtitle (`——在…上的讲话`, a dateline), not the main title; a first
    line `在…上的讲话` is the title itself."""
    return bool(SUBTITLE_LINE.match(line)) and not (first and line.startswith("在"))


# -- the speech's title, the same on every document ----------------------------------------------

FALLBACK_TITLE = "讲话稿"
LOOSE_TITLE_MAX = 30
_warned: set[str] = set()


def title_parts(speech) -> tuple[list[str], str]:
    """(main title lines, subtitle) of `speech` as written; the subtitle with `——` for `----`."""
    lines = list(speech.title_lines)
    subs = [is_subtitle(line, first=k == 0) for k, line in enumerate(lines)]
    main = [line for line, sub in zip(lines, subs) if not sub]
    return main, "".join(subtitle_text(line) for line, sub in zip(lines, subs) if sub)


def speech_title(speech, info=None) -> str:
    """The title every document of the kit shows (deck, handout, test paper).

    In this order: the title written in the speech; the .docx file's own title (its core
    properties); a title-like first line; the schedule's title for this lecture (`info`, a
    ClassInfo); else `讲话稿`, with one warning. Never the file name.
    """
    main, _ = title_parts(speech)
    found = (main[0] if main else "") or _core_title(speech.source) or _loose_first_line(speech)
    found = found or _schedule_title(speech, info)
    if found:
        return found
    if speech.source not in _warned:
        _warned.add(speech.source)
        from docgen.report import warn

        warn(f"{speech.source or '讲话稿'}：没有找到讲话标题，暂用“{FALLBACK_TITLE}”（可在讲话稿第一行写上标题，"
             "或在 class.toml 的课程安排中写明 title）")
    return FALLBACK_TITLE


def _core_title(source: str) -> str:
    """The title a Word file carries in docProps/core.xml, when it is a real one."""
    if not source.lower().endswith(".docx"):
        return ""
    import html
    import zipfile
    from pathlib import Path

    try:
        with zipfile.ZipFile(source) as z:
            core = z.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    m = re.search(r"<dc:title>(.*?)</dc:title>", core, re.S)
    title = html.unescape(m.group(1)).strip() if m else ""
    real = re.search("[\u4e00-\u9fff]", title) and title != Path(source).stem and len(title) <= TITLE_MAX
    return title if real else ""


def _loose_first_line(speech) -> str:
    """A short first paragraph without inner punctuation (`政府工作报告。`) standing for the title."""
    first = speech.preamble[0].strip() if speech.preamble else ""
    core = first.rstrip("。．. ")
    if 2 <= len(core) <= LOOSE_TITLE_MAX and not re.search(r"[，,。！？!?；;：:、]", core) and not find_marker(core):
        return core
    return ""


def _schedule_title(speech, info) -> str:
    if info is None or not speech.source:
        return ""
    from pathlib import Path

    source = Path(speech.source).resolve()
    for session in getattr(info, "schedule", ()):
        if session.speech and Path(session.speech).resolve() == source and session.title:
            return session.title
    return ""


def subtitle_text(line: str) -> str:
    """The subtitle as shown: a run of ASCII hyphens (`----2012年…`) becomes the dash `——`."""
    m = DASH_LEAD.match(line)
    return "——" + line[m.end():] if m and not line.startswith("——") else line


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
