"""The speed work keeps every guarantee: same help text, same documents, parallel builds that
still report failures, warnings and progress."""

import logging
import os
import re
import subprocess
import sys
import zipfile

import pytest
from click.testing import CliRunner

from docgen import buildpool
from docgen.cli import cli
from helpers import assert_valid_ooxml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _python(code: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env={**os.environ, **env})


def test_fast_help_is_clicks_help_without_importing_click():
    fast = _python("import sys; sys.argv=['docgen','--help']\nfrom docgen.cli import main; main()\n"
                   "print('CLICK', 'click' in sys.modules)", COLUMNS="100")
    slow = _python("import sys; sys.argv=['docgen','--help']\nfrom docgen.cli_app import run; run()", COLUMNS="100")
    assert slow.returncode == 0 and fast.returncode == 0
    assert fast.stdout.replace("CLICK False\n", "") == slow.stdout
    assert "CLICK False" in fast.stdout


def test_narrow_terminal_help_comes_from_click():
    # main() ends the process after a command (no code runs after it): ask an atexit-free witness,
    # the import log, whether Click was imported.
    narrow = _python("import sys; sys.argv=['docgen','-h']\nfrom docgen.cli import main; main()\n",
                     COLUMNS="40", PYTHONPROFILEIMPORTTIME="1")
    assert narrow.returncode == 0
    assert re.search(r"\|\s+click$", narrow.stderr, re.M) and "命令" in narrow.stdout


def test_base_docx_is_small_valid_and_has_the_styles_writers_use(tmp_path):
    from docgen.writers import docx_common as dc
    from docgen.writers.docx_base import KEEP_STYLES

    doc = dc.new_document()
    ids = {s.get(f"{W}styleId") for s in doc.styles.element.iter(f"{W}style")}
    assert ids == set(KEEP_STYLES)
    assert doc.settings.element.find(f"{W}zoom").get(f"{W}percent") == "100"
    out = tmp_path / "base.docx"
    doc.add_paragraph("正文")
    doc.save(str(out))
    with zipfile.ZipFile(out) as z:
        assert len(z.read("word/styles.xml")) < 40_000
        assert not [n for n in z.namelist() if "stylesWithEffects" in n]
    assert_valid_ooxml(out)


def test_lanes_balance_the_sample_class():
    """The .pptx documents need no library import any more (lxml is loaded before forking), so
    their lane also takes the certificates; the other pays for python-docx once."""
    kinds = ["slides", "handout", "quiz", "survey", "signin", "cards", "certificates"]
    speech = object()
    lanes = buildpool.plan_lanes(kinds, [speech] * 3 + [None] * 4, 2)
    assert sorted(i for lane in lanes for i in lane) == list(range(7))
    by_kind = sorted(sorted(kinds[i] for i in lane) for lane in lanes)
    assert by_kind == [["cards", "certificates", "slides"], ["handout", "quiz", "signin", "survey"]]


def test_one_job_or_one_core_runs_serially(monkeypatch):
    assert buildpool.worker_count(1) == 1
    monkeypatch.setenv("DOCGEN_JOBS", "1")
    assert buildpool.worker_count(7) == 1


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    folder = tmp_path_factory.mktemp("perf") / "班"
    assert CliRunner().invoke(cli, ["init", str(folder)]).exit_code == 0
    return folder


def _docs(folder):
    return sorted(p for p in (folder / "output").iterdir() if not p.name.startswith("."))


def _parts(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if not n.startswith("docProps/core")}


@pytest.mark.skipif(buildpool.worker_count(7) == 1, reason="one core or no fork: builds run serially")
def test_parallel_build_writes_the_same_documents_as_a_serial_one(kit, monkeypatch):
    runner = CliRunner()
    monkeypatch.setenv("DOCGEN_JOBS", "1")
    assert runner.invoke(cli, ["build", str(kit), "-q"]).exit_code == 0
    serial = {p.name: _parts(p) for p in _docs(kit)}
    monkeypatch.setenv("DOCGEN_JOBS", "2")
    result = runner.invoke(cli, ["build", str(kit)])
    assert result.exit_code == 0, result.output
    assert {p.name: _parts(p) for p in _docs(kit)} == serial
    assert len(serial) == 8
    steps = [line for line in result.output.splitlines() if line.startswith("[")]
    assert sorted(s.split("]")[0] for s in steps) == [f"[{n}/7" for n in range(1, 8)]
    assert_valid_ooxml(*_docs(kit))


def test_a_child_failure_is_reported_and_the_other_lane_still_writes(kit, monkeypatch):
    import docgen.writers.cards

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setenv("DOCGEN_JOBS", "2")
    monkeypatch.setattr(docgen.writers.cards, "write_cards", broken)
    result = CliRunner().invoke(cli, ["build", str(kit), "--only", "cards,survey"])
    assert result.exit_code == 1
    assert "桌签" in result.output and "boom" in result.output
    assert any("评估表" in p.name for p in _docs(kit))


def test_a_crashed_lane_fails_its_jobs_only():
    results = {}

    def run_one(i):
        if i == 1:
            os._exit(3)  # the child dies without reporting
        return {"paths": [], "error": "", "seconds": 0.0}

    buildpool.run_in_lanes([[0], [1, 2]], run_one, results.__setitem__, lambda m: None)
    assert results[0]["error"] == ""
    assert results[1]["error"] == results[2]["error"] == buildpool.CRASHED


def test_warnings_of_the_lanes_reach_the_parent(caplog):
    from docgen.report import warn

    def run_one(i):
        warn(f"注意 {i}")
        return {"paths": [], "error": "", "seconds": 0.0}

    with caplog.at_level(logging.WARNING, logger="docgen"):
        buildpool.run_in_lanes([[0], [1]], run_one, lambda i, r: None, warn)
    assert sorted(r.getMessage() for r in caplog.records) == ["注意 0", "注意 1"]


def test_an_input_two_lanes_need_is_read_once_and_warns_once(tmp_path, monkeypatch):
    folder = tmp_path / "班"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(folder)]).exit_code == 0
    roster = folder / "source" / "roster.csv"
    lines = roster.read_text(encoding="utf-8").splitlines()
    roster.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")  # a duplicate row warns
    monkeypatch.setenv("DOCGEN_JOBS", "2")
    result = runner.invoke(cli, ["build", str(folder), "--only", "signin,cards,certificates", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output.count("重复") == 1, result.output
