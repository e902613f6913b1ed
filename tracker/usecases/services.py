"""Use cases behind the commands: ingest, status, lists, show, schema. No Typer, no printing.

Each function takes the open `Store` (the CLI opens it once per command) and plain arguments, and returns
domain records. Reads run in `store.snapshot()`, writes in `store.transaction()`, both on a current schema.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain import IngestReport, ListFilters, Shown, SourceDocument, StatusReport
from tracker.errors import InputError, UsageError

if TYPE_CHECKING:  # the store loads SQLAlchemy: imported by the functions that use it
    from tracker.store import Store

POOL_THRESHOLD = 16  # fewer files than this are read and extracted in-process: a pool costs more than it saves
BATCH = 200  # documents written per transaction (a failing batch is retried one document per transaction)
Progress = Callable[[int, int, str | None], None]  # files done, files in all, the format of the last one


@dataclass(frozen=True)
class _Prepared:
    """One file after a worker has read, hashed and (unless unchanged) extracted it into rows."""

    path: str
    digest: str | None = None
    key: str | None = None
    rows: dict | None = None  # table name -> rows; None when unchanged
    error: str | None = None
    format: str | None = None  # tracker.formats.NAMES key: what the file was read as (or failed as)
    stat: tuple[int, int] | None = None  # (size, mtime_ns) before reading, when old enough to trust next time


_known: frozenset[str] = frozenset()  # sha256 of stored documents, set in each worker by _start_worker
_now: datetime | None = None


def _start_worker(known: frozenset[str], now: datetime) -> None:
    global _known, _now
    _known, _now = known, now


def _prepare(path: str, file_key: str) -> _Prepared:
    """Read, hash, decode and extract one file and build its rows; in a worker process when there are many.

    `file_key` is the document's key should it have no symbol (rows.file_keys chose it for this path).
    """
    from tracker.store.rows import document_key, rows_for
    from tracker.usecases.documents import read_document
    from tracker.usecases.ingest import read_bytes, sha256

    if not is_utf8(path):  # the database stores paths as text
        return _Prepared(path, error=f"{path}: the file name is not valid UTF-8 (rename the file)")
    try:
        stat = trusted_stat(path)  # before reading: a write after this changes the mtime, so the next run reads
        data = read_bytes(Path(path))
        digest = sha256(data)
        if digest in _known:
            return _Prepared(path, digest, format=_sniffed(data), stat=stat)
        read = read_document(data, path)
    except InputError as exc:
        return _Prepared(path, error=exc.message, format=getattr(exc, "format", None))
    x, decoded = read.extraction, read.decoded
    src = SourceDocument(document_key(x.document.symbol, x.document.language, file_key), path, digest, decoded.text,
                         decoded.format, decoded.page_starts)
    rows = rows_for(src, x, _now or datetime.now(UTC))
    rows["document"][0].update(file_size=stat and stat[0], file_mtime_ns=stat and stat[1])  # None: hash next time
    return _Prepared(path, digest, src.key, rows, format=decoded.format, stat=stat)


def _sniffed(data: bytes) -> str | None:
    """The format of an unchanged document, for the progress bar (by its magic bytes: nothing is decoded)."""
    from tracker import formats

    try:
        return formats.sniff(data)
    except InputError:
        return None


RACY_NS = 2_000_000_000  # a file modified this close to its reading may change again within one mtime tick


def trusted_stat(path: str) -> tuple[int, int] | None:
    """(size, mtime_ns) of a file, or None when it was modified too recently for its mtime to tell a later
    change apart (git's "racily clean" files): those are hashed again next time."""
    import time

    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns) if st.st_mtime_ns < time.time_ns() - RACY_NS else None


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def is_utf8(text: str) -> bool:
    """False for a string carrying bytes that were not UTF-8 (os.fsdecode's surrogate escapes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def worker_count(asked: int | None) -> int:
    """Extraction processes: as asked, but never more than the cores (more only adds forks and memory)."""
    cores = os.cpu_count() or 1
    if asked is not None and asked < 0:
        raise UsageError(f"--workers: {asked} (give 1 or more, 0 for the default; at most {cores}, the cores here)")
    return min(asked or cores, cores)


def _prepared(paths: list[str], keys: list[str], known: frozenset[str], now: datetime,
              workers: int | None) -> Iterator[_Prepared]:
    """_prepare over every path (with its file key), in order: in-process for a few files, else over a pool."""
    n = worker_count(workers)
    if len(paths) < POOL_THRESHOLD or n < 2:
        _start_worker(known, now)
        try:
            yield from map(_prepare, paths, keys)
        finally:
            _start_worker(frozenset(), None)
        return
    from concurrent.futures import ProcessPoolExecutor

    from tracker.extract import pipeline  # noqa: F401 -- loaded once here, inherited by forked workers

    with ProcessPoolExecutor(max_workers=n, initializer=_start_worker, initargs=(known, now)) as pool:
        # chunks of a few documents: fewer round trips, yet both cores stay busy to the end
        yield from pool.map(_prepare, paths, keys, chunksize=max(1, min(8, len(paths) // (n * 8))))


def ingest_paths(store: Store, args: list[str], now: datetime | None = None,
                 progress: Progress | None = None, workers: int | None = None, rehash: bool = False) -> IngestReport:
    """Store every document the arguments name, meetings merged at the end.

    A file whose path, size and modification time (to the nanosecond) are as stored is taken as unchanged
    without being read, unless `rehash`; every other file is hashed, and only a new content is extracted.

    Documents are written in batches of BATCH, one transaction each; should the database refuse a batch,
    its documents are written one transaction each, so a refused document leaves no rows and costs no other.
    """
    from tracker.store import consolidate, fills, writer
    from tracker.store.engine import RowError
    from tracker.store.rows import file_keys
    from tracker.usecases.ingest import expand_paths

    store.ensure_current()
    now = now or datetime.now(UTC)
    files, missing, skipped = expand_paths(args)
    report = IngestReport(failed=list(missing), skipped=skipped)
    with store.snapshot() as conn:
        hashes = writer.known_hashes(conn)
        stats = {} if rehash else writer.known_stats(conn)
    stored = {key: path for key, path in hashes.values()}
    by_path = {path: key for key, path in stored.items()}
    groups = writer.Touched()  # what the batches changed: consolidation rebuilds only the meetings it reaches
    batch: list[tuple[_Prepared, list[str]]] = []  # a document and the stored keys it replaces
    claimed: set[str] = set()  # keys and paths the batch touches: a document touching one waits for the next
    queued: set[str] = set()

    def stored_now(item: _Prepared, replace: list[str]) -> None:
        report.updated += bool(replace)
        report.new += not replace
        for key in replace:
            by_path.pop(stored.pop(key), None)
        stored[item.key], by_path[item.path] = item.path, item.key

    def write(items: list[_Prepared]) -> None:
        # what to replace is asked again inside the transaction, under the ingest lock: another ingest may
        # have stored some of these documents since this one looked (the keys in `batch` may be stale)
        nonlocal groups
        with store.transaction(lock_name="ingest") as conn:
            plan = writer.replaced(conn, [(item.key, item.path, item.digest) for item in items])
            todo = [(item, replace) for item, replace in zip(items, plan, strict=True) if replace is not None]
            groups |= writer.write_rows(conn, [item.rows for item, _ in todo],
                                        sorted({k for _, replace in todo for k in replace}))
        report.unchanged += len(items) - len(todo)
        for item, replace in todo:
            stored_now(item, replace)

    def flush() -> None:
        try:
            write([item for item, _ in batch])
        except RowError:
            for item, _ in batch:
                try:
                    write([item])
                except RowError as exc:
                    report.failed.append((item.path, exc.message))
        batch.clear()
        claimed.clear()

    names = [str(f) for f in files]
    if stats:
        same = {n for n in names if stats.get(n) is not None and stats[n] == _stat(n)}
        report.unchanged += len(same)
        names = [n for n in names if n not in same]
    restat: list[dict] = []  # unchanged content with a new stat (touched, copied back): remembered for next time
    keys = file_keys(names, stored)
    for done, item in enumerate(_prepared(names, [keys[n] for n in names], frozenset(hashes), now, workers), 1):
        if item.error is not None:
            report.failed.append((item.path, item.error))
        elif item.rows is None or item.digest in queued:  # unchanged, or the same content twice in this run
            report.unchanged += 1
            if item.rows is None and item.stat:
                restat.append({"p": item.path, "h": item.digest, "size": item.stat[0], "mtime": item.stat[1]})
        else:
            queued.add(item.digest)
            if {item.key, item.path, by_path.get(item.path)} & claimed:
                flush()  # it replaces a document of this batch: that one is stored first
            replace = sorted({k for k in (item.key, by_path.get(item.path)) if k and k in stored})
            batch.append((item, replace))
            claimed.update((item.key, item.path, *replace))
            if len(batch) >= BATCH:
                flush()
        if progress:
            progress(done, len(files), item.format)
    if batch:
        flush()
    with store.transaction(lock_name="ingest") as conn:  # two ingests rebuilding one meeting would clash
        # facts without a meeting (this run's, or a run stopped before this step) are read there too
        rebuilt = consolidate.consolidate(conn, groups)
        fills.apply_overlays(conn, rebuilt, now)  # what people filled and decided outlives the rebuild
        writer.remember_stats(conn, restat)
    report.failed.sort()
    return report


# ---------------------------------------------------------------- reports

def status(store: Store, as_of: date, limit: int | None = 20) -> StatusReport:
    """What is coming, what is open, what is missing and where documents disagree, as of a day."""
    store.ensure_current()
    path = store.sqlite_file
    if path is not None:  # the same statements through the stdlib sqlite3: no SQLAlchemy to import
        from tracker.store import lite

        return lite.status_report(path, store.url, as_of, limit)
    from tracker.store import queries as q

    with store.snapshot() as conn:
        return q.status(conn, as_of, limit)


LISTS = ("meetings", "decisions", "slots", "topics", "people", "documents")
MEETING_LISTS = ("decisions", "slots")  # the lists `--meeting ID` filters


@dataclass(frozen=True)
class Listing:
    """One list being read: `records` streams them in the list's order (CHUNK rows at a time from the
    database), `total()` counts the whole list under the filters (limit and offset aside). Both are valid
    only inside the `listing` block that made them: they read the snapshot it holds open."""

    records: Iterator
    total: Callable[[], int]


@contextmanager
def listing(store: Store, what: str, filters: ListFilters = ListFilters()) -> Iterator[Listing]:
    """One list, filtered, in a stable order, streamed from one snapshot of the store."""
    from tracker.store import queries as q

    if what not in LISTS:
        raise UsageError(f"unknown list {what!r}; one of {', '.join(LISTS)}")
    if filters.meeting and what not in MEETING_LISTS:
        raise UsageError(f"--meeting filters {' and '.join(MEETING_LISTS)}, not {what}")
    from tracker.usecases.names import check_instrument, check_value, hint, roles

    flt = filters
    store.ensure_current()
    check_instrument(store, "--instrument", filters.instrument)
    if what == "people" and filters.status is not None:  # a role: the words of the language packs, as stored
        check_value("--status", "role", filters.status, roles(store), fold=False)
    with store.snapshot() as conn:
        if filters.document and q.document(conn, filters.document) is None:
            raise UsageError(f"no document {filters.document!r}{hint(conn, ('document',), filters.document)}; "
                             "see `tracker documents`")
        if filters.meeting and q.meeting(conn, filters.meeting) is None:
            raise UsageError(f"no meeting {filters.meeting!r}{hint(conn, ('meeting',), filters.meeting)}; "
                             "see `tracker meetings`")
        flt = q.with_rebound(conn, flt)
        yield Listing(q.stream(conn, what, flt), lambda: q.total(conn, what, flt))


def list_records(store: Store, what: str, instrument: str | None = None, date_from: date | None = None,
                 date_to: date | None = None, status: str | None = None, document: str | None = None,
                 meeting: str | None = None) -> list:
    """The rows of one list, filtered, in a stable order, as one list (for callers that want them all)."""
    with listing(store, what, ListFilters(instrument, date_from, date_to, status, document, meeting=meeting)) as found:
        return list(found.records)


def show(store: Store, ident: str) -> Shown:
    """A meeting, decision, slot, topic or document by id, each fact with the sentence it came from."""
    from tracker.domain import Fact, SourceSpan
    from tracker.store import queries as q

    store.ensure_current()
    with store.snapshot() as conn:
        meeting = q.meeting(conn, ident)
        if meeting is not None:
            facts = q.meeting_facts(conn, ident)
            texts = {f.document: q.document_text(conn, f.document) for f in facts}
            conflicts, _ = q.conflicts(conn, ident)
            facts = _paged(conn, facts)
            return Shown("meeting", meeting, [(f, _sentence(q, texts[f.document], f)) for f in facts], conflicts)
        for kind, finder in (("decision", q.decision), ("slot", q.slot)):
            record = finder(conn, ident)
            if record is not None:
                span = record.span or SourceSpan(0, 0)
                text = q.document_text(conn, record.document)
                fact = Fact(getattr(record, "meeting", None) or "", "text", record.text, record.document,
                            span.start, span.end, span.paragraph, sentences_around(text, span.start, span.end))
                fact = _paged(conn, [fact])[0]
                return Shown(kind, record, [(fact, _sentence(q, text, fact))])
        topic = q.topic(conn, ident)
        if topic is not None:
            said, span = q.topic_source(conn, ident)
            span = span or SourceSpan(0, 0)
            text = q.document_text(conn, topic.document)
            fact = Fact("", "title", said, topic.document, span.start, span.end, span.paragraph,
                        sentences_around(text, span.start, span.end))
            return Shown("topic", topic, [(_paged(conn, [fact])[0], _sentence(q, text, fact))])
        document = q.document(conn, ident)
        if document is not None:
            return Shown("document", document)
        from tracker.usecases.names import ALL_KINDS, hint

        near = hint(conn, ALL_KINDS, ident)
    raise UsageError(f"no meeting, decision, slot, topic or document with id {ident!r}{near}")


def _paged(conn, facts: list) -> list:
    """Facts with the page of a PDF they stand on (facts of documents without pages as they are)."""
    from dataclasses import replace

    from tracker.domain import page_of
    from tracker.store import queries as q

    pages = {key: q.page_starts(conn, key) for key in {f.document for f in facts}}
    return [replace(f, page=page_of(pages[f.document], f.start)) if pages[f.document] else f for f in facts]


def sentences_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The whole sentences (bounds from extract/structure.py) that text[start:end] stands in, as original
    offsets: the document read again, as extraction reads it. For a decision or a blank, whose sentences
    extraction does not keep (mapping every sentence back to the original text would cost every document
    some 4% of its extraction time, for the few that anyone shows)."""
    import bisect

    from tracker.extract.normalize import normalize
    from tracker.extract.structure import analyse

    if not text or end < start:
        return None
    st = analyse(normalize(text))
    if not st.sentences:
        return None
    original = [st.norm.original_span(b, e) for b, e in st.sentences]
    starts = [b for b, _ in original]
    first = original[max(0, bisect.bisect_right(starts, start) - 1)][0]
    last = original[max(0, bisect.bisect_right(starts, max(start, end - 1)) - 1)][1]
    return min(first, start), max(last, end)


