"""The rules a question keeps on any speech, per rule and as properties over every corpus speech;
the editable bank (generate → edit → paper) and its errors; answer room on the rendered paper."""

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from docx.oxml.ns import qn

from docgen.analysis.words import boundaries
from docgen.cli import cli
from docgen.errors import InputError
from docgen.model import Speech
from docgen.quiz.bank import find_bank, is_bank, read_bank, to_bank
from docgen.quiz.choice import CHOICE_BLANK
from docgen.quiz.generate import plan_paper
from docgen.quiz.reveal import secrets
from docgen.quiz.rules import (
    countable_numeral, cuts_no_word, same_family, stands_alone, stem_span, uniquely_longest,
)
from docgen.quiz.source import speech_sentences
from docgen.quiz.text import FILL_BLANK_RE
from docgen.readers import read_speech
from helpers import SAMPLE, corpus_files

SPEECHES = [p for p in corpus_files() if not p.name.startswith("README")]


# -- one rule at a time ---------------------------------------------------------------


def test_a_blank_never_cuts_a_word():
    text = "坚持“两个毫不动摇”不动摇。"
    assert cuts_no_word(text, 3, 9)  # 两个毫不动摇
    assert not cuts_no_word(text, 4, 9)  # 个毫不动摇: starts inside 两个
    assert not cuts_no_word(text, 3, 8)  # 两个毫不动: ends inside 毫不动摇


@pytest.mark.parametrize("text, at, countable", [
    ("做到八个对标。", 2, True), ("坚决做到两个维护。", 4, True),
    ("一切为了群众。", 0, False), ("实现祖国统一。", 5, False),   # inside a word, or one
    ("用了三个多月。", 2, False), ("第三个问题。", 1, False),     # about; an ordinal
    ("四同步要落实。", 0, False), ("两三个人来了。", 1, False),   # no measure word; a range
])
def test_a_numeral_changes_only_where_it_counts_something(text, at, countable):
    assert countable_numeral(text, at, at + 1) == countable


def test_distractors_are_of_the_answers_family():
    assert same_family("政治性、先进性、群众性", "思想性、艺术性、时代性")
    assert not same_family("政治性、先进性、群众性", "政治性、先进性")         # other item count
    assert not same_family("守土有责、守土负责、守土尽责", "党的领导")
    assert not same_family("两个维护", "全面落实意识形态工作责任制")            # other length
    assert uniquely_longest("全面从严治党", ["全面从严治党", "党建", "工建", "改革"])
    assert not uniquely_longest("两个维护", ["两个维护", "三个维护", "四个维护"])


def test_stems_keep_conditions_and_balancing_clauses():
    short = "如果没有坚强的领导，就不可能有“两个维护”的落实。"
    assert stem_span(short, short.index("两"), short.index("维护") + 2) == (0, len(short))
    long = ("既要" + "坚持" * 30 + "不断推进；又要" + "加强“" + "作风建设" + "”" + "持续" * 10 + "。")
    start = long.index("作风建设")
    assert stem_span(long, start, start + 4) is None  # its `；`-part would drop the 既要 half


def test_a_true_judgement_stands_alone():
    assert stands_alone("社会主义社会中的阶级斗争是一个客观存在，不应该缩小，也不应该夸大。")
    for text in ("所以我们必须坚持四项基本原则。", "例如有的单位搞形式主义。", "这是一个很重要的问题。",
                 "我受党中央的委托来向大家讲几点意见。", "全市生产总值增长6.5%。", "为什么要这样做？"):
        assert not stands_alone(text), text


# -- honest totals --------------------------------------------------------------------


