"""The tables as SQLAlchemy Core sees them, for the read paths: status, lists and show.

`tables` (SQLModel) stays the schema: migrations create it from there and the writer inserts through it.
Importing sqlmodel costs about 0.15 s more than SQLAlchemy alone (pydantic), a third of `tracker status`'s
budget, so reads name the same tables and columns here with plain `table()`/`column()` clauses.
`tests/test_store.py` checks that both declarations list the same columns with the same types.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, Date, DateTime, Float, Integer, String, column, table


def _span():
    return column("span_start", Integer), column("span_end", Integer), column("paragraph", Integer)


document = table(
    "document", column("key", String), column("path", String), column("sha256", String), column("symbol", String),
    column("instrument", String), column("language", String), column("kind", String), column("title", String),
    column("doc_date", Date), column("ingested_at", DateTime(timezone=True)), column("format", String),
    column("file_size", BigInteger), column("file_mtime_ns", BigInteger))
document_text = table("document_text", column("key", String), column("text", String), column("page_starts", String))


def _meeting():
    return (column("name", String), column("instrument", String), column("kind", String), column("ordinal", Integer),
            column("year", Integer), column("start", Date), column("end", Date), column("precision", String),
            column("start_time", String), column("end_time", String), column("duration_days", Float))


def _place():
    return (column("city", String), column("country", String), column("facility", String), column("chair", String),
            column("host", String), column("languages", String), column("status", String), column("parent", String))


meeting_fact = table(
    "meeting_fact", column("id", Integer), column("document_key", String), column("local_id", String),
    column("meeting_id", String), *_meeting(), *_place(), *_span())
meeting = table("meeting", column("id", String), *_meeting(), column("venue_id", String), *_place())
conflict = table("conflict", column("id", Integer), column("meeting_id", String), column("field", String),
                 column("claims", String))
venue = table("venue", column("id", String), column("city", String), column("country", String),
              column("facility", String))
person = table("person", column("id", String), column("name", String))
role = table(
    "role", column("id", Integer), column("person_id", String), column("document_key", String), column("role", String),
    column("honorific", String), column("country", String), column("organization", String),
    column("on_behalf_of", String), *_span())
decision = table(
    "decision", column("id", String), column("document_key", String), column("local_id", String),
    column("number", String), column("text", String), column("status", String), *_span(),
    column("schedules", String))
slot = table(
    "slot", column("id", String), column("natural_key", String), column("document_key", String),
    column("decision_id", String), column("local_id", String), column("text", String), column("left_context", String),
    column("kind", String), column("meeting_local", String), column("field", String), *_span())
fill = table(
    "fill", column("slot_key", String), column("slot_id", String), column("value", String), column("filled_by", String),
    column("filled_at", DateTime(timezone=True)), column("old_value", String))
topic = table("topic", column("id", Integer), column("document_key", String), column("ident", String),
              column("label", String),
              column("title", String), *_span())
agenda_item = table("agenda_item", column("id", Integer), column("document_key", String), column("number", String),
                    column("title", String), *_span())
mention = table("mention", column("id", Integer), column("document_key", String), column("local_id", String),
                *_span())
fact_source = table(
    "fact_source", column("id", Integer), column("document_key", String), column("local_id", String),
    column("field", String), *_span(), column("sentence_start", Integer), column("sentence_end", Integer))
search_entry = table(
    "search_entry", column("id", Integer), column("kind", String), column("ident", String),
    column("document_key", String), column("label", String), column("body", String), column("terms", String))
schema_version = table("schema_version", column("name", String), column("position", Integer),
                       column("applied_at", DateTime(timezone=True)))
# created by the step 0003_fills from `store.fills`, which is the schema of this one
meeting_revision = table("meeting_revision", column("meeting_id", String), column("revision", Integer),
                         column("fingerprint", String), column("changed_at", DateTime))

ALL = (document, document_text, meeting_fact, meeting, conflict, venue, person, role, decision, slot, fill, topic,
       agenda_item, mention, schema_version, meeting_revision, fact_source, search_entry)
BY_NAME = {t.name: t for t in ALL}


def utc(value: datetime | str | None) -> datetime | str | None:
    """Stored times are UTC; SQLite gives them back without an offset (what SQLModel's UTCDateTime adds)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)
    return value
