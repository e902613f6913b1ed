"""Meeting names and people as real UN documents write them (issue 12, assumption 4): sessions of a
body (筹备委员会第三届会议), meetings named outside the parties' series (the Review and Extension
Conference, 签署国会议, the World Summit), posts written before a name (Secretary-General Ban Ki-moon,
President Thorsson), names in capitals (cables) and a surname after the full name. Own sentences, both
languages."""

from __future__ import annotations

import pytest

from tracker.extract.mentions import find_mentions
from tracker.extract.pipeline import extract
from tracker.lang import lexicon


def kinds(text: str, code: str) -> list[tuple[str, str, int | None]]:
    return [(m.name, m.kind, m.ordinal) for m in find_mentions(text, lexicon(code)) if not m.anaphor]


# --- a session (届) is a session of the body named before it; a numbered meeting (次) stays a meeting

@pytest.mark.parametrize("text,kind", [
    ("海洋问题大会筹备委员会第二届会议于2019年5月6日至10日举行。", "preparatory"),
    ("公约缔约方会议第五届会议将于2021年11月在格拉斯哥举行。", "meeting_of_states_parties"),
    ("政府专家小组的第四届会议已于2018年举行。", "expert_group"),
    ("大会第六十二届会议将审议该报告。", "other"),
], ids=["preparatory", "parties", "experts", "assembly"])
def test_zh_session_takes_the_kind_of_its_body(text, kind):
    session = [k for k in kinds(text, "zh") if "届" in k[0]]
    assert [(k[1], k[2] is not None) for k in session] == [(kind, True)]


def test_zh_numbered_meeting_of_a_body_is_not_a_session():
    assert ("第3次会议", "plenary", 3) in kinds("筹备委员会在第3次会议上通过了议程。", "zh")


@pytest.mark.parametrize("text,name,kind", [
    ("签署国会议于1998年3月2日在维也纳举行。", "签署国会议", "other"),
    ("去年9月的世界首脑会议未能就裁军达成一致。", "首脑会议", "other"),
    ("1995年审议和延期大会决定无限期延长条约。", "审议和延期大会", "review_conference"),
])
def test_zh_meeting_names_beyond_the_parties_series(text, name, kind):
    assert any(n.endswith(name) and k == kind for n, k, _ in kinds(text, "zh"))


@pytest.mark.parametrize("text,name,kind", [
    ("The 2005 Review and Extension Conference met in Vienna.", "2005 Review and Extension Conference",
     "review_conference"),
    ("Last year the World Summit in September failed to agree.", "World Summit", "other"),
    ("Main Committee II held eight meetings.", "Main Committee", "other"),
    ("A side event on verification took place on 4 June.", "side event", "other"),
])
def test_en_meeting_names_beyond_the_parties_series(text, name, kind):
    assert (name, kind) in [(n, k) for n, k, _ in kinds(text, "en")]


# --- people named by a post before the name, in capitals, or by surname after the full name

def person(text: str):
    people = extract(text).people
    return [(p.name, p.honorific, p.organization, p.role) for p in people]


def test_en_secretariat_title_before_a_name():
    assert person("In 2009 Secretary-General Kofi Mensah stated that the goal was near.") == [
        ("Kofi Mensah", "Secretary-General", "United Nations", "speaker")]


def test_en_secretariat_staff_named_by_title_are_other():
    got = person("We thank Under-Secretary-General Lin Wei and the Department for Safety.")
    assert [(n, r) for n, _, _, r in got] == [("Lin Wei", "other")]


def test_en_presiding_title_makes_a_chair():
    got = person("President Halvorsen told the Conference that the text was final.")
    assert [(n, h, r) for n, h, _, r in got] == [("Halvorsen", "President", "chair")]


@pytest.mark.parametrize("text", [
    "The report was submitted by the Chairman\nBWC/MSP/2019/3 Report on universalization",
    "The Chairman The Chairman: I declare open the session.",
    "consultations on the nomination of the President Designate of the Conference.",
    "Mr. Omar Diallo (Senegal) served as Vice-Chairman Diallo of the Committee.",
], ids=["end of line", "the + title", "the President Designate", "vice-chair"])
def test_en_title_used_as_a_noun_is_no_person(text):
    assert all(h not in ("Chairman", "President") for _, h, _, _ in person(text))


