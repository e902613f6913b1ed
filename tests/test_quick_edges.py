"""Edges where the quick entry point (tracker/quick.py) must answer as the Typer app does: a flag given a value, a reader that goes away."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import SEEDS, cli
from test_startup import both_ways

from tracker.quick import parse


@pytest.mark.parametrize("args", [("status", "--json="), ("status", "--json=-x"), ("search", "Beirut", "--json=")])
def test_a_flag_given_a_value_is_left_to_the_typer_app(args):
    """click refuses `--json=` ("Option '--json' does not take a value", exit 2); quick took it as --json."""
    assert parse(list(args)) is None


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("args", [("status", "--json="), ("search", "Beirut", "--json=")])
def test_a_flag_given_a_value_answers_the_same_both_ways(db_url, args):
    assert cli(db_url, "ingest", str(SEEDS)).returncode == 0
    quick, typer_app = both_ways(db_url, *args)
    assert (quick.returncode, quick.stdout, quick.stderr) == (typer_app.returncode, typer_app.stdout,
                                                              typer_app.stderr)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("entry", ["tracker.__main__", "tracker.cli"])
def test_a_reader_gone_before_the_output_is_no_traceback(db_url, entry, tmp_path):
    """`tracker status | head -1` on a long report: the reader closes the pipe. click's main exits 1 without a
    word (EPIPE); the quick path printed a BrokenPipeError traceback."""
    assert cli(db_url, "ingest", str(SEEDS)).returncode == 0
    probe = (f"import sys\nsys.argv = ['tracker', '--db', {db_url!r}, 'status', '--limit', '0']\n"
             f"from {entry} import main\nmain()\n")
    reader = subprocess.Popen(["true"], stdin=subprocess.PIPE)
    reader.wait()  # the pipe's reader is gone before anything is written
    proc = subprocess.run([sys.executable, "-c", probe], stdout=reader.stdin, stderr=subprocess.PIPE, text=True,
                          cwd=tmp_path, timeout=120)
    reader.stdin.close()
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
