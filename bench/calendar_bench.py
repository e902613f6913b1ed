"""Time tracker.rendering.calendar.meetings_to_ics on 10,000 synthetic meetings (target: under 2 s).

The meetings come from random.Random(seed): Chinese and English names (some long enough to fold,
some with commas and semicolons), every precision, a fifth with clock times in a dozen venues
(so a dozen VTIMEZONE blocks), chairs, languages, source symbols and open slots, plus one to-do
per ten meetings. The first, cold export is the one judged: it also pays for loading country
names and building the time zones, as a real `tracker export ics` would. Two more runs show the
warm time and that the bytes do not change. It reports, never asserts: exit status 0 either way.

    .venv/bin/python bench/calendar_bench.py
    .venv/bin/python bench/calendar_bench.py --meetings 50000 --out /tmp/big.ics
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tracker.rendering.calendar import meetings_to_ics
from tracker.rendering.calendar_model import CalendarMeeting, CalendarTodo

TARGET_SECONDS = 2.0
VENUES = [("Geneva", "CH", "Palais des Nations"), ("日内瓦", "CH", "万国宫"), ("Vienna", "AT", None),
          ("New York", "US", "Conference Room 4"), ("Beirut", "LB", None), ("万象市", "LA", None),
          ("Santiago", "CL", None), ("Oslo", "NO", None), ("Dubrovnik", "HR", None), ("Perth", "AU", None),
          ("Nairobi", "KE", "United Nations Office at Nairobi"), ("Bangkok", "TH", None), (None, None, None)]
NAMES = ["Meeting of States Parties", "缔约国第{n}次会议", "Intersessional Meeting, Standing Committee; Part {n}",
         "关于禁止或限制使用某些可被认为具有过分伤害力或滥杀滥伤作用的常规武器公约缔约方第{n}次会议",
         "Group of Governmental Experts", "闭会期间会议"]
KINDS = ["meeting_of_states_parties", "intersessional", "expert_group", "plenary", "preparatory", "other"]
PRECISIONS = ["day"] * 6 + ["window", "part_of_month", "month", "year", "unknown"]
STATUSES = ["held", "scheduled", "proposed", "cancelled", "unknown"]


def synthetic(count: int, seed: int) -> tuple[list[CalendarMeeting], list[CalendarTodo]]:
    rnd = random.Random(seed)
    meetings, todos = [], []
    for i in range(count):
        start = date(2005, 1, 1) + timedelta(days=rnd.randrange(7000))
        precision = rnd.choice(PRECISIONS)
        timed = precision == "day" and rnd.random() < 0.2
        city, country, facility = rnd.choice(VENUES)
        meetings.append(CalendarMeeting(
            uid_key=f"bench-{i}", name=rnd.choice(NAMES).format(n=i), instrument=rnd.choice(["CCM", "CCW", "APMBC"]),
            kind=rnd.choice(KINDS), start=start, end=start + timedelta(days=0 if timed else rnd.randrange(12)),
            precision=precision, start_time="10:00" if timed else None, end_time="13:00" if timed else None,
            duration_days=rnd.choice([None, 1, 3.5, 5]), city=city, country=country, facility=facility,
            chair=rnd.choice([None, "Mr. Akram", "阿克拉姆", "Ms. Smith, Jr."]),
            languages=rnd.sample(["ar", "zh", "en", "fr", "ru", "es"], rnd.randrange(7)),
            status=rnd.choice(STATUSES), sequence=rnd.randrange(5),
            last_modified=datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=i),
            source_symbols=[f"CCM/MSP/{start.year}/{rnd.randrange(1, 40)}" for _ in range(rnd.randrange(4))],
            open_slots=rnd.sample(["chair", "city", "start date", "end date", "country"], rnd.randrange(3))))
        if i % 10 == 0:
            todos.append(CalendarTodo(uid_key=f"bench-{i}-s1", summary=f"Fill the city of meeting {i}", due=start,
                                      meeting_uid_key=f"bench-{i}"))
    return meetings, todos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--out", type=Path, help="also write the file here")
    args = parser.parse_args()

    meetings, todos = synthetic(args.meetings, args.seed)
    stamp = datetime(2025, 1, 1, tzinfo=UTC)
    times, outputs = [], []
    for _ in range(3):
        began = time.perf_counter()
        outputs.append(meetings_to_ics(meetings, dtstamp=stamp, include_undated=True, todos=todos))
        times.append(time.perf_counter() - began)
    data = outputs[0]
    if args.out:
        args.out.write_bytes(data)
    events, zones = data.count(b"BEGIN:VEVENT"), data.count(b"BEGIN:VTIMEZONE")
    print(f"calendar export: {len(meetings)} meetings + {len(todos)} to-dos -> {events} events, {zones} time zones, "
          f"{len(data) / 1e6:.1f} MB")
    print(f"  cold {times[0]:.3f} s, warm best {min(times[1:]):.3f} s, "
          f"byte-identical across runs: {'yes' if len(set(outputs)) == 1 else 'NO'}")
    print(f"target < {TARGET_SECONDS:g} s: {'PASS' if times[0] < TARGET_SECONDS else 'FAIL'}")


if __name__ == "__main__":
    main()
