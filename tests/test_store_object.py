"""The one store object (issue 13): `open_store(url) -> Store`, opened once per command and disposed after it."""

from __future__ import annotations

import time
from datetime import date

import pytest
from helpers import SEEDS, main_in_process

from tracker.errors import StoreError
from tracker.store import engine, migrations, open_store
from tracker.usecases import services


def test_a_store_is_a_context_manager_that_disposes_its_engine(db_url):
    with open_store(db_url) as store:
        assert services.status(store, date(2011, 1, 1)).totals["upcoming"] == 0  # created on first use
        assert store.current and store.engine.pool.checkedin() == 1  # the connection went back to the pool
    assert store.engine.pool.checkedin() == 0  # disposed: no connection left open
    assert migrations.state(store).pending == []  # a disposed store connects again when used


def test_the_password_never_shows_in_what_a_store_prints():
    store = open_store("postgresql://ann:s3cret@db.example/x")
    assert "s3cret" not in repr(store) and "ann:***@db.example" in repr(store)


def test_a_bad_url_is_refused_when_first_used_not_when_opened():
    store = open_store("nosuchdriver://x")  # a command checks its own arguments first, as it always did
    with pytest.raises(StoreError, match="cannot open database nosuchdriver://x"):
        store.ensure_current()


@pytest.fixture
def counted(monkeypatch):
    """Every Store made and every dispose() called, in order."""
    events: list[tuple[str, engine.Store]] = []
    made, dispose = engine.Store.__init__, engine.Store.dispose

    def init(self, url):
        made(self, url)
        events.append(("open", self))

    def disposing(self):
        events.append(("dispose", self))
        dispose(self)

    monkeypatch.setattr(engine.Store, "__init__", init)
    monkeypatch.setattr(engine.Store, "dispose", disposing)
    return events


@pytest.mark.parametrize("args", [["show", "ccm-msp-2"], ["status", "--as-of", "2010-11-01"],
                                  ["show", "nope"], ["fill", "001-fdd4221b5f7012ca-s5", "tomorrow"]])
def test_a_command_opens_one_store_and_disposes_it_however_it_ends(db_url, monkeypatch, capsys, counted, args):
    assert main_in_process(monkeypatch, capsys, "--db", db_url, "ingest", str(SEEDS))[0] == 0
    counted.clear()
    main_in_process(monkeypatch, capsys, "--db", db_url, *args)  # `show` calls two use cases; two end in errors
    assert [what for what, _ in counted] == ["open", "dispose"]
    assert counted[0][1] is counted[1][1]


def test_no_connection_stays_open_after_a_command_on_postgresql(postgres_server, monkeypatch, capsys):
    """Engines are disposed: after a command run in this process the server holds no connection of ours.
    (Before: one engine per URL cached for the life of the process, its pooled connection left open.)"""
    import psycopg
    from conftest import _fresh_postgres_database

    url = _fresh_postgres_database(postgres_server)
    name = url.partition("?")[0].rsplit("/", 1)[1]  # the query names the socket folder, slashes and all
    for args in (["ingest", str(SEEDS)], ["status", "--as-of", "2010-11-01"], ["meetings", "--json"]):
        code, _, err = main_in_process(monkeypatch, capsys, "--db", url, *args)
        assert code == 0, err
        deadline = time.monotonic() + 10  # a closed connection's server process may take a moment to go
        with psycopg.connect(postgres_server.get_uri(), autocommit=True) as probe:
            while True:
                left = probe.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (name,)).fetchone()[0]
                if left == 0 or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
        assert left == 0, f"{left} connection(s) left open after {args[0]}"
