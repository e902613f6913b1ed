"""Text from documents cannot drive what reads tracker's output: no calendar properties injected into
.ics, no spreadsheet formulas in CSV, no terminal control sequences in the text renderers."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import icalendar
import pytest
from bad_inputs.corpus import HOSTILE
from helpers import SEEDS, cli, tracker

from tracker.domain import DecisionRecord, DocumentRecord, Meeting, PersonRecord, SlotRecord, TopicRecord
from tracker.rendering.calendar import meetings_to_ics
from tracker.rendering.calendar_model import CalendarMeeting
from tracker.rendering.reports import to_csv

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
    proc = tracker("extract", str(tmp_path / "hostile.txt"))
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
    from tracker.rendering.report_text import rich_tables

    out = rich_tables([("T", ["a"], [["x\x1b[2Jy [bold red]z[/] \x9b31m"]], 1)])
    assert "\x1b[2J" not in out and "\x9b" not in out and "[bold red]z[/]" in out


def test_an_error_naming_a_hostile_path_stays_one_line(tmp_path):
    weird = tmp_path / "a\nb\x1b[2J.txt"
    weird.write_bytes(b"")
    proc = tracker("extract", str(weird))
    assert proc.returncode == 3 and len(proc.stderr.splitlines()) == 1 and "\x1b" not in proc.stderr


# ---------------------------------------------------------------- every output, and fills (issue 10, item 12)

SEED_DOC = "001-fdd4221b5f7012ca"
CLEAR = "esc\x1b[2Jname"  # what a piped CSV used to write as "escname"
OTHERS = "esc\x1b]0;pwned\x07 \x9b31m \u202eNasr"  # OSC title, BEL, one-byte CSI, bidi override


@pytest.fixture
def planted(tmp_path):
    """The seeds, decision 7 carrying a bidi override, and fills holding control characters as another
    person's value would (written before fills refused them, or restored from a dump)."""
    import shutil

    from helpers import transaction

    from tracker.store import fills

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    path = docs / "001_fdd4221b5f7012ca.txt"
    path.write_text(path.read_text("utf-8").replace("会议同意任命", "会议同意\u202e任命", 1), "utf-8")
    assert cli(url, "ingest", str(docs)).returncode == 0
    with transaction(url) as conn:
        for slot, value in (("s4", OTHERS), ("s8", CLEAR)):
            ctx = fills.slot(conn, f"{SEED_DOC}-{slot}")
            fills.write_fill(conn, ctx, value, value, "mallory", datetime(2011, 1, 1, tzinfo=UTC), None)
    return url


def test_csv_writes_control_characters_visibly_also_into_a_pipe(planted):
    piped = cli(planted, "slots", "--csv")  # stdout is a pipe: raw ESC sequences used to be stripped there
    assert piped.returncode == 0 and not RAW_CONTROL.search(piped.stdout)
    assert "esc\\x1b[2Jname" in piped.stdout and "esc\\x1b]0;pwned\\x07 \\x9b31m \\u202eNasr" in piped.stdout
    for what, rows in records(CLEAR + "\x9b\u202e").items():
        text = to_csv(rows, what)
        assert not RAW_CONTROL.search(text) and "esc\\x1b[2Jname\\x9b\\u202e" in text, what


def test_markdown_export_shows_control_characters_escaped(planted):
    md = cli(planted, "export", "decisions", "--format", "md")
    assert md.returncode == 0 and not RAW_CONTROL.search(md.stdout), md.stdout
    assert "会议同意\\u202e任命`[……]`的**esc\\x1b]0;pwned\\x07 \\x9b31m \\u202eNasr**" in md.stdout


def test_fill_and_unfill_messages_escape_the_value_someone_else_typed(planted):
    done = cli(planted, "fill", f"{SEED_DOC}-s4", "Nadim Nasr")
    assert done.returncode == 0 and not RAW_CONTROL.search(done.stdout + done.stderr)
    assert "was esc\\x1b]0;pwned\\x07 \\x9b31m \\u202eNasr)" in done.stdout
    emptied = cli(planted, "unfill", f"{SEED_DOC}-s8")
    assert emptied.returncode == 0 and not RAW_CONTROL.search(emptied.stdout)
    assert emptied.stdout == f"{SEED_DOC}-s8 emptied (was esc\\x1b[2Jname)\n"


