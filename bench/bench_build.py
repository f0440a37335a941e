"""Benchmark `docgen --help`, `docgen build` of the sample class, and pandoc side by side.

Run by hand:  python bench/bench_build.py   (results go into bench/README.md by hand)
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run(*cmd, cwd=None) -> None:
    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd)


def main() -> None:
    docgen = [sys.executable, "-m", "docgen"]
    print(f"python start:               {best_of(10, lambda: run(sys.executable, '-c', 'pass')) * 1000:7.0f} ms")
    print(f"docgen --help:              {best_of(10, lambda: run(*docgen, '--help')) * 1000:7.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        klass = Path(tmp) / "班"
        run(*docgen, "init", str(klass))
        shutil.copy(ROOT / "source" / "roster.csv", klass / "source" / "roster.csv")
        t = best_of(3, lambda: run(*docgen, "build", str(klass), "-q"))
        print(f"docgen build (process):     {t * 1000:7.0f} ms")
        from docgen.build import build

        build(klass)  # warm imports
        t = best_of(5, lambda: build(klass))
        print(f"docgen build (in process):  {t * 1000:7.0f} ms   (imports excluded)")
        files = sorted(p.name for p in (klass / "output").iterdir() if not p.name.startswith("."))
        print(f"  documents: {len(files)}: {', '.join(files)}")
        if shutil.which("soffice"):
            t = best_of(1, lambda: run(*docgen, "build", str(klass), "-q", "--pdf"))
            print(f"docgen build --pdf:         {t * 1000:7.0f} ms")
        if shutil.which("pandoc"):
            md = Path(tmp) / "speech.md"
            run(*docgen, "parse", str(ROOT / "source" / "speech.txt"), "--format", "md", "-o", str(md))
            t = best_of(5, lambda: (run("pandoc", str(md), "-o", str(Path(tmp) / "p.docx")),
                                    run("pandoc", str(md), "-o", str(Path(tmp) / "p.pptx"))))
            print(f"pandoc .docx + .pptx:       {t * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
