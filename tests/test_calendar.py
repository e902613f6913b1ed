"""The .ics export: every file is read back by icalendar, by vobject (a second, independent parser)
and, where dates matter, imported into khal, a real calendar client, and listed through it."""

from __future__ import annotations

import ast
import os
import random
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from calendar_seeds import DTSTAMP, GOLDEN, SEED_MEETINGS, SEED_TODOS, seeds_ics
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain import Meeting
from tracker.rendering.calendar import escape_text, fold, meetings_to_ics, venue_zone, vtimezone
from tracker.rendering.calendar_model import CalendarMeeting, CalendarTodo

KHAL = Path(sys.executable).with_name("khal")
ROOT = Path(__file__).resolve().parents[1]


def meeting(**fields) -> CalendarMeeting:
    base = {"uid_key": "ccm-msp-2", "name": "Second Meeting of States Parties", "instrument": "CCM",
            "kind": "meeting_of_states_parties", "start": date(2011, 9, 12), "end": date(2011, 9, 16),
            "precision": "day", "city": "Beirut", "country": "LB", "status": "scheduled"}
    return CalendarMeeting(**(base | fields))


def export(meetings, **options) -> bytes:
    """meetings_to_ics, and the file must satisfy both parsers and the line rules before a test looks at it."""
    data = meetings_to_ics(list(meetings), dtstamp=options.pop("dtstamp", DTSTAMP), **options)
    check_lines(data)
    cal = icalendar.Calendar.from_ical(data)
    other = vobject.readOne(data.decode("utf-8"))
    assert sorted(str(e["UID"]) for e in cal.walk("VEVENT")) == sorted(e.uid.value for e in vevents(other))
    assert sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT")) == sorted(e.summary.value for e in vevents(other))
    return data


def vevents(cal) -> list:
    return list(getattr(cal, "vevent_list", []))


def check_lines(data: bytes) -> None:
    """CRLF line ends, no physical line over 75 octets, each line valid UTF-8 on its own."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line
        line.decode("utf-8")  # raises if a fold cut a character


def events(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def only_event(data: bytes) -> icalendar.Event:
    (found,) = events(data).values()
    return found


# ---------------------------------------------------------------- khal

class Khal:
    """khal with a throwaway config and one vdir calendar under tmp_path; times listed in Geneva time."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "cal").mkdir()
        self.config = root / "khal.conf"
        self.config.write_text(
            f"[calendars]\n[[tracker]]\npath = {root / 'cal'}\ntype = calendar\n\n"
            "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
            "local_timezone = Europe/Zurich\ndefault_timezone = Europe/Zurich\n\n"
            f"[sqlite]\npath = {root / 'khal.db'}\n", "utf-8")
        self.imported = 0

    def run(self, *args: str) -> str:
        env = os.environ | {"HOME": str(self.root), "XDG_CONFIG_HOME": str(self.root), "XDG_DATA_HOME": str(self.root)}
        proc = subprocess.run([str(KHAL), "-c", str(self.config), *args], capture_output=True, text=True,
                              timeout=120, env=env)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def import_ics(self, data: bytes) -> None:
        self.imported += 1
        path = self.root / f"import-{self.imported}.ics"
        path.write_bytes(data)
        self.run("import", "--batch", "-a", "tracker", str(path))

    def list(self, start: str = "2000-01-01", end: str = "2030-12-31") -> list[dict[str, str]]:
        out = self.run("list", "--once", "-df", "", "--format", "{uid}\t{start}\t{end}\t{status}\t{title}",
                       start, end)
        keys = ("uid", "start", "end", "status", "title")  # title last: a newline in it ends the row
        return [dict(zip(keys, (v.strip() for v in line.split("\t")), strict=True))
                for line in out.splitlines() if line.count("\t") == 4]


@pytest.fixture
def khal(tmp_path) -> Khal:
    assert KHAL.exists(), "khal is missing: pip install -e '.[dev]'"
    return Khal(tmp_path)


# ---------------------------------------------------------------- the golden file

