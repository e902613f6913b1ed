"""Reading documents from disk: walking paths and globs, regular files only, size checks, hashing. What the bytes
say (format, encoding, text) is tracker/formats' job."""

from __future__ import annotations

import glob
import hashlib
import itertools
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tracker.errors import InputError

# the longest real UN meeting documents are a few MB of text; extraction time grows faster than size,
# so a far larger file is refused up front (exit 3) rather than left to run for hours
MAX_BYTES = 16 * 1024 * 1024


def read_document(path: Path) -> str:
    """The text of one document in any format tracker reads (tracker/formats), or an InputError saying why not."""
    from tracker.formats import read

    return read(read_bytes(path), str(path)).text


GLOB_CHARS = set("*?[")


def expand_paths(args: list[str]) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """Files named, found under directories (recursively, hidden entries skipped) or matched by globs.

    Returns the files (as str(Path) writes them) in sorted order (Path order) without repeats, (argument, reason) for arguments that name nothing,
    and (link, reason) for symbolic links a walk or glob found that lead out of the directory given: a
    tree of documents must not pull in /etc/passwd through a link. A file named itself is taken as it is.
    """
    found: set[str] = set()  # strings, not Paths: a Path costs more to build than a 100k re-ingest's stat
    missing: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found.update(_walk(path, skipped))
        elif path.is_file():
            found.add(str(path))
        elif GLOB_CHARS & set(arg):
            before = len(skipped)
            files = list(_inside(_glob_root(arg), (Path(m) for m in glob.glob(arg, recursive=True)), skipped))
            found.update(map(str, files))
            if not files and len(skipped) == before:
                missing.append((arg, "no file matches"))
        else:
            missing.append((arg, "no such file or directory"))
    return sorted(found, key=_parts), missing, sorted(set(skipped))


def _parts(path: str) -> tuple[str, ...]:
    """Path(path).parts of a path as str(Path) writes it: sorted by these, files keep the order of sorted Paths."""
    return ("/", *path[1:].split("/")) if path.startswith("/") else tuple(path.split("/"))


def _walk(root: Path, skipped: list[tuple[str, str]]) -> Iterator[str]:
    """The files under a directory, hidden entries skipped, as rglob("*") filtered by _inside found them:
    a linked directory is not entered, a link is followed only to inside the root. One os.scandir per
    directory: its entries know whether they are files or links without a stat each (a 100k tree)."""
    top = str(root)
    stack = [top]
    while stack:
        where = stack.pop()
        try:
            entries = list(os.scandir(where))
        except OSError:  # unreadable, or gone since: nothing under it, as rglob
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            full = entry.path if where != "." else entry.name  # Path("./a") is "a"
            if entry.is_symlink():
                yield from map(str, _inside(root, [Path(full)], skipped))
            elif entry.is_dir(follow_symlinks=False):
                stack.append(full)
            elif entry.is_file(follow_symlinks=False):
                yield full


def _inside(root: Path, paths: Iterable[Path], skipped: list[tuple[str, str]]) -> Iterator[Path]:
    """The files among paths, less those reached through a symbolic link to outside root (noted in skipped)."""
    top = root.resolve()
    for path in paths:
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
