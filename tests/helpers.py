"""Small documents written inside the tests, and a runner for the console script against a database."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TRACKER = Path(sys.executable).with_name("tracker")
SEEDS = Path(__file__).resolve().parents[1] / "seeds"

MSP2_A = ("CCM/MSP/2011/1\n\nThe Second Meeting of States Parties to the Convention on Cluster Munitions will be "
          "held in Beirut from 12 to 16 September 2011.\n\n1. The Meeting decided to appoint [...] as President.\n")
MSP2_B = ("CCM/MSP/2011/2\n\nThe Second Meeting of States Parties to the Convention on Cluster Munitions will be "
          "held in Beirut from 13 to 17 September 2011.\n")


def cli(db_url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(TRACKER), "--db", db_url, *args], capture_output=True, text=True, timeout=120)


def main_in_process(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """`tracker ARGS` through `tracker.cli.main` (the one error handler) in this process: (exit code, out, err)."""
    from tracker.cli import main

    monkeypatch.setattr(sys, "argv", ["tracker", *args])
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    out = capsys.readouterr()
    return code, out.out, out.err


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


@contextmanager
def transaction(db_url: str, **kwargs) -> Iterator:
    """A connection in one writing transaction on the database at `db_url`; its store disposed after."""
    from tracker.store import open_store

    with open_store(db_url) as store, store.transaction(**kwargs) as conn:
        yield conn
