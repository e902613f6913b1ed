"""The interactive walk in a real pseudo-terminal (pexpect): fill the seeds' second meeting, skip, go back,
undo, quit; then adopt decision 7 and the meeting is 12-16 Sep 2011 in Beirut, scheduled, one revision up."""

from __future__ import annotations

import json
import os
import re
import signal
import unicodedata

import pytest
from helpers import SEEDS, TRACKER, cli

pexpect = pytest.importorskip("pexpect")

DOC = "001-fdd4221b5f7012ca"
PROMPT = r"value, #n, s, b, u, q, \? > "


def spawn(url: str, tmp_path, *args: str):
    """`tracker fill ARGS` in a pseudo-terminal, its line history in the test's own folder (XDG_STATE_HOME);
    TERM=dumb: no colours in the text expected, and readline still edits."""
    env = {**os.environ, "COLUMNS": "250", "TERM": "dumb", "TRACKER_USER": "walker",
           "XDG_STATE_HOME": str(tmp_path / "state")}
    # SIGINT as a terminal has it: a suite started in the background of a shell without job control runs with
    # SIGINT ignored, which its children inherit, and Ctrl-C would then never reach the walk
    return pexpect.spawn(str(TRACKER), ["--db", url, "fill", *args], env=env, encoding="utf-8", timeout=60,
                         dimensions=(50, 250), preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def seeded_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'walk.db'}"
    assert cli(url, "ingest", str(SEEDS)).returncode == 0
    return url


def ends(child, summary: str) -> int:
    """The walk prints `summary` and ends; its exit status."""
    child.expect(summary)
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def fills(url: str) -> dict[str, str | None]:
    """Each slot's fill by its short name (s3 …)."""
    return {s["id"].rsplit("-", 1)[-1]: s["fill"] for s in json.loads(cli(url, "slots", "--json").stdout)["slots"]}


def step(child, expect: str, answer: str) -> str:
    child.expect(expect)
    seen = child.before
    child.expect(PROMPT)
    child.sendline(answer)
    return seen


def test_walk_fills_the_second_meeting_then_decide_schedules_it(tmp_path):
    url = seeded_url(tmp_path)
    before = json.loads(cli(url, "show", "ccm-msp-2", "--json").stdout)["record"]

    child = spawn(url, tmp_path, "--decision", f"{DOC}-d7")
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
    assert ends(child, r"4 filled in this walk") == 0

    child = spawn(url, tmp_path, "--meeting", "ccm-msp-2")  # what is still open: the chair and the city
    step(child, r"s4 · person", "s")
    child.expect(r"#1 贝鲁特")
    child.expect(PROMPT)
    child.sendline("1")  # a bare number picks a suggestion outside date slots
    assert ends(child, r"filled s8 = 贝鲁特 \(Beirut \(LB\)\)") == 0

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
    url = seeded_url(tmp_path)
    child = spawn(url, tmp_path, "--decision", f"{DOC}-d7")
    child.expect(r"s3 · country")
    child.expect(PROMPT)  # the walk has shown s3 open and waits for the walker
    assert cli(url, "fill", f"{DOC}-s3", "Switzerland", "--by", "bob").returncode == 0
    child.sendline("Lebanon")
    child.expect(r"conflict: bob filled it with 瑞士 while you were typing Lebanon")
    child.expect(r"m keep mine, t keep theirs > ")
    child.sendline("t")
    child.expect(r"kept theirs: s3 = 瑞士")
    step(child, r"s4 · person", "q")
    assert ends(child, r"0 filled in this walk") == 0
    history = json.loads(cli(url, "history", f"{DOC}-s3", "--json").stdout)["history"]
    assert [(e["new"], e["by"]) for e in history] == [("瑞士", "bob")]


# ---------------------------------------------------------------- line editing, errors by the prompt, Ctrl-C (issue 15)

LEFT, UP, BACKSPACE, KILL_LINE, CTRL_C = "\x1b[D", "\x1b[A", "\x7f", "\x15", "\x03"


def test_the_decision_is_shown_whole_once_then_only_the_words_around_each_blank(tmp_path):
    child = spawn(seeded_url(tmp_path), tmp_path, "--decision", f"{DOC}-d7")
    child.expect(r"\(1/6\) decision 7")  # the decision whole, once
    step(child, r"s3 · country", "Lebanon")
    seen = step(child, r"s4 · person", "q")
    assert "same decision" in seen and "decision 7" not in seen  # not again: it is the one on the screen
    assert "任命[黎巴嫩]的" in seen  # the words around the blank, the fill just made written in
    child.expect(pexpect.EOF)


