"""Opening a database from a URL: SQLite in WAL mode with a busy timeout, or PostgreSQL through psycopg 3.

`open_store(url)` gives the one `Store` object use cases take: it holds the engine and offers two kinds of
transaction. `snapshot` is for reading: on SQLite a plain deferred BEGIN, so in WAL mode a
reader sees the last committed state while a writer holds the write lock and never waits for it; on
PostgreSQL a read-only repeatable-read transaction (one snapshot for all of a report's queries) whose
statements are cancelled after READ_TIMEOUT_MS. `transaction` is for writing: on SQLite BEGIN IMMEDIATE,
on PostgreSQL optionally serialised with other writers of the same kind by an advisory lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tracker.errors import StoreError, redacted

if TYPE_CHECKING:  # SQLAlchemy is imported where an engine is made: status and search on SQLite need none
    from sqlalchemy.engine import Connection, Engine

BUSY_TIMEOUT_MS = 30_000
CONNECT_TIMEOUT_S = 5  # PostgreSQL: a server that accepts and never answers fails after this; ?connect_timeout=N
READ_TIMEOUT_MS = 60_000  # PostgreSQL: a read statement running longer is cancelled (a stuck server, a lock)
READ = "tracker_read"  # execution option: this connection's transaction only reads

# pg_advisory_xact_lock keys: writers that read, then insert rows other writers may insert too, take one
LOCKS = {"schema": 0x7472_0001, "ingest": 0x7472_0002}


def driver_url(url: str) -> str:
    """postgresql:// and postgres:// use psycopg 3; everything else is passed through."""
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _scrub(message: str, url: str) -> str:
    """A driver's message with the URL's password taken out, should it quote it."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        password = make_url(url).password
    except (ArgumentError, ValueError):
        password = None
    return message.replace(str(password), "***") if password else message


def _connect_args(url: str) -> dict:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(driver_url(url))
    except (ArgumentError, ValueError):
        return {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        return {"connect_timeout": CONNECT_TIMEOUT_S}
    return {}


def _make_engine(url: str) -> Engine:
    """A new engine for a URL (nothing connects yet). Bad URLs are a StoreError, not a traceback."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError

    try:
        engine = create_engine(driver_url(url), connect_args=_connect_args(url))
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(redacted(f"cannot open database {url}: {_scrub(str(exc), url)}")) from None
    if engine.dialect.name == "sqlite":
        _sqlite_pragmas(engine)
    return engine


def _sqlite_pragmas(engine: Engine) -> None:
    from sqlalchemy import event

    # pysqlite's own transaction handling skips DDL; take control so migrations are transactional
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    # Writers: IMMEDIATE takes the write lock at BEGIN, where the busy timeout applies. A deferred transaction
    # that reads, then writes while another process has committed meanwhile fails at once with "database is
    # locked" (its snapshot is stale; SQLite cannot wait that out), which two concurrent ingests hit.
    # Readers: a deferred BEGIN takes no lock at all in WAL mode; the first read fixes the snapshot.
    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ) else "BEGIN IMMEDIATE")


class RowError(StoreError):
    """The database refused a row (a duplicate key, a NUL in PostgreSQL text): the data's fault, not the database's."""


def _reason(exc, url: str) -> str:
    # the driver's words, not ours: whatever they quote, no password gets through
    return redacted(_scrub(str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc), url))


@contextmanager
def _failures(url: str, dialect: str) -> Iterator[None]:
    """Database failures become one-line StoreErrors that never show the URL's password."""
    from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError

    try:
        yield
    except (IntegrityError, DataError) as exc:
        raise RowError(f"the database refused a row ({dialect}): {_reason(exc, url)}") from None
    except (OperationalError, DBAPIError) as exc:
        raise StoreError(f"database error ({dialect}): {_reason(exc, url)}") from None


def lock(conn: Connection, name: str, shared: bool = False) -> None:
    """Serialise this transaction with every other one taking the same lock (PostgreSQL; until it ends).

    Shared holders run beside each other but not beside an exclusive one. On SQLite a writing transaction
    already holds the database's one write lock from its BEGIN IMMEDIATE."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy import text

        sql = "SELECT pg_advisory_xact_lock_shared(:key)" if shared else "SELECT pg_advisory_xact_lock(:key)"
        conn.execute(text(sql), {"key": LOCKS[name]})


class Store:
    """One open database: the object every use case takes. The CLI opens it once per command.

    `snapshot()` reads, `transaction()` writes, `ensure_current()` checks (or, for an empty database,
    creates) the schema once, `dispose()` closes the engine's pooled connections; `with open_store(url) as
    store:` disposes at the end. Messages show `url` with its password hidden."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None
        self.current = False  # ensure_current() has found the schema current

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.dispose()

    def __repr__(self) -> str:
        return f"Store({redacted(self.url)!r})"

    @property
    def engine(self) -> Engine:
        """Made on first use, so a command refuses its own bad arguments before a bad URL, as it always did."""
        if self._engine is None:
            self._engine = _make_engine(self.url)
        return self._engine

    @property
    def sqlite_file(self) -> str | None:
        """The file of a plain `sqlite:///PATH` URL that exists, which `store.lite` reads without SQLAlchemy;
        None for PostgreSQL, an in-memory or URI database, a URL with a query or escapes, or no file yet."""
        from tracker.store import lite

        return lite.plain_file(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _connect(self) -> Connection:
        """A pooled connection; a server that is down, refuses or never answers is a StoreError naming it."""
        from sqlalchemy.exc import DBAPIError

        try:
            return self.engine.connect()
        except DBAPIError as exc:
            raise StoreError(f"cannot connect to the database {redacted(self.url)}: {_reason(exc, self.url)}") from None

    @contextmanager
    def transaction(self, lock_name: str | None = None, shared: bool = False) -> Iterator[Connection]:
        """A connection inside one writing transaction, serialised with others taking `lock_name` first."""
        conn = self._connect()
        with _failures(self.url, conn.dialect.name), conn, conn.begin():
            if lock_name:
                lock(conn, lock_name, shared)
            yield conn

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A connection inside one reading transaction: it never waits for a writer and sees committed data only."""
        conn = self._connect()
        conn.execution_options(**{READ: True})
        with _failures(self.url, conn.dialect.name), conn, conn.begin():
            if conn.dialect.name == "postgresql":
                from sqlalchemy import text

                conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                conn.execute(text("SELECT set_config('statement_timeout', :ms, true)"), {"ms": str(READ_TIMEOUT_MS)})
            yield conn

    def ensure_current(self) -> None:
        """Create an empty database; refuse an out-of-date one with the command that fixes it (checked once)."""
        if not self.current:
            from tracker.store import lite

            path = self.sqlite_file  # a current SQLite file is told by one small SELECT, without SQLAlchemy
            if path is None or not lite.is_current(path):
                from tracker.store import migrations

                migrations.ensure_current(self)  # creates an empty database, or says what is wrong
            self.current = True

    def dispose(self) -> None:
        """Close every pooled connection; the store can still be used, and then connects again."""
        if self._engine is not None:
            self._engine.dispose()


def open_store(url: str) -> Store:
    """The store at `url` (sqlite:///file, postgresql://…); nothing connects until the first transaction."""
    return Store(url)
