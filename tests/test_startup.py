"""`tracker status` and `tracker search` start fast (tracker/quick.py, store/lite.py) and answer as before.

The entry point (`tracker/__main__.py:main`) hands plain arguments of the two read commands to `tracker.quick`
(no Typer), and a plain SQLite file to `store.lite` (no SQLAlchemy). Each case below runs through the entry
point and through the Typer app (`tracker.cli.main`) on the same seeded store, SQLite and PostgreSQL, and the
two must agree byte for byte on stdout and stderr and on the exit code, errors included. Which libraries a
process loads is checked in a process of its own (sys.modules), never by timing.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import MSP2_A, MSP2_B, SEEDS, Ran, cli, tracker, write

from tracker.quick import parse


def run(main, *args: str) -> Ran:
    """`tracker ARGS` in this process through `main` (the entry point, or the Typer app's)."""
    return tracker(*args, main=main)


def both_ways(db_url: str, *args: str) -> tuple[Ran, Ran]:
    from tracker.__main__ import main as entry
    from tracker.cli import main as typer_main

    return run(entry, "--db", db_url, *args), run(typer_main, "--db", db_url, *args)


@pytest.fixture
def seeded(db_url, tmp_path):
    """The seeds and two documents that disagree, a fill, corrections (one at odds with the documents) and a
    decision decided: every section of status has rows."""
    docs = tmp_path / "docs"
    write(docs, "a.txt", MSP2_A)
    write(docs, "b.txt", MSP2_B)
    assert cli(db_url, "ingest", str(SEEDS), str(docs)).returncode == 0
    for args in (("fill", "001-fdd4221b5f7012ca-s7", "Lebanon", "--by", "ann"),
                 ("set", "ccm-msp-2", "city", "Geneva", "--by", "ann"),
                 ("set", "001-fdd4221b5f7012ca-d2", "text", "corrected words", "--by", "ann"),
                 ("set", "001-fdd4221b5f7012ca-s1", "kind", "person", "--by", "ann"),
                 ("decide", "001-fdd4221b5f7012ca-d3", "adopted", "--by", "ann")):
        ran = cli(db_url, *args)
        assert ran.returncode == 0, ran.stderr
    return db_url


PLAIN = [  # taken by tracker.quick
    ("status",), ("status", "--as-of", "2010-11-01"), ("status", "--as-of=2010-11-01", "--json"),
    ("status", "--as-of", "1/11/2010", "--limit", "2"), ("status", "--limit", "0", "--as-of", "1 Nov 2010"),
    ("status", "--json", "--limit=3", "--as-of", "2010-11-01"), ("status", "--as-of", "tomorrow"),
    ("status", "--as-of", "9999-12-31"), ("status", "--as-of", "2011-02-30"), ("status", "--limit", "1000000001"),
    ("search", "Beirut"), ("search", "贝鲁特"), ("search", "--kind", "meeting", "贝鲁特", "--json"),
    ("search", "Beirut", "--kind", "meeting", "--kind", "slot", "--limit", "1"), ("search", "会议", "--limit=2"),
    ("search", "Geneva"), ("search", "corrected words"), ("search", "!!!"), ("search", "Beirut", "--kind", "foo"),
    ("search", "Beirut", "--limit", "0"), ("search", "no such word at all"),
]
TYPER = [  # left to the Typer app: its help, its messages
    ("status", "--help"), ("status", "--limit", "-1"), ("status", "--limit", "x"), ("status", "--bogus"),
    ("status", "extra"), ("status", "--json=yes"), ("status", "--limit", "1", "--limit", "2"),
    ("status", "--limit", "99999999999"), ("search",), ("search", "a", "b"), ("search", "-x"),
    ("search", "Beirut", "--limit", "-3"), ("search", "Beirut", "--kind"), ("--version",), ("stat",),
    ("status", "--as-of", ""),
]


def test_the_plain_cases_are_the_quick_ones():
    assert all(parse(list(args)) is not None for args in PLAIN)
    assert [args for args in TYPER if parse(list(args)) is not None] == []
    assert parse(["--db", "sqlite:///x.db", "status"]).db == "sqlite:///x.db"
    assert parse(["--db", "x.db", "--db", "y.db", "status"]) is None
    assert parse(["status", "--as-of", "\udcff"]) is None  # bytes that are not UTF-8: the Typer app says so


@pytest.mark.parametrize("args", PLAIN + TYPER, ids=" ".join)
def test_each_case_answers_the_same_through_the_entry_point_and_the_typer_app(seeded, args):
    quick, typer_app = both_ways(seeded, *args)
    assert (quick.returncode, quick.stdout_bytes, quick.stderr_bytes) == (
        typer_app.returncode, typer_app.stdout_bytes, typer_app.stderr_bytes)


@pytest.mark.parametrize("args", [("status",), ("status", "--json"), ("search", "Beirut"), ("search", "x", "--json")])
def test_an_empty_a_missing_and_an_old_database_answer_the_same(db_url, tmp_path, args):
    """A new database is created (then empty), and one a step behind says `tracker db upgrade` (exit 4): the
    fast path leaves both to the store's engine. PostgreSQL: the same database each time."""
    from tracker.store import migrations, open_store

    quick, typer_app = both_ways(db_url, *args)
    assert (quick.returncode, quick.stdout, quick.stderr) == (typer_app.returncode, typer_app.stdout, typer_app.stderr)
    if db_url.startswith("sqlite"):
        db_url = f"sqlite:///{tmp_path / 'old.db'}"
        with open_store(db_url) as store:
            migrations.upgrade(store, stop_after=migrations.STEPS[-2][0])
        quick, typer_app = both_ways(db_url, *args)
        assert quick.returncode == 4 and "tracker db upgrade" in quick.stderr
        assert (quick.returncode, quick.stdout, quick.stderr) == (typer_app.returncode, typer_app.stdout,
                                                                  typer_app.stderr)


def test_a_database_that_is_not_one_fails_the_same(tmp_path):
    junk = write(tmp_path, "junk.db", "this is no database\n" * 100)
    for args in (("status",), ("search", "Beirut")):
        quick, typer_app = both_ways(f"sqlite:///{junk}", *args)
        assert quick.returncode == 4
        assert (quick.returncode, quick.stdout, quick.stderr) == (typer_app.returncode, typer_app.stdout,
                                                                  typer_app.stderr)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite3_reads_what_sqlalchemy_reads(seeded, monkeypatch):
    """store.lite against the engine's path on one SQLite file: the same report and the same hits."""
    from datetime import date

    from tracker.store import open_store
    from tracker.store.engine import Store
    from tracker.usecases import services

    def read():
        with open_store(seeded) as store:
            reports = [services.status(store, date(2010, 11, 1), limit) for limit in (20, 2, None)]
            hits = [services.search(store, q, kinds, 5) for q, kinds in
                    (("Geneva", ()), ("日内瓦", ("meeting",)), ("会议", ("decision", "slot")))]  # the corrected city
        return reports, hits

    assert open_store(seeded).sqlite_file is not None
    fast = read()
    monkeypatch.setattr(Store, "sqlite_file", property(lambda self: None))
    assert read() == fast
    assert fast[0][0].conflicts and fast[0][0].upcoming and fast[0][0].decisions and fast[1][0]


def loaded(args: list[str], cwd) -> set[str]:
    """The heavy libraries a `tracker ARGS` process has loaded when it ends (its entry point, as installed)."""
    probe = ("import sys\nfrom tracker.__main__ import main\nsys.argv = ['tracker', *sys.argv[1:]]\n"
             "try:\n    main()\nfinally:\n    print(sorted({m.split('.')[0] for m in sys.modules}), file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=cwd, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return set(eval(proc.stderr.strip().splitlines()[-1])) & {  # noqa: S307 -- our own probe's list
        "sqlalchemy", "sqlmodel", "pydantic", "typer", "click", "rich", "dateutil", "psycopg"}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_status_and_search_on_sqlite_load_neither_typer_nor_sqlalchemy(seeded, tmp_path):
    for args in (["status", "--as-of", "2010-11-01"], ["status", "--json"], ["search", "Beirut"],
                 ["search", "贝鲁特", "--kind", "meeting", "--json"]):
        assert loaded(["--db", seeded, *args], tmp_path) == set(), args
    # anything else goes to the Typer app, which loads what it always did
    assert {"typer", "sqlalchemy"} <= loaded(["--db", seeded, "meetings"], tmp_path)


def test_the_quick_options_are_the_typer_commands_options():
    """Options and defaults the plain parser knows are those the Typer commands declare: an option added to one
    of them reaches the Typer app (parse refuses what it does not know), a changed default fails here."""
    import typer.main

    from tracker.cli import app
    from tracker.quick import OPTIONS, SEARCH_LIMIT, STATUS_LIMIT

    group = typer.main.get_command(app)
    for name, default_limit in (("status", STATUS_LIMIT), ("search", SEARCH_LIMIT)):
        params = {p.opts[0]: p for p in group.commands[name].params if p.param_type_name == "option"}
        assert set(params) == set(OPTIONS[name]), name
        assert params["--limit"].default == default_limit
        assert all(params[o].is_flag == (kind is None) for o, kind in OPTIONS[name].items()), name


def test_the_installed_command_answers_help_and_status(tmp_path):
    from helpers import process

    assert process("--help").returncode == 0
    ran = process("--db", f"sqlite:///{tmp_path / 'new.db'}", "status", "--json")
    assert ran.returncode == 0 and '"upcoming": []' in ran.stdout