def test_golden_seeds_file_is_reproduced_byte_for_byte():
    assert seeds_ics() == GOLDEN.read_bytes(), "run .venv/bin/python tests/calendar_seeds.py if the change is meant"


def test_regenerating_gives_the_same_bytes_whatever_the_input_order_hash_seed_or_local_zone():
    first = seeds_ics()
    shuffled = list(SEED_MEETINGS)
    random.Random(4).shuffle(shuffled)
    todos = list(reversed(SEED_TODOS))
    again = meetings_to_ics(shuffled, dtstamp=DTSTAMP, calname="tracker seeds", todos=todos)
    assert again == first
    probe = "import sys; from calendar_seeds import seeds_ics; sys.stdout.buffer.write(seeds_ics())"
    for seed, tz in (("1", "Asia/Tokyo"), ("2", "America/Los_Angeles")):
        proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=120, cwd=ROOT / "tests",
                              env=os.environ | {"PYTHONHASHSEED": seed, "TZ": tz})
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == first


def test_golden_file_reads_back_in_both_parsers():
    data = export(SEED_MEETINGS, calname="tracker seeds", todos=SEED_TODOS)
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "tracker seeds"
    assert [str(t["UID"]) for t in cal.walk("VTODO")] == [f"{t.uid_key}@tracker" for t in SEED_TODOS]
    other = vobject.readOne(data.decode("utf-8"))
    assert {t.due.value for t in other.vtodo_list} == {date(2010, 11, 9)}
    assert {t.related_to.value for t in other.vtodo_list} == {"ccm-msp-1@tracker"}


def test_golden_file_imports_into_khal_with_the_right_dates(khal):
    khal.import_ics(GOLDEN.read_bytes())
    listed = {e["uid"]: e for e in khal.list("2008-01-01", "2012-12-31")}
    assert set(listed) == {f"{m.uid_key}@tracker" for m in SEED_MEETINGS}
    # khal shows the last day of an all-day event (DTEND is exclusive in the file)
    assert (listed["ccm-msp-1@tracker"]["start"], listed["ccm-msp-1@tracker"]["end"]) == ("2010-11-09", "2010-11-12")
    assert (listed["ccm-intersessional-2011@tracker"]["start"],
            listed["ccm-intersessional-2011@tracker"]["end"]) == ("2011-06-27", "2011-06-30")
    msp2 = listed["ccm-msp-2@tracker"]
    assert (msp2["start"], msp2["end"], msp2["status"]) == ("2011-09-10", "2011-09-20", "TENTATIVE")
    assert "dates to be fixed: 5 days somewhere in 10–20 Sep 2011" in msp2["title"]
    plenary = listed["ccw-plenary-2008-4@tracker"]
    assert (plenary["start"], plenary["end"], plenary["status"]) == ("2008-11-14 15:00", "2008-11-14 17:15", "CONFIRMED")


# ---------------------------------------------------------------- dates and times

def test_whole_day_meeting_is_all_day_with_exclusive_end():
    e = only_event(export([meeting()]))
    assert e.decoded("DTSTART") == date(2011, 9, 12)
    assert e.decoded("DTEND") == date(2011, 9, 17)
    assert not isinstance(e.decoded("DTSTART"), datetime)


def test_clock_times_carry_the_venue_zone_and_its_vtimezone():
    geneva = meeting(uid_key="ccw-plenary-2008-4", start=date(2008, 11, 14), end=date(2008, 11, 14),
                     start_time="15:00", end_time="17:15", city="Geneva", country="CH", status="held")
    data = export([geneva])
    cal = icalendar.Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Zurich"]
    assert b"DTSTART;TZID=Europe/Zurich:20081114T150000\r\n" in data
    e = only_event(data)
    assert e.decoded("DTSTART").astimezone(UTC) == datetime(2008, 11, 14, 14, 0, tzinfo=UTC)
    assert e.decoded("DTEND").astimezone(UTC) == datetime(2008, 11, 14, 16, 15, tzinfo=UTC)
    other = vobject.readOne(data.decode("utf-8")).vevent
    assert other.dtstart.value.astimezone(UTC) == datetime(2008, 11, 14, 14, 0, tzinfo=UTC)


