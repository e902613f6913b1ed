"""The search index read: the entries whose terms hold every part of a query, in the order they were indexed.

SQLite asks its FTS5 table (`search_fts`, external content over `search_entry`), PostgreSQL the GIN index on
the 'simple' tsvector of `search_entry.terms`; both get the same terms from `rules.search_terms`. Hits come
in index order (rowid / id), so a query stops at its limit instead of ranking every match first.
"""

from __future__ import annotations

from sqlalchemy import func, literal_column, select
from sqlalchemy.engine import Connection

from tracker.rules.search_terms import Part, fts5_query, tsquery
from tracker.store import core

E = core.search_entry


def entries(conn: Connection, parts: list[Part], kinds: tuple[str, ...] = (), limit: int = 20) -> list:
    """The first `limit` entries matching every part (rows with kind, ident, document_key, label, body)."""
    if not parts:
        return []
    if conn.dialect.name == "sqlite":
        # the FTS table drives, in rowid order, so the first `limit` matches end the query
        from tracker.store.lite import fts_sql  # one statement for both paths (store.lite reads it too)

        return conn.exec_driver_sql(fts_sql(len(kinds)), (fts5_query(parts), *kinds, limit)).all()
    simple = literal_column("'simple'")  # written out, not bound: the GIN index is on to_tsvector('simple', terms)
    q = select(E.c.id, E.c.kind, E.c.ident, E.c.document_key, E.c.label, E.c.body).where(
        func.to_tsvector(simple, E.c.terms).op("@@")(func.to_tsquery(simple, tsquery(parts))))
    if kinds:
        q = q.where(E.c.kind.in_(kinds))
    return conn.execute(q.order_by(E.c.id).limit(limit)).all()
