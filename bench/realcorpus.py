"""Trees of documents made from the shared real UN texts and the seeds, the way users' stores are made.

Every generated file is one of the templates (`../shared/realdocs/raw/*.txt` and `seeds/*.txt`, read at run
time, never copied into the repo) with its variant's changes:
  - years moved by a multiple of four (leap days stay days; 1975 -> 2003 ...), so dates and symbols move too;
  - ordinals moved (English words and 1st/2nd forms, `第N次/届`), kept within 1-99 (what the packs read);
    the year move is tied to the ordinal move, so two files naming the fifth meeting agree on its dates;
  - the document's own symbol (as `tracker extract` reads it from the template) given one more part, the
    file's number (`BWC/MSP/2014/5` -> `BWC/MSP/2042/5/1234`, `.../5/12/345` from 10,000), so no two files share a symbol and language
    and replace each other on ingest;
  - the people the template names replaced by names from a pool;
  - a job number line of its own at the end (`GE.10-00042`), so no two files have the same bytes.
A file's variant is drawn from its place in the tree: file i is template i % T, variant 1 + (i // T) % 98.
With `share=k` every k-th file takes the templates in turn and keeps variant 0 (the template's own meetings, dates and people): those files
all name the same meetings, as a treaty's meetings are named by hundreds of documents. k=16 and k=2 are the
trees the consolidation benchmark grows from 1k to 10k documents.

    .venv/bin/python bench/realcorpus.py OUT --docs 10000 [--share 16]

`build_tree(out, n, share)` returns the paths written (1,000 files per folder); `change(paths, fraction)`
rewrites a fraction of them (another variant: a real change), `touch(paths)` sets a new mtime only.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RAW = SHARED / "realdocs" / "raw"
SEEDS = ROOT / "seeds"
PER_FOLDER = 1000
ORDINALS = 99  # "99th" and "Ninety-ninth" are the highest the packs read
YEAR_STEPS = 43  # years move by 0, 4, ... 168: the latest template year (2026) stays before 2199

UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
         "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
         "eighteenth", "nineteenth"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
TENTHS = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]
CN_DIGITS = "零一二三四五六七八九"
# invented names (Latin spelling, Chinese transliteration) to stand for the people a template names
PEOPLE = [("Carlos Alvarez", "阿尔瓦雷斯"), ("Ana Kovac", "科瓦奇"), ("Johan Mendoza", "门多萨"),
          ("Maria Khalil", "哈利勒"), ("Peter Lindberg", "林德伯格"), ("Elisabeth Okonkwo", "奥孔科沃"),
          ("Hamid Pereira", "佩雷拉"), ("Sofia Hilal", "希拉尔"), ("Martin Svensson", "斯文松"),
          ("Leila Dupont", "杜邦"), ("Tomas Rossi", "罗西"), ("Ingrid Nowak", "诺瓦克"), ("Carlos Vargas", "巴尔加斯"),
          ("Ana Kamal", "卡迈勒"), ("Johan Haber", "哈伯"), ("Maria Sosa", "索萨"), ("Peter Ngoma", "恩戈马")]


def en_ordinal(n: int) -> str:
    """5 -> 'fifth', 21 -> 'twenty-first', 40 -> 'fortieth' (1-99)."""
    if n < 20:
        return UNITS[n - 1]
    tens, unit = divmod(n, 10)
    return TENTHS[tens - 2] if unit == 0 else f"{TENS[tens - 2]}-{UNITS[unit - 1]}"


def cn_number(n: int) -> str:
    """5 -> '五', 12 -> '十二', 35 -> '三十五' (1-99)."""
    tens, unit = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[unit] if unit else "")


def cn_value(text: str) -> int | None:
    """'五' -> 5, '十二' -> 12, '三十五' -> 35, '4' -> 4; None for anything else."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, unit = text.partition("十")
        t = CN_DIGITS.find(tens) if tens else 1
        u = CN_DIGITS.find(unit) if unit else 0
        return t * 10 + u if t > 0 and u >= 0 and len(unit) <= 1 else None
    return CN_DIGITS.find(text) if len(text) == 1 and CN_DIGITS.find(text) > 0 else None


# "Fifth", "twenty-first", "NINTH" (whole words: "Fifth Review Conference", "the first session")
EN_ORDINAL = re.compile(
    rf"\b(?:(?:{'|'.join(TENS)})-)?(?:{'|'.join(sorted(UNITS, key=len, reverse=True))})\b|\b(?:{'|'.join(TENTHS)})\b",
    re.IGNORECASE)
# "9th", "52nd", "1st" (at most two digits, as the packs read them)
NUM_ORDINAL = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b")
# "第三届会议", "第4 次 会议" (segmented), "第十二次"
CN_ORDINAL = re.compile(r"第(\s*)([一二三四五六七八九十]{1,3}|\d{1,2})(\s*[次届])")
# a year 1900-2099 standing alone: "2014", "2014年", "A/55/216" is left alone (no year there)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _moved(n: int, by: int) -> int:
    return (n - 1 + by) % ORDINALS + 1


