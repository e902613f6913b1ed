"""The meeting-name regex gathered by first letter (lexicon.by_first_letter) matches exactly as the plain
alternation it replaces, at every place of a text."""

from __future__ import annotations

import re

from tracker.extract import mentions
from tracker.extract.lexicon import alternatives, by_first_letter
from tracker.lang import for_language

SAMPLE = ("the Second Meeting of States Parties and the Review Conference; an organizational session of the "
          "Preparatory Committee, its substantive session, the 4th meeting, Meetings of Experts, the "
          "Intersessional meeting, CCW/MSP/2024/7, RevCon, the 2012 Meeting, the Conference on Disarmament, "
          "the Standing Committee on Victim Assistance and the Conference of the High Contracting Parties")


def test_the_grouped_regex_matches_where_and_as_the_plain_alternation_does():
    en = for_language("en")
    parts = [alt for core in en.meeting_cores for alt in mentions._core_alternatives(core, en)]
    assert alternatives("|".join(parts)) == parts
    assert len(parts) > len(en.meeting_cores)  # a cased or qualified core is several alternatives
    plain = re.compile("|".join(parts))
    grouped = re.compile(by_first_letter(parts))
    assert grouped.pattern != plain.pattern
    for at in range(len(SAMPLE)):
        a, b = plain.match(SAMPLE, at), grouped.match(SAMPLE, at)
        assert (a and a.group()) == (b and b.group()), at
    assert [m.span() for m in plain.finditer(SAMPLE)] == [m.span() for m in grouped.finditer(SAMPLE)]


def test_the_pack_names_and_cores_are_gathered_and_a_non_letter_opening_keeps_the_plain_alternation():
    rx = mentions._latin_cores(for_language("en")).rx
    assert rx.pattern.startswith(tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
    assert by_first_letter([r"\bx", "y"]) == r"\bx|y"
    assert by_first_letter(["s?x", "sy"]) == "s?x|sy"
    assert alternatives(r"a(?:b|c)|[|]d|e\|f") == ["a(?:b|c)", "[|]d", r"e\|f"]
