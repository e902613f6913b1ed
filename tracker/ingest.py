"""Reading documents from disk: size checks, binary detection, encoding detection."""

from __future__ import annotations

import codecs
from pathlib import Path

from tracker.errors import InputError

MAX_BYTES = 64 * 1024 * 1024
# file signatures of formats that are not text
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"\xd0\xcf\x11\xe0")


def decode(data: bytes, name: str = "input") -> str:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-16 (BOM or evident from NULs), GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: broken UTF-16 text ({exc.reason})") from None
    if data.startswith(BINARY_MAGIC):
        raise InputError(f"{name}: not a text document (binary file)")
    sample = data[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        encoding = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            raise InputError(f"{name}: not a text document (binary file)") from None
    if b"\x00" in sample:
        raise InputError(f"{name}: not a text document (binary file)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8, UTF-16 or GB18030 text") from None
    if sum(1 for c in text[:2000] if 0x4E00 <= ord(c) <= 0x9FFF) == 0:
        raise InputError(f"{name}: not UTF-8, UTF-16 or GB18030 text")
    return text


def read_document(path: Path) -> str:
    """The text of one document, or an InputError saying why not."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: too large ({size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{path}: empty document")
    return decode(data, str(path))
