"""Size scaling on realistic text: time per MB of one document made of bench documents, 50 KB to 5 MB.

scaling_bench.py repeats one crafted phrase; this one joins the documents of extract_bench's corpus
(both languages, every kind and layout, in corpus order) into one text of each size, the way a long
compilation or a whole session's records arrive, and extracts it once in a fresh process (one core,
CPU time, after a warm-up). Extraction should cost the same per MB at every size: the script prints
seconds per MB for each size and the ratio of the largest size's figure to the smallest one's,
PASS when it is within 1.5x. It reports, never asserts.

    .venv/bin/python bench/size_bench.py                        # 50 KB, 500 KB, 5 MB, each language
    .venv/bin/python bench/size_bench.py --sizes 50,1000,8000 --only zh
    .venv/bin/python bench/size_bench.py --profile --only en    # cProfile of the largest size
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_bench import KINDS, LAYOUTS, make_doc, render  # noqa: E402

from tracker.extract.pipeline import extract  # noqa: E402

KB = 1024
MB = 1024 * KB
SEED = 20261202
LANGS = ("zh", "en", "mixed")


def text_of(lang: str, size: int, seed: int = SEED) -> str:
    """Bench documents (of `lang`, or both in turn for "mixed") joined by blank lines up to `size` bytes of UTF-8."""
    r = random.Random(seed)
    parts, total, i = [], 0, 0
    kinds = list(KINDS)
    while total < size:
        lg = lang if lang != "mixed" else ("zh", "en")[i % 2]
        names, weights = LAYOUTS[lg]
        head, paras = make_doc(r, lg, kinds[i % len(kinds)], int(7 * KB * r.uniform(0.93, 1.0)))
        doc = render(head, paras, lg, r.choices(names, weights)[0], r)
        parts.append(doc)
        total += len(doc.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts)


def _child(lang: str, kb: int) -> None:
    """In a fresh process: "seconds bytes" of one extraction of a `kb` KB text."""
    extract(text_of(lang, 8 * KB, SEED + 1))  # warm-up: compiled patterns, lazy tables
    text = text_of(lang, kb * KB)
    gc.collect()
    t0 = time.process_time()
    extract(text)
    print(time.process_time() - t0, len(text.encode("utf-8")))


def measure(lang: str, kb: int) -> tuple[float, int]:
    out = subprocess.run([sys.executable, __file__, "--child", lang, str(kb)], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="50,500,5000", help="sizes in KB, smallest first (default 50,500,5000)")
    ap.add_argument("--only", default="", help="comma-separated: " + ", ".join(LANGS))
    ap.add_argument("--profile", action="store_true", help="cProfile the largest size, top 25 by own time")
    ap.add_argument("--child", nargs=2, metavar=("LANG", "KB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    langs = [x for x in args.only.split(",") if x] or list(LANGS)
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError:
            pass
    if args.profile:
        for lang in langs:
            text = text_of(lang, sizes[-1] * KB)
            extract(text_of(lang, 8 * KB, SEED + 1))
            prof = cProfile.Profile()
            prof.enable()
            extract(text)
            prof.disable()
            print(f"--- {lang} at {sizes[-1]} KB")
            pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return
    print(f"{'text':<8}" + "".join(f"{f'{kb} KB s/MB':>15}" for kb in sizes) + f"{'ratio':>8}  result")
    for lang in langs:
        per_mb = []
        for kb in sizes:
            secs, size = measure(lang, kb)
            per_mb.append(secs / (size / MB))
        ratio = per_mb[-1] / per_mb[0]
        cells = "".join(f"{v:>15.3f}" for v in per_mb)
        print(f"{lang:<8}{cells}{ratio:>8.2f}  {'PASS' if ratio <= 1.5 else 'FAIL'}", flush=True)


if __name__ == "__main__":
    main()