ZONES = {"Geneva": ("CH", "Europe/Zurich"), "New York": ("US", "America/New_York"),
         "Sydney": ("AU", "Australia/Sydney"), "Beirut": ("LB", "Asia/Beirut"), "New Delhi": ("IN", "Asia/Kolkata")}


def test_vtimezone_alone_gives_the_right_offsets_in_every_year_and_season():
    """Rename the zones so neither parser can look them up by name: only the VTIMEZONE blocks
    can then tell them the offsets, winter and summer, north and south, over several years."""
    rows = [meeting(uid_key=f"{city}-{year}-{month}", city=city, country=country, start=date(year, month, 21),
                    end=date(year, month, 21), start_time="10:00", end_time="12:00")
            for city, (country, _zone) in ZONES.items() for year in (2008, 2011, 2015) for month in (1, 7)]
    text = export(rows).decode("utf-8")
    for _country, zone in ZONES.values():
        text = text.replace(zone, "Renamed-" + zone.replace("/", "-"))
    ours = {str(e["UID"]): e.decoded("DTSTART") for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}
    theirs = {e.uid.value: e.dtstart.value for e in vobject.readOne(text).vevent_list}
    for m in rows:
        truth = datetime(m.start.year, m.start.month, m.start.day, 10, tzinfo=ZoneInfo(ZONES[m.city][1]))
        uid = f"{m.uid_key}@tracker"
        assert ours[uid].astimezone(UTC) == truth.astimezone(UTC), uid
        assert theirs[uid].astimezone(UTC) == truth.astimezone(UTC), uid


def test_vtimezone_observances_start_at_the_local_time_before_the_onset():
    block = vtimezone("America/New_York", 2008, 2008)  # RFC 5545's own example zone
    assert "BEGIN:DAYLIGHT\r\nDTSTART:20080309T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n" in block
    assert "BEGIN:STANDARD\r\nDTSTART:20081102T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n" in block
    assert "TZOFFSETTO:+0530" in vtimezone("Asia/Kolkata", 2010, 2010)
    assert vtimezone("Asia/Vientiane", 2010, 2012).count("BEGIN:STANDARD") == 1


def test_one_vtimezone_per_zone_however_many_meetings_use_it():
    rows = [meeting(uid_key=f"p{i}", start=date(2008 + i, 3, 1), end=date(2008 + i, 3, 1), start_time="10:00",
                    end_time="13:00", city="Geneva", country="CH") for i in range(3)]
    rows.append(meeting(uid_key="ny", start=date(2009, 5, 5), end=date(2009, 5, 5), start_time="10:00",
                        city="New York", country="US"))
    cal = icalendar.Calendar.from_ical(export(rows))
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["America/New_York", "Europe/Zurich"]


def test_clock_times_without_a_known_zone_are_floating_local_times():
    e = only_event(export([meeting(country=None, city=None, start_time="10:00", end_time="12:00")]))
    assert e.decoded("DTSTART") == datetime(2011, 9, 12, 10, 0)
    assert "time zone unknown" in str(e["DESCRIPTION"])


def test_a_misread_clock_time_falls_back_to_an_all_day_event():
    assert only_event(export([meeting(start_time="25:99")])).decoded("DTSTART") == date(2011, 9, 12)


@pytest.mark.parametrize(("city", "country", "zone"), [
    ("Geneva", "CH", "Europe/Zurich"),
    ("日内瓦", "CH", "Europe/Zurich"),
    ("贝鲁特", "LB", "Asia/Beirut"),
    ("万象市", "LA", "Asia/Vientiane"),
    ("Perth", "AU", "Australia/Perth"),
    ("Vancouver", None, "America/Vancouver"),
    (None, "US", "America/New_York"),
    ("纽约市", "US", "America/New_York"),
    ("Perth", "GB", "Europe/London"),  # Perth, Scotland: the country wins over a namesake
    (None, "DE", "Europe/Berlin"),
    (None, None, None),
    ("Atlantis", None, None),
    (None, "XX", None),
])
def test_venue_zone(city, country, zone):
    assert venue_zone(city, country) == zone


