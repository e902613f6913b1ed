"""Instructions per document under callgrind: a cost figure that other processes on the machine cannot move.

Wall-clock throughput (extract_bench.py) varies about 2x on a shared VM; the number of instructions the
extraction executes does not. This script generates extract_bench's corpus (its default seed), takes a
fixed sample (every 29th of the first 1200 documents: 42 documents, 21 Chinese and 21 English, every
kind and layout; the generator alternates the languages, so an even stride would sample one language only),
and runs `valgrind --tool=callgrind` twice in fresh processes: once to the end of the warm-up
(imports, compiled patterns, caches) and once warm-up plus the sample. The difference over 42 is the
figure: instructions per document. PYTHONHASHSEED is fixed so sets iterate alike from run to run.

    .venv/bin/python bench/instructions_bench.py                        # this checkout
    git archive main tracker | tar -x -C /tmp/old-tracker
    .venv/bin/python bench/instructions_bench.py --pythonpath /tmp/old-tracker   # another one, to compare

Needs valgrind on PATH; takes a minute or two. It reports, never asserts.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_bench import generate  # noqa: E402

EVERY = 29  # odd: the generator makes even-numbered documents Chinese, odd ones English
DOCS = 1200
SEED = 20110627
WARMUP = 8


def _child(corpus: Path, run: bool) -> None:
    from tracker.extract.pipeline import extract
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))[::EVERY]]
    for t in texts[:WARMUP]:
        extract(t)
    if run:
        for t in texts:
            extract(t)


def _environment(pythonpath: str | None) -> dict[str, str]:
    env = dict(os.environ, PYTHONHASHSEED="0")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return env


def _instructions(corpus: Path, run: bool, pythonpath: str | None) -> int:
    env = _environment(pythonpath)
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
                          "--child", str(corpus), "1" if run else "0"], env=env, capture_output=True, text=True,
                         check=True).stderr
    return int(re.search(r"refs:\s+([\d,]+)", out).group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pythonpath", help="measure the tracker package found here (PYTHONPATH) instead")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(Path(args.child[0]), args.child[1] == "1")
        return
    if shutil.which("valgrind") is None:
        print("valgrind not found: install it (apt-get install valgrind)")
        return
    with tempfile.TemporaryDirectory(prefix="tracker-instr-") as tmp:
        corpus = Path(tmp)
        generate(corpus, DOCS, SEED)
        # the warm-up once outside callgrind: a stale .pyc would otherwise be compiled in the first measured
        # run only, and its cost subtracted from the figure
        subprocess.run([sys.executable, __file__, "--child", str(corpus), "0"], env=_environment(args.pythonpath),
                       check=True)
        base = _instructions(corpus, False, args.pythonpath)
        full = _instructions(corpus, True, args.pythonpath)
    n = len(range(0, DOCS, EVERY))
    print(f"instructions per document (callgrind, {n} documents of the bench corpus, seed {SEED}): "
          f"{(full - base) / n / 1e6:.2f} M   (warm-up and imports: {base / 1e6:.0f} M)")


if __name__ == "__main__":
    main()
