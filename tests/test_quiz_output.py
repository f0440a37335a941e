"""The paper and key as Word files (and PDF), JSON, GIFT and the `docgen quiz` command."""

import json
import re

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.quiz.choice import CHOICE_BLANK
from docgen.writers.quiz_docx import PRINTED_BLANK
from docgen.config import ClassInfo, load_class
from docgen.quiz.generate import TYPE_NAMES
from docgen.quiz.export import gift_escape
from docgen.readers import read_speech
from docgen.resources import Templates
from docgen.writers.quiz import build_papers, write_quiz
from helpers import ROOT, SAMPLE, assert_valid_ooxml, corpus_files, has_soffice, pdf_text, pdf_words, to_pdf

CLASS = ROOT / "source" / "class.toml"
GROUP = re.compile(r"^([一二三四五])、(单项选择题|多项选择题|判断题|填空题|简答题)")
QUESTION = re.compile(r"^(\d+)．(.*)$", re.S)
OPTION = re.compile(r"([A-H])．([^\t]*)")
SPEECHES = [p for p in corpus_files() if not p.name.startswith("README")]
KEY_ANSWER = re.compile(r"^(\d+)．答案：(\S+)(?:　(.*))?$", re.S)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """Variants A and B of the sample (paper + key), written once; PDFs in one LibreOffice run."""
    out = tmp_path_factory.mktemp("quiz")
    info = load_class(CLASS)
    templates = Templates(None, info.folder)
    speech = read_speech(SAMPLE)
    files = write_quiz(speech, out / "测试卷.docx", info, templates, seed=5, variants=["A", "B"])
    papers = build_papers(speech, info, templates, seed=5, variants=["A", "B"])
    pdfs = to_pdf(*files, outdir=out / "pdf") if has_soffice() else []
    return files, papers, pdfs


def paragraphs(path):
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def parse_paper(path):
    """[(group name, [(number, stem, {letter: option})])] from the paper's paragraphs."""
    return _parse(path, QUESTION, lambda m: (int(m.group(1)), m.group(2), {}))


def parse_key(path):
    """[(group name, [(number, letters or √/×, answer texts)])] from the key's paragraphs."""
    return _parse(path, KEY_ANSWER, lambda m: (int(m.group(1)), m.group(2), m.group(3) or ""))


def _parse(path, item, make):
    groups = []
    for text in paragraphs(path):
        if m := GROUP.match(text):
            groups.append((m.group(2), []))
        elif groups and (m := item.match(text)):
            groups[-1][1].append(make(m))
        elif groups and groups[-1][1] and isinstance(groups[-1][1][-1][2], dict) and (opts := OPTION.findall(text)):
            groups[-1][1][-1][2].update(opts)
    return groups


def test_files_are_named_per_variant_and_valid_ooxml(written):
    files, _, _ = written
    assert [f.name for f in files] == ["测试卷-A.docx", "测试卷-A-答案.docx", "测试卷-B.docx", "测试卷-B-答案.docx"]
    assert_valid_ooxml(*files)


def test_paper_has_header_score_table_and_types_in_order(written):
    import docx

    files, papers, _ = written
    doc = docx.Document(str(files[0]))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "2026年全市工会系统理论培训班测试卷（A卷）"
    assert texts[1] == "（在工会系统理论培训班上的动员讲话）"  # the speech the paper is about
    assert re.fullmatch(r"单位：＿+　姓名：＿+　得分：＿+", texts[2])
    table = doc.tables[0]
    paper = papers[0][0]
    parts = ["一", "二", "三", "四", "五"][:len(paper.groups())]
    assert [c.text for c in table.rows[0].cells] == ["题号", *parts, "总分"]
    assert [r.cells[0].text for r in table.rows] == ["题号", "得分", "评卷人"]
    headings = [t for t in texts if GROUP.match(t)]
    assert [GROUP.match(h).group(2) for h in headings] == [TYPE_NAMES[t] for t, _ in paper.groups()]
    single = len(paper.of_type("single"))
    assert headings[0].endswith(f"（每小题2分，共{2 * single}分。每题只有一个正确答案，请将其字母填入括号内）")
    assert "（每小题15分，共30分）" in headings[-1]


