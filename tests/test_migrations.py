"""Migrations that stay true (issue 13): each step's DDL is frozen, so a database upgraded step by step over
the releases and one created fresh today have the same schema, and a step added later applies to both.

Schemas are compared as SQLAlchemy's inspector reads them: tables, columns (name, type, nullability, primary
key) and indexes (name, columns, uniqueness). Every test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import _fresh_postgres_database
from sqlalchemy import Column, String, inspect, text

from tracker.store import migrations, open_store
from tracker.store import tables as t

NOW = datetime(2011, 1, 1, tzinfo=UTC)
STEP_NAMES = [name for name, _ in migrations.STEPS]


@pytest.fixture
def other_url(db_url, request, tmp_path) -> str:
    """A second empty database of the same kind as `db_url`."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'other.db'}"
    return _fresh_postgres_database(request.getfixturevalue("postgres_server"))


def schema(url: str) -> dict[str, dict]:
    """What the database holds, as the inspector reads it: {table: {columns, primary_key, indexes}}."""
    with open_store(url) as store, store.snapshot() as conn:
        seen = inspect(conn)
        return {name: {"columns": [(c["name"], c["type"].compile(dialect=conn.dialect), c["nullable"])
                                   for c in seen.get_columns(name)],
                       "primary_key": seen.get_pk_constraint(name)["constrained_columns"],
                       "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                                         for i in seen.get_indexes(name))}
                for name in sorted(seen.get_table_names()) if not name.startswith(FTS_TABLES)}


# SQLite's full-text index (step 0009_search): a virtual table and its shadow tables, which the inspector cannot type
# and no table class declares; `fts_tables` compares them by their SQL instead
FTS_TABLES = "search_fts"


def fts_tables(url: str) -> list[tuple[str, str]]:
    """The full-text tables and triggers as sqlite_master holds them (none on PostgreSQL)."""
    with open_store(url) as store, store.snapshot() as conn:
        if conn.dialect.name != "sqlite":
            return []
        return [tuple(r) for r in conn.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE name LIKE 'search_fts%' OR type = 'trigger' ORDER BY name"))]


def built_step_by_step(url: str) -> None:
    """As an old database lived: one release's step at a time, each by a tracker opened anew, with rows
    written between the steps."""
    for name in STEP_NAMES:
        with open_store(url) as store:
            assert migrations.upgrade(store, stop_after=name) == [name]
            if name == "0001_tables":
                with store.transaction() as conn:
                    conn.execute(t.DecisionRow.__table__.insert().values(
                        id="doc-d1", document_key="doc", local_id="d1", text="The Meeting decided.", status="proposed"))


def built_fresh(url: str) -> None:
    """As a new database is made: on first use, every step in one transaction."""
    with open_store(url) as store:
        store.ensure_current()


def class_tables():
    """The table classes the writer and the readers use: tables.py (SQLModel), fills.py's and corrections.py's own
    tables."""
    from sqlmodel import SQLModel

    from tracker.store import corrections, fills

    return {**SQLModel.metadata.tables, **fills.metadata.tables, **corrections.metadata.tables}


# PostgreSQL reads back FLOAT as its synonym DOUBLE PRECISION
SYNONYMS = {"DOUBLE PRECISION": "FLOAT"}


def disagreements(url: str) -> list[str]:
    """Where the table classes and the migrated schema differ: a table, a column (type, nullability) or an
    index the classes declare that the steps did not make. Indexes the steps add beyond them are fine."""
    found = schema(url)
    with open_store(url) as store:
        dialect = store.engine.dialect
    declared = class_tables()
    out = [f"table {name}: {'in the database only' if name in found else 'in the classes only'}"
           for name in sorted(set(found) ^ set(declared))]
    for name in sorted(set(found) & set(declared)):
        table = declared[name]
        want = [(c.name, c.type.compile(dialect=dialect), c.nullable) for c in table.columns]
        have = [(n, SYNONYMS.get(kind, kind), null) for n, kind, null in found[name]["columns"]]
        out += [f"{name}: column {c} in the classes, not in the database" for c in want if c not in have]
        out += [f"{name}: column {c} in the database, not in the classes" for c in have if c not in want]
        if [c.name for c in table.primary_key] != found[name]["primary_key"]:
            out.append(f"{name}: primary key {[c.name for c in table.primary_key]} vs {found[name]['primary_key']}")
        indexes = {(i.name, tuple(c.name for c in i.columns), bool(i.unique)) for i in table.indexes}
        out += [f"{name}: index {i} in the classes, not in the database" for i in sorted(indexes)
                if i not in found[name]["indexes"]]
    return out


def test_a_database_built_step_by_step_equals_one_built_fresh(db_url, other_url):
    built_step_by_step(db_url)
    built_fresh(other_url)
    old, new = schema(db_url), schema(other_url)
    assert set(old) == set(new)
    for name in old:
        assert old[name] == new[name], name
    assert "decision" in new and "fill_event" in new and "schema_version" in new
    assert fts_tables(db_url) == fts_tables(other_url)
    if db_url.startswith("sqlite"):
        assert {name for name, _ in fts_tables(db_url)} >= {"search_fts", "search_entry_added", "search_entry_removed"}


def test_the_table_classes_and_the_migrated_schema_agree(db_url):
    built_fresh(db_url)
    assert disagreements(db_url) == []


@pytest.fixture
def decision_with_a_new_column(monkeypatch):
    """What a developer does to add a field: a column on the table class, and a step appended to STEPS that
    adds it with plain DDL. Undone after the test."""
    column = Column("test_note", String, nullable=True)
    table = t.DecisionRow.__table__
    table.append_column(column)
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, (
        "9999_decision_test_note", lambda conn: conn.execute(text("ALTER TABLE decision ADD COLUMN test_note VARCHAR")))])
    yield column
    table._columns.remove(column)


