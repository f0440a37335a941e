"""class.toml values are data: any text TOML accepts reaches every document that shows it, verbatim."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import SAMPLE_SPEECH

KEYS = ("name", "organiser", "co_organiser", "venue", "contact", "serial_prefix")
SESSION_KEYS = ("title", "speaker")
ROSTER = "姓名,单位\n张三,市总工会\n李四,市工人文化宫\n"
TEXT_PARTS = re.compile(r"(word/(document|header\d*|footer\d*)\.xml|ppt/slides/slide\d+\.xml|docProps/core\.xml)$")


def write_class(folder: Path, values: dict[str, str]) -> Path:
    """A class folder whose class.toml has `values` (session keys for its one lecture)."""
    source = folder / "source"
    source.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE_SPEECH, source / "speech.txt")
    (source / "roster.csv").write_text(ROSTER, encoding="utf-8")
    top = "\n".join(f"{k} = {toml_string(values[k])}" for k in KEYS if k in values)
    session = "\n".join(f"{k} = {toml_string(values[k])}" for k in SESSION_KEYS if k in values)
    (source / "class.toml").write_text(
        f'{top}\nstart = 2026-11-26\nend = 2026-11-27\nroster = "roster.csv"\n\n'
        f'[[schedule]]\ndate = 2026-11-26\nperiod = "上午"\nspeech = "speech.txt"\n{session}\n', encoding="utf-8")
    return folder


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def document_texts(report) -> dict[str, str]:
    """Each document's visible text (line breaks and paragraph ends as spaces), by its label."""
    texts = {}
    for outcome in report.outcomes:
        for i, f in enumerate(outcome.paths):
            with zipfile.ZipFile(f) as z:
                parts = [n for n in sorted(z.namelist()) if TEXT_PARTS.search(n)]
                texts[f"{outcome.label}#{i}"] = " ".join(part_text(z.read(n), n) for n in parts)
    return texts


def part_text(xml: bytes, name: str) -> str:
    from lxml import etree

    root = etree.fromstring(xml)
    if name.startswith("docProps/"):
        return " ".join(el.text for el in root.iter() if el.text)
    words = []
    for el in root.iter():
        tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
        if tag == "t":
            words.append(el.text or "")
        elif tag in ("br", "cr", "tab", "p"):
            words.append(" ")
    return "".join(words)


def normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def build(folder: Path) -> dict[str, str]:
    from docgen.build import build as run_build

    report = run_build(folder)
    assert report.ok, [o.error for o in report.outcomes]
    return document_texts(report)


PLACEHOLDERS = {k: f"占位{i}甲乙丙" for i, k in enumerate(KEYS + SESSION_KEYS)}


@pytest.fixture(scope="module")
def where_shown(tmp_path_factory):
    """Key -> the documents that show its value (found with a placeholder no speech contains)."""
    texts = build(write_class(tmp_path_factory.mktemp("where") / "班", PLACEHOLDERS))
    shown = {k: sorted(kind for kind, text in texts.items() if v in text) for k, v in PLACEHOLDERS.items()}
    assert shown["name"] and shown["venue"] and shown["organiser"] and shown["title"], shown
    return shown


printable = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")), min_size=1, max_size=30)
tricky = st.sampled_from(['"', "\\", "\n", "'", "{{ x }}", "{% if %}", "{#", "</w:t>", "&amp;", "]]", "\"\"\"",
                          "C:\\会议室", '2026年"工会"培训班', "\\u0041", "#", "=", "\t"])
value = st.lists(st.one_of(printable, tricky), min_size=1, max_size=4).map("".join).filter(lambda s: s.strip())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.fixed_dictionaries({k: value for k in KEYS + SESSION_KEYS}))
def test_any_class_toml_text_reaches_every_document_verbatim(tmp_path_factory, where_shown, values):
    texts = build(write_class(tmp_path_factory.mktemp("any") / "班", values))
    for key, kinds in where_shown.items():
        for kind in kinds:
            assert normal(values[key]) in normal(texts[kind]), (key, kind, values[key])


def test_control_characters_are_removed_with_one_warning(tmp_path, caplog):
    values = dict(PLACEHOLDERS, name="培训\x07班\x1b名", venue="会\x00议室")
    texts = build(write_class(tmp_path / "班", values))
    warnings = [r.getMessage() for r in caplog.records if "控制字符" in r.getMessage()]
    assert len(warnings) == 1 and "name" in warnings[0] and "venue" in warnings[0]
    assert all("培训班名" in texts[kind] for kind in ("讲义#0", "评估表#0", "签到表#0", "结业证书#0"))
    assert all("会议室" in texts[kind] for kind in ("评估表#0", "签到表#0"))
