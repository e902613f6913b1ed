"""What `status` shows, checked against the store's whole meeting list: its limited lists are the first rows of
the full ones, in their documented order, and its totals count them, whatever the limit and the day.

status reads its lists through indexes and stops after `limit` rows (incomplete meetings in two reads, dated
then undated); this holds it to the plain definition, computed here in Python from every meeting."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import SEEDS

from tracker.usecases import services

DAYS = [date(2000, 1, 1), date(2009, 6, 1), date(2010, 11, 1), date(2011, 7, 1), date(2030, 1, 1)]


@pytest.fixture
def seeded_store(store):
    services.ingest_paths(store, [str(SEEDS)])
    return store


def _incomplete(meetings, as_of: date) -> list[tuple[str, list[str]]]:
    """Meetings not known to be over and not held that lack a date, a venue or a chair: dated ones by first
    day then id, then the undated by id."""
    found = [m for m in meetings
             if (m.start is None or m.city is None or m.chair is None)
             and (m.start is None or (m.end or m.start) >= as_of) and m.status != "held"]
    found.sort(key=lambda m: (m.start is None, m.start or date.min, m.id))
    return [(m.id, [n for n, v in (("date", m.start), ("venue", m.city), ("chair", m.chair)) if not v])
            for m in found]


def _upcoming(meetings, as_of: date) -> set[str]:
    return {m.id for m in meetings
            if (m.start is not None and m.precision not in ("year", "unknown") and (m.end or m.start) >= as_of)
            or (m.precision == "year" and m.year is not None and m.year > as_of.year)}


@pytest.mark.parametrize("as_of", DAYS, ids=str)
def test_status_lists_are_the_first_rows_of_the_whole_lists(seeded_store, as_of):
    meetings = services.list_records(seeded_store, "meetings")
    incomplete, upcoming = _incomplete(meetings, as_of), _upcoming(meetings, as_of)
    whole = services.status(seeded_store, as_of, limit=None)
    assert [(m.id, missing) for m, missing in whole.incomplete] == incomplete
    assert {m.id for m in whole.upcoming} == upcoming
    assert (whole.totals["incomplete_meetings"], whole.totals["upcoming"]) == (len(incomplete), len(upcoming))
    for limit in range(1, max(len(incomplete), len(upcoming)) + 2):
        shown = services.status(seeded_store, as_of, limit=limit)
        assert [(m.id, missing) for m, missing in shown.incomplete] == incomplete[:limit]
        assert [m.id for m in shown.upcoming] == [m.id for m in whole.upcoming][:limit]
        assert shown.totals == whole.totals


def test_the_seeds_have_dated_and_undated_incomplete_meetings(seeded_store):
    # what makes the test above meaningful: the two reads of the incomplete list both return rows
    meetings = services.list_records(seeded_store, "meetings")
    starts = [m.start for m in meetings if (m.start is None or m.city is None or m.chair is None)]
    assert None in starts and any(starts)
