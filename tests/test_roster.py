"""Reading rosters: every format and encoding, title rows, merged cells, blank rows, duplicates, bad files."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from docgen.errors import InputError
from docgen.roster import read_roster
from docgen.roster.columns import normalise_name

ROWS = [
    ["姓名", "性别", "工作单位", "职务", "手机", "组别"],
    ["王建国", "男", "市总工会组织部", "部长", "13805710001", "第一组"],
    ["张　三", "男", "上城区总工会", "主席", "13905710005", "第一组"],
    ["", "", "", "", "", ""],
    ["欧阳 晓东", "男", "市总工会宣传教育部", "主任科员", "13805710004", "第二组"],
    ["", "女", "拱墅区总工会", "干事", "", ""],
    ["王建国", "男", "市总工会组织部", "部长", "13805710001", "第一组"],
    ["李红梅", "女", "西湖区总工会", "副主席", "13705710012", "第二组"],
]
TITLE = ["2026年全市工会系统理论培训班学员名单", "", "", "", "", ""]


def write_csv(path, rows, encoding):
    text = "\r\n".join(",".join(r) for r in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def names(roster):
    return [a.name for a in roster]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8", "utf-8-sig"])
def test_csv_with_title_row_blank_rows_and_duplicates(tmp_path, encoding, caplog):
    roster = read_roster(write_csv(tmp_path / "名单.csv", [TITLE, [""] * 6] + ROWS, encoding))
    assert names(roster) == ["王建国", "张三", "欧阳晓东", "李红梅"]
    first = roster.attendees[0]
    assert (first.unit, first.title, first.phone, first.gender, first.group, first.row) == (
        "市总工会组织部", "部长", "13805710001", "男", "第一组", 4)
    joined = "\n".join(roster.warnings)
    assert "第 8 行没有姓名" in joined
    assert "第 9 行与第 4 行重复" in joined
    assert len(roster.warnings) == 2
    assert "第 9 行与第 4 行重复" in caplog.text


def test_same_name_in_another_unit_is_kept_with_a_warning(tmp_path):
    rows = [["姓名", "单位"], ["张伟", "甲单位"], ["张伟", "乙单位"]]
    roster = read_roster(write_csv(tmp_path / "r.csv", rows, "utf-8"))
    assert [(a.name, a.unit) for a in roster] == [("张伟", "甲单位"), ("张伟", "乙单位")]
    assert roster.warnings == ["r.csv 第 3 行与第 2 行同名（张伟），请核对"]


def test_xlsx_with_merged_title_numbers_and_blank_rows(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(TITLE)
    ws.merge_cells("A1:F1")
    ws.append([])
    for row in ROWS:
        ws.append([int(c) if c.isdigit() else (c or None) for c in row])
    ws["E4"] = 13805710001.0  # a phone number typed as a number shows up as a float
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    roster = read_roster(path)
    assert names(roster) == ["王建国", "张三", "欧阳晓东", "李红梅"]
    assert roster.attendees[0].phone == "13805710001"
    assert roster.attendees[0].row == 4
    assert any("第 8 行没有姓名" in w for w in roster.warnings)


def test_txt_one_name_a_line(tmp_path):
    path = tmp_path / "names.txt"
    path.write_bytes("姓名\n王 芳\n\n李红梅\r\n  赵雪芳  \n".encode("gbk"))
    roster = read_roster(path)
    assert names(roster) == ["王芳", "李红梅", "赵雪芳"]
    assert [a.row for a in roster] == [2, 4, 5]


def test_tab_separated_export_and_full_width_commas_in_cells(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("姓名\t单位\n王芳\t甲，乙联合工会\n", encoding="utf-8")
    a = read_roster(path).attendees[0]
    assert (a.name, a.unit) == ("王芳", "甲，乙联合工会")
    path.write_text('姓名,单位\n王芳,"甲,乙联合工会"\n', encoding="utf-8")
    assert read_roster(path).attendees[0].unit == "甲,乙联合工会"


def test_single_column_csv_without_header_is_a_name_list(tmp_path):
    roster = read_roster(write_csv(tmp_path / "n.csv", [["王芳"], ["李红梅"]], "utf-8"))
    assert names(roster) == ["王芳", "李红梅"]


def test_header_variants_are_recognised(tmp_path):
    rows = [["序号", "名字", "所在单位", "职务职称", "联系电话", "分组"], ["1", "王芳", "甲", "主席", "1", "一组"]]
    a = read_roster(write_csv(tmp_path / "v.csv", rows, "utf-8")).attendees[0]
    assert (a.name, a.unit, a.title, a.group) == ("王芳", "甲", "主席", "一组")
    rows = [["姓 名*", "单位（全称）"], ["王芳", "甲"]]
    a = read_roster(write_csv(tmp_path / "w.csv", rows, "utf-8")).attendees[0]
    assert (a.name, a.unit) == ("王芳", "甲")


def test_no_name_column_lists_the_columns_found(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [["单位", "电话"], ["甲", "1"]], "gbk")
    with pytest.raises(InputError) as e:
        read_roster(path)
    assert "bad.csv" in str(e.value) and "单位、电话" in str(e.value) and "姓名" in str(e.value)


@pytest.mark.parametrize("name, content, message", [
    ("missing.csv", None, "找不到名单文件"),
    ("名单.doc", b"x", "不支持的名单格式"),
    ("broken.xlsx", b"not a zip", "不是有效的 Excel"),
    ("old.xls", b"\xd0\xcf\x11\xe0", "另存为 .xlsx"),
])
def test_bad_files_are_input_errors(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_roster(path)


def test_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="目录"):
        read_roster(tmp_path)


@pytest.mark.parametrize("raw, expected", [
    ("张　三", "张三"), (" 王 芳 ", "王芳"), ("欧阳\t晓东", "欧阳晓东"), ("Tom  Lee", "Tom Lee"), ("李\x01明", "李明"),
])
def test_names_are_normalised(raw, expected):
    assert normalise_name(raw) == expected


def test_sample_roster_reads_cleanly():
    from helpers import ROOT

    roster = read_roster(ROOT / "source" / "roster.csv")
    assert len(roster) >= 30 and roster.warnings == []
    names_ = names(roster)
    assert any(n.startswith(("欧阳", "司马")) for n in names_)
    assert any(len(n) == 2 for n in names_)
    assert any(n[0] in "曾单" for n in names_)
    assert all(a.unit and a.title and a.phone for a in roster)


def test_cli_reports_a_bad_roster_in_one_line_and_writes_nothing(tmp_path):
    from docgen.cli import cli

    bad = write_csv(tmp_path / "bad.csv", [["单位"], ["甲"], ["乙"]], "utf-8")
    out = tmp_path / "签到表.docx"
    result = CliRunner().invoke(cli, ["signin", "--roster", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert "错误：" in result.output and "找不到“姓名”列" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.text(alphabet="姓名单位张三,\"\n\t 　ab1", max_size=8), max_size=5), max_size=8),
       st.sampled_from(["utf-8", "gbk", "utf-8-sig"]))
def test_any_csv_gives_a_roster_or_an_input_error(tmp_path, rows, encoding):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path = tmp_path / "fuzz.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    try:
        roster = read_roster(path)
    except InputError:
        return
    assert all(a.name and not any(c.isspace() and c != " " for c in a.name) for a in roster)


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_binary_roster_is_refused(tmp_path, suffix):
    path = tmp_path / f"名单{suffix}"
    path.write_bytes(b"\x00\x01\x02binary\x00")
    with pytest.raises(InputError, match="二进制"):
        read_roster(path)
