"""Benchmark the sample test paper + answer key + evaluation form (target: < 200 ms beyond imports).

Run by hand:  python bench/bench_quiz.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(n: int, fn) -> list[float]:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def main() -> None:
    t = time.perf_counter()
    import docx  # noqa: F401  (imports are not part of the budget)

    from docgen.analysis.phrases import key_phrases
    from docgen.config import load_class
    from docgen.quiz.generate import plan_paper
    from docgen.readers import read_speech
    from docgen.resources import Templates
    from docgen.writers.quiz import write_quiz
    from docgen.writers.survey import write_survey
    print(f"imports:                         {(time.perf_counter() - t) * 1000:6.0f} ms")

    info = load_class(ROOT / "source" / "class.toml")
    speech_file = ROOT / "source" / "speech.txt"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def kit():
            templates = Templates(None, info.folder)
            speech = read_speech(speech_file)
            write_quiz(speech, out / "测试卷.docx", info, templates)
            write_survey(out / "评估表.docx", info, templates)

        from docgen.analysis.words import boundaries
        from docgen.quiz.rules import word_class

        segmenter = timed(1, lambda: (boundaries("加强工会干部思想建设"), word_class("思想建设")))[0]
        first = timed(1, kit)[0]
        runs = timed(20, kit)
        speech = read_speech(speech_file)
        phrases = key_phrases(speech)
        plan = timed(20, lambda: plan_paper(speech, phrases=phrases))
        variants = timed(5, lambda: write_quiz(speech, out / "AB.docx", info, Templates(None, info.folder),
                                               variants=["A", "B"]))
        big = read_speech(Path(ROOT.parent / "shared" / "corpus" / "party20_congress_report.txt"))
        big_phrases = key_phrases(big)
        big_plan = timed(5, lambda: plan_paper(big, phrases=big_phrases))
    print(f"jieba load (words + POS), once:  {segmenter:6.0f} ms")
    print(f"paper + key + survey, first run: {first:6.0f} ms")
    print(f"paper + key + survey, median:    {statistics.median(runs):6.0f} ms  (min {min(runs):.0f}, n=20)")
    print(f"planning only (sample):          {statistics.median(plan):6.1f} ms")
    print(f"variants A,B (4 files):          {statistics.median(variants):6.0f} ms")
    print(f"planning only (二十大报告):       {statistics.median(big_plan):6.1f} ms")


if __name__ == "__main__":
    main()
