"""Opening a database from a URL: SQLite in WAL mode with a busy timeout, or PostgreSQL through psycopg 3."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError, SQLAlchemyError

from tracker.errors import StoreError, redacted

BUSY_TIMEOUT_MS = 30_000


def driver_url(url: str) -> str:
    """postgresql:// and postgres:// use psycopg 3; everything else is passed through."""
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


@lru_cache(maxsize=8)
def get_engine(url: str) -> Engine:
    """One engine per URL and process. Bad URLs are a StoreError, not a traceback."""
    try:
        engine = create_engine(driver_url(url))
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(redacted(f"cannot open database {url!r}: {exc}")) from None  # never its password
    if engine.dialect.name == "sqlite":
        _sqlite_pragmas(engine)
    return engine


def _sqlite_pragmas(engine: Engine) -> None:
    # pysqlite's own transaction handling skips DDL; take control so migrations are transactional
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    # IMMEDIATE: take the write lock at BEGIN, where the busy timeout applies. A deferred transaction that
    # reads, then writes while another process has committed meanwhile fails at once with "database is
    # locked" (its snapshot is stale; SQLite cannot wait that out), which two concurrent ingests hit.
    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class RowError(StoreError):
    """The database refused a row (a duplicate key, a NUL in PostgreSQL text): the data's fault, not the database's."""


def _reason(exc: DBAPIError) -> str:
    # the driver's words, not ours: whatever they quote, no password gets through
    return redacted(str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc))


@contextmanager
def transaction(url: str) -> Iterator[Connection]:
    """A connection inside one transaction; database failures become one-line StoreErrors."""
    engine = get_engine(url)
    try:
        with engine.begin() as conn:
            yield conn
    except (IntegrityError, DataError) as exc:
        raise RowError(f"the database refused a row ({engine.dialect.name}): {_reason(exc)}") from None
    except (OperationalError, DBAPIError) as exc:
        raise StoreError(f"database error ({engine.dialect.name}): {_reason(exc)}") from None