def at_the_first_date(url: str, tmp_path):
    """A walk of decision 7 with s3 filled (Lebanon) and s4 skipped, at the prompt of s5, the start day."""
    child = spawn(url, tmp_path, "--decision", f"{DOC}-d7")
    step(child, r"s3 · country", "Lebanon")
    step(child, r"s4 · person", "s")
    child.expect(r"s5 · date")
    child.expect(PROMPT)
    return child


def test_arrow_keys_edit_history_recalls_and_an_error_stays_right_above_the_prompt(tmp_path):
    url = seeded_url(tmp_path)
    child = at_the_first_date(url, tmp_path)
    child.send("2" + LEFT + "1\r")  # typed 2, cursor left, 1 before it: 12
    child.expect(r"filled s5 = 12 ")
    child.expect(r"s6 · date")
    child.expect(PROMPT)
    child.send("32\r")
    child.expect(r"September 2011 has no day 32")
    child.expect(PROMPT)
    assert "s6 · date" not in child.before and "#1" not in child.before  # the error sits right above the prompt
    child.send(UP + BACKSPACE * 2 + "16\r")  # ↑ brings back 32; corrected to 16
    child.expect(r"filled s6 = 16 ")
    child.expect(r"s7 · country")
    child.expect(PROMPT)
    child.send(UP * 4 + "\r")  # 16, 32, 12, Lebanon
    child.expect(r"filled s7 = 黎巴嫩")
    child.expect(PROMPT)  # s8, the city
    child.send("q\r")
    assert ends(child, r"4 filled in this walk, 1 skipped, 2 left open") == 0
    slots = fills(url)
    assert [slots[f"s{n}"] for n in range(3, 9)] == ["黎巴嫩", None, "12", "16", "黎巴嫩", None]

    # the next walk remembers the values typed in this one, and Tab completes the slot's suggestions
    child = spawn(url, tmp_path, "--meeting", "ccm-msp-2")
    child.expect(r"s4 · person")
    child.expect(PROMPT)
    child.send(UP)
    child.expect("Lebanon")  # the last value typed, recalled from the history file
    child.send(KILL_LINE + "s\r")
    child.expect(r"s8 · city")
    child.expect(PROMPT)
    child.send("贝\t\r")
    child.expect(r"filled s8 = 贝鲁特")
    assert ends(child, r"1 filled in this walk, 1 skipped, 1 left open") == 0


def test_ctrl_c_ends_the_walk_with_its_summary_and_keeps_what_was_filled(tmp_path):
    url = seeded_url(tmp_path)
    child = at_the_first_date(url, tmp_path)
    child.send("1")  # half typed
    child.send(CTRL_C)
    assert ends(child, r"1 filled in this walk, 1 skipped, 5 left open \(interrupted\)") == 130  # as shells count Ctrl-C
    slots = fills(url)
    assert (slots["s3"], slots["s5"]) == ("黎巴嫩", None)


def test_ctrl_d_and_q_end_the_walk_with_the_same_summary(tmp_path):
    url = seeded_url(tmp_path)
    for key in ("q\r", "\x04"):
        child = spawn(url, tmp_path, "--decision", f"{DOC}-d7")
        step(child, r"s3 · country", "s")
        child.expect(r"s4 · person")
        child.expect(PROMPT)
        child.send(key)
        assert ends(child, r"0 filled in this walk, 1 skipped, 6 left open") == 0


# ---------------------------------------------------------------- tables fit the terminal (issue 15)

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@pytest.mark.parametrize("command", [["meetings"], ["slots"], ["status", "--as-of", "2010-11-01"],
                                     ["show", "ccm-msp-2"]])
def test_tables_in_an_80_column_terminal_never_run_past_its_edge(tmp_path, command):
    """rich takes the terminal's width: no line is wider than 80 cells (CJK counted double), so the terminal
    wraps no table row; long cells fold inside their column and every id stays whole on its row."""
    url = f"sqlite:///{tmp_path / 'wide.db'}"
    assert cli(url, "ingest", str(SEEDS)).returncode == 0
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    child = pexpect.spawn(str(TRACKER), ["--db", url, *command], env={**env, "TERM": "xterm-256color"},
                          encoding="utf-8", timeout=60, dimensions=(50, 80))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = ANSI.sub("", child.before).split("\r\n")
    rows = [line for line in lines if "│" in line]
    assert rows, lines  # tables, not the plain text of a pipe
    assert max(cells(line) for line in lines) <= 80, "\n".join(line for line in lines if cells(line) > 80)
    listed = json.loads(cli(url, "meetings", "--json").stdout)["meetings"]
    if command == ["meetings"]:
        starts = {line.split("│")[0].strip() for line in rows}
        assert {m["id"] for m in listed} <= starts  # each id whole at the start of its row
