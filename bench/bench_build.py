"""Benchmark `docgen --help` and `docgen build` of the sample class, side by side with pandoc.

Run by hand, with the Python of a venv where docgen is installed non-editable (`pip install .`):
    .venv/bin/python bench/bench_build.py [--runs N] [--pdf]
The machine may be shared: every command is run N times, the docgen build and the two pandoc
commands in turn (so all see the same load), and each line gives the minimum wall time (the least
disturbed run), the median, and the minimum CPU time (user + system of the process and its lanes,
far less sensitive to another busy core). The load average is printed before and after.
Prints: the machine, Python's own start, `docgen --help`, the import floor of the libraries a
build needs, `docgen build` in parallel lanes and serially (DOCGEN_JOBS=1), each document's time
in a warm process, and `pandoc speech.md -o x.docx` / `-o x.pptx` on the same speech.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run(*cmd, **env) -> None:
    subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, **env})


class Timed:
    """Wall and CPU times (the process and its children) of one command over several runs."""

    def __init__(self, cmd: list[str], **env: str):
        self.cmd, self.env = cmd, {**os.environ, **env}
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def once(self) -> None:
        t = time.perf_counter()
        proc = subprocess.Popen(self.cmd, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        self.wall.append(time.perf_counter() - t)
        if status:
            raise SystemExit(f"failed: {' '.join(self.cmd)}")
        self.cpu.append(usage.ru_utime + usage.ru_stime)

    @property
    def best(self) -> float:
        return min(self.wall)

    def note(self) -> str:
        return f"median {statistics.median(self.wall) * 1000:4.0f} ms, CPU {min(self.cpu) * 1000:4.0f} ms"


def interleaved(n: int, *commands: Timed) -> None:
    for _ in range(n):
        for command in commands:
            command.once()


def docgen_command() -> list[str]:
    script = Path(sys.executable).with_name("docgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "docgen"]


def show(label: str, seconds: float, note: str = "") -> None:
    print(f"{label:44s} {seconds * 1000:7.0f} ms  {note}")


def job_times(klass: Path, runs: int) -> dict[str, float]:
    """Each document of the kit in this (warm) process, best of `runs`."""
    os.environ["DOCGEN_JOBS"] = "1"
    from docgen import build as b
    from docgen.config import load_class
    from docgen.resources import Templates

    class_file = b.find_class_file(klass)
    info = load_class(class_file)
    jobs = b.plan_jobs(info, class_file, klass / "output", Templates(None, info.folder), set(b.KINDS))
    for job in jobs:
        job.run()

    def timed(job):
        own = [n for n in job.needs if sum(n in j.needs for j in jobs) == 1]  # its plan, made again each run

        def run_fresh():
            for need in own:
                need._value = None
            job.run()
        return best_of(runs, run_fresh)

    return {job.kind: timed(job) for job in jobs}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pdf", action="store_true", help="also time `docgen build --pdf` once")
    args = parser.parse_args()
    n = args.runs
    docgen = docgen_command()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; Python {sys.version.split()[0]}")
    show("python -c pass", best_of(n * 2, lambda: run(sys.executable, "-c", "pass")))
    show("docgen --help", best_of(n * 2, lambda: run(*docgen, "--help")), "(target < 60 ms)")
    floor = "import click, lxml.etree, docx, jinja2, docxtpl"
    show("import floor: " + floor[7:], best_of(n, lambda: run(sys.executable, "-c", floor)))
    with tempfile.TemporaryDirectory() as tmp:
        klass = Path(tmp) / "班"
        run(*docgen, "init", str(klass))
        md = Path(tmp) / "speech.md"
        run(*docgen, "parse", str(klass / "source" / "speech.txt"), "--format", "md", "-o", str(md))
        parallel = Timed([*docgen, "build", str(klass), "-q"])
        serial = Timed([*docgen, "build", str(klass), "-q"], DOCGEN_JOBS="1")
        pandoc = [Timed(["pandoc", str(md), "-o", str(Path(tmp) / f"p.{x}")]) for x in ("docx", "pptx")]
        have_pandoc = bool(shutil.which("pandoc"))
        interleaved(n, parallel, serial, *(pandoc if have_pandoc else []))
        show("docgen build (8 documents, parallel lanes)", parallel.best, parallel.note())
        show("docgen build (serial, DOCGEN_JOBS=1)", serial.best, serial.note())
        if have_pandoc:
            both = pandoc[0].best + pandoc[1].best
            medians = sum(statistics.median(p.wall) for p in pandoc)
            show("pandoc speech.md -o x.docx", pandoc[0].best, pandoc[0].note())
            show("pandoc speech.md -o x.pptx", pandoc[1].best, pandoc[1].note())
            show("pandoc .docx + .pptx", both, f"→ docgen build = {parallel.best / both:.2f}× by minima, "
                 f"{statistics.median(parallel.wall) / medians:.2f}× by medians (target ≤ 2×)")
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        if args.pdf and shutil.which("soffice"):
            show("docgen build --pdf (one LibreOffice run)", best_of(1, lambda: run(*docgen, "build", str(klass),
                                                                                   "-q", "--pdf")))
        print("warm, in process (imports excluded), best of", n)
        times = job_times(klass, n)
        for kind, seconds in times.items():
            show(f"  {kind}", seconds)
        show("  all documents", sum(times.values()))


if __name__ == "__main__":
    main()