def _sentence(q, text: str, fact) -> str:
    """The sentence that states a fact, whole, on one line: the bounds extraction recorded (from
    extract/structure.py), else the sentence found around the fact's words."""
    if fact.sentence is not None:
        b, e = fact.sentence
        return " ".join(text[b:e].split())
    return q.sentence_at(text, fact.start, fact.end)


SEARCH_KINDS = ("meeting", "decision", "slot", "topic", "person")


def search(store: Store, query: str, kinds: tuple[str, ...] = (), limit: int = 20) -> list:
    """The meetings, decisions, slots, topics and people whose text holds every word of the query (Chinese
    words by their character bigrams), in index order, at most `limit`, each with a snippet."""
    from tracker.domain import SearchHit
    from tracker.rules.search_terms import query_parts, snippet

    unknown = [k for k in kinds if k not in SEARCH_KINDS]
    if unknown:
        raise UsageError(f"unknown kind {unknown[0]!r}; one of {', '.join(SEARCH_KINDS)}")
    parts = query_parts(query)
    if not parts:
        raise UsageError(f"nothing to search for in {query!r}: give a word")
    store.ensure_current()
    path = store.sqlite_file
    if path is not None:  # the same statement through the stdlib sqlite3: no SQLAlchemy to import
        from tracker.rules.search_terms import fts5_query
        from tracker.store import lite

        rows = lite.search_entries(path, store.url, fts5_query(parts), kinds, limit)
    else:
        from tracker.store import search as s

        with store.snapshot() as conn:
            rows = s.entries(conn, parts, kinds, limit)
    return [SearchHit(r.kind, r.ident, r.document_key, r.label, snippet(r.body, query)) for r in rows]


