"""The command line: output on stdout, one-line errors on stderr, documented exit codes.

CliRunner drives the Typer app in-process; the exit-code mapping of TrackerError lives in
`tracker.cli.main`, so those cases run `main` in-process too (helpers.tracker). A real process runs
where Python's start-up is the point: the console script itself, and argv bytes that are not UTF-8.
"""

from __future__ import annotations

import codecs
import json
import os
import struct
import subprocess
from pathlib import Path

import pytest
from helpers import process, tracker
from typer.testing import CliRunner

from tracker import __version__
from tracker.cli import app
from tracker.errors import InputError

# a UN cover page (symbol, distribution, date, languages) above word-segmented Chinese
ZH_DOC = (
    "CCM/MSP/2011/5\nDistr.: General\n12 July 2011\nChinese\nOriginal: English\n\n"
    "缔约国 第三 次 会议 将 于 2012年 9月 10日 至 14日 在 瑞士 日内瓦 举行 。\n会议 主席 由 缔约国 选举 产生 。\n"
)
# the same sentences as a Chinese document writes them without segmentation spaces
ZH_DOC_PLAIN = "缔约国第三次会议将于2012年9月10日至14日在瑞士日内瓦举行。\n会议主席由缔约国选举产生。\n"
EN_DOC = "The Third Meeting of States Parties will be held in Geneva from 10 to 14 September 2012.\n"

runner = CliRunner()


def run(*args: str) -> subprocess.CompletedProcess:
    """`tracker ARGS` through `tracker.cli.main` in this process, as bytes (see helpers.tracker)."""
    ran = tracker(*args)
    return subprocess.CompletedProcess(ran.args, ran.returncode, ran.stdout_bytes, ran.stderr_bytes)


