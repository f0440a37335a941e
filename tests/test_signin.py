"""The sign-in sheet: content and XML flags through python-docx, pages and footers through LibreOffice."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner

from docgen.config import ClassInfo, Session, load_class
from docgen.resources import Templates
from docgen.roster import Attendee, Roster, sort_attendees
from docgen.writers.signin import write_signin
from helpers import ROOT, assert_valid_ooxml, has_soffice, pdf_text, pdf_words, to_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
MIDDLE, LAST = "建红志海春秋晓明国德", "华军平强芳英兵"
TWO = [a + b for a, b in zip("丁于方石邵尹万叶", "一力川山宁安帆杰")]
UNITS = ["市总工会组织部", "上城区总工会", "杭州市上城区小营街道江城路社区联合工会委员会（含非公企业）"]


def make_roster(n: int) -> Roster:
    """`n` distinct names, none inside another: eight two-character ones, the rest three characters."""
    names = TWO + [SURNAMES[i % 30] + MIDDLE[i // 30 % 10] + LAST[i % 7] for i in range(max(0, n - len(TWO)))]
    return Roster([Attendee(name, unit=UNITS[i % 3], title="工会主席", phone=f"1380571{i:04d}")
                   for i, name in enumerate(names[:n])])


def class_info(sessions: int) -> ClassInfo:
    labels = [(dt.date(2026, 11, 26 + i // 2), "上午下午"[i % 2 * 2:i % 2 * 2 + 2]) for i in range(sessions)]
    return ClassInfo(name="2026年全市工会系统理论培训班", venue="市工人文化宫", start=dt.date(2026, 11, 26),
                     end=dt.date(2026, 11, 27), schedule=[Session(d, p) for d, p in labels])


def docx_rows(path):
    from docx import Document

    doc = Document(str(path))
    return doc, [t._tbl for t in doc.tables]


def cell_texts(tr):
    return ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.iter(f"{W}tc")]


def body_rows(tables):
    return [cell_texts(tr) for tbl in tables for tr in tbl.findall(f"{W}tr")[1:]]


def _one_line_rows(roster: Roster) -> Roster:
    return Roster([Attendee(a.name, unit=UNITS[i % 2], title=a.title, phone=a.phone) for i, a in enumerate(roster)])


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    out = tmp_path_factory.mktemp("signin")
    templates = Templates()
    roster = make_roster(70)
    files = {
        "long": write_signin(roster, out / "long.docx", class_info(1), templates, sort="strokes"),
        "landscape": write_signin(_one_line_rows(roster), out / "landscape.docx", class_info(3), templates,
                                  mask_phone=False),
        "portrait": write_signin(_one_line_rows(roster), out / "portrait.docx", class_info(1), templates),
        "units": write_signin(roster, out / "units.docx", class_info(3), templates, by_unit=True, blank=2,
                              mask_phone=True),
        "blank": write_signin(None, out / "blank.docx", class_info(2), templates),
        "crowded": write_signin(roster, out / "crowded.docx", class_info(1), templates,
                                sessions=[f"12月{d}日{p}" for d in range(1, 6) for p in ("上午", "下午")]),
    }
    pdfs = dict(zip(files, to_pdf(*files.values()))) if has_soffice() else {}
    return roster, files, pdfs


def test_every_file_is_valid_ooxml(sheets):
    assert_valid_ooxml(*sheets[1].values())


def test_every_name_once_in_sorted_order_with_padding(sheets):
    roster, files, _ = sheets
    _, tables = docx_rows(files["long"])
    rows = body_rows(tables)
    named = [r for r in rows if r[1]]
    expected = [a.name for a in sort_attendees(roster.attendees, "strokes")]
    assert [r[1].replace("\u3000", "") for r in named] == expected
    two_char = [r[1] for r in named if len(r[1].replace("\u3000", "")) == 2]
    assert two_char and all(len(n) == 3 and n[1] == "\u3000" for n in two_char)
    assert [r[0] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    assert len(rows) == 70 + 5  # five blank rows by default
    assert all(not any(r[1:]) for r in rows[70:])


def test_header_row_repeats_and_no_row_splits(sheets):
    _, tables = docx_rows(sheets[1]["long"])
    assert len(tables) >= 3  # one table per page
    for tbl in tables:
        rows = tbl.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
        for r in rows:
            assert r.find(f"{W}trPr/{W}cantSplit") is not None
            height = r.find(f"{W}trPr/{W}trHeight")
            assert int(height.get(f"{W}val")) >= 567 and height.get(f"{W}hRule") == "atLeast"
        assert cell_texts(rows[0])[:5] == ["序号", "姓名", "单位", "职务", "联系电话"]


def test_one_signature_column_per_session_and_orientation(sheets):
    doc, tables = docx_rows(sheets[1]["long"])
    assert cell_texts(tables[0].find(f"{W}tr"))[5:] == ["11月26日上午"]
    assert doc.sections[0].page_width < doc.sections[0].page_height  # six columns fit in portrait
    doc, tables = docx_rows(sheets[1]["units"])
    assert cell_texts(tables[0].find(f"{W}tr"))[5:] == ["11月26日上午", "11月26日下午", "11月27日上午"]
    assert doc.sections[0].page_width > doc.sections[0].page_height


def test_sessions_option_overrides_the_schedule(tmp_path):
    out = write_signin(make_roster(3), tmp_path / "s.docx", class_info(3), Templates(),
                       sessions=["第一天", "第二天"])
    _, tables = docx_rows(out)
    assert cell_texts(tables[0].find(f"{W}tr"))[5:] == ["第一天", "第二天"]


def test_by_unit_sheets_masked_phones_and_counts(sheets):
    roster, files, _ = sheets
    doc, tables = docx_rows(files["units"])
    texts = [p.text for p in doc.paragraphs]
    assert sum(t.endswith("签到表") for t in texts) == 3
    for unit in UNITS:
        assert f"单位：{unit}" in texts
        members = [a for a in roster if a.unit == unit]
        assert f"应到 {len(members)} 人　实到＿＿人" in texts
    rows = [r for r in body_rows(tables) if r[1]]
    assert all(re.fullmatch(r"138\*{4}\d{4}", r[4]) for r in rows)
    assert [r[2] for r in rows] == sorted((r[2] for r in rows), key=UNITS.index)


def test_phones_are_masked_by_default_and_full_on_request(sheets):
    _, tables = docx_rows(sheets[1]["long"])
    assert all(re.fullmatch(r"138\*{4}\d{4}", r[4]) for r in body_rows(tables) if r[1])
    _, tables = docx_rows(sheets[1]["landscape"])
    assert all(re.fullmatch(r"1380571\d{4}", r[4]) for r in body_rows(tables) if r[1])


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice missing")
@pytest.mark.parametrize("kind", ["portrait", "landscape"])
def test_pdf_pages_hold_as_many_one_centimetre_rows_as_fit(sheets, kind):
    """Rows at least 1 cm apart; below the last row of a full page less than one more row's room
    (the bottom margin holds only the footer)."""
    roster, _, pdfs = sheets
    pages = pdf_words(pdfs[kind])
    cm = 72 / 2.54
    assert len(pages) >= 2
    for width, height, chars in pages[:-1]:
        body_bottom = height - 18 * 72 / 25.4
        header = next(c for c in chars if c[4] == "号")
        numbers = _row_numbers(chars, header, body_bottom)
        pitches = [b - a for a, b in zip(numbers, numbers[1:])]
        assert pitches and min(pitches) >= cm - 0.5
        last_row_bottom = numbers[-1] + pitches[-1] / 2
        assert body_bottom - last_row_bottom < cm, (kind, len(numbers), body_bottom - last_row_bottom)
    per_page = [len(_row_numbers(c, next(x for x in c if x[4] == "号"), h - 51)) for _, h, c in pages]
    assert per_page[:2] == ([14, 16] if kind == "landscape" else [23, 25]), per_page


def _row_numbers(chars, header, body_bottom) -> list[float]:
    """The vertical centres of the 序号 cells' numbers, top to bottom."""
    rows: dict[int, list] = {}
    for c in chars:
        if c[4].isdigit() and c[2] <= header[2] + 4 and header[1] < c[1] < body_bottom:
            rows.setdefault(round(c[1]), []).append(c)
    return sorted((cs[0][1] + cs[0][3]) / 2 for cs in rows.values())


