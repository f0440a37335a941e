"""Benchmark: parse the longest corpus file (target < 0.5 s). Run by hand: python bench/bench_parse.py"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> None:
    from docgen.analysis.phrases import key_phrases
    from docgen.readers import read_speech
    from docgen.writers.markdown import speech_to_markdown

    files = [p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".docx") and p.name != "README.md"]
    longest = max((p for p in files if p.suffix == ".txt"), key=lambda p: p.stat().st_size)
    read_speech(longest)  # warm imports
    for label, fn in (("read_speech", lambda: read_speech(longest)),
                      ("read + key_phrases", lambda: key_phrases(read_speech(longest))),
                      ("read + md", lambda: speech_to_markdown(read_speech(longest))),
                      ("read docx", lambda: read_speech(CORPUS / "party20_congress_report.docx"))):
        times = []
        for _ in range(10):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        print(f"{label:22s} median {statistics.median(times) * 1000:7.1f} ms  max {max(times) * 1000:7.1f} ms")
    for label, cmd in (("python startup", [sys.executable, "-c", "pass"]),
                       ("docgen parse (process)", [sys.executable, "-m", "docgen", "parse", str(longest)]),
                       ("docgen parse -f json", [sys.executable, "-m", "docgen", "parse", str(longest), "-f", "json"])):
        times = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - t)
        print(f"{label:22s} median {statistics.median(times) * 1000:7.1f} ms  ({longest.name}, "
              f"{longest.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
