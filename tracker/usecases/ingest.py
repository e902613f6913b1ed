"""Reading documents from disk: walking paths and globs, size checks, hashing, binary and encoding detection."""

from __future__ import annotations

import codecs
import glob
import hashlib
import itertools
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tracker.errors import InputError

# the longest real UN meeting documents are a few MB of text; extraction time grows faster than size,
# so a far larger file is refused up front (exit 3) rather than left to run for hours
MAX_BYTES = 16 * 1024 * 1024
# file signatures of formats that are not text
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"\xd0\xcf\x11\xe0")


def decode(data: bytes, name: str = "input") -> str:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-16 (BOM or evident from NULs), GB18030, Windows-1252."""
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
    if data.startswith(BINARY_MAGIC):
        raise InputError(f"{name}: not a text document (binary file)")
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
    for encoding, plausible in (("gb18030", _chinese), ("cp1252", _latin)):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if plausible(text[:SAMPLE_CHARS]):
            return text
    raise InputError(f"{name}: not UTF-8, UTF-16, GB18030 or Windows-1252 text")


SAMPLE_CHARS = 256 * 1024  # the encoding checks look at the start of a text: enough to judge, fast at 16 MB
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
    """Whether GB18030-decoded text reads as Chinese: mostly CJK, hardly any private use characters, and not
    mostly short runs glued to Latin letters."""
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


def read_document(path: Path) -> str:
    """The text of one document, or an InputError saying why not."""
    return decode_document(read_bytes(path), str(path))


GLOB_CHARS = set("*?[")


def expand_paths(args: list[str]) -> tuple[list[Path], list[tuple[str, str]], list[tuple[str, str]]]:
    """Files named, found under directories (recursively, hidden entries skipped) or matched by globs.

    Returns the files in sorted order without repeats, (argument, reason) for arguments that name nothing,
    and (link, reason) for symbolic links a walk or glob found that lead out of the directory given: a
    tree of documents must not pull in /etc/passwd through a link. A file named itself is taken as it is.
    """
    found: set[Path] = set()
    missing: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            walked = (p for p in path.rglob("*") if not any(part.startswith(".") for part in p.relative_to(path).parts))
            found.update(_inside(path, walked, skipped, leaf_links=True))
        elif path.is_file():
            found.add(path)
        elif GLOB_CHARS & set(arg):
            before = len(skipped)
            files = list(_inside(_glob_root(arg), (Path(m) for m in glob.glob(arg, recursive=True)), skipped))
            found.update(files)
            if not files and len(skipped) == before:
                missing.append((arg, "no file matches"))
        else:
            missing.append((arg, "no such file or directory"))
    return sorted(found), missing, sorted(set(skipped))


def _inside(root: Path, paths: Iterable[Path], skipped: list[tuple[str, str]], leaf_links: bool = False
            ) -> Iterator[Path]:
    """The files among paths, less those reached through a symbolic link to outside root (noted in skipped).

    leaf_links: only a path itself can be a link (rglob enters no linked directory), so others need no
    resolving, which costs a system call per directory level.
    """
    top = root.resolve()
    for path in paths:
        if leaf_links and not path.is_symlink():
            if path.is_file():
                yield path
            continue
        try:
            target = path.resolve(strict=True)  # a link, or a glob's ** through a linked directory
        except (OSError, RuntimeError):  # a dangling link or a loop: not a file, as before
            continue
        if not target.is_relative_to(top):
            if target.is_file():
                link = _first_link(root, path)
                skipped.append((str(link), f"a symbolic link out of {root} (to {link.resolve()})"))
        elif path.is_file():
            yield path


def _first_link(root: Path, path: Path) -> Path:
    """The link through which a path leaves its tree: itself, or the linked directory a glob's ** went into
    (noted once for all the files under it)."""
    for i in range(len(root.parts) + 1, len(path.parts) + 1):
        if Path(*path.parts[:i]).is_symlink():
            return Path(*path.parts[:i])
    return path


def _glob_root(pattern: str) -> Path:
    """The directory a glob walks: its leading parts without wildcards (docs/**/*.txt -> docs)."""
    parts = Path(pattern).parts
    fixed = list(itertools.takewhile(lambda part: not GLOB_CHARS & set(part), parts[:-1]))
    return Path(*fixed) if fixed else Path(".")


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The raw bytes of a document, with the same checks and messages as read_document.

    At most limit + 1 bytes are read whatever the file's size claims, so memory stays bounded by the limit.
    """
    with open_regular(path) as file:
        size = os.fstat(file.fileno()).st_size
        if size > limit:
            raise InputError(f"{path}: too large ({_mb(size)} MB; the limit is {_mb(limit, 0)} MB)")
        try:
            data = file.read(limit + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputError(f"{path}: too large (over {_mb(limit, 0)} MB; the limit is {_mb(limit, 0)} MB)")
    return data


def open_regular(path: Path) -> BinaryIO:
    """A regular file opened for reading; anything else is an InputError naming what it is.

    A FIFO would block forever and /dev/zero never end, so the file is opened without blocking and checked
    on the open descriptor (no window to swap it) before a byte is read.
    """
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError(f"{path}: not a regular file ({_kind(mode)})")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _mb(size: int, digits: int = 1) -> str:
    return f"{size / (1024 * 1024):.{digits}f}"


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, for the message."""
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a plain file"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_document(data: bytes, name: str) -> str:
    """decode() with the empty-document check read_document makes."""
    text = decode(data, name) if data.strip() else ""
    if not text.strip():  # nothing but whitespace, or a byte order mark and nothing after it
        raise InputError(f"{name}: empty document")
    return text