# ---------------------------------------------------------------- status, windows, undated

@pytest.mark.parametrize(("status", "precision", "expected"), [
    ("scheduled", "day", "CONFIRMED"),
    ("held", "day", "CONFIRMED"),
    ("proposed", "day", "TENTATIVE"),
    ("scheduled", "window", "TENTATIVE"),
    ("scheduled", "part_of_month", "TENTATIVE"),
    ("cancelled", "day", "CANCELLED"),
    ("cancelled", "window", "CANCELLED"),
    ("unknown", "day", None),
])
def test_status_mapping(status, precision, expected):
    e = only_event(export([meeting(status=status, precision=precision)]))
    assert (str(e["STATUS"]) if "STATUS" in e else None) == expected


def test_window_meeting_spans_its_window_and_says_its_dates_are_to_be_fixed(khal):
    window = meeting(start=date(2011, 9, 10), end=date(2011, 9, 20), precision="window", duration_days=5.0,
                     status="proposed")
    data = export([window])
    e = only_event(data)
    phrase = "dates to be fixed: 5 days somewhere in 10–20 Sep 2011"
    assert str(e["SUMMARY"]) == f"Second Meeting of States Parties ({phrase})"
    assert "D" + phrase[1:] in str(e["DESCRIPTION"])
    assert (e.decoded("DTSTART"), e.decoded("DTEND")) == (date(2011, 9, 10), date(2011, 9, 21))
    assert str(e["TRANSP"]) == "TRANSPARENT"
    khal.import_ics(data)
    (listed,) = khal.list("2011-09-01", "2011-09-30")
    assert (listed["start"], listed["end"], listed["status"]) == ("2011-09-10", "2011-09-20", "TENTATIVE")


@pytest.mark.parametrize(("start", "end", "days", "phrase"), [
    (date(2011, 6, 28), date(2011, 7, 2), 1, "dates to be fixed: 1 day late Jun 2011 (28 Jun – 2 Jul 2011)"),
    (date(2011, 12, 28), date(2012, 1, 5), 2.5, "dates to be fixed: 2.5 days late Dec 2011 (28 Dec 2011 – 5 Jan 2012)"),
    (date(2011, 9, 1), date(2011, 9, 10), None, "dates to be fixed: early Sep 2011 (1–10 Sep 2011)"),
])
def test_window_phrases(start, end, days, phrase):
    e = only_event(export([meeting(start=start, end=end, precision="part_of_month", duration_days=days)]))
    assert str(e["SUMMARY"]).endswith(f"({phrase})")


def test_month_and_year_meetings_only_with_include_undated():
    rows = [meeting(uid_key="nov", start=date(2011, 11, 1), end=date(2011, 11, 30), precision="month"),
            meeting(uid_key="y2012", start=date(2012, 1, 1), end=date(2012, 12, 31), precision="year"),
            meeting(uid_key="nodate", start=None, end=None, precision="unknown"),
            meeting(uid_key="fixed")]
    assert set(events(export(rows))) == {"fixed@tracker"}
    found = events(export(rows, include_undated=True))
    assert set(found) == {"fixed@tracker", "nov@tracker", "y2012@tracker"}  # no date at all: never
    assert "dates to be fixed: some time in Nov 2011" in str(found["nov@tracker"]["SUMMARY"])
    assert str(found["y2012@tracker"]["STATUS"]) == "TENTATIVE"


# ---------------------------------------------------------------- identity and updates

def test_uid_comes_from_the_stable_key_only():
    before = only_event(export([meeting()]))
    after = only_event(export([meeting(start=date(2012, 1, 1), end=date(2012, 1, 2), status="cancelled",
                                       city="Geneva", country="CH")]))
    assert str(before["UID"]) == str(after["UID"]) == "ccm-msp-2@tracker"


