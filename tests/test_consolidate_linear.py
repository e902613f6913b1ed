"""Keyed consolidation gives what the pairwise one gave: `cluster` and `conflicts` against their old code.

The reference below is the pairwise code as it stood (every year-only fact compared with every numbered
meeting and its facts; every day compared with every window). Facts are drawn so that collisions are the
rule: few instruments, ordinals and years, dates within a few weeks, several meetings per year.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.rules import ids
from tracker.rules.consolidate import (
    DATED,
    MeetingFact,
    _conflict,
    _dates,
    _overlaps,
    _within,
    cluster,
    conflicts,
    merge,
    ranked,
    year_of,
)
from tracker.rules.vocabulary import Precision


def pairwise_cluster(facts: list) -> dict[str, list]:
    """The old cluster, word for word."""
    out: dict[str, list] = defaultdict(list)
    by_year: list = []
    for f in facts:
        kind, year = ids.KIND_SLUG.get(f.kind), year_of(f)
        if kind is None or (f.ordinal is None and year is None):
            out[ids.local_id(f.document_key, f.local_id)].append(f)
        elif kind == "plenary":
            key = (ids.plenary_id(f.instrument, year, f.ordinal) if year and f.ordinal
                   else ids.local_id(f.document_key, f.local_id))
            out[key].append(f)
        elif f.ordinal is not None:
            out[ids.numbered_meeting_id(f.instrument, kind, f.ordinal)].append(f)
        else:
            by_year.append(f)
    numbered = {k: v for k, v in out.items() if ids.is_numbered(k)}
    for f in by_year:
        kind = ids.KIND_SLUG[f.kind]
        prefix = ids.series_prefix(f.instrument, kind)
        same_year = [k for k, v in numbered.items() if k.startswith(prefix) and any(year_of(g) == year_of(f) for g in v)]
        if len(same_year) > 1:
            same_year = [k for k in same_year if any(_overlaps(f, g) for g in numbered[k])]
        out[same_year[0] if len(same_year) == 1 else ids.yearly_meeting_id(f.instrument, kind, year_of(f))].append(f)
    return dict(out)


def pairwise_conflicts(meeting_id: str, best: list):
    """The old conflicts, word for word."""
    found = []
    dated = [f for f in best if f.start and f.precision in DATED]
    days = [f for f in dated if f.precision == Precision.DAY]
    clash = len({_dates(f) for f in days}) > 1 or any(
        not _within(d, w) for d in days for w in dated if w.precision != Precision.DAY)
    if clash:
        found.append(_conflict(meeting_id, "dates", [(_dates(f), f.document_key) for f in dated]))
    for name in ("city", "chair"):
        claims = [(getattr(f, name), f.document_key) for f in best if getattr(f, name)]
        if len({v for v, _ in claims}) > 1:
            found.append(_conflict(meeting_id, name, claims))
    return found


KINDS = ["meeting_of_states_parties", "review_conference", "plenary", "other"]
PRECISIONS = [p.value for p in Precision]
BASE = date(2014, 3, 1)


@st.composite
def fact(draw, i: int) -> MeetingFact:
    dated = draw(st.booleans())
    start = BASE + timedelta(days=draw(st.integers(0, 400))) if dated else None
    end = start + timedelta(days=draw(st.integers(0, 6))) if start and draw(st.booleans()) else None
    return MeetingFact(
        id=i, document_key=f"d{draw(st.integers(0, 30))}", local_id=f"m{draw(st.integers(1, 3))}", name="x",
        kind=draw(st.sampled_from(KINDS)), precision=draw(st.sampled_from(PRECISIONS)),
        status=draw(st.sampled_from(["held", "scheduled", "proposed"])),
        instrument=draw(st.sampled_from([None, "CCW", "BWC"])),
        ordinal=draw(st.one_of(st.none(), st.integers(1, 4))),
        year=draw(st.one_of(st.none(), st.integers(2014, 2015))), start=start, end=end,
        city=draw(st.sampled_from([None, "Geneva", "Vienna"])), chair=draw(st.sampled_from([None, "A", "B"])))


facts_lists = st.integers(0, 120).flatmap(lambda n: st.tuples(*(fact(i) for i in range(n))).map(list))


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], max_examples=150)
@given(facts_lists)
def test_cluster_is_the_pairwise_one(facts):
    assert cluster(list(facts)) == pairwise_cluster(list(facts))


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], max_examples=150)
@given(facts_lists)
def test_conflicts_are_the_pairwise_ones(facts):
    for meeting_id, members in pairwise_cluster(facts).items():
        best = ranked(members)
        assert conflicts(meeting_id, best) == pairwise_conflicts(meeting_id, best)
        assert merge(meeting_id, members)[1] == pairwise_conflicts(meeting_id, best)


def _f(i, ordinal=None, year=2014, start=None, end=None, precision="day", doc=None):
    return MeetingFact(id=i, document_key=doc or f"d{i}", local_id="m1", name="x", kind="meeting_of_states_parties",
                       precision=precision, status="held", instrument="CCW", ordinal=ordinal, year=year,
                       start=start, end=end)


def test_a_year_fact_joins_the_numbered_meeting_its_dates_overlap_counting_facts_that_joined_before():
    # two numbered meetings in 2014; c overlaps neither (the year's own meeting), a overlaps the fifth and
    # joins it, b has c's dates but now overlaps a, which joined the fifth: b follows it, as the pairwise
    # code did (an answer remembered for c's dates must not stick)
    fifth = _f(1, ordinal=5, start=date(2014, 4, 1), end=date(2014, 4, 5))
    sixth = _f(2, ordinal=6, start=date(2014, 12, 1), end=date(2014, 12, 5))
    c = _f(3, start=date(2014, 4, 18), end=date(2014, 4, 19))
    a = _f(4, start=date(2014, 4, 3), end=date(2014, 4, 20), precision="window")
    b = _f(5, start=date(2014, 4, 18), end=date(2014, 4, 19))
    got = cluster([fifth, sixth, c, a, b])
    assert got == pairwise_cluster([fifth, sixth, c, a, b])
    assert [f.id for f in got["ccw-msp-5"]] == [1, 4, 5]
    assert [f.id for f in got["ccw-msp-2014"]] == [3]


def test_many_days_against_many_windows_clash_as_before():
    day = [_f(i, start=date(2014, 4, 1), end=date(2014, 4, 5)) for i in range(50)]
    window = [_f(100 + i, start=date(2014, 3, 1), end=date(2014, 4, 3), precision="window") for i in range(50)]
    best = ranked(day + window)
    assert conflicts("m", best) == pairwise_conflicts("m", best)
    assert [c.field for c in conflicts("m", best)] == ["dates"]
