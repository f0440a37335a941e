"""Benchmark `docgen --help` and `docgen build` of the sample class, side by side with pandoc.

Run by hand, with the Python of a venv where docgen is installed non-editable (`pip install .`):
    .venv/bin/python bench/bench_build.py [--runs N] [--pdf]
Every figure is the best of N runs (the machine may be shared; the minimum is the least disturbed).
Prints: the machine, Python's own start, `docgen --help`, the import floor of the libraries a
build needs, `docgen build` in parallel lanes and serially (DOCGEN_JOBS=1), each document's time
in a warm process, and `pandoc speech.md -o x.docx` / `-o x.pptx` on the same speech.
"""

from __future__ import annotations

import argparse
import os
import shutil
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
    return {job.kind: best_of(runs, job.run) for job in jobs}


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
    floor = "import click, docx, pptx, jinja2, docxtpl"
    show("import floor: " + floor[7:], best_of(n, lambda: run(sys.executable, "-c", floor)))
    with tempfile.TemporaryDirectory() as tmp:
        klass = Path(tmp) / "班"
        run(*docgen, "init", str(klass))
        parallel = best_of(n, lambda: run(*docgen, "build", str(klass), "-q"))
        serial = best_of(n, lambda: run(*docgen, "build", str(klass), "-q", DOCGEN_JOBS="1"))
        show("docgen build (8 documents, parallel lanes)", parallel)
        show("docgen build (serial, DOCGEN_JOBS=1)", serial)
        pandoc = 0.0
        if shutil.which("pandoc"):
            md = Path(tmp) / "speech.md"
            run(*docgen, "parse", str(klass / "source" / "speech.txt"), "--format", "md", "-o", str(md))
            to_docx = best_of(n, lambda: run("pandoc", str(md), "-o", str(Path(tmp) / "p.docx")))
            to_pptx = best_of(n, lambda: run("pandoc", str(md), "-o", str(Path(tmp) / "p.pptx")))
            pandoc = to_docx + to_pptx
            show("pandoc speech.md -o x.docx", to_docx)
            show("pandoc speech.md -o x.pptx", to_pptx)
            show("pandoc .docx + .pptx", pandoc, f"→ docgen build = {parallel / pandoc:.1f}× (target ≤ 2×)")
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
