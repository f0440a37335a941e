"""Big inputs that must stay linear (issue 14): a 10 MB speech built, a 50 MB speech parsed,
10,000 certificates split into files, a 100,000-person roster read. Wall time and peak memory
of each as a `docgen` process, as a user runs it.

    python bench/bench_hostile.py [--skip-build]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "party20_congress_report.txt"


def speech_of(size_mb: int, path: Path) -> Path:
    """The congress report repeated up to `size_mb` MB (a long speech with the structure of a real one)."""
    text = CORPUS.read_text(encoding="utf-8")
    copies = size_mb * 1024 * 1024 // len(text.encode("utf-8")) + 1
    path.write_text("\n\n".join([text] * copies), encoding="utf-8")
    return path


def timed(*args: object) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of `docgen ARGS` (its own, from wait4)."""
    import os

    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "docgen", "-q", *map(str, args)],
                                stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = status
        wall = time.perf_counter() - started
        if status:
            err.seek(0)
            print(err.read().decode("utf-8", "replace")[-2000:], file=sys.stderr)
    return wall, usage.ru_maxrss / 1024


def class_with(folder: Path, speech: Path | None, people: int) -> Path:
    subprocess.run([sys.executable, "-m", "docgen", "init", str(folder)], check=True, capture_output=True)
    if speech:
        (folder / "source" / "speech.txt").write_bytes(speech.read_bytes())
    rows = "\n".join(f"学员{i:06d},单位{i % 300},科员,1380000{i % 10000:04d}" for i in range(people))
    (folder / "source" / "roster.csv").write_text(f"姓名,单位,职务,联系电话\n{rows}\n", encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-build", action="store_true", help="leave out the 10 MB build (the longest)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = []
        big = speech_of(50, tmp / "s50.txt")
        rows.append(("`docgen parse` of a 50 MB speech", *timed("parse", big)))
        if not args.skip_build:
            folder = class_with(tmp / "k10", speech_of(10, tmp / "s10.txt"), 100)
            rows.append(("`docgen build` of a 10 MB speech", *timed("build", folder)))
        folder = class_with(tmp / "k10000", None, 10_000)
        rows.append(("`certificates --split`, 10,000 files",
                     *timed("certificates", "--class", folder / "source" / "class.toml", "--split", "-o", tmp / "证书")))
        folder = class_with(tmp / "k100000", None, 100_000)
        rows.append(("`signin` of a 100,000-person roster",
                     *timed("signin", "--class", folder / "source" / "class.toml", "-o", tmp / "签到表.docx")))
    print("| input | wall | peak memory |\n|---|---|---|")
    for name, wall, peak in rows:
        print(f"| {name} | {wall:.1f} s | {peak:.0f} MB |")


if __name__ == "__main__":
    main()
