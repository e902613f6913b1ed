"""Reports: the seeds' status as of 2010-11-01, JSON and CSV shapes, plain dates, bad ids."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from helpers import SEEDS, cli

from tracker.domain import Meeting, TopicRecord
from tracker.rendering.reports import to_csv, when


@pytest.fixture
def seeded(db_url):
    proc = cli(db_url, "ingest", str(SEEDS))
    assert proc.returncode == 0, proc.stderr
    return db_url


def test_seed_status_as_of_2010_11_01(seeded):
    proc = cli(seeded, "status", "--as-of", "2010-11-01", "--json")
    assert proc.returncode == 0 and proc.stderr == ""
    data = json.loads(proc.stdout)
    assert data["schema"] == 1 and data["as_of"] == "2010-11-01"
    upcoming = {m["id"]: m for m in data["upcoming"]}
    msp1, inter, msp2 = upcoming["ccm-msp-1"], upcoming["ccm-intersessional-2011"], upcoming["ccm-msp-2"]
    assert (msp1["city"], msp1["start"], msp1["end"], msp1["when"]) == ("万象市", "2010-11-09", "2010-11-12",
                                                                        "9–12 Nov 2010")
    assert (inter["city"], inter["start"], inter["end"]) == ("日内瓦", "2011-06-27", "2011-06-30")
    assert (msp2["city"], msp2["precision"], msp2["duration_days"], msp2["status"]) == ("贝鲁特", "window", 5.0,
                                                                                       "proposed")
    assert msp2["when"] == "5 days somewhere in 10–20 Sep 2011"
    totals = data["totals"]
    assert (totals["proposed_decisions"], totals["unfilled_slots"], totals["topics"]) == (7, 8, 8)
    assert len(data["proposed_decisions"]) == 7 and len(data["unfilled_slots"]) == 8 and len(data["topics"]) == 8
    assert set(data) == {"schema", "as_of", "totals", "upcoming", "proposed_decisions", "unfilled_slots",
                         "incomplete_meetings", "conflicts", "topics", "orphaned_fills"}


def test_plain_status_when_piped(seeded):
    out = cli(seeded, "status", "--as-of", "2010-11-01").stdout
    # the three the issue names: MSP1 in Vientiane, the 2011 intersessional in Geneva, MSP2 in a window in Beirut
    assert "Upcoming meetings as of 2010-11-01 (3)" in out
    assert "9–12 Nov 2010" in out and "27–30 Jun 2011" in out
    assert "5 days somewhere in 10–20 Sep 2011" in out and "贝鲁特" in out
    assert "Proposed decisions (7)" in out and "Unfilled slots (8)" in out and "Topics (8)" in out
    assert "\x1b[" not in out


LIST_KEYS = {
    "meetings": {"id", "name", "instrument", "kind", "ordinal", "year", "start", "end", "precision", "when", "where",
                 "duration_days", "city", "country", "facility", "chair", "host", "languages", "status", "revision",
                 "parent"},
    "decisions": {"id", "document", "number", "status", "text", "source"},
    "slots": {"id", "document", "decision", "kind", "text", "left_context", "meeting", "field", "fill", "source"},
    "topics": {"label", "title", "documents", "id", "document"},
    "people": {"name", "role", "honorific", "country", "organization", "document"},
    "documents": {"key", "path", "sha256", "symbol", "language", "kind", "title", "ingested_at"},
}


@pytest.mark.parametrize("what", LIST_KEYS)
def test_list_json_and_csv_shapes(seeded, what):
    data = json.loads(cli(seeded, what, "--json").stdout)
    assert set(data) == {"schema", what} and data[what]
    assert all(set(row) == LIST_KEYS[what] for row in data[what])
    rows = list(csv.DictReader(io.StringIO(cli(seeded, what, "--csv").stdout)))
    assert len(rows) == len(data[what])


def test_list_filters(seeded):
    meetings = json.loads(cli(seeded, "meetings", "--json", "--instrument", "ccw", "--from", "2010-01-01").stdout)
    assert [m["id"] for m in meetings["meetings"]] == []
    ccw = json.loads(cli(seeded, "meetings", "--json", "--instrument", "CCW").stdout)["meetings"]
    assert {m["id"] for m in ccw} >= {"ccw-msp-2008", "ccw-plenary-2008-4"}
    slots = json.loads(cli(seeded, "slots", "--json", "--status", "open", "--document", "001-fdd4221b5f7012ca").stdout)
    assert len(slots["slots"]) == 8


def test_show_gives_document_paragraph_and_sentence(seeded):
    data = json.loads(cli(seeded, "show", "ccm-msp-2", "--json").stdout)
    assert data["kind"] == "meeting" and data["record"]["id"] == "ccm-msp-2"
    assert all(f["document"] == "001-fdd4221b5f7012ca" and f["sentence"] for f in data["facts"])
    decision = json.loads(cli(seeded, "show", "001-fdd4221b5f7012ca-d7", "--json").stdout)
    assert "缔约国第二次会议主席" in decision["facts"][0]["sentence"]


@pytest.mark.parametrize("args", [["show", "ccm-msp-99"], ["decisions", "--document", "nope"],
                                  ["status", "--as-of", "yesterday"]])
def test_bad_ids_and_dates_exit_2_in_one_line(seeded, args):
    proc = cli(seeded, *args)
    assert proc.returncode == 2
    assert proc.stderr.startswith("tracker:") and proc.stderr.count("\n") == 1 and proc.stdout == ""


@pytest.mark.parametrize("what", LIST_KEYS)
def test_an_empty_csv_list_still_has_its_header(what):
    header = to_csv([], what).splitlines()
    assert len(header) == 1
    flat = {k for k in LIST_KEYS[what] if k != "source"}
    if "source" in LIST_KEYS[what]:
        flat |= {"source_start", "source_end", "source_paragraph"}
    assert set(header[0].split(",")) == flat


def test_a_plenary_records_the_session_it_belongs_to(seeded):
    meetings = {m["id"]: m for m in json.loads(cli(seeded, "meetings", "--json").stdout)["meetings"]}
    assert meetings["ccw-plenary-2008-4"]["parent"] == "ccw-msp-2008"
    assert meetings["ccw-msp-2008"]["parent"] is None


def test_csv_cells_that_look_like_formulas_are_neutralised():
    out = to_csv([TopicRecord("=1+1", "@SUM(A1)", 1), TopicRecord("a", "-2", 2)], "topics")
    assert out.splitlines() == ["label,title,documents,id,document", "'=1+1,'@SUM(A1),1,,", "a,'-2,2,,"]


@pytest.mark.parametrize("meeting, text", [
    (Meeting("x", "x", start=date(2010, 11, 9), end=date(2010, 11, 12), precision="day"), "9–12 Nov 2010"),
    (Meeting("x", "x", start=date(2011, 6, 27), end=date(2011, 7, 1), precision="day"), "27 Jun – 1 Jul 2011"),
    (Meeting("x", "x", start=date(2011, 9, 1), end=date(2011, 9, 10), precision="part_of_month"),
     "early Sep 2011 (1–10 Sep 2011)"),
    (Meeting("x", "x", start=date(2011, 11, 1), end=date(2011, 11, 30), precision="month"), "some time in Nov 2011"),
    (Meeting("x", "x", year=2012, precision="year"), "some time in 2012"),
    (Meeting("x", "x"), "date unknown"),
])
def test_dates_said_plainly(meeting, text):
    assert when(meeting) == text
