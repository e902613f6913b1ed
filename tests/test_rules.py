"""The domain rules on plain objects: no database, no files (tracker/rules/)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tracker.rules import ids
from tracker.rules.consolidate import MeetingFact, cluster, merge
from tracker.rules.overlay import fingerprint, overlay
from tracker.rules.vocabulary import (
    DecisionStatus,
    DocumentKind,
    MeetingKind,
    MeetingStatus,
    Precision,
    SlotKind,
    values,
)

_next_id = iter(range(1, 10_000))


def fact(document="doc-a", local="m1", kind="meeting_of_states_parties", precision="unknown", status="unknown",
         **more) -> MeetingFact:
    return MeetingFact(id=next(_next_id), document_key=document, local_id=local, name=more.pop("name", "Meeting"),
                       kind=kind, precision=precision, status=status, **more)


# ---------------------------------------------------------------- vocabulary and ids

def test_enum_values_are_the_strings_stored_and_written():
    assert MeetingStatus.HELD == "held" and json.dumps(MeetingStatus.HELD) == '"held"'
    assert values(MeetingStatus) == ("held", "scheduled", "proposed", "cancelled", "unknown")
    assert values(DecisionStatus) == ("adopted", "rejected", "deferred", "proposed")
    assert "document_symbol" in values(SlotKind) and "summary_record" in values(DocumentKind)
    assert {"meeting_of_states_parties": 1}.get(MeetingKind.MEETING_OF_STATES_PARTIES) == 1  # same hash as the str
    assert values(Precision) == ("day", "window", "part_of_month", "month", "year", "unknown")


def test_every_id_shape():
    assert ids.slug("CCM/MSP/2010/5") == "ccm-msp-2010-5" and ids.slug("!!!") == "x"
    assert ids.document_key("CCM/MSP/2010/5", "zh", "001") == "ccm-msp-2010-5-zh"
    assert ids.document_key(None, "zh", "001") == "001"
    assert ids.numbered_meeting_id("CCM", "msp", 2) == "ccm-msp-2"
    assert ids.yearly_meeting_id("CCW", "msp", 2008) == "ccw-msp-2008"
    assert ids.plenary_id("CCW", 2008, 4) == "ccw-plenary-2008-4"
    assert ids.numbered_meeting_id(None, "msp", 1) == "un-msp-1"
    assert ids.local_id("ccm-msp-2010-5-zh", "d7") == "ccm-msp-2010-5-zh-d7"
    assert ids.venue_id("LB", "Beirut", None) == "lb-beirut" and ids.venue_id(None, None, None) is None
    assert ids.slot_natural_key("doc", "date", "于", "[……]", 2) == "doc|date|于|[……]|2"
    assert ids.is_numbered("ccm-msp-2") and not ids.is_numbered("ccw-plenary-2008-4")


# ---------------------------------------------------------------- clustering

def test_an_ordinal_joins_the_series_across_documents():
    a = fact("doc-a", "m1", instrument="CCM", ordinal=2)
    b = fact("doc-b", "m3", instrument="CCM", ordinal=2, year=2011)
    assert cluster([a, b]) == {"ccm-msp-2": [a, b]}


def test_a_year_only_fact_joins_the_one_numbered_meeting_of_that_year():
    numbered = fact("doc-a", "m1", instrument="CCM", ordinal=2, year=2011)
    by_year = fact("doc-b", "m1", instrument="CCM", year=2011)
    other_year = fact("doc-c", "m1", instrument="CCM", year=2012)
    assert cluster([numbered, by_year, other_year]) == {"ccm-msp-2": [numbered, by_year],
                                                      "ccm-msp-2012": [other_year]}


def test_two_numbered_meetings_in_a_year_are_told_apart_by_overlapping_dates():
    first = fact("doc-a", "m1", instrument="CCM", ordinal=1, start=date(2011, 3, 1), end=date(2011, 3, 3))
    second = fact("doc-a", "m2", instrument="CCM", ordinal=2, start=date(2011, 9, 12), end=date(2011, 9, 16))
    by_year = fact("doc-b", "m1", instrument="CCM", start=date(2011, 9, 13), precision="day")
    assert cluster([first, second, by_year])["ccm-msp-2"] == [second, by_year]


def test_plenaries_and_facts_with_nothing_to_go_on_keep_their_own_ids():
    plenary = fact("doc-a", "m4", kind="plenary", instrument="CCW", ordinal=4, year=2008)
    bare = fact("doc-a", "m5", instrument="CCW")
    other_kind = fact("doc-a", "m6", kind="other", instrument="CCW", ordinal=1)
    assert set(cluster([plenary, bare, other_kind])) == {"ccw-plenary-2008-4", "doc-a-m5", "doc-a-m6"}


# ---------------------------------------------------------------- merging and conflicts

def test_the_best_dated_fact_wins_and_other_fields_come_from_the_first_that_has_them():
    vague = fact("doc-a", precision="month", start=date(2011, 9, 1), end=date(2011, 9, 30), city="Beirut",
                 status="proposed", ordinal=2, instrument="CCM", country="LB")
    exact = fact("doc-b", precision="day", start=date(2011, 9, 12), end=date(2011, 9, 16), chair="Mr. X",
                 status="scheduled", instrument="CCM", languages="en,fr")
    merged, conflicts = merge("ccm-msp-2", [vague, exact])
    assert (merged.start, merged.end, merged.precision) == (date(2011, 9, 12), date(2011, 9, 16), "day")
    assert (merged.city, merged.chair, merged.ordinal, merged.year) == ("Beirut", "Mr. X", 2, 2011)
    assert merged.status == "scheduled" and merged.languages == "en,fr"
    assert merged.venue_id == "lb-beirut"
    assert conflicts == []


def test_days_that_cannot_both_be_true_are_a_conflict_with_every_claim():
    a = fact("doc-a", precision="day", start=date(2011, 9, 12), end=date(2011, 9, 16), city="Beirut")
    b = fact("doc-b", precision="day", start=date(2011, 9, 19), end=date(2011, 9, 23), city="Geneva")
    _merged, conflicts = merge("m", [a, b])
    by_field = {c.field: c for c in conflicts}
    assert set(by_field) == {"dates", "city"}
    assert by_field["dates"].claims == (("2011-09-12..2011-09-16", "doc-a"), ("2011-09-19..2011-09-23", "doc-b"))
    assert json.loads(by_field["city"].claims_json()) == [["Beirut", "doc-a"], ["Geneva", "doc-b"]]


def test_a_day_inside_the_window_is_no_conflict_but_one_outside_is():
    window = fact("doc-a", precision="window", start=date(2011, 9, 10), end=date(2011, 9, 20))
    inside = fact("doc-b", precision="day", start=date(2011, 9, 12), end=date(2011, 9, 16))
    outside = fact("doc-c", precision="day", start=date(2011, 9, 12), end=date(2011, 9, 22))
    assert merge("m", [window, inside])[1] == []
    assert [c.field for c in merge("m", [window, outside])[1]] == ["dates"]


def test_held_beats_every_other_status():
    facts = [fact(status=s) for s in ("proposed", "held", "scheduled")]
    assert merge("m", facts)[0].status == "held"


# ---------------------------------------------------------------- the overlay

def _documented(**more):
    base = dict(precision="window", start=date(2011, 9, 10), end=date(2011, 9, 20), duration_days=5.0,
                status="proposed", city="Beirut", country="LB")
    base.update(more)
    return merge("ccm-msp-2", [fact(**base)])[0]


def test_a_filled_start_and_the_documents_duration_give_the_days():
    m = overlay(_documented(), {"start": "2011-09-12"}, scheduled=False)
    assert (m.start, m.end, m.precision, m.year) == (date(2011, 9, 12), date(2011, 9, 16), "day", 2011)
    assert m.status == "proposed"


def test_a_filled_end_alone_counts_back_the_duration():
    m = overlay(_documented(), {"end": "2011-09-16"}, scheduled=False)
    assert (m.start, m.end) == (date(2011, 9, 12), date(2011, 9, 16))


def test_filled_places_replace_the_documents_and_move_the_venue_id():
    m = overlay(_documented(), {"city": "Geneva", "country": "CH"}, scheduled=False)
    assert (m.city, m.country, m.venue_id) == ("Geneva", "CH", "ch-geneva")


def test_an_adopted_decision_schedules_a_proposed_meeting_but_never_unholds_one():
    assert overlay(_documented(), {}, scheduled=True).status == "scheduled"
    assert overlay(_documented(status="held"), {}, scheduled=True).status == "held"
    assert overlay(_documented(), {}, scheduled=False) == _documented()


def test_a_date_at_the_calendars_edge_keeps_the_day_given():
    m = overlay(_documented(duration_days=5.0), {"end": "0001-01-02"}, scheduled=False)
    assert m.start == m.end == date(1, 1, 2)


@pytest.mark.parametrize("change", [{"city": "Geneva"}, {"start": "2011-09-12"}])
def test_the_fingerprint_follows_dates_venue_and_status(change):
    before = _documented()
    assert fingerprint(overlay(before, change, scheduled=False)) != fingerprint(before)
    assert fingerprint(overlay(before, {"chair": "Mr. Y"}, scheduled=False)) == fingerprint(before)