def test_a_plain_speech_gets_a_shorter_paper_that_says_so(tmp_path):
    text = "坚持按劳分配\n同志们：\n我们一定要坚持按劳分配的社会主义原则。按劳分配就是按劳动的数量和质量进行分配。\n"
    speech_file = tmp_path / "讲话.txt"
    speech_file.write_text(text, encoding="utf-8")
    out = tmp_path / "卷.docx"
    result = CliRunner().invoke(cli, ["quiz", str(speech_file), "-o", str(out)])
    if result.exit_code != 0:  # nothing at all to ask: one error line, no file
        assert result.output.startswith("错误：") and not out.exists()
        return
    paper = plan_paper(read_speech(speech_file))
    assert len(paper.warnings) == 1 and f"共 {paper.total:g} 分" in paper.warnings[0]
    assert any(f"共{paper.total:g}分" in t for t in _paragraphs(out))


# -- properties over every corpus speech ----------------------------------------------


@pytest.fixture(scope="module")
def corpus_papers():
    out = {}
    for path in SPEECHES + [SAMPLE]:
        speech = read_speech(path)
        out[path.name] = (speech, plan_paper(speech, seed=0))
    return out


def test_stated_total_is_the_sum_of_points_and_short_answers_take_at_most_40(corpus_papers):
    for name, (_, paper) in corpus_papers.items():
        assert paper.total == sum(q.points for q in paper.questions), name
        assert sum(q.points for q in paper.of_type("short")) <= 40, name
        assert (paper.total < 100) == bool(paper.warnings) == paper.short_of_target, name


def test_no_blank_or_change_starts_or_ends_inside_a_word(corpus_papers):
    for name, (_, paper) in corpus_papers.items():
        for q in paper.questions + paper.candidates:
            if q.type in ("single", "fill") and q.phrase and CHOICE_BLANK in q.stem or FILL_BLANK_RE.search(q.stem):
                answer = q.correct[0]
                at = q.source.find(answer)
                if at >= 0 and not q.stem.startswith(("下列", "讲话")):
                    assert {at, at + len(answer)} <= boundaries(q.source), (name, q.stem)
            if q.change is not None:
                c = q.change
                assert {c.offset, c.offset + len(c.before)} <= boundaries(q.statement), (name, q.stem)


def test_every_key_is_verbatim_in_the_speech(corpus_papers):
    for name, (speech, paper) in corpus_papers.items():
        text = "\n".join(s.text for s in speech_sentences(speech))
        for q in paper.questions:
            assert q.source in text, (name, q.source)
            for answer in q.correct + [k.text for k in q.key_points]:
                assert answer in text, (name, answer)
            if q.type == "judge":
                assert q.statement in text, (name, q.statement)


def test_no_question_shows_another_ones_answer(corpus_papers):
    for name, (_, paper) in corpus_papers.items():
        for q in paper.questions:
            for other in paper.questions:
                if other is q:
                    continue
                for answer in secrets(other):
                    if len(answer) >= 3:
                        assert answer not in q.stem, (name, q.stem, answer)
                        if other.type == "fill":
                            assert not any(answer in o for o in q.options), (name, q.stem, answer)


def test_all_blanks_are_the_same_length(corpus_papers):
    lengths = {len(m.group()) for _, paper in corpus_papers.values() for q in paper.questions
               for m in FILL_BLANK_RE.finditer(q.stem)}
    assert len(lengths) == 1


# -- the editable bank ----------------------------------------------------------------


