"""Plain text: bytes -> str. UTF-8 (the fast path: no detector runs on it), UTF-16 with or without a byte order
mark, then charset-normalizer among the legacy encodings UN documents come in (GB18030/GBK, Big5, Windows-1252,
which covers Latin-1 text), each result checked to read as Chinese or as Latin text: a file whose encoding cannot
be told is refused, never silently garbled."""

from __future__ import annotations

import codecs
import re

from tracker.errors import InputError

# the legacy encodings the detector chooses among (GBK is a subset of GB18030; Latin-1 text decodes the same
# as Windows-1252 but for the C1 range, where Windows-1252 has the typographic quotes real files use)
LEGACY = ("gb18030", "big5", "cp1252")
# charset-normalizer's "chaos": the share of the decoded text that looks like mess; French text reads about 0.04
MAX_CHAOS = 0.1
UNDECODABLE = "not UTF-8, UTF-16, GB18030, Big5 or Windows-1252 text (its encoding cannot be told; save it as UTF-8)"


def decode(data: bytes, name: str = "input") -> str:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-16 (BOM or evident from NULs), else the detector."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: broken UTF-8 text after its byte order mark ({exc.reason})") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: broken UTF-16 text ({exc.reason})") from None
    sample = data[:4096]
    if b"\x00" in sample:
        text = _bomless_utf16(data)
        if text is None:
            raise InputError(f"{name}: not a text document (binary file)")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _bomless_utf16(data) if len(data) >= 64 else None  # Chinese-only UTF-16 has no NUL bytes at all
    if text is not None:
        return text
    text = _detected(data)
    if text is None:
        raise InputError(f"{name}: {UNDECODABLE}")
    return text


SAMPLE_BYTES = 256 * 1024  # the detector and the checks look at the start of a text: enough to judge, fast at 16 MB


def _detected(data: bytes) -> str | None:
    """The text charset-normalizer finds among LEGACY, if it reads as Chinese (GB18030, Big5) or Latin text."""
    from charset_normalizer import from_bytes

    for match in from_bytes(data[:SAMPLE_BYTES], cp_isolation=list(LEGACY), threshold=MAX_CHAOS):
        encoding = codecs.lookup(match.encoding).name
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:  # the sample decoded, the rest does not
            continue
        plausible = _latin if encoding == "cp1252" else _chinese
        if plausible(text[:SAMPLE_CHARS]):
            return text
    return None


SAMPLE_CHARS = 256 * 1024
# a run of characters outside ASCII; GB18030 decodes each accented letter of Latin-1 text as a two-byte
# ideograph that swallows the next ASCII letter ("Montréal" -> "Montr閍l"), so such text has only short runs
# glued to Latin letters, while real Chinese runs are words and sentences, glued at most to digits (2011年9月)
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
# Big5 text read as GB18030 lands partly in the private use area, which real Chinese text does not use
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
# an accented letter of Latin text (é, Ç, œ, ß, ñ; not × or ÷) and the typographic marks of Windows-1252
LATIN_LETTER = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e]")
LATIN_MARK = re.compile(r"[\u00a0-\u00bf\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def _glued(text: str, run: re.Match) -> bool:
    """A short non-ASCII run with an ASCII letter right before or after it (r閍l, don抰)."""
    before = text[run.start() - 1] if run.start() else ""
    after = text[run.end()] if run.end() < len(text) else ""
    return len(run.group()) <= 2 and (before.isascii() and before.isalpha() or after.isascii() and after.isalpha())


def _chinese(text: str) -> bool:
    """Whether decoded text reads as Chinese: mostly CJK, hardly any private use characters, and not mostly
    short runs glued to Latin letters."""
    runs = list(NON_ASCII_RUN.finditer(text))
    chars = sum(len(r.group()) for r in runs)
    if not runs or len(CJK.findall(text)) * 2 < chars or len(PRIVATE_USE.findall(text)) * 100 > chars:
        return False
    return sum(_glued(text, r) for r in runs) * 2 <= len(runs)


def _latin(text: str) -> bool:
    """Whether Windows-1252-decoded text reads as a Latin-script language: accented letters one or two at
    a time (créée, à), typographic marks (’ “ ” – €), together a small share of the text. Chinese, Japanese
    or Korean bytes read so give long runs of accented capitals and symbols (ÈýÔ¼¹ú) and are refused."""
    runs = [r.group() for r in NON_ASCII_RUN.finditer(text)]
    if sum(map(len, runs)) * 3 > len(text):
        return False
    return all(all(LATIN_MARK.fullmatch(c) for c in run)
               or len(run) <= 2 and all(LATIN_LETTER.fullmatch(c) for c in run) for run in runs)


def _plausible(c: str) -> bool:
    """A character real text is made of: whitespace, printable Latin and the other alphabets, CJK, punctuation."""
    o = ord(c)
    return (c in "\t\n\r" or 0x20 <= o < 0x7F or 0xA0 <= o < 0x2500 or 0x3000 <= o < 0x3100
            or 0x3400 <= o < 0xA000 or 0xAC00 <= o < 0xD7B0 or 0xF900 <= o < 0xFB00 or 0xFE30 <= o < 0xFFF0)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM, if one byte order gives text made (almost) only of real characters.

    NUL bytes alone prove nothing: an int array or a database page is full of them too. Decoded text
    must have no NUL or control characters and at least 98% plausible characters.
    """
    if len(data) % 2:
        return None
    best: tuple[float, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:4096]
        if not sample.strip() or any(o < 0x20 and c not in "\t\n\r" for c in sample for o in (ord(c),)):
            continue
        score = sum(map(_plausible, sample)) / len(sample)
        if score >= 0.98 and (best is None or score > best[0]):
            best = (score, text)
    return best[1] if best else None


def decode_document(data: bytes, name: str) -> str:
    """decode() with the empty-document check."""
    text = decode(data, name) if data.strip() else ""
    if not text.strip():  # nothing but whitespace, or a byte order mark and nothing after it
        raise InputError(f"{name}: empty document")
    return text


# the start of a web page: `<!DOCTYPE html>`, `<html lang="en">`, a bare `<head>` or `<body>`, after a byte
# order mark, blanks, an XML declaration or comments
HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                        re.IGNORECASE | re.DOTALL)


def looks_like_html(data: bytes) -> bool:
    return HTML_START.match(data[:4096]) is not None


def looks_like_calendar(text: str) -> bool:
    """An iCalendar file or feed: `BEGIN:VCALENDAR` on its first line (RFC 5545 3.4)."""
    return text.lstrip("\ufeff \t\r\n")[:15].upper() == "BEGIN:VCALENDAR"
