"""`tracker search` (issue 15) on SQLite (FTS5) and PostgreSQL (GIN on tsvector): meetings, decisions, slots,
topics and people in both languages, kept in step with ingest and re-ingest; `--meeting` on decisions and slots."""

from __future__ import annotations

import json

from helpers import MSP2_A, SEEDS, cli, write

EN_DECISION = "ccm-msp-2011-1-en-d1"  # "The Meeting decided to appoint [...] as President."
ZH_DOC = "001-fdd4221b5f7012ca"


def search(db_url: str, *args: str) -> list[dict]:
    ran = cli(db_url, "search", *args, "--json", "--limit", "100")
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)["results"]


def found(db_url: str, *args: str) -> set[tuple[str, str]]:
    return {(r["kind"], r["id"]) for r in search(db_url, *args)}


def test_han_runs_are_bigrams_and_words_are_casefolded():
    from tracker.rules.search_terms import fts5_query, index_terms, query_parts, tsquery

    assert index_terms("会议议程 CCM/MSP/2010 Ｇeneva") == "会议 议议 议程 程 ccm msp 2010 geneva"
    assert index_terms("2011年9月") == "2011 年 9 月"
    assert index_terms("任命第5号") == "任命 命第 第 5 号"  # 第 ends its run: found alone too
    parts = query_parts("执行协调员 Appoint 岛")
    assert fts5_query(parts) == '"执行 行协 协调 调员" AND "appoint" AND "岛"*'
    assert tsquery(parts) == "('执行' <-> '行协' <-> '协调' <-> '调员') & ('appoint') & ('岛':*)"
    assert query_parts("!!! ...") == []


def test_a_snippet_is_cut_at_words_around_the_hit():
    from tracker.rules.search_terms import snippet

    body = "The Meeting, recalling its earlier decisions on many matters of procedure, decided to appoint " \
           "a coordinator for the work of the intersessional period and asked the President to report."
    cut = snippet(body, "intersessional", width=60)
    assert "intersessional" in cut and cut.startswith("…") and cut.endswith("…")
    inner = cut.strip("…")
    assert f" {inner} " in f" {body} "  # whole words at both edges


def test_finds_a_decision_by_a_chinese_word_and_by_an_english_word(db_url, tmp_path):
    write(tmp_path, "msp2.txt", MSP2_A)
    assert cli(db_url, "ingest", str(SEEDS), str(tmp_path / "msp2.txt")).returncode == 0
    zh = search(db_url, "执行协调员")
    assert ("decision", f"{ZH_DOC}-d6") in {(r["kind"], r["id"]) for r in zh}
    hit = next(r for r in zh if r["id"] == f"{ZH_DOC}-d6")
    assert hit["document"] == ZH_DOC and "执行协调员" in hit["snippet"]
    assert ("decision", EN_DECISION) in found(db_url, "appoint")
    assert ("decision", EN_DECISION) in found(db_url, "APPOINT president")  # every word, any case
    assert ("decision", EN_DECISION) not in found(db_url, "appoint coordinator")
    assert found(db_url, "appoint", "--kind", "slot") <= {("slot", "ccm-msp-2011-1-en-s1")}


def test_finds_meetings_slots_and_people_in_both_languages(db_url, tmp_path):
    write(tmp_path, "msp2.txt", MSP2_A)
    assert cli(db_url, "ingest", str(SEEDS), str(tmp_path / "msp2.txt")).returncode == 0
    assert ("meeting", "ccm-msp-2") in found(db_url, "Beirut")  # the English name of a meeting both documents name
    assert ("meeting", "ccm-msp-2") in found(db_url, "缔约国第二次会议")
    assert ("meeting", "ccm-msp-2") in found(db_url, "贝鲁特")
    assert ("person", "阿克拉姆") in {(k, i) for k, i in found(db_url, "阿克拉姆")}
    assert any(k == "slot" for k, _ in found(db_url, "任命"))


def test_no_stale_hits_after_a_document_changes(db_url, tmp_path):
    path = write(tmp_path, "msp2.txt", MSP2_A)
    assert cli(db_url, "ingest", str(path)).returncode == 0
    assert ("decision", EN_DECISION) in found(db_url, "appoint")
    assert ("meeting", "ccm-msp-2") in found(db_url, "Beirut")
    path.write_text(MSP2_A.replace("appoint", "elect").replace("Beirut", "Santiago"), "utf-8")
    assert cli(db_url, "ingest", str(path)).returncode == 0
    assert found(db_url, "appoint") == set()
    assert found(db_url, "Beirut") == set()
    assert ("decision", EN_DECISION) in found(db_url, "elect")
    assert ("meeting", "ccm-msp-2") in found(db_url, "Santiago")


def test_search_text_output_and_usage_errors(db_url, tmp_path):
    assert cli(db_url, "ingest", str(SEEDS)).returncode == 0
    text = cli(db_url, "search", "执行协调员")
    assert text.returncode == 0 and f"{ZH_DOC}-d6" in text.stdout
    for bad in (["search", "!!!"], ["search", "x", "--kind", "nothing"], ["search", "x", "--limit", "0"]):
        ran = cli(db_url, *bad)
        assert ran.returncode == 2 and ran.stderr.startswith("tracker: ") and "Traceback" not in ran.stderr


def test_decisions_and_slots_filtered_by_meeting(db_url):
    assert cli(db_url, "ingest", str(SEEDS)).returncode == 0

    def listed(what: str, meeting: str) -> list[str]:
        ran = cli(db_url, what, "--meeting", meeting, "--json")
        assert ran.returncode == 0, ran.stderr
        return [r["id"] for r in json.loads(ran.stdout)[what]]

    assert listed("decisions", "ccm-msp-2") == [f"{ZH_DOC}-d7"]  # the one with blanks for its chair, dates, venue
    assert listed("slots", "ccm-msp-2") == [f"{ZH_DOC}-s{i}" for i in range(3, 9)]
    assert listed("decisions", "ccw-msp-2008") == []
    every = json.loads(cli(db_url, "slots", "--json").stdout)["slots"]
    assert len(every) > 6
    for bad in (["decisions", "--meeting", "no-such-meeting"], ["meetings", "--meeting", "ccm-msp-2"]):
        ran = cli(db_url, *bad)
        assert ran.returncode == 2 and ran.stderr.startswith("tracker: ")
