"""Pure formatters for the store's reports: one dictionary per record feeds JSON, CSV, plain text and rich tables.

The JSON shapes are documented in the README ("JSON shapes") and versioned by REPORT_SCHEMA.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import MISSING, asdict, fields
from functools import cache
from json.encoder import encode_basestring  # the C one when there is one: what ensure_ascii=False uses
from operator import attrgetter

from tracker.domain import (
    Conflict,
    DecisionRecord,
    DocumentRecord,
    Meeting,
    PersonRecord,
    Shown,
    SlotRecord,
    SourceSpan,
    StatusReport,
    TopicRecord,
    json_safe,
    printable,
)
from tracker.rendering.phrases import when, where

REPORT_SCHEMA = 1


def _span(s: SourceSpan | None) -> dict | None:
    return {"start": s.start, "end": s.end, "paragraph": s.paragraph} if s else None


def meeting_dict(m: Meeting) -> dict:
    return {"id": m.id, "name": m.name, "instrument": m.instrument, "kind": m.kind, "ordinal": m.ordinal,
            "year": m.year, "start": m.start.isoformat() if m.start else None,
            "end": m.end.isoformat() if m.end else None, "precision": m.precision, "when": when(m),
            "where": where(m),
            "duration_days": m.duration_days, "city": m.city, "country": m.country, "facility": m.facility,
            "chair": m.chair, "host": m.host, "languages": list(m.languages), "status": m.status,
            "revision": m.revision, "parent": m.parent}


def decision_dict(d: DecisionRecord) -> dict:
    return {"id": d.id, "document": d.document, "number": d.number, "status": d.status, "text": d.text,
            "source": _span(d.span)}


def slot_dict(s: SlotRecord) -> dict:
    return {"id": s.id, "document": s.document, "decision": s.decision, "kind": s.kind, "text": s.text,
            "left_context": s.left_context, "meeting": s.meeting, "field": s.field, "fill": s.fill,
            "source": _span(s.span)}


def conflict_dict(c: Conflict) -> dict:
    return {"meeting": c.meeting, "field": c.field,
            "claims": [{"value": v, "document": d} for v, d in zip(c.values, c.documents, strict=True)]}


@cache
def _getter(kind: type) -> tuple[tuple[str, ...], Callable]:
    names = tuple(f.name for f in fields(kind))
    return names, attrgetter(*names)


def _flat_record(r: object) -> dict:
    """`asdict` of a record whose fields are all plain values (text, numbers): the same dict, without
    asdict's deep copy of each value (the largest cost of `documents --json`)."""
    names, values = _getter(type(r))
    return dict(zip(names, values(r), strict=True))


def record_dict(r: object) -> dict:
    """Any listed record as its JSON object."""
    if isinstance(r, Meeting):
        return meeting_dict(r)
    if isinstance(r, DecisionRecord):
        return decision_dict(r)
    if isinstance(r, SlotRecord):
        return slot_dict(r)
    if isinstance(r, Conflict):
        return conflict_dict(r)
    if isinstance(r, TopicRecord | PersonRecord | DocumentRecord):
        return _flat_record(r)
    raise TypeError(type(r).__name__)


def status_dict(s: StatusReport) -> dict:
    return {
        "schema": REPORT_SCHEMA, "as_of": s.as_of.isoformat(), "totals": dict(s.totals),
        "upcoming": [meeting_dict(m) for m in s.upcoming],
        "proposed_decisions": [decision_dict(d) for d in s.decisions],
        "unfilled_slots": [slot_dict(x) for x in s.slots],
        "incomplete_meetings": [{"meeting": m.id, "name": m.name, "missing": missing} for m, missing in s.incomplete],
        "conflicts": [conflict_dict(c) for c in s.conflicts],
        "topics": [asdict(t) for t in s.topics],
        "orphaned_fills": [asdict(o) for o in s.orphans],
    }


def list_dict(what: str, records: list) -> dict:
    return {"schema": REPORT_SCHEMA, what: [record_dict(r) for r in records]}


def json_chunks(what: str, records: Iterable) -> Iterator[str]:
    """`to_json(list_dict(what, records))` and its final newline, written a record at a time: the same bytes,
    but a list of any length never stands whole in memory."""
    head = f'{{\n  "schema": {REPORT_SCHEMA},\n  {json.dumps(what)}: ['
    first = True
    for r in records:
        body = indented(record_dict(r), "    ")
        yield json_safe(f"{head}\n    {body}" if first else f",\n    {body}")
        first = False
    yield f"{head}]\n}}\n" if first else "\n  ]\n}\n"


