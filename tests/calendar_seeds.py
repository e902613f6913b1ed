"""The seeds' meetings and open items, built by hand as calendar input, and the golden file they give.

    .venv/bin/python tests/calendar_seeds.py     # rewrite tests/golden/seeds.ics after a deliberate change

Keys are the store's: meeting ids from what the meeting is (ccm-msp-2), slots and decisions
under their document's key (001-fdd4221b5f7012ca = seeds/001_…, the 2011 work programme;
000-f7a7f372e4bea7a5 = seeds/000_…, the CCW 2008 summary record).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from tracker.rendering.calendar import meetings_to_ics
from tracker.rendering.calendar_model import CalendarMeeting, CalendarTodo

GOLDEN = Path(__file__).resolve().parent / "golden" / "seeds.ics"
DTSTAMP = datetime(2025, 1, 1, tzinfo=UTC)
INGESTED = datetime(2024, 12, 20, 9, 30, tzinfo=UTC)
WORK_PROGRAMME = "001-fdd4221b5f7012ca"
SUMMARY_RECORD = "000-f7a7f372e4bea7a5"

SEED_MEETINGS = (
    CalendarMeeting(
        uid_key="ccm-msp-1", name="缔约国第一次会议", instrument="CCM", kind="meeting_of_states_parties",
        start=date(2010, 11, 9), end=date(2010, 11, 12), precision="day", city="万象市", country="LA",
        status="scheduled", last_modified=INGESTED, source_symbols=(WORK_PROGRAMME,)),
    CalendarMeeting(
        uid_key="ccm-intersessional-2011", name="闭会期间会议", instrument="CCM", kind="intersessional",
        start=date(2011, 6, 27), end=date(2011, 6, 30), precision="day", duration_days=3.5,
        city="日内瓦", country="CH", facility="世界气象组织会议设施", languages=("en", "fr", "es"),
        status="proposed", last_modified=INGESTED, source_symbols=(WORK_PROGRAMME,)),
    CalendarMeeting(
        uid_key="ccm-msp-2", name="缔约国第二次会议", instrument="CCM", kind="meeting_of_states_parties",
        start=date(2011, 9, 10), end=date(2011, 9, 20), precision="window", duration_days=5,
        city="贝鲁特", country="LB", status="proposed", last_modified=INGESTED, source_symbols=(WORK_PROGRAMME,),
        open_slots=("chair", "chair's country", "start date", "end date", "country", "city")),
    CalendarMeeting(
        uid_key="ccw-plenary-2008-4", name="第4次会议", instrument="CCW", kind="plenary",
        start=date(2008, 11, 14), end=date(2008, 11, 14), precision="day", start_time="15:00", end_time="17:15",
        city="日内瓦", country="CH", facility="万国宫", chair="阿克拉姆", status="held",
        last_modified=INGESTED, source_symbols=(SUMMARY_RECORD, "CCW/MSP/2008/CRP.2")),
)

# The work programme is for the first meeting of States Parties to adopt: its proposed decision 7 and
# the blanks in it are due when that meeting opens.
_MSP1 = {"due": date(2010, 11, 9), "meeting_uid_key": "ccm-msp-1", "source_symbols": (WORK_PROGRAMME,),
         "last_modified": INGESTED}
SEED_TODOS = (
    CalendarTodo(uid_key=f"{WORK_PROGRAMME}-d7", kind="decision",
                 summary="Decision 7 (proposed): 会议同意任命[……]的[……]担任缔约国第二次会议主席，"
                         "并决定于2011年9月[……]至[……]在[……]的[……]举行该次会议。", **_MSP1),
    CalendarTodo(uid_key=f"{WORK_PROGRAMME}-s4", summary="Fill the chair of 缔约国第二次会议 (person)",
                 description="…用捐款来偿付。7.会议同意任命[……]的[……]", **_MSP1),
    CalendarTodo(uid_key=f"{WORK_PROGRAMME}-s5", summary="Fill the start date of 缔约国第二次会议",
                 description="…国第二次会议主席，并决定于2011年9月[……]", **_MSP1),
    CalendarTodo(uid_key=f"{WORK_PROGRAMME}-s8", summary="Fill the city of 缔约国第二次会议",
                 description="…11年9月[……]至[……]在[……]的[……]", **_MSP1),
)


def seeds_ics() -> bytes:
    return meetings_to_ics(list(SEED_MEETINGS), dtstamp=DTSTAMP, calname="tracker seeds", todos=list(SEED_TODOS))


if __name__ == "__main__":
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_bytes(seeds_ics())
    print(f"wrote {GOLDEN}")
