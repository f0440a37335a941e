"""`docgen serve`: page load to downloaded zip for the sample class in Chromium (Playwright), with and
without PDFs; and 20 clients building the whole sample kit at once, with the server's peak memory.

    python bench/bench_serve.py [--clients N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_web_browser import make_kit_in_browser, running_server  # noqa: E402
from test_web_load import build_at_once  # noqa: E402
from web_helpers import SAMPLE_SPEECH  # noqa: E402

from docgen.build import KINDS  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for pdf in (False, True):
            out = tmp / f"browser-{pdf}"
            out.mkdir()
            with running_server(out / "ws") as (base, _):
                _, seconds = make_kit_in_browser(base, out, pdf=pdf)
            print(f"page load to zip, sample class{' with PDFs and previews' if pdf else ''}: {seconds:.1f} s")
        results, wall, peak = build_at_once(tmp / "load", args.clients, text=SAMPLE_SPEECH.read_text(encoding="utf-8"),
                                            kinds=KINDS)
        ok = sum(r[0]["status"] == "done" for r in results.values())
        print(f"{args.clients} clients building the whole sample kit at once: {ok} complete, {wall:.1f} s wall, "
              f"slowest client {max(r[2] for r in results.values()):.1f} s, peak memory {peak / 1024 ** 2:.0f} MB")


if __name__ == "__main__":
    main()