_INFINITY = float("inf")


def indented(value: object, pad: str = "") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)` with `pad` before every line but the first: the same
    text, twice as fast. With `indent`, the json module leaves its C encoder for one in Python; here each
    string goes through the C string encoder and each object is joined once (text and null, most of a
    record's values, without a call of their own)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):  # as json writes them (allow_nan)
        if value != value:
            return "NaN"
        return "Infinity" if value == _INFINITY else "-Infinity" if value == -_INFINITY else float.__repr__(value)
    inner = pad + "  "
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return f"[\n{inner}" + f",\n{inner}".join([indented(v, inner) for v in value]) + f"\n{pad}]"
    if isinstance(value, dict) and value:
        try:
            items = [f"{encode_basestring(k)}: " + (encode_basestring(v) if type(v) is str else "null" if v is None
                                                    else indented(v, inner)) for k, v in value.items()]
        except TypeError:  # a key that is not text (json writes numbers as text, refuses the rest)
            pass
        else:
            return f"{{\n{inner}" + f",\n{inner}".join(items) + f"\n{pad}}}"
    # anything else (an empty dict, keys that are not text, types json does not know): json's answer or error
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)


def jsonl_chunks(records: Iterable) -> Iterator[str]:
    """JSON lines: each record's JSON object (the one `--json` lists) on a line of its own."""
    for r in records:
        yield json_safe(json.dumps(record_dict(r), ensure_ascii=False)) + "\n"


def show_dict(shown: Shown) -> dict:
    return {"schema": REPORT_SCHEMA, "kind": shown.kind, "record": record_dict(shown.record),
            "facts": [{"field": f.field, "value": f.value, "document": f.document, "paragraph": f.paragraph,
                       "start": f.start, "end": f.end, "sentence": sentence, **({"page": f.page} if f.page else {})}
                      for f, sentence in shown.facts],
            "conflicts": [conflict_dict(c) for c in shown.conflicts]}


def search_dict(query: str, hits: list) -> dict:
    """`tracker search --json`: {schema, query, results: [{kind, id, document, label, snippet}]}."""
    return {"schema": REPORT_SCHEMA, "query": query,
            "results": [{"kind": h.kind, "id": h.id, "document": h.document, "label": h.label,
                         "snippet": h.snippet} for h in hits]}


def to_json(data: dict) -> str:
    """Readable UTF-8 JSON; control and bidi characters as \\uXXXX escapes (the same JSON values)."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2))


# ---------------------------------------------------------------- CSV

def _cell(value: object) -> object:
    """Flatten and neutralise: a cell starting with = + - @ (or a tab/CR) would run as a spreadsheet formula;
    control characters are shown escaped."""
    if isinstance(value, list):
        value = ";".join(map(str, value))
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        value = "'" + value
    if isinstance(value, str):
        # a bare CR becomes a newline (the writer quotes fields with "\n" but not a bare CR); ESC, CSI, BEL and
        # bidi overrides are written visibly as \x1b: raw, they drive the terminal, and a pipe loses them
        value = printable(value)
    return "" if value is None else value


def _flat(d: dict) -> dict:
    out = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update({f"{k}_{kk}": vv for kk, vv in v.items()})
        elif k == "source" and v is None:
            out.update({"source_start": None, "source_end": None, "source_paragraph": None})
        else:
            out[k] = v
    return out


LIST_RECORDS = {"meetings": Meeting, "decisions": DecisionRecord, "slots": SlotRecord, "topics": TopicRecord,
                "people": PersonRecord, "documents": DocumentRecord}


def _blank(kind: type) -> object:
    """A record of this kind with every field empty: its CSV header, when a list has no rows to take it from."""
    def empty(f):
        return f.default_factory() if f.default_factory is not MISSING else None if f.default is MISSING else f.default

    return kind(**{f.name: empty(f) for f in fields(kind)})


def to_csv(records: Iterable, what: str) -> str:
    """CSV with a header row, also when there are no records (a script reading it still finds its columns)."""
    return "".join(csv_chunks(records, what))


def csv_chunks(records: Iterable, what: str) -> Iterator[str]:
    """`to_csv` a row at a time: the header (every list's columns are fixed by its record type), then the rows."""
    header = list(_flat(record_dict(_blank(LIST_RECORDS[what]))))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for r in records:
        writer.writerow({k: _cell(v) for k, v in _flat(record_dict(r)).items()})
        if buf.tell() > 1 << 16:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
