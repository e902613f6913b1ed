"""Dump and restore what people authored: fills with their history, decided states, meeting revisions,
and the list of documents (key, path, sha256) those hang on. Records are plain dicts, one JSON line each.

Derived rows are not dumped: they are rebuilt by ingesting the listed documents again. Every record
carries a `type`; the order is fixed (header, documents, fills, fill values, events, decisions, revisions,
end) and each kind is sorted, so two dumps of the same store are byte-identical.

A dump checks itself: its last line (`"type": "end"`) counts the records of each type and carries the
sha256 of every byte before it. Restore reads the lines as a stream (a dump may be any size), checks each
record's fields and types as it goes, and commits only when the end line matches, so a cut-short, edited
or damaged dump writes nothing, and nothing it writes can break a later ingest or report.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from tracker.domain import FIRST_YEAR, LAST_YEAR, json_safe
from tracker.errors import InputError, StoreError
from tracker.store import tables as t
from tracker.store.corrections import ACTIONS, CHANGE_EVENT, CORRECTION
from tracker.store.corrections import KINDS as CORRECTED_KINDS
from tracker.store.fills import (
    DECISION_STATE,
    DECISION_STATUSES,
    FILL_EVENT,
    FILL_VALUE,
    MEETING_REVISION,
    OVERLAID,
)
from tracker.store.writer import insert_many

FORMAT = "tracker-dump"
VERSION = 2  # 2: the end line (counts and sha256); version 1 dumps had none
UNMARKED_VERSION = 1
D, FI = t.DocumentRow.__table__, t.FillRow.__table__
BATCH = 2000  # rows per executemany while restoring: memory stays flat however large the dump

# type -> (table, columns in the record, sort order); the order of this dict is the order of a dump
KINDS = {
    "fill": (FI, ("slot_key", "slot_id", "value", "filled_by", "filled_at", "old_value"), (FI.c.slot_key,)),
    "fill_value": (FILL_VALUE, ("slot_key", "field", "value"), (FILL_VALUE.c.slot_key,)),
    "fill_event": (FILL_EVENT, ("slot_key", "slot_id", "action", "old_value", "new_value", "typed", "filled_by",
                                "at"), (FILL_EVENT.c.at, FILL_EVENT.c.id)),
    "decision_state": (DECISION_STATE, ("decision_id", "status", "decided_by", "decided_at"),
                       (DECISION_STATE.c.decision_id,)),
    "meeting_revision": (MEETING_REVISION, ("meeting_id", "revision", "fingerprint", "changed_at"),
                         (MEETING_REVISION.c.meeting_id,)),
    # corrections (issue 15): a dump from before them has none of these lines and restores as it did
    "correction": (CORRECTION, ("kind", "target", "field", "value", "typed", "set_by", "set_at"),
                   (CORRECTION.c.kind, CORRECTION.c.target, CORRECTION.c.field)),
    "change_event": (CHANGE_EVENT, ("kind", "target", "field", "action", "old_value", "new_value", "base", "note",
                                    "changed_by", "at", "undoes"), (CHANGE_EVENT.c.at, CHANGE_EVENT.c.id)),
}
AUTHORED = tuple(table for table, *_ in KINDS.values())
ORDER = ("header", "document", *KINDS, "end")


def encode(record: dict) -> str:
    """One record as one line of a dump (the only place records become text)."""
    return json_safe(json.dumps(record, ensure_ascii=False, sort_keys=True)) + "\n"  # no raw CSI, bidi override


def _iso(value: object) -> object:
    # naive and aware datetimes both round-trip through isoformat/fromisoformat unchanged
    return value.isoformat() if isinstance(value, datetime) else value


def records(conn: Connection) -> Iterator[dict]:
    """Every record of a dump but the end line, in dump order."""
    yield {"type": "header", "format": FORMAT, "version": VERSION}
    chunked = {"yield_per": BATCH}  # rows a chunk at a time (PostgreSQL: a server-side cursor), never all at once
    for r in conn.execute(select(D.c.key, D.c.path, D.c.sha256).order_by(D.c.key), execution_options=chunked):
        yield {"type": "document", "key": r.key, "path": r.path, "sha256": r.sha256}
    for kind, (table, columns, order) in KINDS.items():
        for r in conn.execute(select(*(table.c[c] for c in columns)).order_by(*order), execution_options=chunked):
            yield {"type": kind, **{c: _iso(getattr(r, c)) for c in columns}}


def stream_lines(conn: Connection) -> Iterator[str]:
    """The dump line by line as it is read: the records, then the end line that counts them and hashes them."""
    digest = hashlib.sha256()
    counts = dict.fromkeys(ORDER[1:-1], 0)
    for record in records(conn):
        line = encode(record)
        digest.update(line.encode("utf-8"))
        if record["type"] != "header":
            counts[record["type"]] += 1
        yield line
    yield encode({"type": "end", "records": counts, "sha256": digest.hexdigest()})


def lines(conn: Connection) -> list[str]:
    """The whole dump as a list of lines."""
    return list(stream_lines(conn))


def is_empty(conn: Connection) -> bool:
    """No documents and nothing authored."""
    return all(conn.execute(select(func.count()).select_from(table)).scalar_one() == 0
               for table in (D, *AUTHORED))


# ---------------------------------------------------------------- checking one record

class _Bad(Exception):
    """A field that is not what `tracker dump` writes; turned into an InputError naming the line."""


def _text(value: object, name: str, *, empty: bool = False, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or (not empty and not value):
        raise _Bad(f"{name} must be {'a' if empty else 'a non-empty'} string{' or null' if optional else ''}, "
                   f"not {value!r:.60}")
    if "\x00" in value:  # PostgreSQL refuses NUL in text; no command stores one
        raise _Bad(f"{name} contains a NUL character")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate ("\\ud800"): no database driver can store it
            raise _Bad(f"{name} is not valid Unicode ({value!r:.60})") from None
    return value


def _when(value: object, name: str, *, aware: bool = False, optional: bool = False) -> datetime | None:
    """An ISO date and time; with a UTC offset exactly where the column keeps one (fill.filled_at), since the
    fill table refuses a naive one and the others would shift an aware one by the server's time zone."""
    if value is None and optional:
        return None
    try:
        when = datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise _Bad(f"{name} {value!r:.60} is not an ISO date and time") from None
    if (when.utcoffset() is not None) != aware:
        raise _Bad(f"{name} {value} must {'' if aware else 'not '}carry a UTC offset")
    return when


