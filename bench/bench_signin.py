"""Time the roster outputs for large classes (by hand: python bench/bench_signin.py [--all] [--pdf]).

--all adds table cards and certificates; --pdf converts the 10,000-row sign-in sheet with LibreOffice.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from docgen.config import ClassInfo, Session
from docgen.resources import Templates
from docgen.roster.model import Attendee, Roster
from docgen.writers.signin import write_signin

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文海燕东梅林波斌宁鹏辉晓"


def roster(n: int, seed: int = 1) -> Roster:
    rnd = random.Random(seed)
    people = []
    for i in range(n):
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2, 2))))
        people.append(Attendee(name, unit=f"第{i % 97 + 1}基层工会委员会", title="工会主席",
                               phone=f"138{rnd.randrange(10**8):08d}"))
    return Roster(people)


def bench_cards_and_certificates(info, templates, out_dir: Path) -> None:
    from docgen.writers.cards import write_cards
    from docgen.writers.certificates import write_certificates

    for n in (1_000, 10_000):
        r = roster(n)
        t0 = time.perf_counter()
        write_cards(r, out_dir / f"cards-{n}.pptx", info, templates)
        t1 = time.perf_counter()
        write_certificates(r, out_dir / f"certificates-{n}.docx", info, templates)
        t2 = time.perf_counter()
        print(f"cards {n:>6}: {t1 - t0:6.2f} s   certificates {n:>6}: {t2 - t1:6.2f} s")


def main() -> None:
    import datetime as dt

    info = ClassInfo(name="基准测试培训班", venue="报告厅", start=dt.date(2026, 11, 26), end=dt.date(2026, 11, 27),
                     schedule=[Session(dt.date(2026, 11, 26), "上午"), Session(dt.date(2026, 11, 26), "下午")])
    templates = Templates()
    out_dir = Path(tempfile.mkdtemp(prefix="bench-signin-"))
    write_signin(roster(10), out_dir / "warm-up.docx", info, templates)  # imports python-docx, lxml, pypinyin
    for n in (1_000, 10_000, 50_000):
        r = roster(n)
        t0 = time.perf_counter()
        out = write_signin(r, out_dir / f"signin-{n}.docx", info, templates)
        elapsed = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"signin {n:>6} attendees: {elapsed:6.2f} s, {out.stat().st_size / 1e6:5.1f} MB, peak RSS {rss:.0f} MB")
    if "--all" in sys.argv:
        bench_cards_and_certificates(info, templates, out_dir)
    if "--pdf" in sys.argv:
        from docgen.export.pdf import convert_to_pdf

        t0 = time.perf_counter()
        convert_to_pdf([out_dir / "signin-10000.docx"])
        print(f"LibreOffice PDF of the 10,000-row sheet: {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