def test_after_a_date_change_uid_stays_sequence_rises_and_khal_keeps_one_event_with_the_new_dates(khal):
    old = export([meeting(sequence=0, last_modified=datetime(2011, 1, 5, tzinfo=UTC))],
                 dtstamp=datetime(2011, 1, 5, tzinfo=UTC))
    new = export([meeting(start=date(2011, 9, 13), end=date(2011, 9, 17), sequence=1,
                          last_modified=datetime(2011, 3, 1, 12, tzinfo=UTC))],
                 dtstamp=datetime(2011, 3, 1, 12, tzinfo=UTC))
    a, b = only_event(old), only_event(new)
    assert str(a["UID"]) == str(b["UID"])
    assert int(b["SEQUENCE"]) > int(a["SEQUENCE"])
    assert b.decoded("LAST-MODIFIED") == datetime(2011, 3, 1, 12, tzinfo=UTC)
    khal.import_ics(old)
    khal.import_ics(new)
    (listed,) = khal.list("2011-09-01", "2011-09-30")
    assert (listed["uid"], listed["start"], listed["end"]) == ("ccm-msp-2@tracker", "2011-09-13", "2011-09-17")
    assert len(list((khal.root / "cal").glob("*.ics"))) == 1  # khal 0.14 leaves its temp copies beside it


def test_shared_uid_keys_are_refused():
    with pytest.raises(ValueError, match="ccm-msp-2"):
        meetings_to_ics([meeting(), meeting(name="again")], dtstamp=DTSTAMP)
    with pytest.raises(ValueError, match="ccm-msp-2"):
        meetings_to_ics([meeting()], dtstamp=DTSTAMP, todos=[CalendarTodo(uid_key="ccm-msp-2", summary="x")])


def test_stamps_are_utc_and_a_naive_stamp_is_taken_as_utc():
    aware = export([meeting(last_modified=datetime(2011, 3, 1, 13, tzinfo=timezone(timedelta(hours=1))))],
                   dtstamp=datetime(2011, 3, 2, 1, tzinfo=timezone(timedelta(hours=2))))
    assert b"DTSTAMP:20110301T230000Z\r\n" in aware and b"LAST-MODIFIED:20110301T120000Z\r\n" in aware
    naive = export([meeting()], dtstamp=datetime(2011, 3, 2, 1))
    assert b"DTSTAMP:20110302T010000Z\r\n" in naive


# ---------------------------------------------------------------- text: escaping and folding

def test_names_with_commas_semicolons_newlines_and_backslashes_are_escaped(khal):
    name = "Meeting of Experts, Group A; Sub-group B\nsecond line \\ end"
    data = export([meeting(name=name, facility="Room XIX; Palais des Nations", chair="Smith, J.")])
    assert b"SUMMARY:Meeting of Experts\\, Group A\\; Sub-group B\\nsecond line \\\\ end\r\n" in data
    e = only_event(data)
    assert str(e["SUMMARY"]) == name
    assert str(e["LOCATION"]) == "Room XIX; Palais des Nations, Beirut, Lebanon"
    assert "Chair: Smith, J." in str(e["DESCRIPTION"])
    assert vobject.readOne(data.decode("utf-8")).vevent.summary.value == name
    khal.import_ics(data)
    (listed,) = khal.list("2011-09-01", "2011-09-30")
    assert listed["title"].startswith("Meeting of Experts, Group A; Sub-group B")


def test_categories_are_instrument_and_kind_each_escaped():
    e = only_event(export([meeting(instrument="CCW, Protocol V", kind="expert_group")]))
    assert [str(v) for v in e["CATEGORIES"].cats] == ["CCW, Protocol V", "expert_group"]


LONG_ZH = ("关于禁止或限制使用某些可被认为具有过分伤害力或滥杀滥伤作用的常规武器公约"
           "缔约方第四次审议大会筹备委员会第二届会议暨集束弹药问题政府专家小组非正式磋商𠀀𠀁") * 3


