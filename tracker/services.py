"""Use cases behind the commands: ingest, status, lists, show, schema. No Typer, no printing.

Each function takes the Settings and plain arguments, opens the store, and returns domain records.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from tracker.domain import Extraction, IngestReport, Shown, SourceDocument, StatusReport
from tracker.errors import InputError, UsageError
from tracker.settings import Settings

POOL_THRESHOLD = 16  # fewer files than this are extracted in-process: a pool costs more than it saves
Progress = Callable[[int, int], None]


def _store(settings: Settings):
    from tracker.store import migrations

    migrations.ensure_current(settings.db_url)
    from tracker.store import engine

    return engine.transaction


def document_key(symbol: str | None, language: str, path: str) -> str:
    """A document's stable key: its UN symbol and language (ccm-msp-2010-5-zh), else its file name."""
    from tracker.store.writer import slug

    return f"{slug(symbol)}-{language}" if symbol else slug(Path(path).stem)


def _extract_one(path: str, data: bytes) -> tuple[str, Extraction]:
    """Decode and extract one document (runs in a worker process when there are many)."""
    from tracker.extract.pipeline import extract
    from tracker.ingest import decode_document

    text = decode_document(data, path)
    return text, extract(text)


def _extracted(jobs: list[tuple[str, bytes]], workers: int | None):
    """(path, (text, extraction) or InputError) in input order, over a process pool when there are many."""
    def safe(path: str, data: bytes):
        try:
            return _extract_one(path, data)
        except InputError as exc:
            return exc

    if len(jobs) < POOL_THRESHOLD or (workers or os.cpu_count() or 1) < 2:
        for path, data in jobs:
            yield path, safe(path, data)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_extract_one, path, data) for path, data in jobs]
        for (path, _), future in zip(jobs, futures, strict=True):
            try:
                yield path, future.result()
            except InputError as exc:
                yield path, exc


def ingest_paths(settings: Settings, args: list[str], now: datetime | None = None,
                 progress: Progress | None = None, workers: int | None = None) -> IngestReport:
    """Store every document the arguments name; one transaction per document, meetings merged at the end."""
    from tracker.ingest import expand_paths, read_bytes, sha256
    from tracker.store import consolidate, writer

    transaction = _store(settings)
    now = now or datetime.now(UTC)
    files, missing = expand_paths(args)
    report = IngestReport(failed=list(missing))
    with transaction(settings.db_url) as conn:
        hashes = writer.known_hashes(conn)
        stored = {key: path for key, path in hashes.values()}
    by_path = {path: key for key, path in stored.items()}
    jobs: list[tuple[str, bytes]] = []
    seen: dict[str, str] = {}  # path -> sha256 of the documents to extract
    queued: set[str] = set()
    for path in files:
        try:
            data = read_bytes(path)
        except InputError as exc:
            report.failed.append((str(path), exc.message))
            continue
        digest = sha256(data)
        if digest in hashes or digest in queued:
            report.unchanged += 1
        else:
            seen[str(path)] = digest
            queued.add(digest)
            jobs.append((str(path), data))
    groups: set = set()
    done = report.unchanged
    total = len(files)
    for path, result in _extracted(jobs, workers):
        done += 1
        if isinstance(result, InputError):
            report.failed.append((path, result.message))
        else:
            text, extraction = result
            src = SourceDocument(document_key(extraction.document.symbol, extraction.document.language, path),
                                 path, seen[path], text)
            replace = sorted({k for k in (src.key, by_path.get(path)) if k and k in stored})
            with transaction(settings.db_url) as conn:
                groups |= writer.write_documents(conn, [(src, extraction)], now, replace)
            if replace:
                report.updated += 1
            else:
                report.new += 1
            for key in replace:
                by_path.pop(stored.pop(key), None)
            stored[src.key] = path
            by_path[path] = src.key
        if progress:
            progress(done, total)
    with transaction(settings.db_url) as conn:
        consolidate.consolidate(conn, groups | consolidate.pending_groups(conn))
    report.failed.sort()
    return report


# ---------------------------------------------------------------- reports

