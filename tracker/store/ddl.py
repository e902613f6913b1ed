"""The schema steps' DDL, frozen as it was when each step was written, one text per dialect.

Never edit a step here: a database that applied it keeps what it created, so a change is a new step
(`ALTER TABLE … ADD COLUMN`, `CREATE INDEX …`) appended to `migrations.STEPS`, and the table classes
(`tables.py`, `fills.py`) changed to match; `tests/test_migrations.py` checks that a database built step by
step equals one built fresh and that the classes and the migrated schema agree.

Step 1 and step 3 were generated once (SQLAlchemy's CreateTable/CreateIndex for SQLite and PostgreSQL) from the
classes as they stood at issue 13, the schema every database created since step 3 has; they differ between the
dialects only where the databases do: SERIAL ids and time-zone-aware timestamps on PostgreSQL.
"""

from __future__ import annotations

# the bookkeeping table, created before any step (IF NOT EXISTS: every upgrade runs it)
SCHEMA_VERSION = {
    "sqlite": """CREATE TABLE IF NOT EXISTS schema_version (
    name VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    applied_at DATETIME NOT NULL,
    PRIMARY KEY (name)
)""",
    "postgresql": """CREATE TABLE IF NOT EXISTS schema_version (
    name VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    applied_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name)
)""",
}

