"""The build's speed work keeps its guarantees: inputs the parent sends to the lanes, decks and
cards written without python-pptx, and a CLI process that ends without teardown but with all of
its output and the right exit code."""

import os
import pickle
import subprocess
import sys

import pytest

from docgen import buildpool
from helpers import assert_valid_ooxml


def _python(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)


class _Input:
    """What build.py's _Once looks like to the pool: callable, and adoptable in a lane."""

    def __init__(self, load):
        self.load = load

    def __call__(self):
        return self.load()

    def adopt(self, receive):
        own = self.load
        self.load = lambda: receive(own)


def _run(lanes, feeds, job):
    results = {}
    buildpool.run_in_lanes(lanes, job, results.__setitem__, lambda m: None,
                           [buildpool.Feed(f, lanes_, f.adopt) for f, lanes_ in feeds])
    return results


def test_the_parent_loads_an_input_once_and_sends_it_to_the_lanes_that_need_it(tmp_path):
    parent = os.getpid()
    marker = tmp_path / "loaded"

    def load():
        marker.write_text(marker.read_text() + f"{os.getpid()}\n" if marker.exists() else f"{os.getpid()}\n")
        return {"text": "讲话" * 50_000, "pid": os.getpid()}  # ~300 KB pickled: more than a pipe holds

    speech = _Input(load)

    def job(i):
        value = speech()
        return {"paths": [], "error": "", "seconds": 0.0, "loaded_in": value["pid"], "size": len(value["text"])}

    results = _run([[0], [1, 2]], [(speech, frozenset({0, 1}))], job)
    assert sorted(results) == [0, 1, 2]
    assert {r["loaded_in"] for r in results.values()} == {parent}
    assert {r["size"] for r in results.values()} == {100_000}
    assert marker.read_text().split() == [str(parent)]


def test_a_failing_input_fails_each_job_that_needs_it_and_no_other():
    from docgen.errors import InputError

    def load():
        raise InputError("讲话稿.txt：无法读取")

    speech = _Input(load)

    def job(i):
        try:
            if i != 1:
                speech()
        except InputError as e:
            return {"paths": [], "error": str(e), "seconds": 0.0}
        return {"paths": [], "error": "", "seconds": 0.0}

    results = _run([[0, 1], [2]], [(speech, frozenset({0, 1}))], job)
    assert results[0]["error"] == results[2]["error"] == "讲话稿.txt：无法读取"
    assert results[1]["error"] == ""


def test_an_input_that_cannot_be_pickled_is_loaded_by_the_lane_itself():
    speech = _Input(lambda: (lambda: os.getpid()))  # a lambda: not picklable
    parent = os.getpid()

    def job(i):
        return {"paths": [], "error": "", "seconds": 0.0, "pid": speech()()}

    results = _run([[0], [1]], [(speech, frozenset({0, 1}))], job)
    assert all(r["pid"] != parent for r in results.values())
    with pytest.raises(Exception):
        pickle.dumps(speech())


def test_documents_of_a_speech_come_last_in_their_lane():
    kinds = ["slides", "handout", "quiz", "survey", "signin", "cards", "certificates"]
    speech = object()
    lanes = buildpool.plan_lanes(kinds, [speech] * 3 + [None] * 4, 2)
    for lane in lanes:
        needs_speech = [kinds[i] in buildpool.SPEECH_KINDS for i in lane]
        assert needs_speech == sorted(needs_speech), [kinds[i] for i in lane]


def test_a_build_writes_decks_and_cards_without_importing_python_pptx(tmp_path):
    code = """
import sys
from docgen.build import build
report = build(sys.argv[1], only={"slides", "cards"})
print(sorted(p.suffix for o in report.outcomes for p in o.paths), "pptx" in sys.modules)
"""
    folder = tmp_path / "班"
    assert subprocess.run([sys.executable, "-m", "docgen", "init", str(folder)], capture_output=True).returncode == 0
    proc = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True,
                          env={**os.environ, "DOCGEN_JOBS": "1"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "['.pptx', '.pptx'] False"
    assert_valid_ooxml(*(folder / "output").glob("*.pptx"))


def test_the_cli_flushes_its_output_and_keeps_the_exit_code(tmp_path):
    folder = tmp_path / "班"
    run = [sys.executable, "-m", "docgen"]
    assert subprocess.run([*run, "init", str(folder)], capture_output=True).returncode == 0
    ok = subprocess.run([*run, "build", str(folder), "--only", "survey,signin"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.rstrip().endswith("共 2 项，成功 2 项，失败 0 项。")
    missing = subprocess.run([*run, "build", str(tmp_path / "无此目录")], capture_output=True, text=True)
    assert missing.returncode == 1 and missing.stderr.startswith("错误：")
    usage = subprocess.run([*run, "build", str(folder), "--only", "nothing"], capture_output=True, text=True)
    assert usage.returncode == 2 and "错误：" in usage.stderr


@pytest.mark.skipif(buildpool.worker_count(7) == 1, reason="one core or no fork: builds run serially")
def test_a_parallel_build_plans_the_handout_and_quiz_in_the_parent(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import docgen.writers.handout
    import docgen.writers.quiz
    from docgen.cli import cli

    folder = tmp_path / "班"
    assert CliRunner().invoke(cli, ["init", str(folder)]).exit_code == 0
    log = tmp_path / "planned.txt"
    for module, name in ((docgen.writers.handout, "build_plan"), (docgen.writers.quiz, "build_papers")):
        def planner(*args, _real=getattr(module, name), _name=name, **kwargs):
            with log.open("a") as f:
                f.write(f"{_name} {os.getpid()}\n")
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, planner)
    monkeypatch.setenv("DOCGEN_JOBS", "2")
    result = CliRunner().invoke(cli, ["build", str(folder), "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(log.read_text().splitlines()) == [f"build_papers {os.getpid()}", f"build_plan {os.getpid()}"]
    assert len(list((folder / "output").glob("*.docx"))) == 6


def test_modules_two_processes_need_are_imported_before_forking(tmp_path):
    code = """
import sys
from pathlib import Path
from docgen import build, buildpool
from docgen.config import load_class
from docgen.resources import Templates
folder = Path(sys.argv[1])
class_file = build.find_class_file(folder)
info = load_class(class_file)
jobs = build.plan_jobs(info, class_file, folder / "output", Templates(None, info.folder), set(sys.argv[2].split(",")))
lanes = buildpool.plan_lanes([j.kind for j in jobs], [j.speech for j in jobs], 2)
build._shared_inputs(jobs, lanes)
print(sorted(m for m in build.SHARED_MODULES if m in sys.modules))
"""
    folder = tmp_path / "班"
    assert subprocess.run([sys.executable, "-m", "docgen", "init", str(folder)], capture_output=True).returncode == 0
    every = _python(code, str(folder), ",".join(["slides", "handout", "quiz", "survey", "signin", "cards",
                                                   "certificates"]))
    assert every.returncode == 0, every.stderr
    assert "'docgen.analysis.phrases'" in every.stdout and "'docgen.roster'" in every.stdout
    assert "'docx'" in every.stdout  # both lanes write Word documents
    one_lane_each = _python(code, str(folder), "survey,signin")  # no speech, no roster shared
    assert one_lane_each.returncode == 0, one_lane_each.stderr
    assert "phrases" not in one_lane_each.stdout and "docgen.roster'" not in one_lane_each.stdout
    assert "'docx'" in one_lane_each.stdout  # two lanes, both writing Word
    no_word = _python(code, str(folder), "slides,cards")
    assert no_word.returncode == 0 and "'docx'" not in no_word.stdout, no_word.stdout + no_word.stderr
