"""Time `docgen build --pdf` for a 10,000-person class (by hand: python bench/bench_big_class.py [N] [--libreoffice]).

Makes a class folder with the sample speech and an N-person roster (default 10,000), then times
`docgen build` and `docgen build --pdf` as a user runs them, and the direct PDF drawer alone on the
sign-in sheet, table cards and certificates. --libreoffice also times LibreOffice on those files, for comparison
(minutes, several GB of memory).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_signin import GIVEN, SURNAMES  # noqa: E402


def make_class(folder: Path, people: int) -> None:
    subprocess.run([sys.executable, "-m", "docgen", "init", str(folder)], check=True, capture_output=True)
    rnd = random.Random(7)
    rows = ["姓名,单位,职务,联系电话"]
    for i in range(people):
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2, 2))))
        rows.append(f"{name},第{i % 97 + 1}基层工会委员会,工会主席,138{rnd.randrange(10**8):08d}")
    (folder / "source" / "roster.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def timed(*cmd: str) -> tuple[float, float]:
    """Wall seconds and the CPU seconds of the command and its children."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # namesakes: warnings
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def show(label: str, wall: float, cpu: float) -> None:
    print(f"{label:<48} {wall:6.1f} s wall  {cpu:6.1f} s CPU")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    people = int(args[0]) if args else 10_000
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; {people} attendees")
    folder = Path(tempfile.mkdtemp(prefix="bench-class-")) / "班"
    make_class(folder, people)
    docgen = [sys.executable, "-m", "docgen"]
    show("docgen build", *timed(*docgen, "build", str(folder), "-q"))
    show("docgen build --pdf", *timed(*docgen, "build", str(folder), "-q", "--pdf"))
    out = folder / "output"
    drawn = [next(out.glob(f"*-{name}")) for name in ("签到表.docx", "桌签.pptx", "结业证书.docx")]
    for source in drawn:
        show(f"  direct drawer alone: {source.name.rsplit('-', 1)[-1]}",
             *timed(sys.executable, "-m", "docgen.export.direct", str(source), str(out / "drawn.pdf")))
    if "--libreoffice" in sys.argv:
        for source in drawn:
            show(f"  LibreOffice alone: {source.name.rsplit('-', 1)[-1]}",
                 *timed("soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out / "lo"), str(source)))


if __name__ == "__main__":
    main()
