"""Scaling benchmark: extraction time per MB on crafted worst-case inputs, 100 KB to 10 MB.

Every stage of extraction promises to be linear in the length of the text. Each input below
repeats one phrase that once made some stage quadratic (issue 10, item 10): a name or a date
expression per few dozen characters, so that every per-mention step runs as often as it can.
For each input and size the text is extracted once (after a small warm-up) and the script prints
seconds per MB and the ratio of the largest size's per-MB figure to the smallest one: PASS when it
is within 2x. A size is skipped (FAIL) when the previous one predicts it would take over --budget
seconds even if it grew only linearly, and a run is killed (FAIL) after five times the budget of wall time. Each extraction runs in a fresh process, one core, so its
peak memory (the peak resident set, resource.getrusage) is its own; the table shows that of the
largest size run. Times are the process's CPU time, which other processes on a shared machine
disturb far less than wall-clock time.

It reports, never asserts: the exit status is 0 whatever the result.

    .venv/bin/python bench/scaling_bench.py                      # 100 KB, 1 MB, 10 MB of each input
    .venv/bin/python bench/scaling_bench.py --sizes 100,200,400  # sizes in KB
    .venv/bin/python bench/scaling_bench.py --only zh_dates --profile
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import resource
import subprocess
import sys
import time
from collections.abc import Callable

from tracker.extract.pipeline import extract

KB = 1024
MB = 1024 * KB
# what each input repeats; a document needs a sentence end now and then to stay a document
INPUTS: dict[str, Callable[[int], str]] = {}


def _input(name: str):
    def register(fn):
        INPUTS[name] = fn
        return fn
    return register


def _repeat(unit: str, size: int) -> str:
    """`unit` repeated to `size` bytes of UTF-8."""
    n = max(1, size // len(unit.encode("utf-8")))
    return unit * n


@_input("en_msp")
def _en_msp(size: int) -> str:
    return _repeat("Meeting of States Parties ", size)


@_input("zh_msp")
def _zh_msp(size: int) -> str:
    return _repeat("缔约国会议", size)


@_input("zh_dates")
def _zh_dates(size: int) -> str:
    return _repeat("2014年5月12日到23日期间，2013年4月22日至5月3日，4月16-20日，同年6月，", size)


@_input("real_dates")
def _real_dates(size: int) -> str:
    # the forms real documents add (numerals, year ranges, parts of a year, relative words), both scripts
    return "14 March 2016\n\n" + _repeat("2014-06-04, 04/06/2014, between 2014 and 2018, mid-2001, next year; "
                                           "1995-1997年，2017年上半年，明年年初，", size)


@_input("placeholders")
def _placeholders(size: int) -> str:
    return _repeat("[……] [...] ", size)


@_input("en_ranges")
def _en_ranges(size: int) -> str:
    return _repeat("from 3 to 14 November 2025, ", size)


@_input("en_people")
def _en_people(size: int) -> str:
    return _repeat("Mr. Smith (France) ", size)


@_input("zh_decisions")
def _zh_decisions(size: int) -> str:
    return _repeat("缔约国会议决定于2025年11月3日至14日在日内瓦举行第十次会议。", size)


@_input("zh_ordinals")
def _zh_ordinals(size: int) -> str:
    """A different meeting in every name: 第1次缔约国会议, 第2次…, then a bare name and an anaphor."""
    parts, n, total = [], 0, 0
    while total < size:
        n += 1
        unit = f"第{n}次缔约国会议，缔约国会议，该次会议，《禁雷公约》缔约国第{n}次会议。"
        parts.append(unit)
        total += len(unit.encode("utf-8"))
    return "".join(parts)


def _child(name: str, kb: int) -> None:
    """Runs in a fresh process: one extraction, then "seconds peak-RSS-bytes" on stdout."""
    make = INPUTS[name]
    extract(make(4 * KB))  # warm-up: compiled patterns, lazy tables
    text = make(kb * KB)
    gc.collect()
    t0 = time.process_time()  # CPU time: on a shared machine, wall time measures the neighbours too
    extract(text)
    secs = time.process_time() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    print(secs, len(text.encode("utf-8")), rss)


def _measure(name: str, kb: int, limit: float) -> tuple[float, int, int] | None:
    """(seconds, bytes of input, peak RSS) of one extraction in a fresh process (so peaks do not mix);
    None when it has not finished after `limit` seconds (it is killed)."""
    try:
        out = subprocess.run([sys.executable, __file__, "--child", name, str(kb)], check=True,
                             capture_output=True, text=True, timeout=limit).stdout.split()
    except subprocess.TimeoutExpired:
        return None
    return float(out[0]), int(out[1]), int(out[2])


def bench(name: str, sizes_kb: list[int], budget: float) -> tuple[str, list[float | None], int | None]:
    per_mb: list[float | None] = []
    last: tuple[int, float] | None = None
    peak = None
    for kb in sizes_kb:
        if last is not None and last[1] * kb / last[0] > budget:  # linear growth, the best case, is too slow
            per_mb.append(None)
            continue
        got = _measure(name, kb, 5 * budget)  # wall time: generous, as neighbours on a shared machine slow it
        if got is None:  # far too slow: killed
            per_mb.append(None)
            last = (kb, float("inf"))
            continue
        secs, size, rss = got
        per_mb.append(secs / (size / MB))
        peak = rss
        last = (kb, secs if secs <= budget else secs * 10)  # clearly too slow: try nothing bigger
    ok = per_mb[0] is not None and per_mb[-1] is not None and per_mb[-1] <= 2 * per_mb[0]
    return ("PASS" if ok else "FAIL"), per_mb, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1024,10240", help="sizes in KB, smallest first (default 100,1024,10240)")
    ap.add_argument("--only", default="", help="comma-separated input names: " + ", ".join(INPUTS))
    ap.add_argument("--budget", type=float, default=60.0, help="skip a size predicted to take longer (s)")
    ap.add_argument("--profile", action="store_true", help="cProfile the largest size, top 20 by own time")
    ap.add_argument("--child", nargs=2, metavar=("INPUT", "KB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    names = [n for n in args.only.split(",") if n] or list(INPUTS)
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError:
            pass
    head = "".join(f"{f'{kb} KB s/MB':>14}" for kb in sizes)
    print(f"{'input':<14}{head}{'ratio':>8}{'peak RSS MB':>13}  result")
    failed = 0
    for name in names:
        if args.profile:
            prof = cProfile.Profile()
            text = INPUTS[name](sizes[-1] * KB)
            prof.enable()
            extract(text)
            prof.disable()
            print(f"--- {name} at {sizes[-1]} KB")
            pstats.Stats(prof).sort_stats("tottime").print_stats(20)
            continue
        result, per_mb, peak = bench(name, sizes, args.budget)
        cells = "".join(f"{v:>14.3f}" if v is not None else f"{'skipped':>14}" for v in per_mb)
        ratio = f"{per_mb[-1] / per_mb[0]:.2f}" if per_mb[0] and per_mb[-1] is not None else "-"
        mem = f"{peak / MB:.0f}" if peak is not None else "-"
        print(f"{name:<14}{cells}{ratio:>8}{mem:>13}  {result}", flush=True)
        failed += result == "FAIL"
    if not args.profile:
        print(f"{len(names) - failed}/{len(names)} inputs scale linearly (10 MB per-MB time within 2x of 100 KB)")


if __name__ == "__main__":
    main()