def test_long_chinese_titles_are_folded_without_breaking_a_character(khal):
    data = export([meeting(name=LONG_ZH, city="日内瓦", country="CH", facility="万国宫第十九会议室")])
    summary_lines = data.split(b"SUMMARY:")[1].split(b"\r\nLOCATION")[0].split(b"\r\n")
    assert len(summary_lines) > 5
    for line in summary_lines:
        assert len(line) <= 75
        line.decode("utf-8")
    assert str(only_event(data)["SUMMARY"]) == LONG_ZH
    assert vobject.readOne(data.decode("utf-8")).vevent.summary.value == LONG_ZH
    khal.import_ics(data)
    (listed,) = khal.list("2011-09-01", "2011-09-30")
    assert listed["title"] == LONG_ZH


@given(st.text(alphabet=st.sampled_from("ab ,;\\\n中文𠀀é\t"), max_size=300))
def test_fold_and_escape_round_trip_any_text(text):
    folded = fold("SUMMARY:" + escape_text(text))
    lines = folded.split("\r\n")
    for i, line in enumerate(lines):
        assert len(line.encode("utf-8")) <= 75
        assert i == 0 or line.startswith(" ")
        body = line if i == len(lines) - 1 else line.rstrip("\\")
        assert i == len(lines) - 1 or (len(line) - len(body)) % 2 == 0  # no escape split across a fold
    unfolded = lines[0] + "".join(line[1:] for line in lines[1:])
    assert unfolded == "SUMMARY:" + escape_text(text)
    parsed = icalendar.Calendar.from_ical(f"BEGIN:VEVENT\r\n{folded}\r\nEND:VEVENT\r\n")
    assert str(parsed["SUMMARY"]) == text.replace("\r\n", "\n")


def test_control_characters_are_shown_escaped_in_text():
    assert escape_text("a\x00b\x1bc\td") == "a\\\\x00b\\\\x1bc\td"  # \x1b, its backslash escaped for TEXT
    assert escape_text("a\r\nb\rc") == "a\\nb\\nc"


# ---------------------------------------------------------------- dates iCalendar cannot write (issue 10, item 6)

@pytest.mark.parametrize("times", [(None, None), ("10:00", "12:00")])  # all-day DTEND; a timed one's VTIMEZONE
def test_a_meeting_ending_in_the_year_9999_is_left_out_with_a_diagnostic_not_a_crash(times):
    far = meeting(uid_key="far", start=date(9999, 12, 27), end=date(9999, 12, 31), start_time=times[0],
                  end_time=times[1], city="Geneva", country="CH")
    assert meetings_to_ics([far], dtstamp=DTSTAMP).startswith(b"BEGIN:VCALENDAR")  # no crash (DTEND, VTIMEZONE)
    skipped: list[str] = []
    data = export([far, meeting()], skipped=skipped)
    assert list(events(data)) == ["ccm-msp-2@tracker"]  # the others are still written
    assert len(skipped) == 1 and skipped[0].startswith("far: left out of the calendar") and "9999-12-31" in skipped[0]


# ---------------------------------------------------------------- descriptions, locations, todos

def test_description_lists_chair_languages_documents_and_open_slots():
    e = only_event(export([meeting(chair="Mr. Akram", languages=["fr", "en", "zh"],
                                   source_symbols=["CCM/MSP/2011/2", "CCM/MSP/2011/1"],
                                   open_slots=["president", "city"])]))
    text = str(e["DESCRIPTION"])
    assert "Chair: Mr. Akram" in text
    assert "Languages: Chinese, English, French" in text
    assert "Documents: CCM/MSP/2011/1, CCM/MSP/2011/2" in text
    assert "Still open: city; president" in text
    assert str(e["LOCATION"]) == "Beirut, Lebanon"
    assert [str(c) for c in e["CATEGORIES"].cats] == ["CCM", "meeting_of_states_parties"]


def test_country_name_can_be_given_by_the_caller():
    e = only_event(export([meeting(city="贝鲁特", country_name="黎巴嫩")]))
    assert str(e["LOCATION"]) == "贝鲁特, 黎巴嫩"


