"""Every corpus file parses to the structure written down in tests/fixtures/structure/ (read by hand)."""

import json
import re
from pathlib import Path

import pytest
from helpers import CORPUS, corpus_files

from docgen.readers import read_speech
from docgen.readers.text import decode

FIXTURES = Path(__file__).parent / "fixtures" / "structure"
FILES = [p for p in corpus_files() if p.name != "README.md"]


def outline(sections, depth=1):
    out = []
    for s in sections:
        d = {"marker": s.marker, "heading": s.heading}
        if depth < 2 and s.sections:
            d["sections"] = outline(s.sections, depth + 1)
        out.append(d)
    return out


@pytest.fixture(scope="module")
def parsed():
    return {p.name: read_speech(p) for p in FILES}


def test_every_corpus_file_has_a_fixture():
    assert {p.name for p in FILES} == {f.name.removesuffix(".json") for f in FIXTURES.glob("*.json")}
    assert len(FILES) >= 11


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_structure_matches_fixture(path, parsed):
    expected = json.loads((FIXTURES / f"{path.name}.json").read_text(encoding="utf-8"))
    sp = parsed[path.name]
    assert sp.title_lines == expected["title_lines"]
    assert sp.salutation == expected["salutation"]
    assert sp.speaker == expected["speaker"]
    assert sp.date == expected["date"]
    assert outline(sp.sections) == expected["sections"]
    assert len(sp.preamble) == expected["preamble_count"]
    assert [c[:12] for c in sp.closing] == expected["closing_starts"]
    assert len(sp.notes) == expected["notes_count"]
    assert sp.warnings == []


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".txt"], ids=lambda p: p.name)
def test_no_words_lost_or_changed(path, parsed):
    """Every character of the source (but blanks) is in the Speech, in order; nothing is invented."""
    sp = parsed[path.name]
    squeeze = re.compile(r"[\s\u3000]")
    source = squeeze.sub("", decode(path.read_bytes(), path))
    parts = [*sp.title_lines, sp.speaker, sp.salutation, *sp.body_paragraphs(), *sp.notes]
    for note in sp.notes:
        assert squeeze.sub("", note) in source
    pos = 0
    for part in parts[:len(parts) - len(sp.notes)]:
        part = squeeze.sub("", part)
        found = source.find(part, pos)
        assert found >= 0, f"not verbatim: {part[:40]}"
        pos = found + len(part)
    kept = sum(len(squeeze.sub("", p)) for p in parts if p)
    assert kept >= 0.97 * len(source)


def test_corpus_traps(parsed):
    # 二十大报告: `——` list paragraphs are not sections; the subsection broken across two paragraphs is one.
    report = parsed["party20_congress_report.txt"]
    assert len(report.sections) == 15
    assert all(not s.heading.startswith("—") for s in report.walk())
    broken = report.sections[14].sections[1]
    assert broken.heading == "坚持不懈用新时代中国特色社会主义思想凝心铸魂。"
    # Footnotes 〔1〕 after the speech are notes, not sections.
    youth = parsed["mao_youth_movement_1939.md"]
    assert [s.marker for s in youth.sections][-1] == "最后，第六，"
    assert any(n.startswith("〔12〕") for n in youth.notes)
    # No numbering at all: zero sections, everything in the body.
    foolish = parsed["mao_foolish_old_man_1945.md"]
    assert foolish.sections == [] and len(foolish.preamble) == 6
    # Stray web-page text before the title is dropped.
    jiangsu = parsed["jiangsu_gov_report_2026.txt"]
    assert jiangsu.title == "2026年江苏省政府工作报告"
    assert "下载" not in jiangsu.body_paragraphs() and "相关报道：" in jiangsu.notes


def test_corpus_dir_is_present():
    assert CORPUS.is_dir()