def test_paper_questions_are_the_planned_ones(written):
    files, papers, _ = written
    for paper_file, (paper, _) in zip(files[::2], papers):
        parsed = parse_paper(paper_file)
        for (name, questions), (kind, planned) in zip(parsed, paper.groups()):
            assert [n for n, _, _ in questions] == list(range(1, len(planned) + 1))
            for (_, stem, options), q in zip(questions, planned):
                assert stem.replace(PRINTED_BLANK, CHOICE_BLANK).startswith(q.stem)
                assert list(options.values()) == q.options


def test_key_matches_its_paper_for_each_variant(written):
    files, papers, _ = written
    paper = papers[0][0]
    for paper_file, key_file in (files[0:2], files[2:4]):
        assert_key_matches_paper(paper_file, key_file, len(paper.of_type("single") + paper.of_type("multiple")))
    a, b = parse_key(files[1]), parse_key(files[3])
    assert [x[1] for x in a[0][1]] != [x[1] for x in b[0][1]]


@pytest.fixture(scope="module")
def corpus_written(tmp_path_factory):
    """Paper and key of every corpus speech (variants are checked on the sample)."""
    out = tmp_path_factory.mktemp("corpus")
    templates = Templates()
    written = {}
    for path in SPEECHES:
        speech = read_speech(path)
        files = write_quiz(speech, out / f"{path.stem}.docx", ClassInfo(name="测试班"), templates)
        papers = build_papers(speech, ClassInfo(name="测试班"), templates)
        written[path.name] = (files, papers)
    return written


def test_every_corpus_speech_gives_valid_papers_whose_keys_match(corpus_written):
    all_files = []
    for name, (files, papers) in corpus_written.items():
        all_files += files
        (paper_file, key_file), ((paper, _),) = files, papers
        groups = parse_paper(paper_file)
        assert [g for g, _ in groups] == [TYPE_NAMES[t] for t, _ in paper.groups()], name
        assert_key_matches_paper(paper_file, key_file, len(paper.of_type("single") + paper.of_type("multiple")))
    assert_valid_ooxml(*all_files)


def assert_key_matches_paper(paper_file, key_file, choice_questions: int) -> None:
    """Every key line names the paper's options by their letters; judgements are √ or ×."""
    paper, key = parse_paper(paper_file), parse_key(key_file)
    assert [g for g, _ in key] == [g for g, _ in paper]
    checked = 0
    for (group, questions), (_, answers) in zip(paper, key):
        assert len(answers) == (0 if group == "简答题" else len(questions)), group  # 简答题: 要点 lines
        for (n, stem, options), (m, letters, texts) in zip(questions, answers):
            assert n == m
            if options:
                assert "；".join(options[x] for x in letters) == texts, (group, n)
                checked += 1
            elif group == "判断题":
                assert letters[0] in "√×"
    assert checked == choice_questions


def test_key_gives_source_and_scoring_notes(written):
    files, papers, _ = written
    texts = paragraphs(files[1])
    assert texts[:2] == ["2026年全市工会系统理论培训班测试卷（A卷）", "参考答案及评分标准"]
    paper = papers[0][0]
    assert sum(t.startswith("评分标准：") for t in texts) == len(paper.groups())
    sources = [t for t in texts if t.startswith("出处：")]
    assert len(sources) == len(paper.questions)
    for text, q in zip(sources, paper.questions):
        shown = q.source in (q.stem, q.statement) or any(k.text == q.source for k in q.key_points)
        assert text.endswith(f"“{q.source}”") != shown, text  # the sentence once, never twice
    assert any(re.match(r"出处：第[一二三四五六七八]部分（.+）　“", t) for t in sources)
    assert any(t.startswith("（1）") and t.endswith("分）") for t in texts)