def test_todos_are_vtodos_due_on_the_start_of_the_meeting_that_takes_them():
    todos = [CalendarTodo(uid_key="doc-s5", summary="Fill the start date", kind="slot", due=date(2010, 11, 9),
                          meeting_uid_key="ccm-msp-1", source_symbols=["CCM/MSP/2010/3"]),
             CalendarTodo(uid_key="doc-d7", summary="Decision 7", kind="decision", due=date(2010, 11, 9),
                          meeting_uid_key="ccm-msp-1", categories=["CCM"]),
             CalendarTodo(uid_key="doc-s9", summary="Undated", kind="slot")]
    data = export([meeting()], todos=todos)
    cal = icalendar.Calendar.from_ical(data)
    found = {str(t["UID"]): t for t in cal.walk("VTODO")}
    assert list(found) == ["doc-d7@tracker", "doc-s5@tracker", "doc-s9@tracker"]  # by due date, then key
    assert found["doc-s5@tracker"].decoded("DUE") == date(2010, 11, 9)
    assert str(found["doc-s5@tracker"]["RELATED-TO"]) == "ccm-msp-1@tracker"
    assert str(found["doc-s5@tracker"]["STATUS"]) == "NEEDS-ACTION"
    assert [str(c) for c in found["doc-d7@tracker"]["CATEGORIES"].cats] == ["decision", "CCM"]
    assert "DUE" not in found["doc-s9@tracker"]
    assert len(vobject.readOne(data.decode("utf-8")).vtodo_list) == 3


def test_an_empty_export_is_still_a_valid_calendar():
    data = export([], calname="nothing, yet")
    assert b"X-WR-CALNAME:nothing\\, yet\r\n" in data  # an X- property is TEXT by default (RFC 5545 3.8.8.2)
    assert vobject.readOne(data.decode("utf-8")).x_wr_calname.value == "nothing, yet"


def test_from_meeting_copies_the_domain_meeting():
    m = Meeting(id="m5", name="缔约国第二次会议", kind="meeting_of_states_parties", instrument="CCM",
                start=date(2011, 9, 10), end=date(2011, 9, 20), precision="window", duration_days=5.0,
                city="贝鲁特", country="LB", languages=["en"], status="proposed")
    c = CalendarMeeting.from_meeting(m, uid_key="ccm-msp-2", sequence=3, source_symbols=["X/1"])
    assert (c.uid_key, c.name, c.precision, c.duration_days, c.languages, c.sequence, c.source_symbols) == (
        "ccm-msp-2", "缔约国第二次会议", "window", 5.0, ("en",), 3, ("X/1",))
    assert replace(c, sequence=4).sequence == 4


def test_many_synthetic_meetings_read_back_in_both_parsers():
    rows = [meeting(uid_key=f"m{i}", name=f"Meeting {i}, 第{i}次会议", start=date(2010, 1, 1) + timedelta(days=i),
                    end=date(2010, 1, 1) + timedelta(days=i + i % 4), precision=("day", "window")[i % 2],
                    start_time=("10:00", None)[i % 2], end_time=("13:00", None)[i % 2],
                    country=("CH", "US", "LB", "AU")[i % 4], city=None, sequence=i % 3) for i in range(300)]
    data = export(rows)
    assert len(events(data)) == 300


# ---------------------------------------------------------------- the import law for the new modules

def test_calendar_model_imports_only_stdlib_and_domain():
    path = ROOT / "tracker" / "rendering" / "calendar_model.py"
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
    refused = {n for n in names if n.split(".")[0] not in sys.stdlib_module_names | {"__future__"}
               and n not in ("tracker.domain", "tracker.rules.vocabulary")}
    assert refused == set()


def test_importing_the_calendar_loads_icalendar_only_when_exporting():
    probe = ("import sys, tracker.rendering.calendar, tracker.rendering.calendar_model; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('icalendar', 'pycountry', 'sqlalchemy')))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stderr