def test_blank_sheet_without_roster(sheets):
    doc, tables = docx_rows(sheets[1]["blank"])
    rows = body_rows(tables)
    assert len(rows) >= 10 and all(not any(r[1:]) for r in rows)
    assert "应到＿＿人　实到＿＿人" in [p.text for p in doc.paragraphs]


def test_footer_has_page_and_numpages_fields(sheets):
    from docx import Document

    footer = Document(str(sheets[1]["long"])).sections[0].footer._element
    instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "".join(t.text for t in footer.iter(f"{W}t")).startswith("第")


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice missing")
def test_pdf_header_on_every_page_and_page_x_of_y(sheets):
    roster, _, pdfs = sheets
    pages = pdf_words(pdfs["long"])
    assert len(pages) >= 3
    _, tables = docx_rows(sheets[1]["long"])
    assert len(pages) == len(tables)  # wrapped units (three-line rows) still leave one table per page
    for number, (width, height, chars) in enumerate(pages, start=1):
        text = "".join(c[4] for c in chars)
        assert "序号" in text and "联系电话" in text
        body_bottom = height - 18 * 72 / 25.4  # below the bottom margin only the footer
        footer = "".join(c[4] for c in chars if c[1] > body_bottom)
        assert footer.replace(" ", "") == f"第{number}页共{len(pages)}页"
        header = next(c for c in chars if c[4] == "号")
        row_numbers = [c for c in chars if c[4].isdigit() and c[2] <= header[2] + 1 and c[1] < body_bottom]
        assert row_numbers and header[1] < min(c[1] for c in row_numbers)  # the header row sits above the rows
    flat = re.sub(r"\s+", "", pdf_text(pdfs["long"]))
    for a in roster:
        assert flat.count(a.name) == 1, a.name


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice missing")
def test_pdf_crowded_sheet_wraps_cells_but_keeps_one_table_per_page(sheets):
    _, files, pdfs = sheets
    _, tables = docx_rows(files["crowded"])
    pages = pdf_words(pdfs["crowded"])
    assert len(pages) == len(tables) >= 4
    for width, height, chars in pages:
        assert max(c[2] for c in chars) < width - 15 * 72 / 25.4  # nothing runs into the right margin


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice missing")
def test_pdf_units_start_on_their_own_pages(sheets):
    pages = pdf_words(sheets[2]["units"])
    starts = ["".join(c[4] for c in chars).count("签到表") for _, _, chars in pages]
    assert sum(starts) == 3 and len(pages) >= 3