def status(settings: Settings, as_of: date, limit: int | None = 20) -> StatusReport:
    """What is coming, what is open, what is missing and where documents disagree, as of a day."""
    from tracker.store import queries as q

    transaction = _store(settings)
    with transaction(settings.db_url) as conn:
        upcoming = q.upcoming(conn, as_of)
        decisions, n_decisions = q.decisions(conn, q.Filters(status="proposed", limit=limit))
        slots, n_slots = q.slots(conn, q.Filters(status="open", limit=limit))
        incomplete, n_incomplete = q.incomplete(conn, as_of, limit)
        conflicts, n_conflicts = q.conflicts(conn, limit=limit)
        topics, n_topics = q.topics(conn, q.Filters(limit=limit))
        orphans = q.orphans(conn)
    totals = {"upcoming": len(upcoming), "proposed_decisions": n_decisions, "unfilled_slots": n_slots,
              "incomplete_meetings": n_incomplete, "conflicts": n_conflicts, "topics": n_topics,
              "orphaned_fills": len(orphans)}
    return StatusReport(as_of, upcoming, decisions, slots, incomplete, conflicts, topics, orphans, totals)


LISTS = ("meetings", "decisions", "slots", "topics", "people", "documents")


def list_records(settings: Settings, what: str, instrument: str | None = None, date_from: date | None = None,
                 date_to: date | None = None, status: str | None = None, document: str | None = None) -> list:
    """The rows of one list, filtered, in a stable order."""
    from tracker.store import queries as q

    if what not in LISTS:
        raise UsageError(f"unknown list {what!r}; one of {', '.join(LISTS)}")
    flt = q.Filters(instrument, date_from, date_to, status, document)
    transaction = _store(settings)
    with transaction(settings.db_url) as conn:
        if document and q.document(conn, document) is None:
            raise UsageError(f"no document {document!r}; see `tracker documents`")
        result = getattr(q, what)(conn, flt)
    return result[0] if isinstance(result, tuple) else result


def show(settings: Settings, ident: str) -> Shown:
    """A meeting, decision, slot or document by id, each fact with the sentence it came from."""
    from tracker.domain import Fact, SourceSpan
    from tracker.store import queries as q

    transaction = _store(settings)
    with transaction(settings.db_url) as conn:
        meeting = q.meeting(conn, ident)
        if meeting is not None:
            facts = q.meeting_facts(conn, ident)
            texts = {f.document: q.document_text(conn, f.document) for f in facts}
            conflicts, _ = q.conflicts(conn, ident)
            return Shown("meeting", meeting, [(f, q.sentence_at(texts[f.document], f.start, f.end)) for f in facts],
                         conflicts)
        for kind, finder in (("decision", q.decision), ("slot", q.slot)):
            record = finder(conn, ident)
            if record is not None:
                span = record.span or SourceSpan(0, 0)
                fact = Fact(getattr(record, "meeting", None) or "", "text", record.text, record.document,
                            span.start, span.end, span.paragraph)
                text = q.document_text(conn, record.document)
                return Shown(kind, record, [(fact, q.sentence_at(text, span.start, span.end))])
        document = q.document(conn, ident)
        if document is not None:
            return Shown("document", document)
    raise UsageError(f"no meeting, decision, slot or document with id {ident!r}")


def fill_slot(settings: Settings, slot_id: str, value: str, by: str, now: datetime) -> str | None:
    """Keep a value for a slot; it survives re-ingest because it hangs on the slot's natural key."""
    from tracker.store import writer

    transaction = _store(settings)
    with transaction(settings.db_url) as conn:
        try:
            return writer.fill_slot(conn, slot_id, value, by, now)
        except LookupError:
            raise UsageError(f"no slot {slot_id!r}; see `tracker slots`") from None


# ---------------------------------------------------------------- schema

def db_status(settings: Settings):
    from tracker.store import migrations

    return migrations.state(settings.db_url)


def db_upgrade(settings: Settings) -> list[str]:
    from tracker.store import migrations

    return migrations.upgrade(settings.db_url)
