"""Meetings as stages (tracker/extract/meetings/): each stage a function from data to data, the words
from the language packs, ids given once at the end. Sentences are our own, in English and Chinese."""

from __future__ import annotations

import dataclasses

from tracker.extract.dates import find_dates, find_times
from tracker.extract.meetings import find_meetings
from tracker.extract.meetings.facts import attach_facts
from tracker.extract.meetings.grammar import grammar
from tracker.extract.meetings.group import group
from tracker.extract.meetings.model import read
from tracker.extract.mentions import find_mentions
from tracker.extract.normalize import normalize
from tracker.extract.pipeline import extract
from tracker.extract.structure import analyse
from tracker.extract.venues import find_places
from tracker.lang import lexicon

EN = "The Second Meeting of States Parties, a three-day meeting, was held in Geneva from 3 to 5 May 2010."
ZH = "缔约国第二次会议已于2010年5月3日至5日在日内瓦举行，为期三天。"


def _inputs(text: str):
    norm = normalize(text)
    st = analyse(norm)
    return st, find_mentions(norm.text, norm.lex), find_dates(norm.text, norm.lex), find_times(norm.text, norm.lex), \
        find_places(norm.text, norm.lex)


def test_the_stages_run_on_their_own_and_leave_their_inputs_alone():
    for text in (EN, ZH):
        st, mentions, dates, times, places = _inputs(text)
        before = [dataclasses.astuple(m) for m in mentions]
        ctx = read(st, mentions, dates, times, places, "other", None, 0)
        table = group(ctx, mentions)
        assert [dataclasses.astuple(m) for m in mentions] == before  # grouping reads copies
        assert [d.meeting.ordinal for d in table.drafts] == [2]
        assert attach_facts(ctx, table) is table
        assert table.drafts[0].meeting.duration_days == 3.0
        found = find_meetings(st, mentions, dates, times, places, "other", None, 0, None)
        [m] = found.meetings
        assert (m.id, m.city, str(m.start), str(m.end), m.status) == ("m1", "Geneva" if text is EN else "日内瓦",
                                                                      "2010-05-03", "2010-05-05", "held")


def test_meeting_words_come_from_the_pack():
    """A pack without locatives places no meeting after "in": the word is data, not code."""
    en = lexicon("en")
    bare = dataclasses.replace(en, meeting_words={**en.meeting_words, "locatives": ()})
    assert grammar(en).locative.search("was held in ")
    assert not grammar(bare).locative.search("was held in ")
    assert grammar(lexicon("zh")).locative.search("会议在")
    assert grammar(lexicon("fr")).locative.pattern.startswith("(?:(?!))")  # no words yet: matches nothing


def test_every_presiding_title_of_the_pack_heads_a_chair_line():
    text = ("Meeting of States Parties to the Convention\nSecond Meeting\nGeneva, 3-5 May 2010\n"
            "Chairwoman: Ms. Anna Berg (Sweden)\nProvisional agenda\n1. Opening of the meeting.\n")
    assert [m.chair for m in extract(text).meetings if m.chair] == ["Anna Berg"]


def test_durations_read_every_cardinal_of_the_pack():
    assert [m.duration_days for m in extract("The Review Conference will be a twelve-day meeting.").meetings] == [12.0]
    assert [m.duration_days for m in extract("审议会议将于2027年举行，为期十二天。").meetings] == [12.0]


def test_ids_are_given_once_in_order_and_every_parent_is_one_of_them():
    texts = ("Group of Governmental Experts\nGeneva, from 2-5 April 2024 and from 9-12 September 2024\nSummary record "
             "of the 4th meeting\nHeld at the Palais des Nations, Geneva, on 3 April 2024, at 10 a.m.\n"
             "1. The meeting was called to order at 10.05 a.m.\n",
             "缔约国第二次会议\n2011年9月12日至16日,日内瓦\n第4次全体会议简要记录\n1. 会议于上午10时05分开始。\n")
    for text in texts:
        meetings = extract(text).meetings
        ids = [m.id for m in meetings]
        assert ids == [f"m{i}" for i in range(1, len(ids) + 1)]
        assert all(m.parent in ids for m in meetings if m.parent), [(m.id, m.parent) for m in meetings]
        assert any(m.parent for m in meetings)