def write(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_one_line_error(proc: subprocess.CompletedProcess, code: int) -> None:
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("tracker:")
    assert proc.stdout == b""


# ---------------------------------------------------------------- in-process (CliRunner)

def test_json_format_prints_valid_json_and_nothing_on_stderr(tmp_path):
    path = write(tmp_path, ZH_DOC.encode())
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["schema"] == 1
    assert data["document"]["language"] == "zh"
    assert "缔约国第三次会议" in [m["name"] for m in data["meetings"]]


def test_text_format_prints_a_summary(tmp_path):
    path = write(tmp_path, EN_DOC.encode())
    result = runner.invoke(app, ["extract", str(path), "--format", "text"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "Third Meeting of States Parties" in result.stdout
    for heading in ("meetings (1)", "decisions (", "unfilled slots ("):
        assert heading in result.stdout


def test_text_is_the_default_format(tmp_path):
    path = write(tmp_path, EN_DOC.encode())
    assert runner.invoke(app, ["extract", str(path)]).stdout.startswith("document ")


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "extract" in result.stdout and "version" in result.stdout


def test_version_prints_the_package_version():
    result = runner.invoke(app, ["version"])
    assert result.stdout.strip() == __version__


def test_unknown_command_is_a_usage_error_in_process():
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2


def test_unreadable_input_raises_input_error_for_main_to_map(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert isinstance(result.exception, InputError)
    assert result.exception.exit_code == 3


# ---------------------------------------------------------------- through main, the one error handler

def test_the_console_script_maps_errors_to_exit_codes_in_a_real_process(tmp_path):
    """The installed entry point is `tracker.cli.main`: one real run of each outcome, the rest in-process."""
    proc = process("extract", str(write(tmp_path, EN_DOC.encode())), "--format", "json", text=False)
    assert proc.returncode == 0 and proc.stderr == b"" and json.loads(proc.stdout)["schema"] == 1
    assert_one_line_error(process("extract", str(tmp_path / "nowhere.txt"), text=False), 3)
    usage = process("extract", "doc.txt", "--format", "xml", text=False)
    assert usage.returncode == 2 and b"Traceback" not in usage.stderr


def test_script_json_on_stdout_and_nothing_on_stderr(tmp_path):
    proc = run("extract", str(write(tmp_path, ZH_DOC.encode())), "--format", "json")
    assert proc.returncode == 0
    assert proc.stderr == b""
    assert json.loads(proc.stdout.decode("utf-8"))["document"]["language"] == "zh"


def test_script_text_summary(tmp_path):
    proc = run("extract", str(write(tmp_path, EN_DOC.encode())), "--format", "text")
    assert proc.returncode == 0
    assert b"meetings (1)" in proc.stdout


def test_script_help_lists_the_commands():
    proc = run("--help")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0
    assert "extract" in out and "version" in out


def test_missing_file_exits_3(tmp_path):
    assert_one_line_error(run("extract", str(tmp_path / "nowhere.txt")), 3)


def test_directory_exits_3(tmp_path):
    assert_one_line_error(run("extract", str(tmp_path)), 3)


BAD_INPUTS = {
    "empty": b"",
    "whitespace only": b" \n\r\n\t \n",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(200)),
    "text with a few NULs": b"Meeting of States Parties\x00\x00 agenda \x00 item 5",
    "neither UTF-8 nor GB18030": b"The Meeting \xff\xfe\xff decided \x81\x30 to \xff convene",
}


def test_latin1_text_is_read_as_latin_not_refused_or_mojibake(tmp_path):
    """Latin-1/Windows-1252 text was refused (exit 3); it is read as what it is now (issue 10, item 4)."""
    proc = run("extract", str(write(tmp_path, "Réunion des États parties à Genève".encode("latin-1"))),
               "--format", "json")
    assert proc.returncode == 0 and proc.stderr == b"", proc.stderr
    assert json.loads(proc.stdout)["document"]["title"] == "Réunion des États parties à Genève"


@pytest.mark.parametrize("data", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_unreadable_document_exits_3_with_one_line(tmp_path, data):
    assert_one_line_error(run("extract", str(write(tmp_path, data))), 3)


NUL_HEAVY = {
    "all NUL": bytes(4096),
    "int32 array": struct.pack("<512i", *range(512)),
    "database header": b"SQLite format 3\x00" + bytes(2048),
}


@pytest.mark.parametrize("data", NUL_HEAVY.values(), ids=NUL_HEAVY.keys())
def test_nul_heavy_binary_exits_3(tmp_path, data):
    assert_one_line_error(run("extract", str(write(tmp_path, data))), 3)


ENCODINGS = {
    "utf-8 with BOM": codecs.BOM_UTF8 + ZH_DOC.encode("utf-8"),
    "utf-16 with BOM": ZH_DOC.encode("utf-16"),
    "utf-16-be with BOM": codecs.BOM_UTF16_BE + ZH_DOC.encode("utf-16-be"),
    "utf-16-le without BOM": ZH_DOC.encode("utf-16-le"),
    "gb18030": ZH_DOC.encode("gb18030"),
    "gb18030 unsegmented": ZH_DOC_PLAIN.encode("gb18030"),
}


@pytest.mark.parametrize("data", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_chinese_in_every_supported_encoding_extracts(tmp_path, data):
    proc = run("extract", str(write(tmp_path, data)), "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    result = json.loads(proc.stdout.decode("utf-8"))
    assert result["document"]["language"] == "zh"
    assert "缔约国第三次会议" in [m["name"] for m in result["meetings"]]


def test_unsegmented_chinese_in_utf16_le_without_bom_extracts(tmp_path):
    proc = run("extract", str(write(tmp_path, ZH_DOC_PLAIN.encode("utf-16-le"))), "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    assert json.loads(proc.stdout.decode("utf-8"))["document"]["language"] == "zh"


USAGE_ERRORS = {
    "unknown command": ["frobnicate"],
    "unknown option": ["--bogus"],
    "missing path": ["extract"],
    "bad format": ["extract", "doc.txt", "--format", "xml"],
}


@pytest.mark.parametrize("args", USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_usage_error_exits_2_without_traceback(tmp_path, monkeypatch, args):
    write(tmp_path, EN_DOC.encode())
    monkeypatch.chdir(tmp_path)
    proc = run(*args)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr


def test_no_arguments_shows_help_without_traceback():
    proc = run()
    assert b"Traceback" not in proc.stderr
    assert proc.returncode in (0, 2)
    assert b"extract" in proc.stdout + proc.stderr


# ---------------------------------------------------------------- arguments that are not text (issue 10)

BAD = b"\xff"  # not UTF-8: Python hands it to tracker as the surrogate escape '\udcff'
NOT_TEXT = {
    "show": [b"show", BAD], "fill slot": [b"fill", BAD, b"12"], "fill value": [b"fill", b"x-s1", BAD],
    "fill --by": [b"fill", b"x-s1", b"12", b"--by", BAD], "unfill": [b"unfill", BAD], "history": [b"history", BAD],
    "decide": [b"decide", BAD, b"adopted"], "meetings --document": [b"meetings", b"--document", BAD],
    "slots --instrument": [b"slots", b"--instrument", BAD], "documents --status": [b"documents", b"--status", BAD],
    "status --as-of": [b"status", b"--as-of", BAD], "export ics --instrument": [b"export", b"ics", b"--instrument", BAD],
}


@pytest.mark.parametrize("args", NOT_TEXT.values(), ids=NOT_TEXT.keys())
def test_an_argument_that_is_not_utf8_is_one_usage_error_line(tmp_path, args):
    """In-process with argv as Python's start-up decodes it (surrogate escapes; the real process is below)."""
    proc = run("--db", str(tmp_path / "db.sqlite"), *map(os.fsdecode, args))
    assert_one_line_error(proc, 2)
    assert "is not UTF-8 text" in proc.stderr.decode()


def test_an_argument_that_is_not_utf8_in_a_real_process(tmp_path):
    """A real process: the bytes of argv are decoded by Python's start-up, which is the point."""
    proc = process(b"--db", bytes(tmp_path / "db.sqlite"), b"show", BAD, text=False, timeout=60)
    assert_one_line_error(proc, 2)
    assert "is not UTF-8 text" in proc.stderr.decode()


def test_file_names_that_are_not_utf8_still_work_where_a_file_is_meant(tmp_path):
    doc = write(tmp_path, EN_DOC.encode(), "doc.txt")
    odd = bytes(tmp_path) + b"/odd\xff.txt"
    Path(odd.decode("utf-8", "surrogateescape")).write_bytes(doc.read_bytes())
    proc = process(b"extract", odd, text=False, timeout=60)  # real processes: argv bytes, as above
    assert proc.returncode == 0 and proc.stdout.startswith(b"document"), proc.stderr
    out = bytes(tmp_path) + b"/cal\xff.ics"
    proc = process(b"--db", bytes(tmp_path / "db.sqlite"), b"export", b"ics", b"-o", out, text=False, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert Path(out.decode("utf-8", "surrogateescape")).read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("value", ["99999999999999999999", "-1"], ids=["overflow", "negative"])
def test_a_limit_out_of_range_is_one_usage_error_line(tmp_path, value):
    proc = run("--db", str(tmp_path / "db.sqlite"), "status", "--limit", value)
    assert_one_line_error(proc, 2)
    assert "--limit" in proc.stderr.decode()


def test_a_database_directory_that_cannot_be_made_is_one_store_error_line(tmp_path):
    blocker = write(tmp_path, b"a file, not a directory", "file")
    proc = run("--db", str(blocker / "sub" / "db.sqlite"), "status")
    assert_one_line_error(proc, 4)
    assert "cannot create the database's directory" in proc.stderr.decode()


def test_workers_are_bounded_by_the_cores(monkeypatch, tmp_path):
    import concurrent.futures
    import os

    from tracker.store import open_store
    from tracker.usecases import services

    sizes = []

    class Pool:
        """Records the size asked for and runs in-process."""

        def __init__(self, max_workers, initializer, initargs):
            sizes.append(max_workers)
            initializer(*initargs)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def map(self, fn, *iterables, chunksize=1):
            return map(fn, *iterables)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    for i in range(20):
        write(tmp_path, f"The Meeting decided to appoint [...] as President {i}.\n".encode(), f"d{i}.txt")
    with open_store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        report = services.ingest_paths(store, [str(tmp_path)], workers=10_000)
    assert sizes == [2] and report.new == 20
    assert "at most" in runner.invoke(app, ["ingest", "--help"]).stdout


# ---------------------------------------------------------------- the vocabulary in choices (issue 13)

@pytest.mark.parametrize(("what", "status", "named"), [
    ("meetings", "maybe", "held, scheduled, proposed, cancelled, unknown"),
    ("decisions", "held", "adopted, rejected, deferred, proposed"),
    ("slots", "closed", "open, filled"),
    ("documents", "memo", "agenda, work_programme"),
])
def test_a_list_status_outside_the_vocabulary_is_refused_naming_the_valid_ones(tmp_path, what, status, named):
    """A typo used to give an empty list and exit 0; the vocabulary (rules.vocabulary) names what is valid."""
    result = runner.invoke(app, ["--db", str(tmp_path / "db.sqlite"), what, "--status", status])
    from tracker.errors import UsageError

    assert isinstance(result.exception, UsageError), result.output
    assert f"--status: {status!r} is not one of" in result.exception.message and named in result.exception.message


def test_the_decide_choices_and_status_help_come_from_the_vocabulary():
    from tracker.rules.vocabulary import DecisionStatus, MeetingStatus, values

    # every status, proposed too: a decision can be returned to undecided (issue 15)
    refused = tracker("decide", "x-d1", "maybe")
    assert refused.returncode == 2 and all(s in refused.stderr for s in values(DecisionStatus)), refused.stderr
    from tracker.cli import Status

    assert ", ".join(values(MeetingStatus)) in Status.__metadata__[0].help
