"""The editable question bank (题库.md): every candidate question, the chosen ones marked.

A trainer edits it in any text editor (swap a candidate in with `[x]`, fix a stem or an option,
change points) and makes the paper from it: `docgen quiz 题库.md`; `docgen build` uses a bank it
finds in the class's source folder. One question is a `###` block of `名称：值` lines:

    ### 3 [x]
    题干：坚持“（　　）”，……
    A：两个确立
    B：两个维护
    答案：B
    分值：2
    部分：2.1 坚持党的全面领导
    出处：坚持“两个维护”，……
"""

from __future__ import annotations

import re
from pathlib import Path

from docgen.errors import InputError
from docgen.quiz.model import LETTERS, TYPES, Change, KeyPoint, Paper, Question
from docgen.quiz.select import TYPE_NAMES
from docgen.quiz.text import fmt_points

MARKER = "<!-- docgen 题库 -->"
"""The bank's first line: how docgen tells a bank from a speech written in Markdown."""
HELP = ("说明：每道题以“### 编号 [x]”开头，[x] 表示选入试卷，[ ] 表示备选；可修改题干、选项、答案、分值和要点，"
        "一项一行。改好后运行 docgen quiz 本文件 生成试卷和答案；放在培训班 source/ 文件夹中时，docgen build 使用本题库。")
TYPE_BY_NAME = {name: kind for kind, name in TYPE_NAMES.items()}
POINT_RE = re.compile(r"^(.*)（(\d+(?:\.\d+)?)分）$")
QUESTION_RE = re.compile(r"^###\s*\S*\s*\[( |x|X|√)\]")
FIELD_RE = re.compile(r"^([^：:]{1,6})[：:](.*)$")
TRUE_MARKS, FALSE_MARKS = ("√", "对", "正确", "是"), ("×", "错", "错误", "否")


def is_bank(path: Path) -> bool:
    """Whether `path` is a question bank (a .md file whose first line is MARKER)."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            return path.suffix.lower() == ".md" and f.readline().strip() == MARKER
    except (OSError, UnicodeDecodeError):
        return False


def find_bank(speech_source: str) -> Path | None:
    """A bank in the speech's folder made from this speech (its `讲话稿：` line names the file)."""
    if not speech_source:
        return None
    speech = Path(speech_source)
    if not speech.parent.is_dir():
        return None
    for path in sorted(speech.parent.glob("*.md")):
        if path != speech and is_bank(path) and _bank_speech(path) == speech.name:
            return path
    return None


def _bank_speech(path: Path) -> str:
    for line in path.read_text(encoding="utf-8-sig").splitlines()[:8]:
        if line.startswith("讲话稿："):
            return line.partition("：")[2].strip()
    return ""


# -- writing -----------------------------------------------------------------------


def to_bank(paper: Paper, speech_name: str) -> str:
    """The bank's text: the chosen questions and the candidates, by type, in the speech's order."""
    lines = [MARKER, f"# 题库：{paper.title}", "", f"讲话稿：{speech_name}", "", HELP, ""]
    every = paper.questions + paper.candidates
    for kind in TYPES:
        group = [q for q in every if q.type == kind]
        if not group:
            continue
        lines += [f"## {TYPE_NAMES[kind]}", ""]
        for n, q in enumerate(sorted(group, key=lambda q: _order(paper, q)), start=1):
            lines += _question_lines(n, q) + [""]
    return "\n".join(lines)


def _order(paper: Paper, q: Question) -> tuple[bool, int]:
    every = paper.questions + paper.candidates
    return (not q.chosen, every.index(q))


def _question_lines(n: int, q: Question) -> list[str]:
    lines = [f"### {n} [{'x' if q.chosen else ' '}]", f"题干：{q.stem}"]
    lines += [f"{LETTERS[i]}：{o}" for i, o in enumerate(q.options)]
    if q.type in ("single", "multiple"):
        lines.append(f"答案：{q.answer_letters()}")
    elif q.type == "judge":
        lines.append(f"答案：{'√' if q.truth else '×'}")
        if not q.truth:
            lines.append(f"原文：{q.statement}")
    elif q.type == "fill":
        lines.append(f"答案：{'；'.join(q.correct)}")
    lines += [f"要点：{k.text}（{fmt_points(k.points)}分）" for k in q.key_points]
    lines.append(f"分值：{fmt_points(q.points)}")
    where = ".".join(str(n) for n in q.section)
    lines.append(f"部分：{(where + ' ') if where else ''}{q.section_title}".rstrip())
    lines.append(f"出处：{q.source}")
    return lines


# -- reading -----------------------------------------------------------------------