def test_en_names_in_capitals_take_one_word():
    got = person("IN PLENARY MME HALVORSEN TOLD CONFERENCE FINAL TEXT MUST BE READY.")
    assert [n for n, _, _, _ in got] == ["HALVORSEN"]


def test_en_elected_as_chairman_in_a_report_is_the_chair():
    people = extract("REPORT OF THE COMMITTEE\n\n2. The Conference elected Mr. Omar Diallo (Senegal) as the Chairman"
                     " of the Committee; Mr. Jan Novak (Czechia) served as Vice-Chairman.\n").people
    assert {p.name: p.role for p in people}["Omar Diallo"] in ("chair", "president_designate")


def test_en_surname_after_the_full_name_is_the_same_person():
    got = person("We thank Under-Secretary-General Lin Wei. I congratulate Mr. Wei on his appointment.")
    assert [n for n, _, _, _ in got] == ["Lin Wei"]


def test_en_surname_of_another_state_is_another_person():
    got = person("Mr. Lin Wei (China) spoke. Mr. Wei (Singapore) said that he agreed.")
    assert [n for n, _, _, _ in got] == ["Lin Wei", "Wei"]


def test_zh_chair_named_before_the_honorific_is_the_chair():
    people = extract("会议选举李明大使(中国)担任主席。王芳女士(日本)担任副主席。").people
    assert {p.name: p.role for p in people} == {"李明": "chair", "王芳": "other"}


def test_zh_chair_title_before_the_name():
    people = extract("主席李明大使宣布会议开幕。").people
    assert [(p.name, p.role) for p in people] == [("李明", "chair")]


# --- English sessions: "the Nth session of X" takes X's kind; a session under or above its body's title

@pytest.mark.parametrize("text,name,kind,ordinal", [
    ("the second session of the Preparatory Committee opened in Vienna.", "second session", "preparatory", 2),
    ("the seventy-ninth session of the General Assembly will consider it.", "seventy-ninth session", "other", 79),
    ("at the first 2026 session of the GGE on explosive weapons", "first 2026 session", "expert_group", 1),
    ("I declare open the 2011 substantive session of the Disarmament Commission.", "2011 substantive session",
     "other", None),
])
def test_en_session_of_a_body(text, name, kind, ordinal):
    assert (name, kind, ordinal) in kinds(text, "en")


def test_en_session_heading_takes_the_nearest_body_not_the_conference_it_prepares():
    text = ("Preparatory Committee for the 2030 Review Conference of the Parties to the Treaty\n"
            "Fourth session\nGeneva, 3-14 May 2029\n")
    assert ("Fourth session", "preparatory", 4) in kinds(text, "en")
    text = "Fourth session\nGeneva, 3-14 May 2029\nLetter to the Preparatory Committee for the 2030 Review Conference"
    assert ("Fourth session", "preparatory", 4) in kinds(text, "en")


@pytest.mark.parametrize("text", ["the session was opened", "at this session", "during the session of 2020"])
def test_en_plain_session_is_not_a_name(text):
    assert all("session" not in n for n, _, _ in kinds(text, "en"))


def test_en_acronyms_name_meetings_but_not_inside_symbols():
    got = kinds("the report of the MSP (BWC/MSP/2019/7) and the next PrepCom", "en")
    assert [(n, k) for n, k, _ in got] == [("MSP", "meeting_of_states_parties"), ("PrepCom", "preparatory")]


# --- a meeting numbered in digits is a plenary of its session; a word ordinal names the parties' series

def test_en_meeting_numbered_in_digits_is_a_plenary():
    assert ("3rd Meeting", "plenary", 3) in kinds("3rd Meeting, Preparatory Committee: provisional agenda", "en")
    assert ("Third Meeting", "meeting_of_states_parties", 3) in kinds("the Third Meeting will be held in Geneva", "en")


def test_zh_meeting_numbered_in_digits_is_a_plenary():
    assert ("第3次会议", "plenary", 3) in kinds("筹备委员会第3次会议临时议程", "zh")


# --- a post, a comma and a name with its state: "the Chairperson, Name (State)", 主席 + name (state)