def test_every_run_has_an_east_asian_font(written):
    import docx
    from docx.oxml.ns import qn

    for f in written[0][:2]:
        body = docx.Document(str(f)).element.body
        for r in body.iter(qn("w:r")):
            if r.find(qn("w:t")) is None:
                continue
            fonts = r.find(qn("w:rPr")).find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")) and fonts.get(qn("w:eastAsiaTheme")) is None


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice missing")
def test_pdf_has_every_question_and_aligned_options(written):
    files, papers, pdfs = written
    text = pdf_text(pdfs[0]).replace(" ", "")
    assert "测试卷（A卷）" in text and "单项选择题" in text and "简答题" in text
    pages = text.split("\f")[:-1]
    assert all(re.search("[一-鿿]{4}", p.replace("页共", "")) for p in pages), "a page without text"
    starts = _option_starts(pdfs[0])
    assert starts, "no option lines found"
    for letter_x in starts.values():
        assert max(letter_x) - min(letter_x) < 1.5, starts


def _option_starts(pdf):
    """x of each option letter (A．, B． …) that starts an option cell, grouped by letter."""
    found: dict[str, list[float]] = {}
    for _, _, chars in pdf_words(pdf):
        for (x0, top, _, _, ch), nxt in zip(chars, chars[1:]):
            if ch in "ABCD" and nxt[4] == "．" and abs(nxt[1] - top) < 2:
                found.setdefault(ch, []).append(round(x0, 1))
    return {k: v for k, v in found.items() if k == "A"}


