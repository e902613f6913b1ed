"""Differential check: the extraction JSON of many documents, this checkout against another copy of tracker.

A change meant to make extraction faster must not change what it finds. This script extracts the same
documents twice, in two fresh processes (this checkout, and the tracker package found under --old), and
compares the JSON of `tracker extract` document by document; errors (an InputError for a file that cannot
be read) are compared by their class and message. Documents:

  tests/corpus, seeds/, ../shared/realdocs/raw (when present), the bad-input corpus (tests/bad_inputs),
  two corpora of extract_bench.py (--docs each, seeds 20110627 and 7), and the inputs of scaling_bench.py
  at --scaling-kb (one long sentence of dates, names, brackets: the shapes that stress windows and merges).

    git archive main tracker | tar -x -C /tmp/old-tracker
    .venv/bin/python bench/differential.py --old /tmp/old-tracker
    .venv/bin/python bench/differential.py --old /tmp/old-tracker --docs 300 --show 3

It prints how many documents were compared and the names of those that differ (with the first differing
line of each, up to --show of them); exit status 1 when any differs, so a script can stop on it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "bad_inputs"))

BENCH_SEEDS = (20110627, 7)


def documents(folder: Path, docs: int, scaling_kb: int) -> dict[str, Path]:
    """name -> file of every document to compare, written under `folder` where generated."""
    import corpus as bad_inputs
    from extract_bench import generate
    from scaling_bench import INPUTS, KB

    out: dict[str, Path] = {}
    for label, where in (("corpus", ROOT / "tests" / "corpus"), ("seeds", ROOT / "seeds"),
                         ("realdocs", ROOT.parent / "shared" / "realdocs" / "raw")):
        out.update({f"{label}/{p.name}": p for p in sorted(where.glob("*")) if p.is_file()})
    out.update({f"bad/{name}": p for name, p in bad_inputs.write(folder / "bad").items()})
    for seed in BENCH_SEEDS:
        (folder / f"bench-{seed}").mkdir()
        paths = generate(folder / f"bench-{seed}", docs, seed)
        out.update({f"bench-{seed}/{p.name}": p for p in paths})
    (folder / "scaling").mkdir()
    for name, make in INPUTS.items():
        path = folder / "scaling" / f"{name}.txt"
        path.write_text(make(scaling_kb * KB), "utf-8")
        out[f"scaling/{name}"] = path
    return out


def _dump(listing: Path, out: Path) -> None:
    """Child: the extraction JSON (or the error) of every listed document, one JSON line each."""
    from tracker.errors import TrackerError
    from tracker.extract.pipeline import extract
    from tracker.formats import read
    from tracker.rendering.extraction import extraction_json

    with out.open("w", encoding="utf-8") as f:
        for line in listing.read_text("utf-8").splitlines():
            name, path = line.split("\t")
            try:
                got = extraction_json(extract(read(Path(path).read_bytes(), path).text))
            except TrackerError as e:
                got = f"{type(e).__name__}: {e}"
            f.write(json.dumps([name, got], ensure_ascii=False) + "\n")


def _run(listing: Path, out: Path, pythonpath: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=pythonpath, PYTHONHASHSEED="0")
    return subprocess.Popen([sys.executable, __file__, "--dump", str(listing), str(out)], env=env)


def _first_difference(a: str, b: str) -> str:
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False), 1):
        if x != y:
            return f"line {i}: old {x.strip()[:100]!r} / new {y.strip()[:100]!r}"
    return "one is longer"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", help="the directory holding the tracker package to compare with")
    ap.add_argument("--docs", type=int, default=1500, help="documents of each generated bench corpus (default 1500)")
    ap.add_argument("--scaling-kb", type=int, default=64, help="size of each scaling input in KB (default 64)")
    ap.add_argument("--show", type=int, default=10, help="differences to print in detail")
    ap.add_argument("--dump", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dump:
        _dump(Path(args.dump[0]), Path(args.dump[1]))
        return
    if not args.old:
        ap.error("--old DIR is required")
    with tempfile.TemporaryDirectory(prefix="tracker-diff-") as tmp:
        folder = Path(tmp)
        docs = documents(folder, args.docs, args.scaling_kb)
        listing = folder / "listing.tsv"
        listing.write_text("".join(f"{n}\t{p}\n" for n, p in docs.items()), "utf-8")
        runs = [_run(listing, folder / "old.jsonl", args.old), _run(listing, folder / "new.jsonl", str(ROOT))]
        if any(p.wait() for p in runs):
            sys.exit("an extraction process failed (see above)")
        old = dict(json.loads(line) for line in (folder / "old.jsonl").read_text("utf-8").splitlines())
        new = dict(json.loads(line) for line in (folder / "new.jsonl").read_text("utf-8").splitlines())
    differ = [n for n in docs if old.get(n) != new.get(n)]
    for n in differ[:args.show]:
        print(f"DIFFERS {n}: {_first_difference(old.get(n) or '', new.get(n) or '')}")
    print(f"{len(docs) - len(differ)}/{len(docs)} documents identical"
          + (f"; {len(differ)} differ: {differ[:30]}" if differ else ""))
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
