"""People as real documents write them, in both languages: where a name in Latin letters ends, its particles,
and the role of a person the text only names (the chair addressing someone, Secretariat staff thanked in a
record). Each sentence is written for the rule; none is copied from a document."""

from __future__ import annotations

import pytest

from tracker.extract.pipeline import extract

RECORD_EN = "Summary record of the 3rd meeting\nThe meeting was called to order at 10 a.m.\n"
RECORD_ZH = "第3次会议简要记录\n主席宣布会议开始。\n"


def people(text: str) -> list[tuple[str, str | None, str]]:
    return [(p.name, p.country, p.role) for p in extract(text).people]


@pytest.mark.parametrize(("text", "expected"), [
    # bilingual statements set the two languages side by side with no space between
    ("The delegation of Peru welcomed the proposal. Mr. Smith主席 said that the meeting would be held in Geneva.",
     ["Smith"]),
    ("裁谈会全会关于重振裁谈会议题的发言。 Statement on the CD 主席先生, Mr. President, 我祝贺您担任主席。", []),
    ("会议开幕。Lena Holmberg女士(瑞典)发言。", ["Lena Holmberg"]),
], ids=["en: a name before ideographs", "zh: an address after a Latin acronym", "zh: a Latin name before 女士"])
def test_a_latin_name_ends_where_ideographs_begin(text, expected):
    assert [name for name, _, _ in people(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The meeting opened at 10 a.m. Mr. Juan del Rio (Spain) said that the text was agreed.", ("Juan del Rio", "ES")),
    ("The meeting opened at 10 a.m. Ms. Anna de la Cruz (Philippines) said that it was agreed.",
     ("Anna de la Cruz", "PH")),
    ("会议开幕。Juan del Rio先生(西班牙)发言。", ("Juan del Rio", "ES")),
], ids=["en: del is not de", "en: two particles", "zh: a Latin name with a particle"])
def test_a_name_particle_is_read_as_a_whole_word(text, expected):
    assert [(name, country) for name, country, _ in people(text)] == [expected]


@pytest.mark.parametrize(("text", "role"), [
    ("7. 主席请韦伯恩先生(法国)发言。", "speaker"),
    (RECORD_ZH + "1. 主席感谢卡里米先生(约旦)的介绍。", "speaker"),
    ("主席欢迎李明大使(中国)。", "other"),
    ("第十二次缔约国会议主席、瑞典的卡尔松大使宣布会议开幕。", "chair"),  # the chair's title is the person's
    ("The Chairman invited Mr. Weber (France) to take the floor.", "other"),
    ("The Chairman, Mr. Weber (France), opened the meeting.", "chair"),
], ids=["zh: the chair gives the floor", "zh: the chair thanks", "zh: the chair welcomes", "zh: the chair's title",
        "en: the chair invites", "en: the chair's title"])
def test_the_chair_addressing_someone_does_not_make_them_chair(text, role):
    assert [r for _, _, r in people(text)] == [role]


@pytest.mark.parametrize(("text", "role"), [
    (RECORD_EN + "1. The Chairman thanked Under-Secretary-General Chen Wei and the Department for General Assembly "
     "and Conference Management for their support.", "other"),
    (RECORD_EN + "2. Under-Secretary-General Chen Wei said that the Secretariat stood ready to help.", "speaker"),
    (RECORD_ZH + "1. 主席感谢副秘书长王军(中国)的支持。", "other"),
], ids=["en: thanked in a record", "en: speaks in a record", "zh: thanked in a record"])
def test_secretariat_staff_named_in_a_record_speak_only_when_it_says_so(text, role):
    assert [r for _, _, r in people(text)] == [role]


@pytest.mark.parametrize(("text", "organization"), [
    ("The Chair thanked Under-Secretary-General Nobuaki Sato and the Office for Disarmament Affairs, which serviced "
     "the meeting.", "Office for Disarmament Affairs"),
    ("The Chair thanked Under-Secretary-General Chen Wei and the Department for General Assembly and Conference "
     "Management for their support.", "Department for General Assembly and Conference Management"),
    ("The Chair thanked Under-Secretary-General Chen Wei and the delegation of Peru.", "United Nations"),
], ids=["a unit and a comma", "a unit and a lower-case word", "no unit: the United Nations"])
def test_secretariat_staff_belong_to_the_unit_named_with_them(text, organization):
    assert [p.organization for p in extract(text).people] == [organization]
