import datetime as dt

import pytest

from docgen.config import format_date, format_date_range, load_class
from docgen.errors import ConfigError
from helpers import ROOT


def write(tmp_path, text):
    p = tmp_path / "class.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_sample_class_loads():
    info = load_class(ROOT / "source" / "class.toml")
    assert info.name == "2026年全市工会系统理论培训班"
    assert info.organiser == "市总工会"
    assert info.start == dt.date(2026, 11, 26)
    assert info.dates_text == "2026年11月26日至27日"
    assert [s.label for s in info.schedule] == ["11月26日上午", "11月26日下午", "11月27日上午"]
    assert info.speeches == [ROOT / "source" / "speech.txt"]
    assert info.speeches[0].is_file()
    assert info.roster == ROOT / "source" / "roster.csv"
    assert info.folder == ROOT


@pytest.mark.parametrize(("start", "end", "expected"), [
    (dt.date(2026, 1, 5), None, "2026年1月5日"),
    (dt.date(2026, 1, 5), dt.date(2026, 1, 9), "2026年1月5日至9日"),
    (dt.date(2026, 11, 30), dt.date(2026, 12, 2), "2026年11月30日至12月2日"),
    (dt.date(2026, 12, 30), dt.date(2027, 1, 2), "2026年12月30日至2027年1月2日"),
])
def test_dates_have_no_zero_padding(start, end, expected):
    assert format_date_range(start, end) == expected


def test_format_date_empty():
    assert format_date(None) == ""


def test_syntax_error_names_line(tmp_path):
    p = write(tmp_path, 'name = "班"\norganiser = "市总\n')
    with pytest.raises(ConfigError, match=r"class.toml.*第 2 行"):
        load_class(p)


def test_wrong_type_names_key_and_line(tmp_path):
    p = write(tmp_path, 'name = "班"\n\nstart = "2026年11月26日"\n')
    with pytest.raises(ConfigError, match=r"第 3 行的 start.*2026-11-26"):
        load_class(p)


def test_unknown_key_is_refused(tmp_path):
    p = write(tmp_path, 'name = "班"\nvenu = "礼堂"\n')
    with pytest.raises(ConfigError, match=r"第 2 行的键 venu 无法识别"):
        load_class(p)


def test_schedule_errors_name_the_line(tmp_path):
    p = write(tmp_path, 'name = "班"\n[[schedule]]\ndate = 2026-11-26\nperiod = "中午"\n')
    with pytest.raises(ConfigError, match=r"第 4 行的 period"):
        load_class(p)
    p = write(tmp_path, 'name = "班"\n[[schedule]]\ntitle = "课"\n')
    with pytest.raises(ConfigError, match=r"第 2 行.*缺少 date"):
        load_class(p)


def test_end_before_start(tmp_path):
    p = write(tmp_path, 'start = 2026-11-26\nend = 2026-11-20\n')
    with pytest.raises(ConfigError, match="结束日期早于开始日期"):
        load_class(p)


def test_dates_default_to_schedule(tmp_path):
    p = write(tmp_path, '[[schedule]]\ndate = 2026-11-27\n[[schedule]]\ndate = 2026-11-26\nperiod = "下午"\n')
    info = load_class(p)
    assert (info.start, info.end) == (dt.date(2026, 11, 26), dt.date(2026, 11, 27))


def test_missing_and_directory(tmp_path):
    with pytest.raises(ConfigError, match="找不到"):
        load_class(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match="目录"):
        load_class(tmp_path)


def test_not_utf8(tmp_path):
    p = tmp_path / "class.toml"
    p.write_bytes('name = "工会"\n'.encode("gbk"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_class(p)