def test_bank_round_trip_generate_edit_paper(tmp_path):
    speech_file = tmp_path / "speech.txt"
    shutil.copy(SAMPLE, speech_file)
    bank = tmp_path / "题库.md"
    assert CliRunner().invoke(cli, ["quiz", str(speech_file), "--format", "md", "-o", str(bank)]).exit_code == 0
    assert is_bank(bank) and not is_bank(speech_file) and find_bank(str(speech_file)) == bank
    paper = plan_paper(read_speech(speech_file))
    text = bank.read_text(encoding="utf-8")
    assert len(re.findall(r"(?m)^### \d+ \[x\]", text)) == len(paper.questions)
    assert len(re.findall(r"(?m)^### \d+ \[ \]", text)) == len(paper.candidates) > 0
    unedited = read_bank(bank)
    assert [_content(q) for q in unedited.questions] == [_content(q) for q in paper.questions]

    # the trainer takes the first question off the paper and gives the second 5 points
    lines = text.splitlines()
    heads = [i for i, line in enumerate(lines) if line.startswith("### ") and "[x]" in line]
    lines[heads[0]] = lines[heads[0]].replace("[x]", "[ ]")
    points = next(i for i in range(heads[1], len(lines)) if lines[i].startswith("分值："))
    lines[points] = "分值：5"
    bank.write_text("\n".join(lines), encoding="utf-8")
    edited = read_bank(bank)
    assert len(edited.questions) == len(paper.questions) - 1
    out = tmp_path / "卷.docx"
    result = CliRunner().invoke(cli, ["quiz", str(bank), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and (tmp_path / "卷-答案.docx").exists()
    assert any(f"共{edited.total:g}分" in t for t in _paragraphs(out))


def _content(q):
    return (q.type, q.stem, q.options, sorted(q.correct), q.points, q.truth, q.source,
            [(k.text, k.points) for k in q.key_points], q.statement if q.type == "judge" else "")


@pytest.mark.parametrize("edit, message", [
    (("答案：", "答案：Z"), "没有对应的选项"),
    (("答案：", "回答："), "不认识的项目"),
    (("分值：", "分值：两分"), "应为大于 0 的数字"),
])
def test_a_bad_edit_names_the_file_and_line(tmp_path, edit, message):
    bank = tmp_path / "题库.md"
    bank.write_text(to_bank(plan_paper(read_speech(SAMPLE)), "speech.txt"), encoding="utf-8")
    lines = bank.read_text(encoding="utf-8").splitlines()
    choice = next(i for i, line in enumerate(lines) if line in ("## 单项选择题", "## 多项选择题"))
    first = next(i for i, line in enumerate(lines) if i > choice and line.startswith(edit[0]))
    lines[first] = lines[first].replace(edit[0], edit[1], 1) if edit[1] != "答案：Z" else "答案：Z"
    bank.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError, match=f"第 {first + 1} 行：.*{message}"):
        read_bank(bank)
    result = CliRunner().invoke(cli, ["quiz", str(bank), "-o", str(tmp_path / "卷.docx")])
    assert result.exit_code == 1 and not (tmp_path / "卷.docx").exists()
    assert result.output.startswith("错误：") and "Traceback" not in result.output


def test_a_missing_key_is_an_error(tmp_path):
    bank = tmp_path / "题库.md"
    text = to_bank(plan_paper(read_speech(SAMPLE)), "speech.txt")
    bank.write_text(re.sub(r"(?m)^答案：.*\n", "", text, count=1), encoding="utf-8")
    with pytest.raises(InputError, match="缺少“答案：”"):
        read_bank(bank)


# -- layout ---------------------------------------------------------------------------


def _paragraphs(path):
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="LibreOffice")
def test_every_short_answer_has_its_lines_on_its_page_and_no_blank_breaks(tmp_path):
    from docgen.config import ClassInfo
    from docgen.resources import Templates
    from docgen.writers.quiz import write_quiz

    names = ("deng_four_cardinal_principles_1979.txt", "mao_yanan_forum_1942.md", "hailar_gov_report_2019.txt")
    for name in names:
        path = next(p for p in SPEECHES if p.name == name)
        paper_file = write_quiz(read_speech(path), tmp_path / f"{path.stem}.docx", ClassInfo(name="班"), Templates())[0]
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(paper_file)],
                       capture_output=True, check=True, timeout=180)
        pdf = paper_file.with_suffix(".pdf")
        pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
        assert not re.search(r"（\s*$", "\f".join(pages), re.M), name  # `（　　）` never broken
        stems = [(i, line) for i, page in enumerate(pages) for line in page.splitlines() if "简述" in line]
        assert stems, name
        for i, line in stems:
            after = pages[i].split(line.strip(), 1)[1].split("简述", 1)[0]
            ruled = [row for row in after.splitlines() if row.strip().startswith("_" * 20)]
            assert len(ruled) >= 10, (name, line)  # 15 points: 10 lines, all on the stem's page