# ---------------------------------------------------------------- schema

def db_status(store: Store):
    from tracker.store import migrations

    return migrations.state(store)


def db_upgrade(store: Store) -> list[str]:
    from tracker.store import migrations

    return migrations.upgrade(store)


# ---------------------------------------------------------------- dump and restore (issue 6)

def dump(store: Store) -> Iterator[str]:
    """What people authored (fills with history, decided states, meeting revisions) and the documents list,
    as the lines of a dump, the end line (counts and checksum) last; streamed from one snapshot, so a dump
    of any size takes constant memory."""
    from tracker.store import archive

    store.ensure_current()
    with store.snapshot() as conn:
        yield from archive.stream_lines(conn)


def write_dump(store: Store, path: Path) -> None:
    """Write a dump to a file atomically: a full disk or any other failure leaves the previous file as it was."""
    write_atomically(path, (line.encode("utf-8") for line in dump(store)))


def write_atomically(path: Path, chunks: Iterable[bytes]) -> None:
    """Replace `path` with `data` all at once: a temporary file in the same directory, flushed to disk, then
    renamed over it. On any error the temporary file is removed and `path` is untouched."""
    import tempfile

    target = Path(os.path.realpath(path))  # through a symlink to the file it names, as a plain write would
    try:
        if target.exists() and not target.is_file():  # a pipe or a device (-o /dev/stdout): nothing to replace
            with target.open("wb") as out:
                out.writelines(chunks)
            return
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.writelines(chunks)
            out.flush()
            os.fsync(out.fileno())  # on disk before the rename, so a crash leaves the old file or the new one
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(tmp)
        raise InputError(f"{path}: cannot write ({exc.strerror or exc}); the previous file is unchanged") from None
    _sync_directory(target.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_directory(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot sync a directory, which only costs durability."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass(frozen=True)
class Restored:
    counts: dict[str, int]  # records restored, by type
    documents: list[dict]  # {key, path, sha256} of the documents to ingest again


MAX_DUMP_LINE = 16 * 1024 * 1024  # one record; a dump as a whole may be any size


def restore(store: Store, path: Path, unchecked: bool = False) -> Restored:
    """Read a dump (JSON lines, streamed) into an empty store, all in one transaction: a dump that is cut
    short, altered or malformed anywhere changes nothing. `unchecked` also takes version 1 dumps (no end line)."""
    from tracker.store import archive
    from tracker.usecases.ingest import open_regular

    store.ensure_current()
    with open_regular(path) as stream, store.transaction() as conn:  # a FIFO or device refused, not waited on
        counts, documents = archive.restore(conn, str(path), _numbered_lines(stream, path), unchecked)
    return Restored(counts, documents)


def _numbered_lines(stream, path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes with the newline) of every line; a line over MAX_DUMP_LINE is refused unread."""
    number = 0
    while True:
        try:
            raw = stream.readline(MAX_DUMP_LINE + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        if not raw:
            return
        number += 1
        if len(raw) > MAX_DUMP_LINE:
            raise InputError(f"{path}:{number}: a line over {MAX_DUMP_LINE // (1024 * 1024)} MB is not a dump record")
        yield number, raw
