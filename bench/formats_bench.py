"""Reading speed of each format tracker takes (issue 14): PDF pages per second, DOCX and HTML documents per second,
beside plain text, on one core; and the two PDF readers measured side by side on Chinese and English.

Every input is built here from the seeds and the own corpus (tests/corpus): PDFs with reportlab (the CID font
STSong-Light for Chinese, Helvetica for English), DOCX with python-docx, HTML by hand. Two figures per format:
`read` is bytes -> text (tracker.formats.read), `+extract` adds extraction (what `tracker extract` does).
The PDF comparison gives each reader's pages/s and how much of the source text (whitespace and the page
furniture aside) it gives back, as a difflib ratio. It reports, never asserts.

    .venv/bin/python bench/formats_bench.py            # each figure over 3 passes (best)
    .venv/bin/python bench/formats_bench.py --passes 5
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from document_builders import FOOTER, HEADER, docx_bytes, html_bytes, pdf_bytes  # noqa: E402

from tracker.extract.pipeline import extract  # noqa: E402
from tracker.formats import read  # noqa: E402

SOURCES = [ROOT / "seeds/000_f7a7f372e4bea7a5.txt", ROOT / "seeds/001_fdd4221b5f7012ca.txt",
           *sorted((ROOT / "tests/corpus").glob("*.txt"))]


def best(passes: int, work) -> float:
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def squashed(text: str) -> str:
    return re.sub(r"\s+|\d", "", text).replace(HEADER.replace("0", "").replace("1", ""), "")


def pdf_readers(pdfs: list[tuple[str, bytes, str]], passes: int) -> None:
    import pypdfium2 as pdfium
    from pdfminer.high_level import extract_text

    def with_pdfium(data: bytes) -> list[str]:
        document = pdfium.PdfDocument(data)
        try:
            return [document[i].get_textpage().get_text_range() for i in range(len(document))]
        finally:
            document.close()

    def with_pdfminer(data: bytes) -> list[str]:
        return extract_text(io.BytesIO(data)).split("\f")

    print("\nPDF readers, raw text layer (no header removal), Chinese and English:")
    print(f"  {'reader':<10} {'language':<8} {'pages':>5} {'pages/s':>8} {'text kept':>9}")
    for name, reader in (("pypdfium2", with_pdfium), ("pdfminer", with_pdfminer)):
        for language in ("zh", "en"):
            chosen = [(data, text) for lang, data, text in pdfs if lang == language]
            pages = sum(len(with_pdfium(data)) for data, _ in chosen)  # pdfminer's split leaves a last empty piece
            seconds = best(passes, lambda: [reader(d) for d, _ in chosen])  # noqa: B023
            ratios = []
            for data, text in chosen:
                got = squashed("".join(reader(data))).replace(squashed(FOOTER), "")
                ratios.append(difflib.SequenceMatcher(None, squashed(text), got, autojunk=False).ratio())
            print(f"  {name:<10} {language:<8} {pages:>5} {pages / seconds:>8.0f} {sum(ratios) / len(ratios):>9.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = [(p.stem, p.read_text("utf-8")) for p in SOURCES]
    language = {stem: ("zh" if stem.startswith(("zh", "0")) else "en") for stem, _ in texts}
    built = {
        "text": [t.encode("utf-8") for _, t in texts],
        "pdf": [pdf_bytes(t) for _, t in texts],
        "docx": [docx_bytes(t) for _, t in texts],
        "html": [html_bytes(t) for _, t in texts],
    }
    pages = sum(len(read(d, "x").page_starts) for d in built["pdf"])
    print(f"formats bench: {len(texts)} documents per format (the seeds and tests/corpus), one core, best of {args.passes}")
    print(f"  {'format':<6} {'read':>14} {'+extract':>14}")
    for kind, inputs in built.items():
        reading = best(args.passes, lambda inputs=inputs: [read(d, "x") for d in inputs])
        both = best(args.passes, lambda inputs=inputs: [extract(read(d, "x").text) for d in inputs])
        unit, count = ("pages/s", pages) if kind == "pdf" else ("docs/s", len(inputs))
        print(f"  {kind:<6} {count / reading:>7.0f} {unit:<7} {count / both:>6.0f} {unit}")
    print(f"  ({pages} PDF pages in all; a DOCX or HTML document is one of these texts, 2-15 KB)")
    pdf_readers([(language[stem], data, text) for (stem, text), data in zip(texts, built["pdf"], strict=True)],
                args.passes)


if __name__ == "__main__":
    main()