SHA256 = re.compile(r"[0-9a-f]{64}")  # 9012e4778ad3d625…, as ingest writes it
KEY = re.compile(r"[^\s|]+")  # a document key: ccm-msp-2010-5-zh, 001-fdd4221b5f7012ca; never a "|"
MAX_REVISION = 2**31 - 1  # the column is a 32-bit integer on PostgreSQL


def _slot_key(value: object) -> str:
    """document|kind|words before the blank|the blank|which repeat (1, 2, …), as rules.ids.slot_natural_key makes it."""
    key = _text(value, "slot_key")
    parts = key.split("|")
    if len(parts) < 5 or not KEY.fullmatch(parts[0]) or not parts[1] or not parts[-1].isdecimal() \
            or not parts[-1].isascii() or int(parts[-1]) < 1:
        raise _Bad(f"slot_key {key!r:.80} is not document|kind|context|blank|occurrence")
    return key


def _field_value(fieldname: object, value: object) -> str:
    """The value a fill gives a meeting field: dates must be ISO days a calendar can show."""
    value = _text(value, "value", empty=True)
    if fieldname in ("start", "end"):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise _Bad(f"{fieldname} value {value!r:.60} is not an ISO date") from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise _Bad(f"{fieldname} value {value} is outside {FIRST_YEAR}–{LAST_YEAR}")
    return value


def _revision(value: object) -> int:
    if type(value) is not int or not 0 <= value <= MAX_REVISION:
        raise _Bad(f"revision must be a whole number from 0 to {MAX_REVISION}, not {value!r:.60}")
    return value


def _row(kind: str, r: dict) -> dict:
    """The table row a record stands for, every field checked for the type and shape a dump gives it."""
    if kind == "fill":
        return {"slot_key": _slot_key(r["slot_key"]), "slot_id": _text(r["slot_id"], "slot_id"),
                "value": _text(r["value"], "value", empty=True),
                "filled_by": _text(r["filled_by"], "filled_by", empty=True),
                "filled_at": _when(r["filled_at"], "filled_at", aware=True),
                "old_value": _text(r["old_value"], "old_value", empty=True, optional=True)}
    if kind == "fill_value":
        if r["field"] not in OVERLAID:
            raise _Bad(f"field {r['field']!r:.60} is not one of {', '.join(OVERLAID)}")
        return {"slot_key": _slot_key(r["slot_key"]), "field": r["field"],
                "value": _field_value(r["field"], r["value"])}
    if kind == "fill_event":
        if r["action"] not in ("fill", "unfill"):
            raise _Bad(f"action {r['action']!r:.60} is not fill or unfill")
        return {"slot_key": _slot_key(r["slot_key"]), "slot_id": _text(r["slot_id"], "slot_id"),
                "action": r["action"],
                **{c: _text(r[c], c, empty=True, optional=True) for c in ("old_value", "new_value", "typed")},
                "filled_by": _text(r["filled_by"], "filled_by", empty=True), "at": _when(r["at"], "at")}
    if kind == "decision_state":
        if r["status"] not in DECISION_STATUSES:
            raise _Bad(f"status {r['status']!r:.60} is not one of {', '.join(DECISION_STATUSES)}")
        return {"decision_id": _text(r["decision_id"], "decision_id"), "status": r["status"],
                "decided_by": _text(r["decided_by"], "decided_by", empty=True),
                "decided_at": _when(r["decided_at"], "decided_at")}
    if kind in ("correction", "change_event"):
        return _corrected(kind, r)
    return {"meeting_id": _text(r["meeting_id"], "meeting_id"), "revision": _revision(r["revision"]),
            "fingerprint": _text(r["fingerprint"], "fingerprint"),
            "changed_at": _when(r["changed_at"], "changed_at", optional=True)}


