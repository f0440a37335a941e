"""Benchmark `docgen slides` (run by hand): python bench/bench_slides.py [--runs N]

Times the sample deck and the 33,000-character congress report deck (reading the speech, planning
and rendering, each the best of N runs, wall and CPU, after a first run that imports and loads
the templates; decks are written with lxml, python-pptx only counts the slides afterwards),
side by side with `pandoc speech.md -o deck.pptx` on the same speech as Markdown (if installed).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SPEECHES = {
    "sample (source/speech.txt)": ROOT / "source" / "speech.txt",
    "congress report (party20_congress_report.txt)": ROOT.parent / "shared" / "corpus" / "party20_congress_report.txt",
}


def best(fn, runs: int) -> tuple[float, float]:
    """Best wall and best CPU seconds of `runs` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def pandoc_time(speech: Path, work: Path, runs: int) -> float | None:
    if not shutil.which("pandoc"):
        return None
    md = work / (speech.stem + ".md")
    subprocess.run([sys.executable, "-m", "docgen", "parse", str(speech), "--format", "md", "-o", str(md)],
                   check=True, capture_output=True, cwd=ROOT)
    wall, _ = best(lambda: subprocess.run(["pandoc", str(md), "-o", str(work / "pandoc.pptx")], check=True), runs)
    return wall


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    import pptx  # only to count the slides of the result

    from docgen.config import load_class
    from docgen.readers import read_speech
    from docgen.resources import Templates
    from docgen.writers import measure
    from docgen.writers.slides import write_deck

    def deck(speech, out):
        measure._wrap.cache_clear()  # no help from the previous run's measurements
        write_deck(speech, out, info, templates)

    info = load_class(ROOT / "source" / "class.toml")
    templates = Templates(None, info.folder)
    print(f"best of {runs} runs")
    print("| deck | slides | read speech | write_deck wall | write_deck CPU | pandoc .md → .pptx |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, path in SPEECHES.items():
            out = work / "deck.pptx"
            deck(read_speech(path), out)  # first run loads the Jinja templates and imports
            read_wall, _ = best(lambda p=path: read_speech(p), runs)
            speech = read_speech(path)
            wall, cpu = best(lambda s=speech: deck(s, out), runs)
            slides = len(pptx.Presentation(str(out)).slides)
            pandoc = pandoc_time(path, work, runs)
            pandoc_text = f"{pandoc * 1000:.0f} ms" if pandoc is not None else "pandoc not installed"
            print(f"| {name} | {slides} | {read_wall * 1000:.0f} ms | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms "
                  f"| {pandoc_text} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