def test_json_is_the_documented_schema_and_goes_to_stdout():
    result = CliRunner().invoke(cli, ["quiz", str(SAMPLE), "--format", "json", "--seed", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    questions = data["questions"]
    assert questions and sum(q["points"] for q in questions) == 100 or "不足 100 分" in result.stderr
    for q in questions:
        assert {"type", "stem", "options", "answer", "source", "section", "points"} <= set(q)
        assert isinstance(q["section"], int)
    answers = {"single": lambda a, q: re.fullmatch("[A-D]", a),
               "multiple": lambda a, q: all(re.fullmatch("[A-H]", x) for x in a) and len(a) >= 2,
               "judge": lambda a, q: isinstance(a, bool), "fill": lambda a, q: a in q["source"],
               "short": lambda a, q: isinstance(a, list) and q["key_points"]}
    assert {"fill", "short"} <= {q["type"] for q in questions}
    for q in questions:
        assert answers[q["type"]](q["answer"], q), q


# -- GIFT ----------------------------------------------------------------------------------


def unescaped(text: str):
    """(index, char) of each character not preceded by a GIFT escape backslash."""
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        yield i, text[i]
        i += 1


def check_gift_question(block: str, kind: str) -> None:
    """A small checker of the GIFT grammar docgen writes: comments, ::title::, text {answers} text."""
    lines = [ln for ln in block.split("\n") if not ln.startswith("//")]
    assert len(lines) == 1, block
    line = lines[0]
    assert line.startswith("::")
    marks = [i for i, ch in unescaped(line) if ch == ":"]
    assert marks[:4] == [0, 1, marks[2], marks[2] + 1] and len(marks) == 4, block
    body = line[marks[3] + 1:]
    specials = [(i, ch) for i, ch in unescaped(body) if ch in "{}"]
    assert [ch for _, ch in specials] == ["{", "}"], block
    outside = body[:specials[0][0]] + body[specials[1][0] + 1:]
    assert not [ch for _, ch in unescaped(outside) if ch in "~=#{}:"], block
    answers = body[specials[0][0] + 1:specials[1][0]]
    answers = re.split(r"(?<!\\)####", answers)[0]  # the general feedback (the 出处)
    if kind == "judge":
        assert answers in ("TRUE", "FALSE")
        return
    if kind == "short":
        assert answers == ""
        return
    parts = _split_answers(answers)
    if kind == "single":
        assert sorted(p[0] for p in parts).count("=") == 1 and len(parts) in (3, 4), answers
    elif kind == "fill":
        assert len(parts) == 1 and parts[0][0] == "=", answers
    else:
        weights = [float(re.match(r"~%(-?[\d.]+)%", p).group(1)) for p in parts]
        assert abs(sum(w for w in weights if w > 0) - 100) < 0.01 and min(weights) == -100, answers


def _split_answers(answers: str) -> list[str]:
    cuts = [i for i, ch in unescaped(answers) if ch in "~="]
    return [answers[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(answers)])]


def test_gift_follows_the_grammar(tmp_path):
    info = load_class(CLASS)
    for path in [SAMPLE, *SPEECHES]:
        target = tmp_path / f"{path.stem}.gift.txt"
        write_quiz(read_speech(path), target, info, Templates(None, info.folder), fmt="gift")
        text = target.read_text(encoding="utf-8")
        blocks = text.strip("\n").split("\n\n")
        (paper, _), = build_papers(read_speech(path), info, Templates(None, info.folder))
        assert len(blocks) == len(paper.questions)
        for block, q in zip(blocks, paper.questions):
            check_gift_question(block, q.type)


def test_gift_escapes_every_special_character():
    assert gift_escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    check_gift_question("::单选1::x{=a\\:b ~c ~d ~e}y\\{", "single")
    with pytest.raises(AssertionError):
        check_gift_question("::单选1::x{=a:b ~c ~d ~e}y", "single")


# -- command ---------------------------------------------------------------------------------


def test_command_writes_paper_and_key(tmp_path):
    out = tmp_path / "卷.docx"
    result = CliRunner().invoke(cli, ["quiz", str(SAMPLE), "--class", str(CLASS), "-o", str(out),
                                      "--counts", "short=1", "--points", "short=30"])
    assert result.exit_code == 0, result.output
    assert "已生成：" in result.output and out.exists() and (tmp_path / "卷-答案.docx").exists()


@pytest.mark.parametrize("args, message", [
    (["--counts", "single=many"], "题数应为整数"),
    (["--points", "foo=2"], "看不懂"),
])
def test_command_rejects_bad_counts(args, message):
    result = CliRunner().invoke(cli, ["quiz", str(SAMPLE), *args])
    assert result.exit_code != 0 and message in result.output


def test_command_reports_missing_speech_without_traceback(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "docgen", "quiz", str(tmp_path / "无.txt"), "-o",
                           str(tmp_path / "x.docx")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1 and proc.stderr.startswith("错误：") and "Traceback" not in proc.stderr
    assert not list(tmp_path.iterdir())


def test_wording_comes_from_an_editable_template(tmp_path):
    from docgen.resources import packaged_templates

    (tmp_path / "quiz").mkdir()
    text = (packaged_templates() / "quiz" / "wording.toml").read_text(encoding="utf-8")
    text = text.replace('name = "判断题"', 'name = "是非题"').replace("测试卷", "结业考试卷")
    (tmp_path / "quiz" / "wording.toml").write_text(text, encoding="utf-8")
    out = tmp_path / "卷.docx"
    result = CliRunner().invoke(cli, ["quiz", str(SAMPLE), "--templates", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    texts = paragraphs(out)
    assert texts[0] == "《在工会系统理论培训班上的动员讲话》结业考试卷"


def test_a_speech_without_sentences_is_an_input_error(tmp_path):
    from docgen.errors import InputError
    from docgen.model import Speech

    with pytest.raises(InputError, match="找不到可以出题的句子"):
        write_quiz(Speech(title_lines=["空"], source="空.txt"), tmp_path / "x.docx", ClassInfo(), Templates())
    assert not list(tmp_path.iterdir())


def test_the_source_of_a_question_three_levels_deep_reads_as_parts_points_and_sub_points():
    from docgen.quiz.model import Question
    from docgen.writers.quiz_docx import source_label

    wording = {"part": "第{number}部分", "point": "第{number}点", "subpoint": "第{number}小点"}
    deep = Question(type="judge", stem="", points=1, source="", section=[1, 1, 2], section_title="开展宣讲活动")
    assert source_label(deep, wording) == "第一部分第一点第二小点（开展宣讲活动）"
    two = Question(type="judge", stem="", points=1, source="", section=[3, 2], section_title="")
    assert source_label(two, wording) == "第三部分第二点"
    old_template = {"part": "第{number}部分", "point": "第{number}点"}  # a union's wording.toml from before
    assert source_label(deep, old_template) == "第一部分第一点第二点（开展宣讲活动）"
