"""PDF: the text layer, page by page, read with pypdfium2 (PDFium's own text extraction, in reading order as
the page draws it); running headers and footers dropped; where each page starts kept.

Line wraps and hyphenation are left to extract/normalize.py, which re-joins PDF-wrapped lines as it does for
text copied out of a PDF. Pages are joined by one newline, as a line wrap: a paragraph running over a page
break stays one paragraph.
"""

from __future__ import annotations

import re
from collections import Counter

from tracker.formats import Decoded, FormatError

MAX_PAGES = 5000  # the longest UN reports run to a few hundred pages; more is refused before reading them
MAX_CHARS = 16 * 1024 * 1024  # the same bound as a text file
EDGE_TOP, EDGE_BOTTOM = 3, 3  # lines at the top and the bottom of a page where a header or footer can stand
# a page number alone, `- 3 -`, `3/12`
PAGE_NUMBER = re.compile(r"^[-–\s]*\d{1,4}(?:\s*/\s*\d{1,4})?[-–\s]*$")
# the UN job number on a page's foot: `GE.11-60123`, `GE.11-60123 (E) 070911`, `11-60123 (C)`, with the page
# number before or after it, and the barcode line `*1160123*`
JOB_NUMBER = re.compile(r"^(?:\d{1,4}\s+)?(?:[A-Z]{1,3}\.)?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s+\d{1,4})?$"
                        r"|^\*\d{6,}\*$")
DIGITS = re.compile(r"\d+")


def read(data: bytes, name: str) -> Decoded:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise FormatError(name, "pdf", "encrypted (it needs a password); save an unprotected copy") from None
        detail = reason.rpartition("PDFium: ")[2].rstrip(").").strip().lower() or "unreadable"
        raise FormatError(name, "pdf", f"broken or truncated file ({detail}); nothing stored") from None
    try:
        count = len(document)
        if count == 0:
            raise FormatError(name, "pdf", "no pages")
        if count > MAX_PAGES:
            raise FormatError(name, "pdf", f"{count} pages (the limit is {MAX_PAGES})")
        pages, total = [], 0
        for index in range(count):
            try:
                page = document[index]
                textpage = page.get_textpage()
                count = textpage.count_chars()
                total += count
                if total > MAX_CHARS:
                    raise FormatError(name, "pdf", f"over {MAX_CHARS // (1024 * 1024)} M characters of text")
                text = _laid_out(textpage, textpage.get_text_range())
            except pdfium.PdfiumError as exc:
                raise FormatError(name, "pdf", f"page {index + 1} cannot be read ({exc})") from None
            pages.append(text)
    finally:
        document.close()
    if not any(p.strip() for p in pages):
        raise FormatError(name, "pdf", "no text layer (a scanned document?); run OCR on it first")
    return _joined(_without_headers(pages))


def _laid_out(textpage, text: str) -> str:
    """A page's text with what PDFium's text drops put back from the characters' boxes: a blank line where the
    space between two lines is wider than between the others (a paragraph break, which the extractor needs),
    and a wide gap inside a line kept as a run of spaces (a masthead: `United Nations      CCW/MSP/2012/SR.3`).
    PDFium gives a hyphen that ends a line as U+FFFE; it is a hyphen again, and extract/normalize joins the word."""
    n = len(text)
    if n != textpage.count_chars():  # the offsets would not match the boxes: the text as PDFium gives it
        return _plain(text)

    def box(i: int):
        return textpage.get_charbox(i, loose=True)  # left, bottom, right, top; from the font's ascent and descent

    gaps: dict[int, float] = {}  # index of a line break -> space between the lines, in line heights
    for i, c in enumerate(text):
        if c == "\n" and 1 < i < n - 1:
            j = i - 2 if text[i - 1] == "\r" else i - 1
            left, bottom, right, top = box(j)
            _, _, _, next_top = box(i + 1)
            height = top - bottom
            if height > 0 and next_top < bottom:  # the next line stands below this one
                gaps[i] = (bottom - next_top) / height
    usual = sorted(gaps.values())[len(gaps) // 2] if gaps else 0.0
    out, start = [], 0
    for i, c in enumerate(text):
        if c == "\n" and gaps.get(i, 0.0) > usual + 0.5:
            out.append(text[start:i + 1] + "\n")
            start = i + 1
        elif c == " " and 0 < i < n - 1 and not text[i - 1].isspace() and not text[i + 1].isspace():
            left, bottom, right, top = box(i - 1)
            gap = box(i + 1)[0] - right
            if top > bottom and gap > 1.5 * (top - bottom):  # as many spaces as fill the gap (a space: ~0.25 em)
                out.append(text[start:i] + " " * min(200, round(gap / (0.25 * (top - bottom)))))
                start = i + 1
    out.append(text[start:])
    return _plain("".join(out))


def _plain(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").replace("\ufffe", "-")


def _joined(pages: list[list[str]]) -> Decoded:
    """Pages of lines -> one text and the offset where each page starts."""
    parts, starts, offset = [], [], 0
    for lines in pages:
        text = "\n".join(lines)
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 1
    return Decoded("\n".join(parts), "pdf", tuple(starts))


def _without_headers(pages: list[str]) -> list[list[str]]:
    """Each page's lines without its running header and footer: a page number, a job number, or a line at the
    top or foot that recurs (digits aside) at the top or foot of at least half of the pages (of both, when there
    are two). The first page keeps its masthead: the document's own symbol stands there."""
    split = [[line.rstrip() for line in page.split("\n")] for page in pages]
    edges = [_edge_indexes(lines) for lines in split]
    recurring: Counter = Counter()
    for lines, edge in zip(split, edges, strict=True):
        recurring.update({DIGITS.sub("#", lines[i].strip()) for i in edge})
    out = []
    for number, (lines, edge) in enumerate(zip(split, edges, strict=True)):
        kept = [line for i, line in enumerate(lines)
                if not (i in edge and _furniture(line.strip(), number, recurring, len(split)))]
        while kept and not kept[-1].strip():
            kept.pop()
        out.append(kept)
    return out


def _furniture(line: str, number: int, recurring: Counter, pages: int) -> bool:
    """Whether a line at a page's top or foot is a header or footer (number: the page's index from 0)."""
    if PAGE_NUMBER.match(line) or JOB_NUMBER.match(line):
        return True
    seen = recurring[DIGITS.sub("#", line)]
    return number > 0 and seen >= 2 and seen * 2 >= pages


def _edge_indexes(lines: list[str]) -> set[int]:
    """The indexes of the first and last few non-blank lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(filled[:EDGE_TOP]) | set(filled[-EDGE_BOTTOM:])
