"""`tracker export ics` and `tracker serve` on a real store: the seeds, then fills and a decision."""

from __future__ import annotations

import json
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime

import icalendar
import pytest
import vobject
from helpers import SEEDS, TRACKER, cli

DOC = "001-fdd4221b5f7012ca"
STAMP = "2010-11-01T00:00:00"


def events(ics: str) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(ics)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def seeded(db_url):
    assert cli(db_url, "ingest", str(SEEDS)).returncode == 0
    return db_url


def test_seed_calendar_parses_with_two_parsers_and_says_what_is_known(seeded):
    done = cli(seeded, "export", "ics", "--dtstamp", STAMP)
    assert done.returncode == 0, done.stderr
    found = events(done.stdout)
    assert list(vobject.readComponents(done.stdout))  # the second, independent parser reads it too
    msp1 = found["ccm-msp-1@tracker"]
    assert (msp1["DTSTART"].dt.isoformat(), msp1["DTEND"].dt.isoformat()) == ("2010-11-09", "2010-11-13")
    assert str(msp1["STATUS"]) == "CONFIRMED"
    msp2 = found["ccm-msp-2@tracker"]  # proposed, known only within a window
    assert str(msp2["STATUS"]) == "TENTATIVE"
    assert (msp2["DTSTART"].dt.isoformat(), msp2["DTEND"].dt.isoformat()) == ("2011-09-10", "2011-09-21")
    assert "dates to be fixed" in str(msp2["SUMMARY"]) + str(msp2["DESCRIPTION"])
    plenary = found["ccw-plenary-2008-4@tracker"]  # clock times carry the venue's zone
    assert plenary["DTSTART"].dt.hour == 15 and str(plenary["DTSTART"].dt.tzinfo) in ("Europe/Zurich", "CET")


def test_same_store_same_bytes_and_filters(seeded):
    one = cli(seeded, "export", "ics", "--dtstamp", STAMP).stdout
    assert one == cli(seeded, "export", "ics", "--dtstamp", STAMP).stdout
    ccw = events(cli(seeded, "export", "ics", "--dtstamp", STAMP, "--instrument", "CCW").stdout)
    assert ccw and all(uid.startswith("ccw-") for uid in ccw)
    proposed = events(cli(seeded, "export", "ics", "--dtstamp", STAMP, "--status", "proposed").stdout)
    assert "ccm-msp-2@tracker" in proposed and "ccm-msp-1@tracker" not in proposed
    later = events(cli(seeded, "export", "ics", "--dtstamp", STAMP, "--from", "2011-01-01").stdout)
    assert "ccm-msp-1@tracker" not in later and "ccm-intersessional-2011@tracker" in later
    assert "ccw-msp-2009@tracker" not in events(one)  # year-only: left out unless asked
    undated = cli(seeded, "export", "ics", "--dtstamp", STAMP, "--include-undated").stdout
    assert "ccw-msp-2009@tracker" in events(undated)


def test_todos_are_due_on_the_meeting_that_takes_them(seeded):
    cal = icalendar.Calendar.from_ical(cli(seeded, "export", "ics", "--dtstamp", STAMP, "--todos").stdout)
    todos = {str(t["UID"]): t for t in cal.walk("VTODO")}
    slot = todos[f"slot-{DOC}-s5@tracker"] if f"slot-{DOC}-s5@tracker" in todos else next(
        t for uid, t in todos.items() if uid.startswith(f"slot-{DOC}-s5"))
    assert slot["DUE"].dt.isoformat().startswith("2011-09-10")