UNDOES = re.compile(r"(?:fill_event|change_event):\d{4}-\d\d-\d\dT[\d:.]+:\S+")  # change_event:2011-09-01T10:00:00:ccm-msp-2


def _corrected(kind: str, r: dict) -> dict:
    """A correction or a change event, checked like a fill: its kind and action from the vocabulary, dates of
    meetings as ISO days a calendar can show."""
    if r["kind"] not in CORRECTED_KINDS:
        raise _Bad(f"kind {r['kind']!r:.60} is not one of {', '.join(CORRECTED_KINDS)}")
    row = {"kind": r["kind"], "target": _text(r["target"], "target"), "field": _text(r["field"], "field")}
    dated = r["kind"] == "meeting" and row["field"] in ("start", "end")
    if kind == "correction":
        value = _field_value(row["field"], r["value"]) if dated else _text(r["value"], "value")
        return {**row, "value": value, "typed": _text(r["typed"], "typed", empty=True, optional=True),
                "set_by": _text(r["set_by"], "set_by", empty=True), "set_at": _when(r["set_at"], "set_at")}
    if r["action"] not in ACTIONS:
        raise _Bad(f"action {r['action']!r:.60} is not one of {', '.join(ACTIONS)}")
    undoes = _text(r["undoes"], "undoes", optional=True)
    if undoes is not None and not UNDOES.fullmatch(undoes):
        raise _Bad(f"undoes {undoes!r:.60} is not fill_event:TIME:ID or change_event:TIME:ID")
    return {**row, "action": r["action"],
            **{c: _text(r[c], c, empty=True, optional=True) for c in ("old_value", "new_value", "base", "note")},
            "changed_by": _text(r["changed_by"], "changed_by", empty=True), "at": _when(r["at"], "at"),
            "undoes": undoes}


def _document(r: dict) -> dict:
    key, path, sha = r["key"], r["path"], r["sha256"]
    if not isinstance(key, str) or not KEY.fullmatch(key):
        raise _Bad(f"key {key!r:.60} is not a document key")
    if not isinstance(sha, str) or not SHA256.fullmatch(sha):
        raise _Bad(f"sha256 {sha!r:.80} is not 64 lowercase hex digits")
    return {"key": key, "path": _text(path, "path"), "sha256": sha}


FIELDS = {"document": ("key", "path", "sha256"), **{kind: columns for kind, (_t, columns, _o) in KINDS.items()}}
UNIQUE = {"document": "key", "fill": "slot_key", "fill_value": "slot_key", "decision_state": "decision_id",
          "meeting_revision": "meeting_id", "correction": ("kind", "target", "field")}  # each table's primary key


# ---------------------------------------------------------------- restoring a stream of lines