def read_bank(path: Path, title: str = "", class_name: str = "") -> Paper:
    """The paper an edited bank describes: its `[x]` questions. InputError naming the line otherwise."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}：无法读取题库（{e}）") from None
    kind, blocks = None, []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line.startswith("## "):
            kind = TYPE_BY_NAME.get(line[3:].strip())
            if kind is None:
                raise _error(path, number, f"不认识的题型“{line[3:].strip()}”，应为{'、'.join(TYPE_NAMES.values())}")
        elif line.startswith("###"):
            m = QUESTION_RE.match(line)
            if m is None:
                raise _error(path, number, "题目标题应写成“### 编号 [x]”（选用）或“### 编号 [ ]”（备选）")
            if kind is None:
                raise _error(path, number, "题目之前缺少题型标题（如“## 单项选择题”）")
            blocks.append((kind, number, m.group(1) != " ", []))
        elif line and blocks and not line.startswith(("#", "<!--")):
            blocks[-1][3].append((number, line))
    questions = [_question(path, *b) for b in blocks]
    chosen = [q for q in questions if q.chosen]
    if not chosen:
        raise InputError(f"{path}：题库中没有选用的题目（在题目标题中写 [x] 选用）")
    ordered = [q for t in TYPES for q in chosen if q.type == t]
    return Paper(title=title, class_name=class_name, questions=ordered,
                 candidates=[q for q in questions if not q.chosen])


def _question(path: Path, kind: str, head: int, chosen: bool, lines: list[tuple[int, str]]) -> Question:
    fields: dict[str, tuple[int, str]] = {}
    options: list[str] = []
    points: list[KeyPoint] = []
    for number, line in lines:
        m = FIELD_RE.match(line)
        if m is None:
            raise _error(path, number, "每行应写成“名称：内容”（如“题干：……”“A：……”“答案：B”）")
        name, value = m.group(1).strip(), m.group(2).strip()
        if len(name) == 1 and name in LETTERS:
            if name != LETTERS[len(options)]:
                raise _error(path, number, f"选项应按 A、B、C……的顺序排列，这里应是 {LETTERS[len(options)]}")
            options.append(value)
        elif name == "要点":
            points.append(_key_point(path, number, value))
        elif name in ("题干", "答案", "分值", "部分", "出处", "原文"):
            fields[name] = (number, value)
        else:
            raise _error(path, number, f"不认识的项目“{name}”")
    stem = _required(path, head, fields, "题干")
    q = Question(type=kind, stem=stem, points=_points(path, head, fields), source=fields.get("出处", (0, ""))[1],
                 options=options, chosen=chosen)
    q.section, q.section_title = _where(fields.get("部分", (0, ""))[1])
    _set_answer(path, head, q, fields, points)
    return q


def _set_answer(path: Path, head: int, q: Question, fields, points: list[KeyPoint]) -> None:
    if q.type == "short":
        if not points:
            raise _error(path, head, "简答题缺少“要点：……（N分）”")
        q.key_points = points
        total = sum(k.points for k in points)
        if abs(total - q.points) > 1e-6:
            raise _error(path, fields["分值"][0], f"简答题分值 {fmt_points(q.points)} 与要点分数之和 {fmt_points(total)} 不符")
        return
    answer = _required(path, head, fields, "答案")
    number = fields["答案"][0]
    if q.type in ("single", "multiple"):
        _set_letters(path, number, q, answer)
    elif q.type == "judge":
        if answer not in TRUE_MARKS + FALSE_MARKS:
            raise _error(path, number, "判断题答案应为 √ 或 ×")
        q.truth = answer in TRUE_MARKS
        q.statement = fields.get("原文", (0, q.stem))[1] if not q.truth else q.stem
        if not q.truth:
            q.change = Change("edit", q.statement, q.stem, 0)
    else:
        q.correct = [a.strip() for a in re.split("[；;]", answer) if a.strip()]


def _set_letters(path: Path, number: int, q: Question, answer: str) -> None:
    letters = answer.replace("、", "").replace(",", "").replace("，", "").replace(" ", "").upper()
    if len(q.options) < 2:
        raise _error(path, number, "选择题至少要有两个选项")
    for letter in letters:
        if letter not in LETTERS[:len(q.options)]:
            raise _error(path, number, f"答案“{answer}”中的 {letter} 没有对应的选项")
    if not letters or (q.type == "single" and len(letters) != 1):
        raise _error(path, number, "单项选择题的答案应为一个字母" if q.type == "single" else "答案不能为空")
    if q.type == "multiple" and len(letters) < 2:
        raise _error(path, number, "多项选择题的答案至少有两个字母")
    q.correct = [q.options[LETTERS.index(c)] for c in dict.fromkeys(letters)]


def _key_point(path: Path, number: int, value: str) -> KeyPoint:
    m = POINT_RE.match(value)
    if m is None:
        raise _error(path, number, "要点应写成“要点：内容（N分）”")
    return KeyPoint(m.group(1).strip(), _number(m.group(2)))


def _points(path: Path, head: int, fields) -> float:
    number, value = fields.get("分值", (head, ""))
    try:
        points = _number(value)
    except ValueError:
        raise _error(path, number, f"分值“{value}”应为大于 0 的数字") from None
    if points <= 0:
        raise _error(path, number, f"分值“{value}”应为大于 0 的数字")
    return points


def _number(text: str) -> float:
    value = float(text)
    return int(value) if value.is_integer() else value


def _where(text: str) -> tuple[list[int], str]:
    """`2.1 坚持党的领导` → ([2, 1], `坚持党的领导`); `开头部分` → ([], `开头部分`)."""
    head, _, rest = text.partition(" ")
    if re.fullmatch(r"\d+(?:\.\d+)*", head):
        return [int(n) for n in head.split(".")], rest.strip()
    return [], text.strip()


def _required(path: Path, head: int, fields, name: str) -> str:
    if not fields.get(name, (0, ""))[1]:
        raise _error(path, head, f"这道题缺少“{name}：”")
    return fields[name][1]


def _error(path: Path, line: int, message: str) -> InputError:
    return InputError(f"{path} 第 {line} 行：{message}")