def test_a_fill_and_a_decision_move_the_event_keep_its_uid_and_raise_its_sequence(seeded, tmp_path):
    before = events(cli(seeded, "export", "ics", "--dtstamp", STAMP).stdout)["ccm-msp-2@tracker"]
    for slot, value in (("s5", "12"), ("s6", "16"), ("s7", "LB"), ("s8", "贝鲁特")):
        done = cli(seeded, "fill", f"{DOC}-{slot}", value, "--by", "tester")
        assert done.returncode == 0, done.stderr
    assert cli(seeded, "decide", f"{DOC}-d7", "adopted").returncode == 0
    out = tmp_path / "after.ics"
    assert cli(seeded, "export", "ics", "--dtstamp", STAMP, "-o", str(out)).returncode == 0
    after = events(out.read_text("utf-8"))["ccm-msp-2@tracker"]
    assert (after["DTSTART"].dt.isoformat(), after["DTEND"].dt.isoformat()) == ("2011-09-12", "2011-09-17")
    assert str(after["STATUS"]) == "CONFIRMED" and "贝鲁特" in str(after["LOCATION"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_bad_options_are_one_line_errors(seeded):
    for args in (["--status", "maybe"], ["--from", "tomorrow"], ["--dtstamp", "noon"]):
        done = cli(seeded, "export", "ics", *args)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_serve_answers_with_the_feed_and_its_filters(tmp_path):
    from tracker.serving import make_server
    from tracker.settings import load_settings

    url = f"sqlite:///{tmp_path / 'serve.db'}"
    assert cli(url, "ingest", str(SEEDS)).returncode == 0
    server = make_server(load_settings(url), "127.0.0.1", 0, clock=lambda: datetime(2010, 11, 1, tzinfo=UTC))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{base}/calendar.ics?instrument=CCM&status=proposed", timeout=10) as r:
            assert r.headers["Content-Type"].startswith("text/calendar")
            got = events(r.read().decode("utf-8"))
        assert "ccm-msp-2@tracker" in got and "ccm-msp-1@tracker" not in got
        with pytest.raises(urllib.error.HTTPError) as bad:
            urllib.request.urlopen(f"{base}/calendar.ics?from=someday", timeout=10)
        assert bad.value.code == 400
        direct = cli(url, "export", "ics", "--dtstamp", "2010-11-01T00:00:00+00:00", "--instrument", "CCM",
                     "--status", "proposed").stdout
        with urllib.request.urlopen(f"{base}/calendar.ics?instrument=CCM&status=proposed", timeout=10) as r:
            assert r.read().decode("utf-8").replace("\r\n", "\n") == direct  # the same feed as the export
    finally:
        server.shutdown()
        server.server_close()


def test_serve_stops_cleanly_on_ctrl_c(tmp_path):
    url = f"sqlite:///{tmp_path / 'stop.db'}"
    proc = subprocess.Popen([str(TRACKER), "--db", url, "serve", "--port", "0"], stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    assert "serving http://127.0.0.1:" in line
    port = int(line.split(":")[2].split("/")[0])
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/calendar.ics", timeout=10) as r:
        assert r.status == 200
    time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0
    rest = proc.stderr.read()
    assert "Traceback" not in rest and "stopped" in rest


def test_the_json_of_a_meeting_matches_its_event(seeded):
    meeting = json.loads(cli(seeded, "show", "ccm-msp-1", "--json").stdout)["record"]
    event = events(cli(seeded, "export", "ics", "--dtstamp", STAMP).stdout)["ccm-msp-1@tracker"]
    assert int(event["SEQUENCE"]) == meeting["revision"]


@pytest.mark.parametrize("slot", ["s5", "s6"])  # the start (5 days later overflows) or the end
def test_a_stored_date_in_the_year_9999_is_left_out_of_export_and_feed_with_a_warning(seeded, slot):
    """A fill written before fills were checked for their year (or restored from a dump): the calendar
    cannot write its DTEND, so the meeting is left out with one warning line; the rest is exported."""
    from tracker.exporting import FeedOptions, calendar_feed
    from tracker.settings import load_settings
    from tracker.store import fills
    from tracker.store.engine import transaction

    with transaction(seeded) as conn:  # as `tracker fill` wrote it when it let 9999-12-31 through
        ctx = fills.slot(conn, f"{DOC}-{slot}")
        fills.write_fill(conn, ctx, "9999-12-31", "9999-12-31", "mallory", datetime(2011, 1, 1, tzinfo=UTC), None)
    done = cli(seeded, "export", "ics", "--dtstamp", STAMP)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("tracker: warning: ccm-msp-2: left out of the calendar") and "9999-12-31" in done.stderr
    got = events(done.stdout)
    assert "ccm-msp-2@tracker" not in got and "ccm-msp-1@tracker" in got
    skipped: list[str] = []
    feed = calendar_feed(load_settings(seeded), FeedOptions(), datetime(2010, 11, 1, tzinfo=UTC), skipped)
    assert set(events(feed.decode("utf-8"))) == set(got) and len(skipped) == 1  # `tracker serve` answers too
