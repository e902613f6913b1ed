"""One phrase for when and one for where: status, lists, show and the calendar say a meeting's dates and venue
the same way, because they all call `tracker.rendering.phrases` (issue 13)."""

from __future__ import annotations

import json
from datetime import date

import icalendar
import pytest
from helpers import SEEDS, write
from typer.testing import CliRunner

from tracker.cli import app
from tracker.domain import Meeting
from tracker.rendering import phrases
from tracker.rendering.calendar import country_name

runner = CliRunner()

# a part of a month (mid-September), a year only, beside the seeds' days, window and timed plenaries
MORE = ("CCM/MSP/2012/1\n\nThe Third Meeting of States Parties to the Convention on Cluster Munitions will be held "
        "in Oslo in mid-September 2012.\n\nThe Fifth Meeting of States Parties will be held in 2014.\n")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("phrases")
    url = f"sqlite:///{folder / 'db.sqlite'}"
    result = runner.invoke(app, ["--db", url, "ingest", str(SEEDS), str(write(folder, "more.txt", MORE))])
    assert result.exit_code == 0, result.output
    return url


def run(url: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", url, *args], terminal_width=400)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_precision_is_covered(store):
    meetings = json.loads(run(store, "meetings", "--json"))["meetings"]
    assert {"day", "window", "part_of_month", "year"} <= {m["precision"] for m in meetings}
    by_id = {m["id"]: m for m in meetings}
    assert by_id["ccm-msp-2"]["when"] == "5 days somewhere in 10–20 Sep 2011"
    assert by_id["ccm-msp-3"]["when"] == "mid Sep 2012 (11–20 Sep 2012)"


def _line(text: str, ident: str) -> str:
    (line,) = [x for x in text.splitlines() if x.split()[:1] == [ident]]
    return line


def test_status_lists_and_show_say_when_and_where_alike(store):
    meetings = json.loads(run(store, "meetings", "--json"))["meetings"]
    status = {m["id"]: m for m in json.loads(run(store, "status", "--as-of", "2000-01-01", "--json"))["upcoming"]}
    status_text = run(store, "status", "--as-of", "2000-01-01", "--limit", "0").split("\n\n")[0]  # upcoming
    list_text = run(store, "meetings")
    assert status
    for m in meetings:
        when, where = m["when"], m["where"] or phrases.VENUE_UNKNOWN
        assert when in _line(list_text, m["id"]) and where in _line(list_text, m["id"])
        if m["id"] in status:
            assert (status[m["id"]]["when"], status[m["id"]]["where"]) == (m["when"], m["where"])
            assert when in _line(status_text, m["id"]) and where in _line(status_text, m["id"])
        shown = json.loads(run(store, "show", m["id"], "--json"))["record"]
        assert (shown["when"], shown["where"]) == (m["when"], m["where"])
        show_text = run(store, "show", m["id"])
        assert when in _line(show_text, "when") and (m["where"] is None or m["where"] in _line(show_text, "where"))


def test_the_calendar_says_the_same_when_and_where(store):
    meetings = {m["id"]: m for m in json.loads(run(store, "meetings", "--json"))["meetings"]}
    ics = run(store, "export", "ics", "--include-undated", "--dtstamp", "2025-01-01T00:00:00Z")
    events = {str(e["UID"]).removesuffix("@tracker"): e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}
    to_fix = [uid for uid, e in events.items() if "dates to be fixed" in str(e["SUMMARY"])]
    assert {"ccm-msp-2", "ccm-msp-3"} <= set(to_fix)
    for uid in to_fix:
        phrase = f"dates to be fixed: {meetings[uid]['when']}"
        assert str(events[uid]["SUMMARY"]).endswith(f"({phrase})")
        assert str(events[uid]["DESCRIPTION"]).startswith(f"D{phrase[1:]}.")
    for uid, e in events.items():
        m = meetings[uid]
        named = Meeting(uid, m["name"], city=m["city"], country=m["country"], facility=m["facility"])
        assert str(e.get("LOCATION", "")) == (phrases.where(named, country_name) or "")


@pytest.mark.parametrize(("meeting", "when", "where"), [
    (Meeting("x", "x", start=date(2011, 9, 10), end=date(2011, 9, 20), precision="window", duration_days=1.0),
     "1 day somewhere in 10–20 Sep 2011", None),
    (Meeting("x", "x", start=date(2012, 9, 21), end=date(2012, 9, 30), precision="part_of_month", city="Oslo",
             country="NO"), "late Sep 2012 (21–30 Sep 2012)", "Oslo, NO"),
    (Meeting("x", "x", start=date(2012, 1, 1), end=date(2012, 12, 31), precision="year"), "some time in 2012", None),
    (Meeting("x", "x", start=date(2012, 3, 1), end=date(2012, 3, 2), precision="unknown", facility="Palais",
             city="Geneva"), "around 1–2 Mar 2012", "Palais, Geneva"),
])
def test_one_phrase_for_each_precision(meeting, when, where):
    assert (phrases.when(meeting), phrases.where(meeting)) == (when, where)


def test_extract_text_says_when_and_where_as_the_reports_do(tmp_path):
    from tracker.extract.pipeline import extract

    path = write(tmp_path, "more.txt", MORE)
    out = runner.invoke(app, ["extract", str(path)]).stdout
    meetings = extract(MORE).meetings
    assert {m.precision for m in meetings} >= {"part_of_month", "year"}
    for m in meetings:
        (line,) = [x for x in out.splitlines() if x.split()[:1] == [m.id]]
        assert f"  {phrases.when(m)}  {phrases.where(m) or phrases.VENUE_UNKNOWN}  " in line
    assert "mid Sep 2012 (11–20 Sep 2012)  Oslo, NO" in out
