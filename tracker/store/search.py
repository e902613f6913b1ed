"""The search index read: the entries whose terms hold every part of a query, in the order they were indexed.

SQLite asks its FTS5 table (`search_fts`, external content over `search_entry`), PostgreSQL the GIN index on
the 'simple' tsvector of `search_entry.terms`; both get the same terms from `rules.search_terms`. Hits come
in index order (rowid / id), so a query stops at its limit instead of ranking every match first.
"""

from __future__ import annotations

from sqlalchemy import bindparam, func, literal_column, select, text
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
        sql = ("SELECT e.id, e.kind, e.ident, e.document_key, e.label, e.body FROM search_fts "
               "JOIN search_entry AS e ON e.id = search_fts.rowid WHERE search_fts MATCH :match"
               + (" AND e.kind IN :kinds" if kinds else "") + " ORDER BY search_fts.rowid LIMIT :limit")
        stmt = text(sql).bindparams(match=fts5_query(parts), limit=limit)
        if kinds:
            stmt = stmt.bindparams(bindparam("kinds", list(kinds), expanding=True))
        return conn.execute(stmt).all()
    simple = literal_column("'simple'")  # written out, not bound: the GIN index is on to_tsvector('simple', terms)
    q = select(E.c.id, E.c.kind, E.c.ident, E.c.document_key, E.c.label, E.c.body).where(
        func.to_tsvector(simple, E.c.terms).op("@@")(func.to_tsquery(simple, tsquery(parts))))
    if kinds:
        q = q.where(E.c.kind.in_(kinds))
    return conn.execute(q.order_by(E.c.id).limit(limit)).all()
