"""Language packs (tracker/lang/*.toml) and what extraction reads with them."""

from __future__ import annotations

import pytest

from tracker.extract.pipeline import extract
from tracker.lang import available, lexicon


@pytest.mark.parametrize(("name", "ordinal"), [
    ("Twenty-sixth Meeting of States Parties", 26),
    ("Thirty-first Meeting of States Parties", 31),
    ("Twelfth Meeting of States Parties", 12),
    ("Fortieth Meeting of States Parties", 40),
    ("21st Meeting of States Parties", 21),
])
def test_english_ordinals_from_units_and_tens(name: str, ordinal: int) -> None:
    text = f"The {name} will be held in Geneva from 3 to 14 November 2025."
    meetings = extract(text).meetings
    assert [(m.kind, m.ordinal) for m in meetings] == [("meeting_of_states_parties", ordinal)]


def test_ordinals_are_generated() -> None:
    en = lexicon("en")
    assert en.ordinals["twenty-sixth"] == 26
    assert en.ordinals["thirty-first"] == 31
    assert en.ordinals["ninety-ninth"] == 99
    assert en.ordinals["eleventh"] == 11


def test_every_pack_loads_once() -> None:
    for code in available():
        assert lexicon(code) is lexicon(code)
        assert lexicon(code).code == code
    assert {"en", "zh"} <= set(available())
