"""`docgen parse`: formats, -o, and every error case (one line `错误：…`, exit 1; usage errors exit 2)."""

import json
import subprocess
import sys

import pytest
from helpers import CORPUS, ROOT, SAMPLE


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "docgen", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_tree_prints_the_eight_points():
    proc = run("parse", SAMPLE)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "标题：在工会系统理论培训班上的动员讲话"
    points = [ln.strip() for ln in lines if ln.startswith("  ")]
    assert len(points) == 8 and points[0].startswith("一是始终保持工会工作的正确政治方向")
    assert "共 8 个要点" in proc.stdout and proc.stderr == ""


def test_json_format_is_stable(tmp_path):
    out = tmp_path / "out" / "speech.json"
    proc = run("parse", SAMPLE, "--format", "json", "-o", out)
    assert proc.returncode == 0 and str(out) in proc.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"title", "salutation", "preamble", "sections", "closing"} <= set(data)
    assert data["title"] == "在工会系统理论培训班上的动员讲话" and data["salutation"] == "同志们："
    first = data["sections"][0]
    assert {"number", "marker", "heading", "short_title", "paragraphs", "sections"} <= set(first)
    assert first["number"] == 1 and first["marker"] == "一是" and first["sections"] == []
    assert first["heading"].startswith("要对标") and first["paragraphs"][0].startswith("工会工作")


def test_md_output_is_accepted_as_input(tmp_path):
    md = tmp_path / "讲话.md"
    assert run("parse", SAMPLE, "-f", "md", "-o", md).returncode == 0
    again = run("parse", md, "-f", "json")
    assert again.returncode == 0
    assert json.loads(again.stdout)["sections"] == json.loads(run("parse", SAMPLE, "-f", "json").stdout)["sections"]


def test_warnings_go_to_stderr(tmp_path):
    p = tmp_path / "gap.txt"
    p.write_text("标题\n一是学习。要学习。\n二是实践。要实践。\n四是总结。要总结。\n", encoding="utf-8")
    proc = run("parse", p)
    assert proc.returncode == 0
    assert "警告：" in proc.stderr and "“四是”" in proc.stderr and "警告：编号不连续" in proc.stdout


def test_encoding_option(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes("标题\n一是学习。要学习。\n二是实践。要实践。\n".encode("gbk"))
    assert run("parse", p, "--encoding", "gbk").returncode == 0
    bad = run("parse", p, "--encoding", "utf-8")
    assert bad.returncode == 1 and bad.stderr.startswith("错误：")


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "undecodable.txt").write_bytes(b"\x81\x30\xff\xfe\x80" * 50)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    (tmp_path / "adir").mkdir()
    return {"missing.txt": "找不到", "adir": "目录", "empty.txt": "空的", "binary.txt": "二进制",
            "undecodable.txt": "编码", "old.doc": ".docx", "scan.pdf": ".docx"}


def test_every_error_case_is_one_chinese_line(tmp_path):
    for name, words in _bad_inputs(tmp_path).items():
        out = tmp_path / f"{name}.out"
        proc = run("parse", tmp_path / name, "-o", out)
        assert proc.returncode == 1, name
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("错误：") and words in lines[0], (name, proc.stderr)
        assert name in lines[0] and "Traceback" not in proc.stderr
        assert not out.exists()


@pytest.mark.parametrize("args", [["parse"], ["parse", SAMPLE, "--format", "xml"], ["parse", SAMPLE, "--bogus"]])
def test_usage_errors_exit_2(args):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1].startswith("错误：")


def test_every_corpus_file_parses_from_the_command_line():
    for path in sorted(CORPUS.iterdir()):
        if path.is_file() and path.name != "README.md":
            proc = run("parse", path)
            assert proc.returncode == 0 and proc.stderr == "", path


def test_json_lists_key_phrases():
    data = json.loads(run("parse", SAMPLE, "-f", "json").stdout)
    phrases = {p["text"]: p for p in data["key_phrases"]}
    assert phrases["八个对标"]["kind"] == "numbered" and len(phrases["八个对标"]["items"]) == 8
    assert phrases["四同步、四衔接"]["section"] == [1]