def _cased(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    return word[0].upper() + word[1:] if like[0].isupper() else word


@dataclass(frozen=True)
class Template:
    """One real text and what the variants change in it: its own symbol and the people it names."""

    name: str
    text: str
    symbol: str | None
    people: tuple[str, ...]


@cache
def templates() -> tuple[Template, ...]:
    """The real texts and the seeds, each read once by the extractor for its symbol and people."""
    from tracker.extract.pipeline import extract

    paths = sorted(RAW.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    if not paths:
        sys.exit(f"no templates: {RAW} and {SEEDS} hold no .txt files")
    out = []
    for path in paths:
        text = path.read_text("utf-8")
        x = extract(text)
        people = sorted({p.name for p in x.people if p.name and len(p.name) >= 2 and p.name in text},
                        key=len, reverse=True)
        symbol = x.document.symbol if x.document.symbol and x.document.symbol in text else None
        out.append(Template(path.stem.split("_")[0], text, symbol, tuple(people)))
    return tuple(out)


def variant_text(t: Template, number: int, variant: int) -> str:
    """The template as file `number` writes it (its symbol gets that number) in `variant` (0: the template's
    own meetings)."""
    by = variant % ORDINALS
    years = 4 * (by % YEAR_STEPS)
    text = t.text
    if t.people:
        for k, name in enumerate(t.people):
            latin, han = PEOPLE[(variant + k) % len(PEOPLE)]
            text = text.replace(name, han if re.search(r"[\u4e00-\u9fff]", name) else _cased(latin, name))
    if by:
        text = EN_ORDINAL.sub(lambda m: _cased(en_ordinal(_moved(UNITS_AND_TENTHS[m.group().lower()], by)),
                                               m.group()), text)
        text = NUM_ORDINAL.sub(lambda m: _num_ordinal(_moved(int(m.group(1)), by)) if int(m.group(1)) else m.group(),
                               text)
        text = CN_ORDINAL.sub(lambda m: _cn_ordinal(m, by), text)
    symbol = t.symbol
    if years:
        text, symbol = (YEAR.sub(lambda m: str(int(m.group(1)) + years), s) if s else s for s in (text, symbol))
    if symbol:  # last: the file's number would read as a year or an ordinal
        part = f"{number // 10000}/{number % 10000}" if number >= 10000 else str(number)  # a part has <= 4 digits
        text = text.replace(symbol, f"{symbol}/{part}")
    return text


UNITS_AND_TENTHS = {en_ordinal(n): n for n in range(1, 100)}


def _num_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _cn_ordinal(m: re.Match, by: int) -> str:
    n = cn_value(m.group(2))
    if not n:
        return m.group()
    moved = _moved(n, by)
    return f"第{m.group(1)}{moved if m.group(2).isdigit() else cn_number(moved)}{m.group(3)}"


def job_number(i: int) -> str:
    """The line a UN document ends with, `GE.10-00042`: one of its own for every file, so two files of one
    variant and no symbol are still two documents (ingest takes equal bytes for one document)."""
    return f"\n\nGE.{10 + i // 100000}-{i % 100000:05d}\n"


def variant_of(i: int, share: int | None, n_templates: int) -> int:
    """File i's variant: 0 for every `share`-th file, else 1 + (i // T) % 98 (never 0)."""
    if share and i % share == 0:
        return 0
    return 1 + (i // n_templates) % (ORDINALS - 1)


def template_of(i: int, share: int | None, n_templates: int) -> int:
    """File i's template: i % T, but the shared files take the templates in turn (every template's own
    meetings are named by the shared files, whatever k and T are)."""
    return (i // share) % n_templates if share and i % share == 0 else i % n_templates


def path_of(out: Path, i: int, t: Template) -> Path:
    return out / f"{i // PER_FOLDER:03d}" / f"{i:06d}_{t.name}.txt"


def build_tree(out: Path, n: int, share: int | None = None, start: int = 0) -> list[Path]:
    """Write files start .. start+n-1 of the tree under `out`; returns their paths in order."""
    ts = templates()
    paths = []
    for i in range(start, start + n):
        t = ts[template_of(i, share, len(ts))]
        path = path_of(out, i, t)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(variant_text(t, i, variant_of(i, share, len(ts))) + job_number(i), "utf-8")
        paths.append(path)
    return paths


def change(paths: list[Path], fraction: float, share: int | None = None) -> list[Path]:
    """Rewrite every (1/fraction)-th file of a tree as another variant (new dates, ordinals, people); returns them."""
    ts = templates()
    step = max(1, round(1 / fraction))
    changed = []
    for path in paths[::step]:
        i = int(path.stem.split("_")[0])
        t = ts[template_of(i, share, len(ts))]
        variant = variant_of(i, share, len(ts)) % (ORDINALS - 1) + 1  # another variant, never 0
        path.write_text(variant_text(t, i, variant) + job_number(i), "utf-8")
        changed.append(path)
    return changed


def touch(paths: list[Path], seconds: float = 60.0) -> None:
    """A new mtime, the same bytes (an editor's save without changes, a copy, a checkout)."""
    now = time.time() + seconds
    for path in paths:
        os.utime(path, (now, now))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--share", type=int, help="every k-th file names the same meetings (16, 2)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    paths = build_tree(args.out, args.docs, args.share)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {size / 1e6:.1f} MB, from {len(templates())} templates in "
          f"{time.perf_counter() - t0:.1f} s under {args.out}")


if __name__ == "__main__":
    main()