def test_json_reports_and_extraction_escape_c1_and_bidi_controls_and_round_trip(planted, tmp_path):
    import json

    for args in (["slots", "--json"], ["decisions", "--json"], ["history", "--json"], ["show", f"{SEED_DOC}-s4",
                                                                                     "--json"]):
        out = cli(planted, *args)
        assert out.returncode == 0 and not RAW_CONTROL.search(out.stdout), args
        json.loads(out.stdout)
    slots = {s["id"]: s["fill"] for s in json.loads(cli(planted, "slots", "--json").stdout)["slots"]}
    assert (slots[f"{SEED_DOC}-s4"], slots[f"{SEED_DOC}-s8"]) == (OTHERS, CLEAR)  # the same values, escaped
    (tmp_path / "hostile.txt").write_text(HOSTILE, "utf-8")
    extracted = tracker("extract", str(tmp_path / "hostile.txt"), "--format", "json")
    assert extracted.returncode == 0 and not RAW_CONTROL.search(extracted.stdout)
    assert "\u202e" in json.dumps(json.loads(extracted.stdout), ensure_ascii=False)


def test_dump_escapes_c1_and_bidi_controls_and_restores_them(planted, tmp_path):
    import json

    dumped = cli(planted, "dump")
    assert dumped.returncode == 0 and not RAW_CONTROL.search(dumped.stdout)
    values = {r["slot_id"]: r["value"] for r in map(json.loads, dumped.stdout.splitlines()) if r["type"] == "fill"}
    assert values == {f"{SEED_DOC}-s4": OTHERS, f"{SEED_DOC}-s8": CLEAR}
    (tmp_path / "dump.jsonl").write_text(dumped.stdout, "utf-8")
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    assert cli(fresh, "restore", str(tmp_path / "dump.jsonl")).returncode == 0
    def authored(text: str) -> list[str]:  # documents come back with the next ingest, fills with the restore
        return [line for line in text.splitlines() if '"type": "fill' in line]

    assert authored(cli(fresh, "dump").stdout) == authored(dumped.stdout) and len(authored(dumped.stdout)) >= 4


def test_ics_shows_c1_and_bidi_controls_escaped():
    from tracker.domain import printable

    hostile = "Meeting " + OTHERS
    meeting = CalendarMeeting(uid_key="m1", name=hostile, start=date(2011, 9, 12), end=date(2011, 9, 16),
                              precision="day", status="scheduled", city=hostile, chair=hostile)
    ics = meetings_to_ics([meeting], dtstamp=datetime(2011, 1, 1, tzinfo=UTC)).decode("utf-8")
    assert not RAW_CONTROL.search(ics.replace("\r\n", ""))
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == printable(hostile) == "Meeting esc\\x1b]0;pwned\\x07 \\x9b31m \\u202eNasr"


@pytest.mark.parametrize(("slot", "typed"), [("s4", "Nadim\x1b[HNasr"), ("s2", "Nadim \u202eNasr"),
                                             ("s8", "Beirut\x07"), ("s1", "4\x9b")])
def test_a_fill_with_control_characters_is_refused(tmp_path, slot, typed):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert cli(url, "ingest", str(SEEDS)).returncode == 0
    done = cli(url, "fill", f"{SEED_DOC}-{slot}", typed)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, done.stderr
    assert "cannot hold control characters" in done.stderr and not RAW_CONTROL.search(done.stderr)
    assert f"{SEED_DOC}-{slot}" not in cli(url, "history").stdout


@pytest.mark.parametrize("kind", ["person", "organization", "city", "facility", "other"])
@pytest.mark.parametrize("bad", ["\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\x7f"])
def test_free_text_kinds_refuse_control_and_bidi_characters(kind, bad):
    from tracker.errors import UsageError
    from tracker.usecases.slot_values import SlotFacts, check

    facts = SlotFacts(kind, None, "en")
    assert check(facts, "Nadim Nasr\tof Lebanon").value  # tabs and spaces are only squeezed
    with pytest.raises(UsageError, match="control characters"):
        check(facts, f"Nadim{bad}Nasr")
