"""End to end as an organiser runs it: every command on unseen speeches, and on bad input.

Bad input must give exactly one line `错误：…` on stderr, exit code 1, no traceback and no file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import assert_valid_ooxml

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
OUTPUT = {"parse": "x.md", "slides": "x.pptx", "handout": "x.docx", "quiz": "x.docx"}


def docgen(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def assert_one_error_line(proc: subprocess.CompletedProcess, out_dir: Path) -> None:
    errors = [line for line in proc.stderr.splitlines() if not line.startswith("警告：")]
    assert proc.returncode == 1, proc.stderr
    assert len(errors) == 1 and errors[0].startswith("错误："), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not list(out_dir.iterdir()), list(out_dir.iterdir())


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bad")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    (d / "folder.txt").mkdir()
    shutil.copy(UNSEEN / "13_gbk_crlf.txt", d / "gbk.txt")
    (d / "broken.toml").write_text('name = "x"\nstart = 2026年11月26日\n', encoding="utf-8")
    (d / "wrongtype.toml").write_text('name = "x"\nstart = "2026年11月26日"\nend = 2026-11-27\n', encoding="utf-8")
    return d


@pytest.mark.parametrize("command", sorted(OUTPUT))
@pytest.mark.parametrize("args", [["empty.txt"], ["binary.txt"], ["old.doc"], ["folder.txt"], ["missing.txt"],
                                  ["gbk.txt", "--encoding", "utf-8"], ["gbk.txt", "--encoding", "latin-1"]])
def test_bad_speech(bad, tmp_path, command, args):
    extra = ["--format", "md"] if command == "parse" else []
    proc = docgen(command, *args, *extra, "-o", tmp_path / OUTPUT[command], cwd=bad)
    assert_one_error_line(proc, tmp_path)
    assert args[0] in proc.stderr


@pytest.mark.parametrize("command", ["slides", "handout", "quiz", "survey", "signin", "cards", "certificates"])
@pytest.mark.parametrize("toml", ["broken.toml", "wrongtype.toml"])
def test_broken_class_toml(bad, tmp_path, command, toml):
    speech = ["gbk.txt"] if command in ("slides", "handout", "quiz") else []
    suffix = ".pptx" if command in ("slides", "cards") else ".docx"
    proc = docgen(command, *speech, "--class", toml, "-o", tmp_path / f"x{suffix}", cwd=bad)
    assert_one_error_line(proc, tmp_path)
    assert toml in proc.stderr and "第 2 行" in proc.stderr


def test_build_refuses_a_broken_class_folder(tmp_path):
    assert docgen("init", tmp_path / "班").returncode == 0
    (tmp_path / "班" / "source" / "class.toml").write_text('name = "x"\nstart = 2026年\n', encoding="utf-8")
    proc = docgen("build", tmp_path / "班")
    assert_one_error_line(proc, tmp_path / "班" / "output")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """`docgen init`, then a schedule naming two unseen speeches (one GBK), then `docgen build`."""
    root = tmp_path_factory.mktemp("class")
    folder = root / "二期班"
    assert docgen("init", folder).returncode == 0
    source = folder / "source"
    shutil.copy(UNSEEN / "13_gbk_crlf.txt", source / "竞赛.txt")
    shutil.copy(UNSEEN / "14_dun_levels.txt", source / "平台.txt")
    toml = (source / "class.toml").read_text(encoding="utf-8")
    toml = toml.replace('speech = "speech.txt"', 'speech = "竞赛.txt"', 1)
    toml = toml.replace('speaker = "市委党校教授"', 'speaker = "市委党校教授"\nspeech = "平台.txt"', 1)
    assert toml.count("speech = ") == 2
    (source / "class.toml").write_text(toml, encoding="utf-8")
    proc = docgen("build", folder)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return folder / "output"


def test_build_makes_every_document_for_both_speeches(built):
    """Named after the lectures of the schedule (竞赛.txt is 开班动员讲话, 平台.txt the afternoon's)."""
    names = sorted(p.name for p in built.iterdir() if not p.name.startswith("."))
    for speech in ("开班动员讲话", "深入学习贯彻党的二十大精神"):
        for kind in ("课件", "讲义", "测试卷"):
            assert any(f"-{kind}-{speech}." in n for n in names), (kind, speech, names)
    for kind in ("评估表", "签到表", "桌签", "结业证书"):
        assert any(f"-{kind}." in n for n in names), (kind, names)
    assert_valid_ooxml(*(p for p in built.iterdir() if p.suffix in (".docx", ".pptx")))


def test_survey_lists_both_lectures(built):
    import docx

    survey = next(built.glob("*-评估表.docx"))
    text = "\n".join(c.text for t in docx.Document(str(survey)).tables for r in t.rows for c in r.cells)
    assert "深入学习贯彻党的二十大精神" in text and "开班动员讲话" in text


@pytest.mark.parametrize("name", sorted(p.name for p in UNSEEN.glob("*.txt")))
def test_parse_every_unseen_speech(name, tmp_path):
    proc = docgen("parse", UNSEEN / name, "--format", "md", "-o", tmp_path / "s.md")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    again = docgen("parse", tmp_path / "s.md", "--format", "json")
    assert again.returncode == 0, again.stderr