@dataclass
class Restore:
    """A restore under way: what has been read, checked and written so far (all undone unless it ends well)."""

    conn: Connection
    name: str  # the file, for messages
    unmarked: bool = False  # accept a version 1 dump, which has no end line to check
    digest: object = field(default_factory=hashlib.sha256)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ORDER[1:-1], 0))
    documents: list[dict] = field(default_factory=list)
    keys: dict[str, set] = field(default_factory=lambda: {kind: set() for kind in UNIQUE})
    pending: list[dict] = field(default_factory=list)
    pending_kind: str | None = None
    position: int = -1  # index in ORDER of the last record's type
    version: int | None = None
    ended: bool = False

    def line(self, number: int, raw: bytes) -> None:
        where = f"{self.name}:{number}"
        if self.ended:
            raise InputError(f"{where}: a line after the end line; the dump was altered, nothing restored")
        if not raw.endswith(b"\n") and self.version != UNMARKED_VERSION:  # `dump` ends every line
            raise InputError(self._no_end())
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise InputError(f"{where}: not UTF-8; a dump is UTF-8 JSON lines") from None
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not a JSON line ({exc.msg})") from None
        if isinstance(record, dict) and record.get("type") == "end":
            self._end(where, record)
            return
        self.digest.update(raw)
        try:
            self._record(record)
        except _Bad as exc:
            raise InputError(f"{where}: {exc}; nothing restored") from None

    def _record(self, record: object) -> None:
        kind = record.get("type") if isinstance(record, dict) else None
        if kind not in ORDER:
            raise _Bad(f"unknown record type {kind!r:.60}" if isinstance(record, dict) else "not a JSON object")
        if self.position < 0 and kind != "header":
            raise _Bad("a tracker dump starts with its header line")
        if ORDER.index(kind) < self.position or (kind == "header" and self.position >= 0):
            raise _Bad(f"a {kind} record out of order (a dump lists {', '.join(ORDER)})")
        self.position = ORDER.index(kind)
        if kind == "header":
            self._header(record)
            return
        missing = [c for c in FIELDS[kind] if c not in record]
        if missing:
            raise _Bad(f"a {kind} record lacks {', '.join(missing)}")
        row = _document(record) if kind == "document" else _row(kind, record)
        if kind in UNIQUE:
            key = tuple(row[c] for c in UNIQUE[kind]) if isinstance(UNIQUE[kind], tuple) else row[UNIQUE[kind]]
            if key in self.keys[kind]:
                raise _Bad(f"a second {kind} record for {key!r:.80}")
            self.keys[kind].add(key)
        if kind == "fill_value" and row["slot_key"] not in self.keys["fill"]:
            raise _Bad("a fill_value record for a slot that has no fill record")
        self.counts[kind] += 1
        if kind == "document":
            self.documents.append(row)
        else:
            self._write(kind, row)

    def _header(self, record: dict) -> None:
        version = record.get("version")
        if record.get("format") != FORMAT or version not in (VERSION, UNMARKED_VERSION) or type(version) is not int:
            raise _Bad(f"not a tracker dump of version {VERSION}")
        if version == UNMARKED_VERSION and not self.unmarked:
            raise InputError(f"{self.name}: a version 1 dump has no end line, so a cut-short one cannot be told "
                             "from a whole one; nothing restored (if it is whole: tracker restore --unchecked FILE)")
        self.version = version

    def _write(self, kind: str, row: dict) -> None:
        if kind != self.pending_kind or len(self.pending) >= BATCH:
            self._flush()
            self.pending_kind = kind
        self.pending.append(row)

    def _flush(self) -> None:
        if self.pending:
            insert_many(self.conn, KINDS[self.pending_kind][0], self.pending)
            self.pending = []

    def _end(self, where: str, record: dict) -> None:
        if self.version is None:
            raise InputError(f"{where}: a tracker dump starts with its header line")
        if self.version == UNMARKED_VERSION:
            raise InputError(f"{where}: an end line in a version 1 dump; the dump was altered, nothing restored")
        counts = record.get("records")
        if not isinstance(counts, dict) or record.get("sha256") != self.digest.hexdigest():
            raise InputError(f"{where}: the dump's checksum does not match its lines; it was altered or damaged, "
                             "nothing restored")
        if {k: v for k, v in counts.items() if v} != {k: v for k, v in self.counts.items() if v}:
            said = ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "nothing"
            raise InputError(f"{where}: the end line counts {said} but the dump holds "
                             f"{_said(self.counts)}; nothing restored")
        self.ended = True

    def _no_end(self) -> str:
        return (f"{self.name}: no end line: the dump is cut short (it holds {_said(self.counts)} before the cut); "
                "nothing restored")

    def finish(self) -> dict[str, int]:
        """After the last line: refuse a dump without its end line (the caller's transaction then rolls back)."""
        if self.version is None:
            raise InputError(f"{self.name}: empty dump: no header line")
        if not self.ended and self.version != UNMARKED_VERSION:
            raise InputError(self._no_end())
        self._flush()
        return {k: n for k, n in self.counts.items() if n}


def _said(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "no records"


def restore(conn: Connection, name: str, numbered_lines: Iterable[tuple[int, bytes]],
            unchecked: bool = False) -> tuple[dict[str, int], list[dict]]:
    """Write a dump's records into an empty store; (counts by type, the documents to ingest again).

    Runs inside the caller's transaction: any InputError raised here leaves the store as it was.
    `unchecked` also reads version 1 dumps, which have no end line to check.
    """
    if not is_empty(conn):
        raise StoreError("the database is not empty; restore into a new one (tracker --db NEW restore FILE)")
    state = Restore(conn, name, unchecked)
    for number, raw in numbered_lines:
        state.line(number, raw)
    return state.finish(), state.documents