def test_cli_signin_with_the_sample_class(tmp_path):
    from docgen.cli import cli

    out = tmp_path / "签到表.docx"
    result = CliRunner().invoke(cli, ["signin", "--class", str(ROOT / "source" / "class.toml"), "--sort", "strokes",
                                      "--sessions", "11月26日上午，11月26日下午", "-o", str(out)])
    assert result.exit_code == 0, result.output
    info = load_class(ROOT / "source" / "class.toml")
    _, tables = docx_rows(out)
    assert cell_texts(tables[0].find(f"{W}tr"))[5:] == ["11月26日上午", "11月26日下午"]
    names = [r[1].replace("\u3000", "") for r in body_rows(tables) if r[1]]
    assert names[0] == "丁晓宁" and names.index("田富") < names.index("田大利")
    assert len(names) == len(info.roster.read_text(encoding="utf-8").splitlines()) - 1


def test_wording_comes_from_an_overridable_template(tmp_path):
    folder = tmp_path / "tpl" / "signin"
    folder.mkdir(parents=True)
    from docgen.resources import packaged_templates

    text = (packaged_templates() / "signin" / "signin.toml").read_text(encoding="utf-8")
    text = text.replace('title = "{{ class_name }}签到表"', 'title = "{{ class_name }}报到登记表"')
    text = text.replace('phone = "联系电话"', 'phone = "手机"')
    (folder / "signin.toml").write_text(text, encoding="utf-8")
    out = write_signin(make_roster(2), tmp_path / "s.docx", class_info(1), Templates(tmp_path / "tpl"))
    doc, tables = docx_rows(out)
    assert doc.paragraphs[0].text == "2026年全市工会系统理论培训班报到登记表"
    assert cell_texts(tables[0].find(f"{W}tr"))[4] == "手机"


@pytest.mark.parametrize("phone, masked", [("13812341234", "138****1234"), ("138 1234 1234", "138****1234"),
                                           ("0571-12345678", "057****5678"), ("85551234", "****1234"), ("", "")])
def test_mask_phone(phone, masked):
    from docgen.writers.signin_plan import mask_phone

    assert mask_phone(phone) == masked


@pytest.mark.parametrize("name, padded", [("王芳", "王\u3000芳"), ("王建国", "王建国"), ("Li", "Li"), ("欧阳晓东", "欧阳晓东")])
def test_pad_name(name, padded):
    from docgen.writers.signin_plan import pad_name

    assert pad_name(name) == padded


@pytest.mark.parametrize("sessions, landscape", [(0, False), (1, False), (2, True), (6, True), (12, True)])
def test_columns_always_fit_the_page(sessions, landscape, caplog):
    from docgen.writers.signin_plan import layout_columns, usable_width

    labels = {"index": "序号", "name": "姓名", "unit": "单位", "title": "职务", "phone": "联系电话", "sign": "签名"}
    is_landscape, columns = layout_columns(labels, [f"第{i}次" for i in range(sessions)])
    assert is_landscape == landscape
    assert sum(c.width_mm for c in columns) <= usable_width(is_landscape) + 0.01
    assert [c.label for c in columns if c.key == "sign"] == ([f"第{i}次" for i in range(sessions)] or ["签名"])
    assert ("签名列过多" in caplog.text) == (sessions == 12)