def test_en_chairperson_comma_name_state():
    people = extract("The meeting was opened by the Chairperson, Maria Lopez (Peru), who welcomed all.").people
    assert [(p.name, p.country, p.role) for p in people] == [("Maria Lopez", "PE", "chair")]


def test_en_chairperson_comma_honorific_name_is_the_chair():
    people = extract("The Chairperson, Ambassador Maria Lopez (Peru), opened the meeting.").people
    assert [(p.name, p.role) for p in people] == [("Maria Lopez", "chair")]


def test_en_vice_chairperson_comma_name_is_not_the_chair():
    people = extract("The Vice-Chairperson, Ambassador Maria Lopez (Peru), opened the meeting.").people
    assert [(p.name, p.role) for p in people] == [("Maria Lopez", "other")]


def test_zh_chair_title_then_name_and_state_without_honorific():
    people = extract("会议由主席李明(中国)主持。").people
    assert [(p.name, p.country, p.role) for p in people] == [("李明", "CN", "chair")]


@pytest.mark.parametrize("text", ["秘书长报告(A/55/216)已分发。", "副主席王芳(日本)发言。"])
def test_zh_post_before_a_word_and_bracket_is_no_person_unless_state(text):
    assert extract(text).people == []


# --- a conference named by its subject or by its number alone

@pytest.mark.parametrize("text,name,ordinal", [
    ("the Conference on the Safety of Maritime Navigation in Rome on 4 May", "Conference on the Safety of Maritime Navigation",
     None),
    ("the Fourth Conference on the Effects of Explosive Weapons, held in Lima", "Fourth Conference on the Effects of "
     "Explosive Weapons", 4),
    ("the Fifth Conference, to be hosted by Chile in 2027", "Fifth Conference", 5),
])
def test_en_conference_by_subject_or_number(text, name, ordinal):
    assert (name, "other", ordinal) in kinds(text, "en")


@pytest.mark.parametrize("text", ["the Conference decided to adopt it", "the Conference of the States Parties met"])
def test_en_plain_conference_stays_an_anaphor_or_the_parties(text):
    assert all(k != "other" for _, k, _ in kinds(text, "en"))


def test_zh_conference_by_subject_is_found_by_its_core():
    assert any(k == "other" for _, k, _ in kinds("关于核安全的国际会议于2019年在维也纳举行。", "zh"))


# --- "Name, Post, Organisation" with no honorific, as lists of speakers write them

def test_en_name_comma_post_comma_body():
    text = "Panellists:\nAna Ruiz, Director, Institute for Peace Studies\nTom Berg, Senior Fellow, Nordic Policy Forum\n"
    assert person(text) == [("Ana Ruiz", "Director", "Institute for Peace Studies", "other"),
                            ("Tom Berg", "Senior Fellow", "Nordic Policy Forum", "other")]


def test_en_name_comma_post_of_state():
    people = extract("The panel was moderated by Ana Ruiz, Permanent Representative of Chile.").people
    assert [(p.name, p.country) for p in people] == [("Ana Ruiz", "CL")]


@pytest.mark.parametrize("text", ["Vienna International Centre, Director of Conference Services\n",
                                  "Room XVIII, Palais des Nations, Geneva\n",
                                  "The Chairperson, Director of the Office, opened the meeting.\n"])
def test_en_place_or_post_comma_post_is_no_person(text):
    assert person(text) == []


def test_zh_body_and_post_before_a_name():
    people = extract("执行支助股股长王明先生介绍了报告。").people
    assert [(p.name, p.organization) for p in people] == [("王明", "执行支助股")]


# --- an unnumbered plenary is a meeting only beside its body

def test_zh_plenary_beside_its_body():
    assert ("全会", "plenary", None) in kinds("大使在裁谈会全会上发言。", "zh")
    assert all(k != "plenary" for _, k, _ in kinds("会议共举行了全会和全体会议。", "zh"))


def test_en_plenary_meeting_of_a_body():
    assert ("plenary meeting", "plenary", None) in kinds("at the plenary meeting of the Conference on Disarmament", "en")
    assert kinds("the meeting of the Preparatory Committee", "en") == [("Preparatory Committee", "preparatory", None)]
    assert kinds("the Committee held four plenary meetings", "en") == []