def test_build_uses_the_bank_made_from_the_speech_in_its_folder(tmp_path):
    from docgen.build import _is_bank
    from docgen.config import ClassInfo
    from docgen.resources import Templates
    from docgen.writers.quiz import build_class_papers

    speech_file = tmp_path / "speech.txt"
    shutil.copy(SAMPLE, speech_file)
    speech = read_speech(speech_file)
    bank = tmp_path / "题库.md"
    text = to_bank(plan_paper(speech), "speech.txt")
    bank.write_text(re.sub(r"(?m)^分值：\d+$", "分值：1", text, count=1), encoding="utf-8")
    ((paper, _),) = build_class_papers(speech, ClassInfo(name="班"), Templates())
    assert paper.total == read_bank(bank).total != plan_paper(speech).total
    assert _is_bank(bank) and not _is_bank(speech_file)  # the bank is never read as a speech


def test_nothing_worth_no_blank_is_blanked():
    from docgen.quiz.rules import asks, common_idiom, names_only

    assert common_idiom("欲速则不达") and not common_idiom("两个维护")
    assert names_only("大唐、华能、沈煤") and not names_only("政治性、先进性、群众性")
    assert asks("21世纪究竟属于谁") and not asks("以党治国")


def test_a_false_judgement_never_changes_a_date_a_figure_or_the_speech_s_own_outline():
    from docgen.quiz.rules import plain_statement

    for text, numeral in (("为了叙述的方便，分为十二个小题目。", "十二"), ("下面我讲三个问题。", "三")):
        at = text.index(numeral)
        assert not countable_numeral(text, at, at + len(numeral)), text
    at = "我们要办好五件实事。".index("五")
    assert countable_numeral("我们要办好五件实事。", at, at + 1)
    assert not plain_statement("2025年全市生产总值增长到三个亿。")
    assert not plain_statement("一九五六年一月十四日召开了两次会议。")


def test_scare_quoted_phrases_are_not_asked():
    speech = Speech(preamble=["他们提出所谓“社会改革”，也就是搞资本主义那一套，我们坚决反对这种做法。"
                              "他们骂洋人叫“洋鬼子”，“东方之星”号客轮翻沉了。"
                              "我们要坚持“两个维护”，坚持“四项基本原则”，这是立国之本，任何时候都不能动摇。"])
    paper = plan_paper(speech, seed=0)
    asked = [a for q in paper.questions + paper.candidates for a in q.correct]
    assert not {"社会改革", "洋鬼子", "东方之星"} & set(asked)
    assert "两个维护" in asked or "四项基本原则" in asked  # the speech's own formulations are asked


def test_choice_brackets_are_joined_so_they_never_break(tmp_path):
    from docgen.config import ClassInfo
    from docgen.resources import Templates
    from docgen.writers.quiz import write_quiz

    paper_file = write_quiz(read_speech(SAMPLE), tmp_path / "卷.docx", ClassInfo(name="班"), Templates())[0]
    texts = [t for t in _paragraphs(paper_file) if re.match(r"\d+．", t)]
    brackets = [t for t in texts if "（" in t and "）" in t and "分）" not in t[-4:]]
    assert brackets
    from docgen.writers.quiz_docx import PRINTED_BLANK

    assert all(CHOICE_BLANK not in t for t in texts)  # no space inside, where a line could break
    assert sum(PRINTED_BLANK in t for t in texts) >= 1 and "\u3000）" not in "".join(texts)
    import docx

    runs = [r for p in docx.Document(str(paper_file)).paragraphs for r in p.runs if r.text == "（"]
    assert runs and all(r._r.rPr.find(qn("w:spacing")) is not None for r in runs)  # the room to write
