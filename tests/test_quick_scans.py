"""Quick scans that stand for a regex's finditer (lexicon.finditer_near, the composed offset map of
Normalized.original_span) give exactly what the slow way gives, on texts built to hold the edge cases."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract import normalize as norm_mod
from tracker.extract import structure
from tracker.extract.lexicon import finditer_near
from tracker.extract.normalize import normalize

SCANS = [  # (pattern, its marks): every pattern scanned this way
    (structure.LABEL_SHAPE, structure.LABEL_MARKS),
    (structure.INLINE_NUMBER, structure.NUMBER_MARKS),
    (norm_mod.INLINE_NUMBER, norm_mod.NUMBER_MARKS),
]
# the characters the label and number shapes are made of, and some that stand around them
PIECES = st.sampled_from(["1", "2", "12", "123", "1234", ".", "．", "(", ")", "（", "第", "段", "三", "a", "b", "iv",
                          " ", "\n", "“", ";", "。", "x", "A", "/", "-", "中", "٣", "５", "²"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.data())
def test_finditer_near_finds_what_finditer_finds(text, data):
    begin = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(begin, len(text)))
    for rx, marks in SCANS:
        assert [m.span() for m in finditer_near(rx, text, begin, end, marks)] == \
               [m.span() for m in rx.finditer(text, begin, end)], rx.pattern


def test_finditer_near_on_labels_and_numbers_in_running_text():
    text = "第3段 (a) 12345. 1.5 A/61/1. “5. Reaffirming 6. The purpose (iv) 7．中 (12). 2014/5. 1. 2."
    for rx, marks in SCANS:
        got = [m.span() for m in finditer_near(rx, text, 0, len(text), marks)]
        assert got == [m.span() for m in rx.finditer(text)]
    assert [m.group() for m in finditer_near(structure.LABEL_SHAPE, text, 0, len(text), structure.LABEL_MARKS)][:3] \
        == ["第3段", "(a)", "345."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["２", "０", "（", "）", "ﬁ", "会议", " ", "\n", "  ", "第4 次", "A", ".", "\u3000", "x"]),
                min_size=1, max_size=40).map("".join))
def test_original_span_reads_both_maps_through(raw):
    n = normalize(raw, "zh")
    for b in range(len(n.text)):
        for e in range(b + 1, min(len(n.text), b + 4) + 1):
            ob = n.clean_to_orig[n.to_clean[b]]
            oe = n.clean_to_orig[n.to_clean[e - 1]] + 1
            assert n.original_span(b, e) == (ob, max(oe, ob)), (b, e)


def test_finditer_near_with_overlapping_stretches_and_empty_matches():
    """Marks whose reaches overlap ("1.(" tries some places from both) and a pattern that can match empty:
    each place is tried once, in order, and an empty match moves on by one place, as finditer does."""
    import re

    text = "a1.(b 12.(c) (d 1.( x.( ((."
    for rx in (re.compile(r"\d?\.\(?"), re.compile(r"(?=\()"), re.compile(r"\d{1,2}\.\(|\([a-z]\)")):
        marks = (("(", 3), (".", 2))
        assert [m.span() for m in finditer_near(rx, text, 0, len(text), marks)] == \
               [m.span() for m in rx.finditer(text)], rx.pattern


def test_finditer_near_tries_a_dot_only_from_the_digits_before_it():
    """A (mark, reach, DIGITS) mark: the pattern is tried only from the run of digits (any script's, as \\d)
    right before the dot, so a full stop after a word costs no match at all; the matches are finditer's."""
    import re

    from tracker.extract.lexicon import DIGITS

    class Counting:
        def __init__(self, rx):
            self.rx, self.places = rx, []

        def match(self, text, pos, end):
            self.places.append(pos)
            return self.rx.match(text, pos, end)

    rx = re.compile(r"(\d{1,3})[.．](?!\d)")
    text = "12. Word. ٣٤. x１２３４．y 5."
    counting = Counting(rx)
    got = [m.span() for m in finditer_near(counting, text, 0, len(text), ((".", 3, DIGITS), ("．", 3, DIGITS)))]
    assert got == [m.span() for m in rx.finditer(text)]
    assert counting.places == [0, 10, 16, 22]  # "12." "٣٤." "２３４．" (its last three digits) "5."


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1", "9", "2", "0", "19", "20", "2019", "٣", "５", "x", " ", "/", "(", ")"]),
                max_size=30).map("".join))
def test_year_scan_finds_what_the_year_pattern_finds(text):
    """act_checks.year_scan (str.find for "19" and "20") gives YEAR_SCAN.finditer's starts, overlaps and
    digits of other scripts included ("201919", "19٣4")."""
    from tracker.extract.act_checks import YEAR_SCAN, year_scan

    assert year_scan(text) == [m.start() for m in YEAR_SCAN.finditer(text)]


LEFT_PIECES = st.sampled_from(["in", "at", "the", "from", "appointed", "Mr.", "of", "[...]", "___", "-", "–", "to",
                               ",", " ", "\n", "x", "在", "于", "的", "由", "请", "年", "5月", "先生(", "报告（", "会议"])


@settings(max_examples=300, deadline=None)
@given(st.lists(LEFT_PIECES, max_size=8).map("".join))
def test_a_slot_rule_is_skipped_only_where_its_left_side_cannot_match(raw):
    """slots.last_chars: a rule whose left pattern matches the (right-stripped) text before a blank ends on one
    of the characters read from the pattern, so classify may skip the rule on any other last character."""
    from tracker.extract.slots import _rules
    from tracker.lang import available, lexicon

    left = raw.rstrip()
    for lex in map(lexicon, available()):
        for rule in _rules(lex):
            lrx, lasts = rule[2], rule[4]
            if lasts is not None and lrx.search(left):
                assert left[-1:] in lasts, (lrx.pattern, left)


def test_last_chars_reads_the_end_of_a_pattern():
    from tracker.extract.slots import last_chars

    assert last_chars(r"(?:from|between|on)\s*$") == frozenset("mn")
    assert last_chars(r"\bin\s*\[\s*(?:\.{2,}|_+)?\s*\]\s*,\s*$") == frozenset(",")
    assert last_chars(r"(?:of|by)(?:\s+the\s+Government\s+of)?\s*$") == frozenset("fy")
    assert last_chars(r"在[\u4e00-\u9fff]{2,6}$") is None  # a range: not read
    assert last_chars(r"(?i)in\s*$") is None and last_chars(r"in\s*") is None and last_chars(r"(?:in)?\s*$") is None
