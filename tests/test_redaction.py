"""A database password never reaches the screen: `errors.redacted`, the store's messages, the CLI's one handler.

The feed's side (its 500 page and its log) is in tests/test_export.py with the other feed tests.
"""

from __future__ import annotations

import pytest
from helpers import MSP2_A, main_in_process, write

from tracker import errors
from tracker.errors import StoreError

SECRET = "s3cret-Pw"


@pytest.mark.parametrize(("text", "shown"), [
    ("postgresql://user:secret@host/db", "postgresql://user:***@host/db"),
    ("postgresql+psycopg://user:secret@host:5432/db?sslmode=require", "postgresql+psycopg://user:***@host:5432/db?sslmode=require"),
    # SQLAlchemy reads a password up to the `@`: a slash or colon inside it must not leave its tail showing
    ("postgresql://user:pa/ss:wd@host/db", "postgresql://user:***@host/db"),
    ("postgresql://user:p@ss@host/db", "postgresql://user:***@host/db"),
    ("postgresql://user:p%40ss@host/db", "postgresql://user:***@host/db"),
    ("postgresql://:secret@host/db", "postgresql://:***@host/db"),
    ("postgresql://user:secret@[::1/db", "postgresql://user:***@[::1/db"),  # urllib.parse refuses this one
    ("postgresql://user@host/db?password=secret&sslmode=require", "postgresql://user@host/db?password=***&sslmode=require"),
    ("cannot open database 'postgresql://u:secret@h:x/db': invalid port; mail admin@example.org",
     "cannot open database 'postgresql://u:***@h:x/db': invalid port; mail admin@example.org"),
    ("two: a://u:one@h and b://v:two@k", "two: a://u:***@h and b://v:***@k"),
    # nothing to hide: left exactly as it was
    ("sqlite:////home/me/tracker.db", "sqlite:////home/me/tracker.db"),
    ("postgresql://user@host:5432/db", "postgresql://user@host:5432/db"),
    ("postgresql://host:5432/db failed", "postgresql://host:5432/db failed"),
    ("12:30 at user@example.org", "12:30 at user@example.org"),
])
def test_redacted_hides_the_password_and_only_it(text, shown):
    assert errors.redacted(text) == shown


# each fails in its own place: a malformed port (SQLAlchemy), no such dialect, a refused connection (psycopg)
BAD_URLS = [
    f"postgresql://tracker:{SECRET}@127.0.0.1:notaport/db",
    f"nosuchdb://tracker:{SECRET}@127.0.0.1:1/db",
    f"postgresql://tracker:{SECRET}@127.0.0.1:1/db",
    f"postgresql://tracker@127.0.0.1:notaport/db?password={SECRET}",
]
COMMANDS = [["status"], ["meetings"], ["slots", "--json"], ["db", "status"], ["db", "upgrade"], ["dump"],
            ["export", "ics"], ["fill", "x-s1", "12"], ["unfill", "x-s1"], ["history"], ["decide", "x-d1", "adopted"],
            ["show", "x"], ["ingest", "DOC"]]


@pytest.mark.parametrize("url", BAD_URLS)
def test_no_command_shows_the_password_of_a_bad_database_url(url, tmp_path, monkeypatch, capsys):
    doc = write(tmp_path, "doc.txt", MSP2_A)
    for command in COMMANDS:
        args = [str(doc) if a == "DOC" else a for a in command]
        code, out, err = main_in_process(monkeypatch, capsys, "--db", url, *args)
        assert SECRET not in err + out, (command, err)
        assert code == 4 and err.startswith("tracker: ") and len(err.splitlines()) == 1, (command, err)
        assert "***" in err or "connection" in err, (command, err)  # still says what failed


def test_the_handler_scrubs_any_message_as_a_last_line_of_defence(monkeypatch, capsys):
    from tracker.usecases import services

    def leaky(*_args, **_kwargs):
        raise StoreError(f"somebody's message: postgresql://u:{SECRET}@db.example.org/tracker is down")

    monkeypatch.setattr(services, "status", leaky)
    code, _out, err = main_in_process(monkeypatch, capsys, "--db", "sqlite:///unused.db", "status")
    assert code == 4 and SECRET not in err and "postgresql://u:***@db.example.org/tracker" in err


def test_a_bug_shows_its_traceback_without_the_password(monkeypatch, capsys):
    from tracker.usecases import services

    def buggy(*_args, **_kwargs):
        url = f"postgresql://u:{SECRET}@db.example.org/tracker"
        raise RuntimeError(f"unexpected: {url}")

    monkeypatch.setattr(services, "status", buggy)
    code, _out, err = main_in_process(monkeypatch, capsys, "--db", "sqlite:///unused.db", "status")
    assert code == 1 and "Traceback" in err and "RuntimeError" in err and SECRET not in err
