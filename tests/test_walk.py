"""The interactive walk in a real pseudo-terminal (pexpect): fill the seeds' second meeting, skip, go back,
undo, quit; then adopt decision 7 and the meeting is 12-16 Sep 2011 in Beirut, scheduled, one revision up."""

from __future__ import annotations

import json
import os

import pytest
from helpers import SEEDS, TRACKER, cli

pexpect = pytest.importorskip("pexpect")

DOC = "001-fdd4221b5f7012ca"
PROMPT = r"value, #n, s, b, u, q, \? > "


def spawn(url: str, *args: str):
    env = {**os.environ, "COLUMNS": "250", "TERM": "dumb", "TRACKER_USER": "walker"}
    child = pexpect.spawn(str(TRACKER), ["--db", url, "fill", *args], env=env, encoding="utf-8", timeout=60,
                          dimensions=(50, 250))
    return child


def step(child, expect: str, answer: str) -> str:
    child.expect(expect)
    seen = child.before
    child.expect(PROMPT)
    child.sendline(answer)
    return seen


def test_walk_fills_the_second_meeting_then_decide_schedules_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'walk.db'}"
    assert cli(url, "ingest", str(SEEDS)).returncode == 0
    before = json.loads(cli(url, "show", "ccm-msp-2", "--json").stdout)["record"]

    child = spawn(url, "--decision", f"{DOC}-d7")
    step(child, r"s3 · country · sets the chair's country of the second meeting of states parties, CCM", "s")
    step(child, r"s4 · person · sets the chair of the second meeting of states parties, CCM", "b")  # back
    child.expect(r"#1 黎巴嫩")  # the state that offered to host and preside
    child.expect(PROMPT)
    child.sendline("#1")
    step(child, r"filled s3 = 黎巴嫩", "s")  # s4 (the chair's name) skipped
    step(child, r"start day of the second meeting of states parties, CCM", "12")
    step(child, r"end day of the second meeting", "20")
    child.expect(r"warning: 12-20 is 9 days, the document says 5")
    step(child, r"country of the second meeting", "u")  # undo the 20
    child.expect(r"undone: s6 was 20")
    step(child, r"end day of the second meeting", "?")
    child.expect(r"undo the last fill of this walk")
    child.expect(PROMPT)
    child.sendline("16")
    step(child, r"country of the second meeting", "Lebanon")
    step(child, r"city of the second meeting", "q")
    child.expect(r"4 filled in this walk")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    child = spawn(url, "--meeting", "ccm-msp-2")  # what is still open: the chair and the city
    step(child, r"s4 · person", "s")
    child.expect(r"#1 贝鲁特")
    child.expect(PROMPT)
    child.sendline("1")  # a bare number picks a suggestion outside date slots
    child.expect(r"filled s8 = 贝鲁特 \(Beirut \(LB\)\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    decided = cli(url, "decide", f"{DOC}-d7", "adopted")
    assert decided.returncode == 0, decided.stderr
    after = json.loads(cli(url, "show", "ccm-msp-2", "--json").stdout)["record"]
    assert (after["start"], after["end"], after["when"], after["city"], after["country"], after["status"]) == (
        "2011-09-12", "2011-09-16", "12–16 Sep 2011", "贝鲁特", "LB", "scheduled")
    assert after["revision"] > before["revision"]
    history = cli(url, "history").stdout
    assert "walker" in history and history.count("unfill") == 1

    # the calendar shows the filled, adopted meeting: 12-16 Sep 2011 in Beirut, CONFIRMED, a higher SEQUENCE
    ics = cli(url, "export", "ics", "--dtstamp", "2011-01-01T00:00:00").stdout
    event = ics.split("UID:ccm-msp-2@tracker")[1].split("END:VEVENT")[0]
    assert "DTSTART;VALUE=DATE:20110912" in event and "DTEND;VALUE=DATE:20110917" in event
    assert "STATUS:CONFIRMED" in event and "贝鲁特" in event
    assert int(event.split("SEQUENCE:")[1].split()[0]) == after["revision"] > before["revision"]


def test_a_fill_made_while_the_walker_types_is_shown_and_kept_in_a_real_terminal(tmp_path):
    """The prompt is on the screen; bob fills the slot from another process; the walker's answer meets the
    merge prompt, `t` keeps bob's value and nothing of the walker's is written."""
    url = f"sqlite:///{tmp_path / 'walk.db'}"
    assert cli(url, "ingest", str(SEEDS)).returncode == 0
    child = spawn(url, "--decision", f"{DOC}-d7")
    child.expect(r"s3 · country")
    child.expect(PROMPT)  # the walk has shown s3 open and waits for the walker
    assert cli(url, "fill", f"{DOC}-s3", "Switzerland", "--by", "bob").returncode == 0
    child.sendline("Lebanon")
    child.expect(r"conflict: bob filled it with 瑞士 while you were typing Lebanon")
    child.expect(r"m keep mine, t keep theirs > ")
    child.sendline("t")
    child.expect(r"kept theirs: s3 = 瑞士")
    step(child, r"s4 · person", "q")
    child.expect(r"0 filled in this walk")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    history = json.loads(cli(url, "history", f"{DOC}-s3", "--json").stdout)["history"]
    assert [(e["new"], e["by"]) for e in history] == [("瑞士", "bob")]
