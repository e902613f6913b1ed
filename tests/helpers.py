"""Small documents written inside the tests, and ways to run `tracker` against a database.

`cli` and `tracker` run the command in this process through `tracker.cli.main`, the one error handler a
real run goes through too: argv, stdin, stdout and stderr are swapped for the call (click's runner
isolation), the exit code is what `main` passes to `sys.exit`, and the database's engine is disposed
afterwards as a process exit would drop it. That proves the contract (output, one-line errors, exit
codes) at a fraction of the cost of starting Python. `process` starts the installed console script for
the tests where the process itself is the point: a signal, a terminal, argv bytes decoded by Python's
start-up, the exit status of something that could hang, several processes at once.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

TRACKER = Path(sys.executable).with_name("tracker")
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared: seed gold, real documents, the scorer

MSP2_A = ("CCM/MSP/2011/1\n\nThe Second Meeting of States Parties to the Convention on Cluster Munitions will be "
          "held in Beirut from 12 to 16 September 2011.\n\n1. The Meeting decided to appoint [...] as President.\n")
MSP2_B = ("CCM/MSP/2011/2\n\nThe Second Meeting of States Parties to the Convention on Cluster Munitions will be "
          "held in Beirut from 13 to 17 September 2011.\n")


@dataclass
class Ran:
    """What a run of `tracker` left behind, shaped like subprocess.CompletedProcess (text and bytes)."""

    args: list[str]
    returncode: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        """As `subprocess.run(..., text=True)` reads it: UTF-8 with universal newlines (CRLF and CR as LF)."""
        return _text(self.stdout_bytes.decode("utf-8"))

    @property
    def stderr(self) -> str:
        return _text(self.stderr_bytes.decode("utf-8", "backslashreplace"))


def _text(decoded: str) -> str:
    return decoded.replace("\r\n", "\n").replace("\r", "\n")


def tracker(*args: str, input: str | bytes | None = None, env: dict[str, str | None] | None = None,
            main=None) -> Ran:
    """`tracker ARGS` in this process, through `main` (`tracker.cli.main` unless given: the entry point's is
    `tracker.__main__.main`); not for use from several threads at once."""
    from typer.testing import CliRunner

    if main is None:
        from tracker.cli import main
    argv = sys.argv
    with CliRunner().isolation(input=input, env=env) as (out, err, _both):
        sys.argv = ["tracker", *args]
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = _exit_code(exc.code)
        finally:
            sys.argv = argv
            sys.stdout.flush()
            sys.stderr.flush()
        ran = Ran(list(args), code, out.getvalue(), err.getvalue())
    return ran


def cli(db_url: str, *args: str, **kwargs) -> Ran:
    """`tracker --db DB_URL ARGS` in this process (see `tracker`)."""
    return tracker("--db", db_url, *args, **kwargs)


def process(*args: str | bytes, timeout: float = 120, text: bool = True, **kwargs) -> subprocess.CompletedProcess:
    """The installed console script in a process of its own, for tests where the process is the point."""
    command = [bytes(TRACKER) if args and isinstance(args[0], bytes) else str(TRACKER), *args]
    return subprocess.run(command, capture_output=True, text=text, timeout=timeout, **kwargs)


def _exit_code(code: object) -> int:
    """What the interpreter makes of `sys.exit(code)`: None is 0, a number itself, anything else 1."""
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def main_in_process(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """`tracker ARGS` through `tracker.cli.main` (the one error handler) in this process: (exit code, out, err)."""
    from tracker.cli import main

    monkeypatch.setattr(sys, "argv", ["tracker", *args])
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc.code)
    out = capsys.readouterr()
    return code, out.out, out.err


def require_shared(*parts: str) -> Path:
    """A path under ../shared, or a loud failure: a graded test that skipped would hide a missing measure."""
    import pytest

    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: graded tests need ../shared (seed gold, real documents, the scorer) "
                    "beside the project; `pytest -m 'not graded'` leaves them out knowingly", pytrace=False)
    return path


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