# 0001_tables: the documents' tables and the fill table
STEP_0001_TABLES = {
    "sqlite": (
        """CREATE TABLE agenda_item (
    id INTEGER NOT NULL,
    document_key VARCHAR NOT NULL,
    number VARCHAR NOT NULL,
    title VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_agenda_item_document_key ON agenda_item (document_key)",
        """CREATE TABLE "conflict" (
    id INTEGER NOT NULL,
    meeting_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    claims VARCHAR NOT NULL,
    PRIMARY KEY (id)
)""",
        'CREATE INDEX ix_conflict_meeting_id ON "conflict" (meeting_id)',
        """CREATE TABLE decision (
    id VARCHAR NOT NULL,
    document_key VARCHAR NOT NULL,
    local_id VARCHAR NOT NULL,
    number VARCHAR,
    text VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_decision_document_key ON decision (document_key)",
        "CREATE INDEX ix_decision_status ON decision (status)",
        """CREATE TABLE document (
    "key" VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    symbol VARCHAR,
    instrument VARCHAR,
    language VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    title VARCHAR,
    doc_date DATE,
    ingested_at DATETIME NOT NULL,
    PRIMARY KEY ("key")
)""",
        "CREATE INDEX ix_document_instrument ON document (instrument)",
        "CREATE INDEX ix_document_sha256 ON document (sha256)",
        """CREATE TABLE document_text (
    "key" VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    PRIMARY KEY ("key")
)""",
        """CREATE TABLE fill (
    slot_key VARCHAR NOT NULL,
    slot_id VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    filled_by VARCHAR NOT NULL,
    filled_at DATETIME NOT NULL,
    old_value VARCHAR,
    PRIMARY KEY (slot_key)
)""",
        """CREATE TABLE meeting (
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    instrument VARCHAR,
    kind VARCHAR NOT NULL,
    ordinal INTEGER,
    year INTEGER,
    start DATE,
    "end" DATE,
    precision VARCHAR NOT NULL,
    start_time VARCHAR,
    end_time VARCHAR,
    duration_days FLOAT,
    venue_id VARCHAR,
    city VARCHAR,
    country VARCHAR,
    facility VARCHAR,
    chair VARCHAR,
    host VARCHAR,
    languages VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    parent VARCHAR,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_meeting_instrument ON meeting (instrument)",
        "CREATE INDEX ix_meeting_start ON meeting (start)",
        """CREATE TABLE meeting_fact (
    id INTEGER NOT NULL,
    document_key VARCHAR NOT NULL,
    local_id VARCHAR NOT NULL,
    meeting_id VARCHAR,
    name VARCHAR NOT NULL,
    instrument VARCHAR,
    kind VARCHAR NOT NULL,
    ordinal INTEGER,
    year INTEGER,
    start DATE,
    "end" DATE,
    precision VARCHAR NOT NULL,
    start_time VARCHAR,
    end_time VARCHAR,
    duration_days FLOAT,
    city VARCHAR,
    country VARCHAR,
    facility VARCHAR,
    chair VARCHAR,
    host VARCHAR,
    languages VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    parent VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_meeting_fact_document_key ON meeting_fact (document_key)",
        "CREATE INDEX ix_meeting_fact_meeting_id ON meeting_fact (meeting_id)",
        """CREATE TABLE mention (
    id INTEGER NOT NULL,
    document_key VARCHAR NOT NULL,
    local_id VARCHAR NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_mention_document_key ON mention (document_key)",
        """CREATE TABLE person (
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    PRIMARY KEY (id)
)""",
        """CREATE TABLE role (
    id INTEGER NOT NULL,
    person_id VARCHAR NOT NULL,
    document_key VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    honorific VARCHAR,
    country VARCHAR,
    organization VARCHAR,
    on_behalf_of VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_role_document_key ON role (document_key)",
        "CREATE INDEX ix_role_person_id ON role (person_id)",
        """CREATE TABLE slot (
    id VARCHAR NOT NULL,
    natural_key VARCHAR NOT NULL,
    document_key VARCHAR NOT NULL,
    decision_id VARCHAR,
    local_id VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    left_context VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    meeting_local VARCHAR,
    field VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_slot_document_key ON slot (document_key)",
        "CREATE INDEX ix_slot_natural_key ON slot (natural_key)",
        """CREATE TABLE topic (
    id INTEGER NOT NULL,
    document_key VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_topic_document_key ON topic (document_key)",
        """CREATE TABLE venue (
    id VARCHAR NOT NULL,
    city VARCHAR,
    country VARCHAR,
    facility VARCHAR,
    PRIMARY KEY (id)
)""",
    ),
    "postgresql": (
        """CREATE TABLE agenda_item (
    id SERIAL NOT NULL,
    document_key VARCHAR NOT NULL,
    number VARCHAR NOT NULL,
    title VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_agenda_item_document_key ON agenda_item (document_key)",
        """CREATE TABLE conflict (
    id SERIAL NOT NULL,
    meeting_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    claims VARCHAR NOT NULL,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_conflict_meeting_id ON conflict (meeting_id)",
        """CREATE TABLE decision (
    id VARCHAR NOT NULL,
    document_key VARCHAR NOT NULL,
    local_id VARCHAR NOT NULL,
    number VARCHAR,
    text VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_decision_document_key ON decision (document_key)",
        "CREATE INDEX ix_decision_status ON decision (status)",
        """CREATE TABLE document (
    key VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    symbol VARCHAR,
    instrument VARCHAR,
    language VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    title VARCHAR,
    doc_date DATE,
    ingested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (key)
)""",
        "CREATE INDEX ix_document_instrument ON document (instrument)",
        "CREATE INDEX ix_document_sha256 ON document (sha256)",
        """CREATE TABLE document_text (
    key VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    PRIMARY KEY (key)
)""",
        """CREATE TABLE fill (
    slot_key VARCHAR NOT NULL,
    slot_id VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    filled_by VARCHAR NOT NULL,
    filled_at TIMESTAMP WITH TIME ZONE NOT NULL,
    old_value VARCHAR,
    PRIMARY KEY (slot_key)
)""",
        """CREATE TABLE meeting (
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    instrument VARCHAR,
    kind VARCHAR NOT NULL,
    ordinal INTEGER,
    year INTEGER,
    start DATE,
    "end" DATE,
    precision VARCHAR NOT NULL,
    start_time VARCHAR,
    end_time VARCHAR,
    duration_days FLOAT,
    venue_id VARCHAR,
    city VARCHAR,
    country VARCHAR,
    facility VARCHAR,
    chair VARCHAR,
    host VARCHAR,
    languages VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    parent VARCHAR,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_meeting_instrument ON meeting (instrument)",
        "CREATE INDEX ix_meeting_start ON meeting (start)",
        """CREATE TABLE meeting_fact (
    id SERIAL NOT NULL,
    document_key VARCHAR NOT NULL,
    local_id VARCHAR NOT NULL,
    meeting_id VARCHAR,
    name VARCHAR NOT NULL,
    instrument VARCHAR,
    kind VARCHAR NOT NULL,
    ordinal INTEGER,
    year INTEGER,
    start DATE,
    "end" DATE,
    precision VARCHAR NOT NULL,
    start_time VARCHAR,
    end_time VARCHAR,
    duration_days FLOAT,
    city VARCHAR,
    country VARCHAR,
    facility VARCHAR,
    chair VARCHAR,
    host VARCHAR,
    languages VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    parent VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_meeting_fact_document_key ON meeting_fact (document_key)",
        "CREATE INDEX ix_meeting_fact_meeting_id ON meeting_fact (meeting_id)",
        """CREATE TABLE mention (
    id SERIAL NOT NULL,
    document_key VARCHAR NOT NULL,
    local_id VARCHAR NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_mention_document_key ON mention (document_key)",
        """CREATE TABLE person (
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    PRIMARY KEY (id)
)""",
        """CREATE TABLE role (
    id SERIAL NOT NULL,
    person_id VARCHAR NOT NULL,
    document_key VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    honorific VARCHAR,
    country VARCHAR,
    organization VARCHAR,
    on_behalf_of VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_role_document_key ON role (document_key)",
        "CREATE INDEX ix_role_person_id ON role (person_id)",
        """CREATE TABLE slot (
    id VARCHAR NOT NULL,
    natural_key VARCHAR NOT NULL,
    document_key VARCHAR NOT NULL,
    decision_id VARCHAR,
    local_id VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    left_context VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    meeting_local VARCHAR,
    field VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_slot_document_key ON slot (document_key)",
        "CREATE INDEX ix_slot_natural_key ON slot (natural_key)",
        """CREATE TABLE topic (
    id SERIAL NOT NULL,
    document_key VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    paragraph INTEGER,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_topic_document_key ON topic (document_key)",
        """CREATE TABLE venue (
    id VARCHAR NOT NULL,
    city VARCHAR,
    country VARCHAR,
    facility VARCHAR,
    PRIMARY KEY (id)
)""",
    ),
}

# 0003_fills: fill history, the meeting values fills give, decided states, meeting revisions (issue 5)
STEP_0003_FILLS = {
    "sqlite": (
        """CREATE TABLE decision_state (
    decision_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    decided_by VARCHAR NOT NULL,
    decided_at DATETIME NOT NULL,
    PRIMARY KEY (decision_id)
)""",
        """CREATE TABLE fill_event (
    id INTEGER NOT NULL,
    slot_key VARCHAR NOT NULL,
    slot_id VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    old_value TEXT,
    new_value TEXT,
    typed TEXT,
    filled_by VARCHAR NOT NULL,
    at DATETIME NOT NULL,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_fill_event_slot_key ON fill_event (slot_key)",
        """CREATE TABLE fill_value (
    slot_key VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (slot_key)
)""",
        """CREATE TABLE meeting_revision (
    meeting_id VARCHAR NOT NULL,
    revision INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    changed_at DATETIME,
    PRIMARY KEY (meeting_id)
)""",
    ),
    "postgresql": (
        """CREATE TABLE decision_state (
    decision_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    decided_by VARCHAR NOT NULL,
    decided_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (decision_id)
)""",
        """CREATE TABLE fill_event (
    id SERIAL NOT NULL,
    slot_key VARCHAR NOT NULL,
    slot_id VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    old_value TEXT,
    new_value TEXT,
    typed TEXT,
    filled_by VARCHAR NOT NULL,
    at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_fill_event_slot_key ON fill_event (slot_key)",
        """CREATE TABLE fill_value (
    slot_key VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (slot_key)
)""",
        """CREATE TABLE meeting_revision (
    meeting_id VARCHAR NOT NULL,
    revision INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    changed_at TIMESTAMP WITHOUT TIME ZONE,
    PRIMARY KEY (meeting_id)
)""",
    ),
}


# step 0006_corrections: corrections of any extracted field, and the history of every change but fills
STEP_0006_CORRECTIONS = {
    "sqlite": (
        """CREATE TABLE correction (
    kind VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    value TEXT NOT NULL,
    typed TEXT,
    set_by VARCHAR NOT NULL,
    set_at DATETIME NOT NULL,
    PRIMARY KEY (kind, target, field)
)""",
        """CREATE TABLE change_event (
    id INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    old_value TEXT,
    new_value TEXT,
    base TEXT,
    note TEXT,
    changed_by VARCHAR NOT NULL,
    at DATETIME NOT NULL,
    undoes VARCHAR,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_change_event_target ON change_event (target)",
    ),
    "postgresql": (
        """CREATE TABLE correction (
    kind VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    value TEXT NOT NULL,
    typed TEXT,
    set_by VARCHAR NOT NULL,
    set_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (kind, target, field)
)""",
        """CREATE TABLE change_event (
    id SERIAL NOT NULL,
    kind VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    old_value TEXT,
    new_value TEXT,
    base TEXT,
    note TEXT,
    changed_by VARCHAR NOT NULL,
    at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    undoes VARCHAR,
    PRIMARY KEY (id)
)""",
        "CREATE INDEX ix_change_event_target ON change_event (target)",
    ),
}


def _fact_source(serial: str) -> tuple[str, ...]:
    return (f"""CREATE TABLE fact_source (
    id {serial} NOT NULL,
    document_key VARCHAR NOT NULL,
    local_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    paragraph INTEGER,
    sentence_start INTEGER,
    sentence_end INTEGER,
    PRIMARY KEY (id)
)""", "CREATE INDEX ix_fact_source_document_key ON fact_source (document_key)")


# where each document states each field of a meeting, with its sentence (show quotes it)
STEP_0008_PROVENANCE = {"sqlite": _fact_source("INTEGER"), "postgresql": _fact_source("SERIAL")}


def _search_entry(serial: str) -> tuple[str, ...]:
    return (f"""CREATE TABLE search_entry (
    id {serial} NOT NULL,
    kind VARCHAR NOT NULL,
    ident VARCHAR NOT NULL,
    document_key VARCHAR,
    label VARCHAR,
    body VARCHAR NOT NULL,
    terms VARCHAR NOT NULL,
    PRIMARY KEY (id)
)""", "CREATE INDEX ix_search_entry_document_key ON search_entry (document_key)",
            "CREATE INDEX ix_search_entry_kind_ident ON search_entry (kind, ident)")


# the search index: SQLite's FTS5 over search_entry.terms (external content, kept by triggers; the terms are
# already words and Han bigrams separated by spaces, so the unicode61 tokenizer only splits them again);
# PostgreSQL's GIN index over the 'simple' tsvector of the same terms
STEP_0009_SEARCH = {
    "sqlite": (*_search_entry("INTEGER"),
               "CREATE VIRTUAL TABLE search_fts USING fts5(terms, content='search_entry', content_rowid='id', "
               "tokenize='unicode61 remove_diacritics 2')",
               """CREATE TRIGGER search_entry_added AFTER INSERT ON search_entry BEGIN
    INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms);
END""",
               """CREATE TRIGGER search_entry_removed AFTER DELETE ON search_entry BEGIN
    INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
END"""),
    "postgresql": (*_search_entry("SERIAL"),
                   "CREATE INDEX ix_search_entry_terms ON search_entry USING gin (to_tsvector('simple', terms))"),
}
