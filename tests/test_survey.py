"""培训效果评估表: one row per scheduled lecture, the four-level □ grid, open questions, template items."""

import datetime as dt
import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.config import ClassInfo, Session, load_class
from docgen.errors import TemplateError
from docgen.resources import Templates
from docgen.writers.survey import plan_survey, write_survey
from helpers import ROOT, assert_valid_ooxml, has_soffice, pdf_text, to_pdf

CLASS = ROOT / "source" / "class.toml"
SCALE = ["很满意", "满意", "基本满意", "不满意"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("survey") / "评估表.docx"
    info = load_class(CLASS)
    write_survey(out, info, Templates(None, info.folder))
    pdfs = to_pdf(out, outdir=out.parent / "pdf") if has_soffice() else []
    return out, info, pdfs


def rating_table(path):
    import docx

    return docx.Document(str(path)).tables[0]


def test_valid_ooxml_and_anonymous(sample):
    import docx

    out, info, _ = sample
    assert_valid_ooxml(out)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == f"{info.name}培训效果评估表"
    assert "本表不记名" in texts[2] and not any("姓名" in t for t in texts)


def test_one_row_per_lecture_with_speaker(sample):
    out, info, _ = sample
    table = rating_table(out)
    assert [c.text.replace("\n", "") for c in table.rows[0].cells] == ["类别", "评估项目", *SCALE]
    items = [r.cells[1].text for r in table.rows[1:]]
    lectures = [r for r in table.rows[1:] if r.cells[0].text == "授课情况"]
    assert len(lectures) == len(info.schedule) == 3
    for row, session in zip(lectures, info.schedule):
        assert row.cells[1].text == f"{session.label}　{session.title}（{session.speaker}）"
    for wanted in ("内容的针对性", "内容的实用性", "日程安排", "食宿安排", "对本期培训的总体评价"):
        assert wanted in items
    blocks = [r.cells[0].text for r in table.rows[1:]]
    assert list(dict.fromkeys(blocks)) == ["培训内容", "授课情况", "组织管理", "后勤保障", "总体评价"]
    assert all([c.text for c in r.cells[2:]] == ["□"] * 4 for r in table.rows[1:])


def test_open_questions_with_writing_space(sample):
    import docx

    out, _, _ = sample
    doc = docx.Document(str(out))
    assert len(doc.tables) == 2
    boxes = doc.tables[1]
    assert [r.cells[0].text for r in boxes.rows] == ["1．本期培训中，您最有收获的内容是什么？", "2．今后培训中，您希望增加哪些内容？",
                                                     "3．您对改进培训工作还有哪些意见和建议？"]
    assert all(r.height.mm == pytest.approx(24, abs=0.1) for r in boxes.rows)


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice missing")
def test_pdf_rows_fit(sample):
    _, info, pdfs = sample
    text = pdf_text(pdfs[0]).replace(" ", "")
    assert "培训效果评估表" in text and text.count("□") == 4 * (3 + 3 + 3 + 3 + 1) + 1  # + the one in the instructions
    assert "基本\n" in pdf_text(pdfs[0]).replace(" ", "")  # 基本满意 on two lines: the item column gets the room
    assert text.count("\f") == 1, "the sample class fits one page"


def test_no_schedule_gives_blank_lecture_rows(tmp_path):
    info = ClassInfo(name="测试班")
    plan = plan_survey(info, Templates())
    lectures = next(b for b in plan.blocks if b.name == "授课情况")
    assert lectures.items and all("授课人：" in i for i in lectures.items)
    assert plan.info == ""


def test_quotes_in_lecture_titles_survive_the_template():
    info = ClassInfo(name="班", schedule=[Session(dt.date(2026, 1, 2), "下午", '学习"两个维护"', "张三")])
    lectures = next(b for b in plan_survey(info, Templates()).blocks if b.name == "授课情况")
    assert lectures.items == ['1月2日下午　学习"两个维护"（张三）']


def test_items_come_from_an_editable_template(tmp_path):
    (tmp_path / "survey").mkdir()
    (tmp_path / "survey" / "survey.toml").write_text(
        'title = "{{ class_name }}评估"\nheader = ["类", "项"]\nscale = ["好", "差"]\n'
        '[[blocks]]\nname = "课程"\nitems = ["甲", "乙"]\n', encoding="utf-8")
    out = tmp_path / "o.docx"
    result = CliRunner().invoke(cli, ["survey", "--templates", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = rating_table(out)
    assert [[c.text for c in r.cells] for r in table.rows] == [["类", "项", "好", "差"], ["课程", "甲", "□", "□"],
                                                              ["课程", "乙", "□", "□"]]


def test_broken_template_is_a_template_error(tmp_path):
    (tmp_path / "survey").mkdir()
    (tmp_path / "survey" / "survey.toml").write_text('title = "x"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match="survey.toml"):
        plan_survey(ClassInfo(), Templates(tmp_path))


def test_columns_are_sized_to_their_text(sample):
    from docgen.writers.survey import column_widths

    out, info, _ = sample
    plan = plan_survey(info, Templates(None, info.folder))
    widths, labels = column_widths(plan, 8844)
    assert sum(widths) == 8844 and widths[1] > 2 * widths[0] > 2 * widths[2]
    assert [label.replace("\n", "") for label in labels] == SCALE
    header = [c.text for c in rating_table(out).rows[0].cells]
    assert [h.replace("\n", "") for h in header[2:]] == SCALE


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice missing")
def test_pdf_no_lecture_row_takes_more_than_two_lines(sample):
    from docgen.writers.survey import column_widths
    from helpers import pdf_words

    out, info, pdfs = sample
    plan = plan_survey(info, Templates(None, info.folder))
    lectures = next(b for b in plan.blocks if b.name == "授课情况").items
    assert len(lectures) == len(info.schedule) >= 3
    widths, _ = column_widths(plan, 8844)
    width, _, chars = pdf_words(pdfs[0])[0]
    left = (width - 8844 / 20) / 2 + widths[0] / 20  # the centred table's item column
    lines: list[list] = []
    for c in sorted((c for c in chars if left < c[0] < left + widths[1] / 20), key=lambda c: c[1]):
        if lines and c[1] - lines[-1][0][1] < 4:  # digits and CJK glyphs stand a little apart vertically
            lines[-1].append(c)
        else:
            lines.append([c])
    texts = ["".join(c[4] for c in sorted(cs)).replace(" ", "").replace("\u3000", "") for cs in lines]

    def lines_for(item: str) -> int:
        wanted = item.replace(" ", "").replace("\u3000", "")
        for span in range(1, 5):
            if any(wanted in "".join(texts[i:i + span]) for i in range(len(texts))):
                return span
        raise AssertionError(f"{item} not in the PDF")

    assert max(lines_for(item) for item in lectures) <= 2