def test_a_class_change_without_a_step_is_found(db_url):
    built_fresh(db_url)
    column = Column("test_note", String, nullable=True)
    table = t.DecisionRow.__table__
    table.append_column(column)
    try:
        assert disagreements(db_url) == ["decision: column ('test_note', 'VARCHAR', True) in the classes, "
                                         "not in the database"]
    finally:
        table._columns.remove(column)


def test_a_step_added_later_upgrades_an_old_database_and_creates_a_new_one_identically(db_url, other_url,
                                                                                     request):
    built_step_by_step(db_url)  # a database of the release before the new step, with a decision in it
    request.getfixturevalue("decision_with_a_new_column")
    with open_store(db_url) as old:
        assert migrations.state(old).pending == ["9999_decision_test_note"]
        assert migrations.upgrade(old) == ["9999_decision_test_note"]
        with old.snapshot() as conn:
            kept = conn.execute(text("SELECT id, test_note FROM decision")).all()
    assert [tuple(r) for r in kept] == [("doc-d1", None)]  # the old row is kept, its new field empty
    built_fresh(other_url)  # a new database gets the new step too, after the frozen ones
    with open_store(other_url) as new:
        assert migrations.state(new).applied == [*STEP_NAMES, "9999_decision_test_note"]
    assert schema(db_url) == schema(other_url)
    assert disagreements(db_url) == [] and disagreements(other_url) == []


def test_step_0013_topics_numbers_stored_topics_and_renames_their_search_entries(db_url):
    """Topics stored before topics had ids get the ids a re-ingest would give them (`<doc>-tN`, the Nth of its
    document), and their search entries, which named a topic by its label, follow."""
    with open_store(db_url) as store:
        migrations.upgrade(store, stop_after="0012_status")
        with store.transaction() as conn:
            rows = [("b", "x", "one"), ("a", "a", "first"), ("a", "b", "second"), ("b", "y", "two"), ("a", "a", "again")]
            for doc, label, title in rows:
                conn.execute(text("INSERT INTO topic (document_key, label, title) VALUES (:d, :l, :t)"),
                             {"d": doc, "l": label, "t": title})
                conn.execute(text("INSERT INTO search_entry (kind, ident, document_key, label, body, terms) "
                                  "VALUES ('topic', :l, :d, :l, :t, :t)"), {"d": doc, "l": label, "t": title})
            conn.execute(text("INSERT INTO search_entry (kind, ident, document_key, label, body, terms) "
                              "VALUES ('decision', 'a-d1', 'a', '1', 'decided', 'decided')"))
        assert migrations.upgrade(store) == ["0013_topics"]
        with store.snapshot() as conn:
            topics = [tuple(r) for r in conn.execute(text("SELECT ident, title FROM topic ORDER BY id"))]
            entries = [tuple(r) for r in conn.execute(text("SELECT kind, ident, body FROM search_entry ORDER BY id"))]
    assert topics == [("b-t1", "one"), ("a-t1", "first"), ("a-t2", "second"), ("b-t2", "two"), ("a-t3", "again")]
    assert entries == [("topic", "b-t1", "one"), ("topic", "a-t1", "first"), ("topic", "a-t2", "second"),
                       ("topic", "b-t2", "two"), ("topic", "a-t3", "again"), ("decision", "a-d1", "decided")]
