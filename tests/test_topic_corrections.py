"""Topics with stable ids, correctable like every other record, and a search index that follows corrections and
fills (issue 15), on SQLite and PostgreSQL: a corrected or filled thing is found by its new value and no longer
by the old, also after a re-ingest of its document; after undo, by the old again. Both languages."""

from __future__ import annotations

import json
import shutil

import pytest
from helpers import MSP2_A, SEEDS, cli, write

DOC = "001-fdd4221b5f7012ca"  # the Chinese seed: a work programme listing eight topics, (a) … (h)
SEED = f"{DOC.replace('-', '_', 1)}.txt"
VICTIMS = f"{DOC}-t2"  # (b) 援助受害者
EN_DECISION = "ccm-msp-2011-1-en-d1"  # "The Meeting decided to appoint [...] as President."


@pytest.fixture
def seeded(db_url, tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    write(folder, "msp2.txt", MSP2_A)
    assert cli(db_url, "ingest", str(folder)).returncode == 0
    return db_url, folder


def topics(url: str) -> dict[str, dict]:
    ran = cli(url, "topics", "--json")
    assert ran.returncode == 0, ran.stderr
    return {t["id"]: t for t in json.loads(ran.stdout)["topics"]}


def found(url: str, query: str, kind: str | None = None) -> set[str]:
    ran = cli(url, "search", query, "--json", "--limit", "100", *(["--kind", kind] if kind else []))
    assert ran.returncode == 0, ran.stderr
    return {f"{r['kind']}:{r['id']}" for r in json.loads(ran.stdout)["results"]}


def ingest_again(url: str, folder, change=lambda text: text + "\n\n") -> None:
    path = folder / SEED
    path.write_text(change(path.read_text("utf-8")), "utf-8")
    done = cli(url, "ingest", str(folder))
    assert done.returncode == 0 and "1 updated" in done.stdout, done.stderr


# ---------------------------------------------------------------- topic ids

def test_topics_have_ids_kept_across_reingest_of_the_same_and_of_a_revised_document(seeded):
    url, folder = seeded
    listed = topics(url)
    assert sorted(listed) == [f"{DOC}-t{i}" for i in range(1, 9)]
    assert (listed[VICTIMS]["label"], listed[VICTIMS]["title"], listed[VICTIMS]["document"]) == ("b", "援助受害者", DOC)
    text = cli(url, "topics")
    assert text.returncode == 0 and VICTIMS in text.stdout
    ingest_again(url, folder)  # the same words, another hash: every row rebuilt
    assert topics(url) == listed
    ingest_again(url, folder, lambda t: t.replace("援助受害者", "受害者援助"))  # a revision rewords one topic
    again = topics(url)
    assert sorted(again) == sorted(listed) and again[VICTIMS]["title"] == "受害者援助"


def test_a_topic_page_counts_the_documents_of_its_group_as_the_whole_list_does(seeded):
    url, folder = seeded
    copy = folder / "copy.txt"  # the same list in a second document (another hash, no symbol: its own key)
    copy.write_text((folder / SEED).read_text("utf-8") + "\n", "utf-8")
    assert "1 new" in cli(url, "ingest", str(copy)).stdout
    whole = json.loads(cli(url, "topics", "--json").stdout)["topics"]
    assert len(whole) == 16 and {t["documents"] for t in whole} == {2}
    for offset in range(len(whole)):  # a page of 2 cuts a group of two in half at every odd offset
        page = json.loads(cli(url, "topics", "--json", "--limit", "2", "--offset", str(offset)).stdout)["topics"]
        assert page == whole[offset:offset + 2]


# ---------------------------------------------------------------- topic corrections

def test_a_topic_correction_shows_everywhere_survives_reingest_and_undo_restores_it(seeded):
    url, folder = seeded
    done = cli(url, "set", VICTIMS, "title", "Victim assistance", "--by", "ann", "--note", "the English text")
    assert done.returncode == 0, done.stderr
    assert cli(url, "set", VICTIMS, "label", "(B)", "--by", "ann").returncode == 0
    assert (topics(url)[VICTIMS]["title"], topics(url)[VICTIMS]["label"]) == ("Victim assistance", "b")
    shown = json.loads(cli(url, "show", VICTIMS, "--json").stdout)
    assert shown["kind"] == "topic" and shown["record"]["title"] == "Victim assistance"
    assert {"field": "title", "value": "援助受害者", "document": DOC} == {
        k: shown["facts"][0][k] for k in ("field", "value", "document")}  # the document's own words, quoted
    assert any(f["document"] == "corrected by ann" and f["value"] == "Victim assistance" for f in shown["facts"])
    history = json.loads(cli(url, "history", VICTIMS, "--json").stdout)["history"]
    assert [(h["kind"], h["field"], h["action"], h["new"], h["note"]) for h in history] == [
        ("topic", "title", "set", "Victim assistance", "the English text"), ("topic", "label", "set", "b", None)]

    ingest_again(url, folder)
    ingest_again(url, folder, lambda t: t.replace("援助受害者", "受害者援助"))
    assert topics(url)[VICTIMS]["title"] == "Victim assistance"  # the correction wins over the revision
    assert cli(url, "undo").returncode == 0  # the label
    assert cli(url, "undo").returncode == 0  # the title: back to what the (revised) document says
    assert (topics(url)[VICTIMS]["title"], topics(url)[VICTIMS]["label"]) == ("受害者援助", "b")
    assert cli(url, "set", VICTIMS, "title", "Victim assistance").returncode == 0
    assert cli(url, "unset", VICTIMS, "title").returncode == 0
    assert topics(url)[VICTIMS]["title"] == "受害者援助"


@pytest.mark.parametrize("args, says", [
    ([VICTIMS, "colour", "red"], "one of title, label"),
    ([VICTIMS, "label", "no such"], "is not a list item's label"),
    ([VICTIMS, "title", "x" * 301], "longer than 300"),
    ([f"{DOC}-t22", "title", "X"], f"did you mean {VICTIMS}"),
])
def test_bad_topic_fields_and_values_are_usage_errors(seeded, args, says):
    url, _ = seeded
    done = cli(url, "set", *args)
    assert done.returncode == 2 and says in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr


def test_dump_and_restore_keep_topic_corrections(seeded, request, tmp_path):
    url, folder = seeded
    assert cli(url, "set", VICTIMS, "title", "Victim assistance", "--by", "ann").returncode == 0
    text = cli(url, "dump").stdout
    assert '"kind": "topic"' in text
    (tmp_path / "dump.jsonl").write_text(text, "utf-8")
    from conftest import _fresh_postgres_database

    other = (f"sqlite:///{tmp_path / 'other.db'}" if url.startswith("sqlite")
             else _fresh_postgres_database(request.getfixturevalue("postgres_server")))
    restored = cli(other, "restore", str(tmp_path / "dump.jsonl"))
    assert restored.returncode == 0, restored.stderr
    assert cli(other, "ingest", str(folder)).returncode == 0
    assert topics(other)[VICTIMS]["title"] == "Victim assistance"
    assert f"topic:{VICTIMS}" in found(other, "victim")  # the restored correction is what the index holds
    assert f"topic:{VICTIMS}" not in found(other, "援助受害者")
    assert cli(other, "dump").stdout == text


# ---------------------------------------------------------------- search follows corrections and fills

def test_search_finds_a_corrected_topic_by_its_new_title_not_the_old_and_after_undo_the_old_again(seeded):
    url, folder = seeded
    hit = f"topic:{VICTIMS}"
    assert hit in found(url, "援助受害者") and hit not in found(url, "victim")
    assert cli(url, "set", VICTIMS, "title", "Victim assistance").returncode == 0
    assert hit in found(url, "victim") and hit not in found(url, "援助受害者")
    ingest_again(url, folder)  # re-ingest indexes the document again: the correction is laid over it
    assert hit in found(url, "VICTIM") and hit not in found(url, "援助受害者")
    assert cli(url, "undo").returncode == 0
    assert hit in found(url, "援助受害者") and hit not in found(url, "victim")


def test_search_finds_a_corrected_meeting_venue_by_the_new_city_not_the_old(seeded):
    url, folder = seeded
    hit = "meeting:ccm-msp-2"
    assert hit in found(url, "贝鲁特") and hit in found(url, "Beirut") and hit not in found(url, "日内瓦")
    assert cli(url, "set", "ccm-msp-2", "city", "日内瓦").returncode == 0  # a Chinese word, both documents' city
    assert hit in found(url, "日内瓦") and hit not in found(url, "贝鲁特") and hit not in found(url, "Beirut")
    ingest_again(url, folder)
    assert hit in found(url, "日内瓦") and hit not in found(url, "贝鲁特")
    assert cli(url, "undo").returncode == 0
    assert hit in found(url, "贝鲁特") and hit in found(url, "Beirut") and hit not in found(url, "日内瓦")


def test_search_finds_a_corrected_decision_text_and_an_english_word(seeded):
    url, _ = seeded
    hit = f"decision:{EN_DECISION}"
    assert hit in found(url, "appoint")
    assert cli(url, "set", EN_DECISION, "text", "The Meeting decided to elect [...] as President.").returncode == 0
    assert hit in found(url, "elect") and hit not in found(url, "appoint")
    assert cli(url, "unset", EN_DECISION, "text").returncode == 0
    assert hit in found(url, "appoint") and hit not in found(url, "elect")


def test_search_finds_a_filled_blank_by_its_value_in_its_slot_decision_and_meeting_until_undone(seeded):
    url, folder = seeded
    slot, decision, meeting = f"slot:{DOC}-s4", f"decision:{DOC}-d7", "meeting:ccm-msp-2"  # the chair's blank
    assert not {slot, decision, meeting} & found(url, "Nadim Nasr")
    assert cli(url, "fill", f"{DOC}-s4", "Nadim Nasr").returncode == 0
    assert {slot, decision, meeting} <= found(url, "Nadim Nasr")
    ingest_again(url, folder)
    assert {slot, decision, meeting} <= found(url, "nasr")
    assert cli(url, "fill", f"{DOC}-s4", "阿克拉姆").returncode == 0  # another value: the first one is gone
    assert {slot, decision, meeting} <= found(url, "阿克拉姆") and not {slot, decision, meeting} & found(url, "nasr")
    assert cli(url, "undo").returncode == 0
    assert {slot, decision, meeting} <= found(url, "nasr") and not {slot, decision} & found(url, "阿克拉姆")
    assert cli(url, "unfill", f"{DOC}-s4").returncode == 0
    assert not {slot, decision, meeting} & found(url, "nasr")


def test_search_finds_a_person_by_a_corrected_name(seeded):
    url, folder = seeded
    hit = "person:sara-sekkenes"
    assert cli(url, "set", "sara-sekkenes", "name", "Sarah Sekkenes").returncode == 0
    assert hit in found(url, "Sarah") and hit not in found(url, "Sara")
    ingest_again(url, folder)
    assert hit in found(url, "Sarah") and hit not in found(url, "Sara")


def test_edit_walks_a_topic_title_and_label(seeded, store):
    from test_corrections import Scripted

    from tracker.cli import editing

    terminal = Scripted("Victim assistance", "B!", "c", "q")  # title; a bad label, then a good one
    summary = editing.edit(store, VICTIMS, terminal, "ann")
    assert summary.changed == [("title", "Victim assistance"), ("label", "c")]
    assert any("is not a list item's label" in line for line in terminal.shown)
    url, _ = seeded
    assert (topics(url)[VICTIMS]["title"], topics(url)[VICTIMS]["label"]) == ("Victim assistance", "c")
