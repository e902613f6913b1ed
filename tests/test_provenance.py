"""Provenance per fact (issue 15): each field of a meeting keeps where its document states it, and `show`
quotes that sentence whole, with the document and paragraph (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import SEEDS, cli, write

from tracker.extract.pipeline import extract

CORPUS = Path(__file__).resolve().parent / "corpus"

# the dates, the venue and the chair each in a sentence of their own, none in the first mention's
NOTE = """CCM/MSP/2011/3

Second Meeting of States Parties to the Convention on Cluster Munitions

Note by the Secretariat

1. The States Parties discussed the preparations for the Second Meeting of States Parties at length, and several delegations spoke.

2. The Second Meeting of States Parties will be held from 12 to 16 September 2011.

3. The Meeting will take place in Beirut, Lebanon, at the invitation of the host country.

4. Ambassador Najib Kamal of Lebanon was designated as President of the Second Meeting of States Parties.
"""
DATES = "The Second Meeting of States Parties will be held from 12 to 16 September 2011."
VENUE = "The Meeting will take place in Beirut, Lebanon, at the invitation of the host country."
CHAIR = "Ambassador Najib Kamal of Lebanon was designated as President of the Second Meeting of States Parties."


def _said(text: str, span) -> str:
    b, e = span.sentence
    return " ".join(text[b:e].split())


def test_each_field_points_at_the_sentence_that_states_it():
    (m,) = extract(NOTE).meetings
    assert (m.start.isoformat(), m.city, m.chair) == ("2011-09-12", "Beirut", "Najib Kamal")
    s = m.sources
    assert NOTE[s["dates"].start:s["dates"].end] == "from 12 to 16 September 2011"
    assert NOTE[s["city"].start:s["city"].end] == "Beirut"
    assert NOTE[s["chair"].start:s["chair"].end] == "Najib Kamal"
    assert NOTE[s["status"].start:s["status"].end] == "will be held"  # the cue that made it scheduled
    assert (_said(NOTE, s["dates"]), _said(NOTE, s["city"]), _said(NOTE, s["chair"])) == (DATES, VENUE, CHAIR)
    assert _said(NOTE, s["status"]) == DATES
    assert s["dates"].paragraph != s["city"].paragraph != s["chair"].paragraph


def test_a_cover_fact_is_quoted_by_its_line_not_the_whole_cover():
    text = (SEEDS / "001_fdd4221b5f7012ca.txt").read_text("utf-8")
    m = next(m for m in extract(text).meetings if m.name == "缔约国第一次会议")
    assert _said(text, m.sources["dates"]) == "2010年 11月 9日至 12日"
    assert _said(text, m.sources["city"]) == "老挝人民民主共和国万象市"


def _documents():
    return sorted([*SEEDS.glob("*.txt"), *CORPUS.glob("*.txt")])


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_every_source_lies_in_its_sentence_and_no_sentence_starts_or_ends_inside_a_word(path):
    text = path.read_text("utf-8")
    found = 0
    for m in extract(text).meetings:
        assert "name" in m.sources and "status" in m.sources
        for name, s in m.sources.items():
            b, e = s.sentence
            assert b <= s.start <= s.end <= e, (name, s)
            inside_word = [(text[i - 1], text[i]) for i in (b, e) if 0 < i < len(text)
                           and text[i - 1].isascii() and text[i - 1].isalnum() and text[i].isascii()
                           and text[i].isalnum()]
            assert not inside_word, (name, text[b:e])
            found += 1
    assert found


def _facts(db_url: str, meeting: str) -> dict[str, dict]:
    shown = cli(db_url, "show", meeting, "--json")
    assert shown.returncode == 0, shown.stderr
    return {f["field"]: f for f in json.loads(shown.stdout)["facts"]}


def test_show_quotes_the_sentence_of_each_fact_whole(db_url, tmp_path):
    path = write(tmp_path, "note.txt", NOTE)
    assert cli(db_url, "ingest", str(path)).returncode == 0
    facts = _facts(db_url, "ccm-msp-2")
    assert facts["dates"]["sentence"] == DATES
    assert facts["city"]["sentence"] == VENUE
    assert facts["country"]["sentence"] == VENUE
    assert facts["chair"]["sentence"] == CHAIR
    assert facts["status"]["sentence"] == DATES
    assert facts["name"]["sentence"] == "Second Meeting of States Parties to the Convention on Cluster Munitions"
    assert {f["document"] for f in facts.values()} == {"ccm-msp-2011-3-en"}
    assert facts["dates"]["paragraph"] != facts["city"]["paragraph"]
    assert all("page" not in f for f in facts.values())  # a text file has no pages
    text = cli(db_url, "show", "ccm-msp-2")
    assert CHAIR in text.stdout.replace("\n", " ") or "Najib Kamal" in text.stdout


def test_show_quotes_chinese_facts_from_their_own_sentences(db_url):
    assert cli(db_url, "ingest", str(SEEDS)).returncode == 0
    facts = _facts(db_url, "ccm-msp-2")
    assert facts["dates"]["sentence"].startswith("据此，黎巴嫩已正式提出于 2011 年 9 月 10 日到 20日期间")
    assert facts["city"]["sentence"].startswith("8. 在 2010年 9月 6日的筹备会议上")
    assert facts["dates"]["sentence"] != facts["name"]["sentence"]


def test_a_revised_document_moves_the_sources(db_url, tmp_path):
    path = write(tmp_path, "note.txt", NOTE)
    assert cli(db_url, "ingest", str(path)).returncode == 0
    revised = NOTE.replace("3. The Meeting will take place in Beirut", "3. After long talks, the Meeting will take place in Beirut")
    path.write_text(revised, "utf-8")
    assert cli(db_url, "ingest", str(path)).returncode == 0
    assert _facts(db_url, "ccm-msp-2")["city"]["sentence"] == "After long talks, " + VENUE[0].lower() + VENUE[1:]


# a blank 460 characters into a sentence with no full stop before it: the sentence is quoted from its start
LONG = ("1. The Meeting decided, "
        + "having considered the many views expressed by delegations on the organisation of its work, " * 6
        + "to appoint [...] as President of the Second Meeting of States Parties.")


def test_show_quotes_a_slot_and_a_decision_by_their_whole_sentence(db_url, tmp_path):
    path = write(tmp_path, "long.txt", f"CCM/MSP/2011/4\n\nDraft decision\n\n{LONG}\n")
    assert cli(db_url, "ingest", str(path)).returncode == 0
    whole = LONG[len("1. "):]
    for ident in ("ccm-msp-2011-4-en-s1", "ccm-msp-2011-4-en-d1"):
        shown = cli(db_url, "show", ident, "--json")
        assert shown.returncode == 0, shown.stderr
        fact = next(f for f in json.loads(shown.stdout)["facts"] if f["field"] == "text")
        assert fact["sentence"] == whole, ident
