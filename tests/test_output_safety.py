"""Text from documents cannot drive what reads tracker's output: no calendar properties injected into
.ics, no spreadsheet formulas in CSV, no terminal control sequences in the text renderers."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, date, datetime

import icalendar
import pytest
from bad_inputs.corpus import HOSTILE
from helpers import TRACKER, cli

from tracker.calendar import meetings_to_ics
from tracker.calendar_model import CalendarMeeting
from tracker.domain import DecisionRecord, DocumentRecord, Meeting, PersonRecord, SlotRecord, TopicRecord
from tracker.reports import to_csv

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
INJECT = "Evil\r\nATTENDEE:mailto:x@evil.test\nEND:VEVENT\rBEGIN:VEVENT;X=1,2\\"


@pytest.mark.parametrize("field", ["name", "city", "facility", "chair", "instrument"])
def test_hostile_names_cannot_add_calendar_properties(field):
    given = {"name": "Meeting", field: INJECT}
    meeting = CalendarMeeting(uid_key="m1", start=date(2011, 9, 12), end=date(2011, 9, 16), precision="day",
                              status="scheduled", **given)
    ics = meetings_to_ics([meeting], dtstamp=datetime(2011, 1, 1, tzinfo=UTC))
    lines = ics.decode("utf-8").replace("\r\n ", "").split("\r\n")
    assert not any(line.startswith("ATTENDEE") for line in lines)
    assert [line for line in lines if line.startswith(("BEGIN:VEVENT", "END:VEVENT"))] == ["BEGIN:VEVENT", "END:VEVENT"]
    assert "\r" not in ics.decode("utf-8").replace("\r\n", "")
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert "ATTENDEE" not in event
    if field == "name":
        assert str(event["SUMMARY"]) == "Evil\nATTENDEE:mailto:x@evil.test\nEND:VEVENT\nBEGIN:VEVENT;X=1,2\\"


FORMULAS = ["=HYPERLINK(\"http://evil.test\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]


def records(text: str) -> dict[str, list]:
    return {
        "meetings": [Meeting(id=text, name=text, kind="other", precision="unknown", status="unknown", city=text,
                             chair=text, languages=[text])],
        "decisions": [DecisionRecord(text, text, text, text, "proposed", None)],
        "slots": [SlotRecord(text, text, text, text, text, "person", text, "chair", text, None)],
        "topics": [TopicRecord(text, text, 1)],
        "people": [PersonRecord(text, "chair", text, text, text, text)],
        "documents": [DocumentRecord(text, text, "0" * 64, text, "en", "other", text, "2011-01-01")],
    }


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("what", ["meetings", "decisions", "slots", "topics", "people", "documents"])
def test_csv_cells_that_look_like_formulas_are_neutralised(what, formula):
    import csv
    import io

    rows = list(csv.reader(io.StringIO(to_csv(records(formula)[what], what))))
    cells = [c for c in rows[1] if c]
    assert cells and not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for c in cells), cells
    assert any(c == "'" + formula.replace("\r", "\n") for c in cells)


def test_extract_text_shows_no_raw_control_characters(tmp_path):
    (tmp_path / "hostile.txt").write_text(HOSTILE, "utf-8")
    proc = subprocess.run([str(TRACKER), "extract", str(tmp_path / "hostile.txt")], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("document")
    assert not RAW_CONTROL.search(proc.stdout)


def test_status_show_and_lists_show_no_raw_control_characters(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    (tmp_path / "hostile.txt").write_text(HOSTILE, "utf-8")
    assert cli(url, "ingest", str(tmp_path / "hostile.txt")).returncode == 0
    slot = cli(url, "slots", "--json").stdout
    outputs = [cli(url, "status", "--as-of", "2011-01-01").stdout, cli(url, "slots").stdout,
               cli(url, "documents").stdout]
    import json

    for s in json.loads(slot)["slots"]:
        shown = cli(url, "show", s["id"])
        assert shown.returncode == 0
        assert "\\x1b" in shown.stdout  # the sentence shown is the document's own text, escaped
        outputs.append(shown.stdout)
    for out in outputs:
        assert out and not RAW_CONTROL.search(out), out


def test_rich_tables_escape_controls_and_ignore_markup():
    from tracker.report_text import rich_tables

    out = rich_tables([("T", ["a"], [["x\x1b[2Jy [bold red]z[/] \x9b31m"]], 1)])
    assert "\x1b[2J" not in out and "\x9b" not in out and "[bold red]z[/]" in out


def test_an_error_naming_a_hostile_path_stays_one_line(tmp_path):
    weird = tmp_path / "a\nb\x1b[2J.txt"
    weird.write_bytes(b"")
    proc = subprocess.run([str(TRACKER), "extract", str(weird)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3 and len(proc.stderr.splitlines()) == 1 and "\x1b" not in proc.stderr
