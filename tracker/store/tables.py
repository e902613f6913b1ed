"""Table definitions. Rows are not domain objects: `writer` and `queries` map between the two.

Natural keys wherever a person may refer to a row: document keys, meeting ids (ccm-msp-2), decision
and slot ids (<doc-key>-d7, <doc-key>-s3), and the slot natural key that fills hang on.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel


class SchemaVersion(SQLModel, table=True):
    __tablename__ = "schema_version"
    name: str = Field(primary_key=True)
    position: int
    applied_at: datetime


class DocumentRow(SQLModel, table=True):
    __tablename__ = "document"
    key: str = Field(primary_key=True)
    path: str
    sha256: str = Field(index=True)
    symbol: str | None = None
    instrument: str | None = Field(default=None, index=True)
    language: str
    kind: str
    title: str | None = None
    doc_date: date | None = None
    ingested_at: datetime
    format: str | None = None  # text, pdf, docx, doc, html, ics (NULL: stored before formats were told)
    file_size: int | None = Field(default=None, sa_type=BigInteger)  # the stat a re-ingest compares (0011_bulk)
    file_mtime_ns: int | None = Field(default=None, sa_type=BigInteger)


class DocumentTextRow(SQLModel, table=True):
    __tablename__ = "document_text"
    key: str = Field(primary_key=True)
    text: str
    page_starts: str | None = None  # where each page starts in text, comma-separated offsets (PDF only)


class MeetingFactRow(SQLModel, table=True):
    """One document's view of one meeting; consolidation points it at a meeting id."""

    __tablename__ = "meeting_fact"
    id: int | None = Field(default=None, primary_key=True)
    document_key: str = Field(index=True)
    local_id: str
    meeting_id: str | None = Field(default=None, index=True)
    name: str
    instrument: str | None = None
    kind: str
    ordinal: int | None = None
    year: int | None = None
    start: date | None = None
    end: date | None = None
    precision: str
    start_time: str | None = None
    end_time: str | None = None
    duration_days: float | None = None
    city: str | None = None
    country: str | None = None
    facility: str | None = None
    chair: str | None = None
    host: str | None = None
    languages: str = ""
    status: str
    parent: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    paragraph: int | None = None


class MeetingRow(SQLModel, table=True):
    __tablename__ = "meeting"
    id: str = Field(primary_key=True)
    name: str
    instrument: str | None = Field(default=None, index=True)
    kind: str
    ordinal: int | None = None
    year: int | None = None
    start: date | None = Field(default=None, index=True)
    end: date | None = None
    precision: str
    start_time: str | None = None
    end_time: str | None = None
    duration_days: float | None = None
    venue_id: str | None = None
    city: str | None = None
    country: str | None = None
    facility: str | None = None
    chair: str | None = None
    host: str | None = None
    languages: str = ""
    status: str
    parent: str | None = None


class ConflictRow(SQLModel, table=True):
    __tablename__ = "conflict"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: str = Field(index=True)
    field: str
    claims: str  # JSON list of [value, document key]


class VenueRow(SQLModel, table=True):
    __tablename__ = "venue"
    id: str = Field(primary_key=True)
    city: str | None = None
    country: str | None = None
    facility: str | None = None


class PersonRow(SQLModel, table=True):
    __tablename__ = "person"
    id: str = Field(primary_key=True)
    name: str


class RoleRow(SQLModel, table=True):
    __tablename__ = "role"
    id: int | None = Field(default=None, primary_key=True)
    person_id: str = Field(index=True)
    document_key: str = Field(index=True)
    role: str
    honorific: str | None = None
    country: str | None = None
    organization: str | None = None
    on_behalf_of: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    paragraph: int | None = None


class DecisionRow(SQLModel, table=True):
    __tablename__ = "decision"
    id: str = Field(primary_key=True)
    document_key: str = Field(index=True)
    local_id: str
    number: str | None = None
    text: str
    status: str = Field(index=True)
    span_start: int | None = None
    span_end: int | None = None
    paragraph: int | None = None
    schedules: str | None = None  # local ids of the meetings it schedules, comma-separated (step 0005)


class SlotRow(SQLModel, table=True):
    __tablename__ = "slot"
    id: str = Field(primary_key=True)
    natural_key: str = Field(index=True)
    document_key: str = Field(index=True)
    decision_id: str | None = None
    local_id: str
    text: str
    left_context: str
    kind: str
    meeting_local: str | None = None
    field: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    paragraph: int | None = None


class FillRow(SQLModel, table=True):
    """What a person typed into a slot. Keyed by the slot's natural key; re-ingest never deletes it."""

    __tablename__ = "fill"
    slot_key: str = Field(primary_key=True)
    slot_id: str
    value: str
    filled_by: str
    filled_at: datetime
    old_value: str | None = None


class TopicRow(SQLModel, table=True):
    __tablename__ = "topic"
    id: int | None = Field(default=None, primary_key=True)
    document_key: str = Field(index=True)
    ident: str | None = Field(default=None, index=True)  # <doc-key>-t4, what corrections hang on (0013_topics)
    label: str
    title: str
    span_start: int | None = None
    span_end: int | None = None
    paragraph: int | None = None


class AgendaItemRow(SQLModel, table=True):
    __tablename__ = "agenda_item"
    id: int | None = Field(default=None, primary_key=True)
    document_key: str = Field(index=True)
    number: str
    title: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    paragraph: int | None = None


class MentionRow(SQLModel, table=True):
    """Every place a document names a meeting (the first is also on the fact row)."""

    __tablename__ = "mention"
    id: int | None = Field(default=None, primary_key=True)
    document_key: str = Field(index=True)
    local_id: str
    span_start: int
    span_end: int
    paragraph: int | None = None


class FactSourceRow(SQLModel, table=True):
    """Where one document states one field of one meeting (step 0008_provenance): the words, their paragraph and the
    whole sentence around them, as offsets into the document's original text. The page of a paged document
    follows from the offset and the document's page starts."""

    __tablename__ = "fact_source"
    id: int | None = Field(default=None, primary_key=True)
    document_key: str = Field(index=True)
    local_id: str
    field: str
    span_start: int
    span_end: int
    paragraph: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None


class SearchEntryRow(SQLModel, table=True):
    """One searchable thing (step 0009_search): a meeting, decision, slot, topic or person, its text as written
    (`body`, for the snippet) and as index terms (`terms`: words casefolded, Han runs as character bigrams;
    see rules/search_terms.py). SQLite indexes `terms` in the FTS5 table search_fts (kept by triggers),
    PostgreSQL in a GIN index on its tsvector. Rows of a document go with its derived rows; a meeting's
    (document_key NULL) are rewritten when its group is consolidated."""

    __tablename__ = "search_entry"
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    ident: str
    document_key: str | None = Field(default=None, index=True)
    label: str | None = None
    body: str
    terms: str


# rows that are rebuilt from their document on every change of it (fills are not among them); the search
# entries of a document go with them too (writer.delete_documents), but a meeting's belong to no document
DERIVED = (DocumentTextRow, MeetingFactRow, RoleRow, DecisionRow, SlotRow, TopicRow, AgendaItemRow, MentionRow,
           FactSourceRow)
