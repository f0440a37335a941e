"""Benchmark `docgen handout`: the sample speech and the 20th Congress report, with pandoc side by side.

Run by hand:  python bench/bench_handout.py
Targets (issue 4): sample < 150 ms beyond the python-docx import; congress report < 1 s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SPEECHES = {"sample": ROOT / "source" / "speech.txt", "congress": CORPUS / "party20_congress_report.txt"}

# One fresh process: time `import docx`, then everything else a `docgen handout` run does
# (docgen imports, reading, key phrases, bullets, questions, rendering, saving).
CHILD = r"""
import sys, time
t0, c0 = time.perf_counter(), time.process_time()
import docx
t1, c1 = time.perf_counter(), time.process_time()
from pathlib import Path
from docgen.commands.common import load_class_and_templates
from docgen.readers import read_speech
from docgen.writers.handout import write_handout
info, templates = load_class_and_templates(Path(sys.argv[3]), None)
write_handout(read_speech(sys.argv[1]), Path(sys.argv[2]), info, templates, sys.argv[4])
t2, c2 = time.perf_counter(), time.process_time()
print(f"{t1 - t0:.4f} {t2 - t1:.4f} {c2 - c1:.4f}")
"""


def child_env(pycache: Path) -> dict:
    """Bytecode cached as in an installed package (this machine sets PYTHONDONTWRITEBYTECODE, which
    would make every run compile docgen from source); the cache goes to a temporary directory."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def fresh_run(speech: Path, out: Path, mode: str, env: dict) -> tuple[float, float, float]:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(speech), str(out), str(ROOT / "source" / "class.toml"), mode],
                          capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    docx_import, rest, rest_cpu = map(float, proc.stdout.split())
    return docx_import, rest, rest_cpu


def best(n: int, fn):
    return min((fn() for _ in range(n)), key=lambda r: r[1] if isinstance(r, tuple) else r)


def in_process(speech: Path, out: Path, mode: str, n: int = 5) -> float:
    from docgen.commands.common import load_class_and_templates
    from docgen.readers import read_speech
    from docgen.writers.handout import write_handout

    info, templates = load_class_and_templates(ROOT / "source" / "class.toml", None)
    write_handout(read_speech(speech), out, info, templates, mode)  # warm
    times = []
    for _ in range(n):
        t = time.perf_counter()
        write_handout(read_speech(speech), out, info, templates, mode)
        times.append(time.perf_counter() - t)
    return min(times)


def pandoc(speech: Path, tmp: Path) -> float | None:
    """`pandoc speech.md -o handout.docx` (plain text as Markdown: no styles, no study aids)."""
    if not shutil.which("pandoc"):
        return None
    md = tmp / f"{speech.stem}.md"
    md.write_text(speech.read_text(encoding="utf-8"), encoding="utf-8")

    def run() -> float:
        t = time.perf_counter()
        subprocess.run(["pandoc", str(md), "-o", str(tmp / f"{speech.stem}-pandoc.docx")], check=True)
        return time.perf_counter() - t

    return min(run() for _ in range(3))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        env = child_env(tmp / "pycache")
        print("fresh process, bytecode cached: `import docx`, then the rest (docgen imports, read, analyse, render, save);"
              " best of 3. CPU = process time of the rest (less sensitive to a busy machine).")
        print(f"{'speech':10} {'mode':8} {'import docx':>12} {'rest (fresh)':>13} {'rest CPU':>9} {'in process':>11}")
        for name, speech in SPEECHES.items():
            if not speech.exists():
                print(f"{name}: {speech} missing, skipped")
                continue
            for mode in ("full", "plain", "compact"):
                out = tmp / f"{name}-{mode}.docx"
                fresh_run(speech, out, mode, env)  # fills the bytecode cache
                docx_import, rest, cpu = best(3, lambda: fresh_run(speech, out, mode, env))
                warm = in_process(speech, out, mode)
                print(f"{name:10} {mode:8} {docx_import * 1000:9.0f} ms {rest * 1000:10.0f} ms {cpu * 1000:6.0f} ms"
                      f" {warm * 1000:8.0f} ms")
            t = pandoc(speech, tmp)
            if t is not None:
                print(f"{name:10} {'pandoc':8} {'':>12} {t * 1000:10.0f} ms   (process, .md -> .docx)")


if __name__ == "__main__":
    main()
