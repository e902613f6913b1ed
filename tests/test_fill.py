"""Filling slots on SQLite and PostgreSQL: meeting fields follow, history kept, fills survive re-ingest,
concurrent writers of one slot get ConflictError, decisions schedule meetings, revisions go up."""

from __future__ import annotations

import shutil
import threading
import time

import pytest
from helpers import SEEDS, cli, transaction

from tracker.errors import ConflictError, UsageError
from tracker.store import fills
from tracker.usecases import fill, services

DOC = "001-fdd4221b5f7012ca"
S = {n: f"{DOC}-s{n}" for n in range(1, 9)}


@pytest.fixture
def seeded(store, tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    services.ingest_paths(store, [str(folder)])
    return store, folder


def meeting(store, ident="ccm-msp-2"):
    return services.show(store, ident).record


def test_fills_set_the_meeting_and_revisions_go_up(seeded):
    store, _ = seeded
    before = meeting(store)
    assert (before.precision, before.status) == ("window", "proposed")
    fill.fill_slot(store, S[5], "12日", "ann")
    fill.fill_slot(store, S[6], "16", "ann")
    fill.fill_slot(store, S[7], "Lebanon", "ann")
    fill.fill_slot(store, S[8], "Beirut", "ann")
    fill.fill_slot(store, S[4], "Nadim Nasr", "ann")
    m = meeting(store)
    assert (str(m.start), str(m.end), m.precision, m.city, m.country, m.chair) == (
        "2011-09-12", "2011-09-16", "day", "贝鲁特", "LB", "Nadim Nasr")
    assert m.revision > before.revision
    assert fill.meeting_revision(store, "ccm-msp-2").revision == m.revision
    result = fill.decide(store, f"{DOC}-d7", "adopted", "ann")
    assert result.meetings == [("ccm-msp-2", "scheduled", m.revision + 1)]
    assert meeting(store).status == "scheduled"
    assert [e.action for e in fill.history(store, S[5])] == ["fill"]
    assert "2011年9月**12**至**16**在**黎巴嫩**的**贝鲁特**举行" in fill.decisions_markdown(store)


def test_unfill_restores_what_the_documents_say_and_history_keeps_both(seeded):
    store, _ = seeded
    fill.fill_slot(store, S[5], "12", "ann")
    fill.fill_slot(store, S[5], "13", "bob")
    assert fill.unfill_slot(store, S[5], "bob") == "13"
    m = meeting(store)
    assert (str(m.start), str(m.end), m.precision) == ("2011-09-10", "2011-09-20", "window")
    assert [(e.action, e.old_value, e.new_value, e.by) for e in fill.history(store, S[5])] == [
        ("fill", None, "12", "ann"), ("fill", "12", "13", "bob"), ("unfill", "13", None, "bob")]
    with pytest.raises(UsageError, match="not filled"):
        fill.unfill_slot(store, S[5], "bob")


def test_bad_values_and_unknown_ids_are_usage_errors(seeded):
    store, _ = seeded
    with pytest.raises(UsageError, match="October"):
        fill.fill_slot(store, S[5], "2011-10-12", "ann")
    with pytest.raises(UsageError, match="no slot"):
        fill.fill_slot(store, "nope-s1", "12", "ann")
    with pytest.raises(UsageError, match="no decision"):
        fill.decide(store, "nope-d1", "adopted", "ann")


def test_fills_survive_reingest_of_the_same_and_of_a_revised_document(seeded):
    store, folder = seeded
    fill.fill_slot(store, S[5], "12", "ann")
    fill.fill_slot(store, S[8], "贝鲁特", "ann")
    fill.decide(store, f"{DOC}-d7", "adopted", "ann")
    rev = meeting(store).revision
    services.ingest_paths(store, [str(folder)])  # unchanged: skipped
    path = folder / f"{DOC.replace('-', '_', 1)}.txt"
    text = path.read_text("utf-8")
    # a revised version: a new sentence, and the city blank is written out
    revised = text.replace("在[……]的[……]举行该次会议", "在[……]的贝鲁特举行该次会议").replace(
        "背景", "背景（修订）")
    assert revised != text
    path.write_text(revised, "utf-8")
    report = services.ingest_paths(store, [str(folder)])
    assert report.updated == 1
    m = meeting(store)
    assert (str(m.start), str(m.end), m.status, m.revision) == ("2011-09-12", "2011-09-16", "scheduled", rev)
    slots = {s.id: s.fill for s in services.list_records(store, "slots", document=DOC)}
    assert slots[S[5]] == "12"
    orphans = services.status(store, m.start).orphans
    assert [(o.slot_id, o.value) for o in orphans] == [(S[8], "贝鲁特")]
    assert fill.history(store, S[8])[0].new_value == "贝鲁特"
    decisions = {d.id: d.status for d in services.list_records(store, "decisions", document=DOC)}
    assert decisions[f"{DOC}-d7"] == "adopted"


def test_reingest_with_other_dates_raises_the_revision(seeded):
    store, folder = seeded
    rev = meeting(store).revision
    path = folder / f"{DOC.replace('-', '_', 1)}.txt"
    path.write_text(path.read_text("utf-8").replace("9 月 10 日到", "9 月 11 日到"), "utf-8")
    services.ingest_paths(store, [str(folder)])
    m = meeting(store)
    assert str(m.start) == "2011-09-11" and m.revision == rev + 1


def test_two_writers_of_one_slot_at_once_the_second_gets_a_conflict(seeded):
    store, _ = seeded
    barrier = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def writer(value: str) -> None:
        barrier.wait()
        try:
            outcome[value] = fill.fill_slot(store, S[5], value, value, expected=None)
        except ConflictError as exc:
            outcome[value] = exc

    threads = [threading.Thread(target=writer, args=(v,)) for v in ("12", "13")]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    won = [v for v, r in outcome.items() if not isinstance(r, Exception)]
    lost = [r for r in outcome.values() if isinstance(r, ConflictError)]
    assert len(won) == 1 and len(lost) == 1
    assert f"filled with '{won[0]}'" in lost[0].message
    assert [e.new_value for e in fill.history(store, S[5])] == won


def test_a_writer_blocked_behind_an_open_transaction_is_refused_when_it_commits(seeded):
    """Real overlap: one connection holds its compare-and-set uncommitted while another tries the same slot."""
    store, _ = seeded
    url = store.url
    holding, release = threading.Event(), threading.Event()

    def first() -> None:
        with transaction(url) as conn:
            ctx = fills.slot(conn, S[7])
            fills.write_fill(conn, ctx, "黎巴嫩", "LB", "ann", ctx_now(), None)
            holding.set()
            release.wait(30)

    th = threading.Thread(target=first)
    th.start()
    assert holding.wait(30)
    result: dict[str, object] = {}

    def second() -> None:
        try:
            result["r"] = fill.fill_slot(store, S[7], "Switzerland", "bob", expected=None)
        except ConflictError as exc:
            result["r"] = exc

    other = threading.Thread(target=second)
    other.start()
    time.sleep(0.5)  # `second` is now waiting for the first's lock
    assert "r" not in result
    release.set()
    th.join(30)
    other.join(30)
    assert isinstance(result["r"], ConflictError)
    assert "filled with '黎巴嫩'" in result["r"].message
    assert meeting(store).country == "LB"


def ctx_now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_cli_fill_unfill_history_decide_and_export(seeded):
    store, _ = seeded
    url = store.url
    done = cli(url, "fill", S[5], "１２", "--by", "ann")
    assert done.returncode == 0 and "= 12 (12 Sep 2011; was empty)" in done.stdout
    warned = cli(url, "fill", S[6], "20")
    assert warned.returncode == 0 and "12-20 is 9 days, the document says 5" in warned.stderr
    bad = cli(url, "fill", S[7], "Atlantis")
    assert bad.returncode == 2 and bad.stderr.startswith("tracker: ") and "not a country" in bad.stderr
    assert cli(url, "unfill", S[6]).returncode == 0
    history = cli(url, "history", S[6], "--json")
    assert '"action": "unfill"' in history.stdout
    walk = cli(url, "fill")  # stdin is not a terminal
    assert walk.returncode == 2 and "tracker fill SLOT VALUE" in walk.stderr and walk.stderr.count("\n") == 1
    decided = cli(url, "decide", f"{DOC}-d7", "adopted")
    assert decided.returncode == 0 and "ccm-msp-2: scheduled" in decided.stdout
    shown = cli(url, "show", f"{DOC}-d7")
    assert "9月【12】至[……]" in shown.stdout and "(open)" in shown.stdout
    md = cli(url, "export", "decisions", "--format", "md")
    assert md.returncode == 0 and "9月**12**至`[……]`" in md.stdout
    status = cli(url, "meetings", "--json")
    assert '"revision"' in status.stdout


# ---------------------------------------------------------------- the walk meets a concurrent fill (issue 10, item 1)

class ScriptedTerminal:
    """prompts' Terminal with scripted answers; an answer may be a function, run just before answering
    (so another person's fill lands between what the walk showed and what the walker typed)."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.shown: list[str] = []
        self.asked: list[str] = []

    def show(self, markup: str) -> None:
        self.shown.append(markup)

    def ask(self, prompt: str, *, error: str | None = None, choices=()):
        if error:
            self.shown.append(error)
        self.asked.append(prompt)
        answer = self.answers.pop(0) if self.answers else None
        return answer() if callable(answer) else answer


def fill_by_bob_then(store, slot: str, theirs: str, mine: str):
    def answer() -> str:
        assert fill.view(store, slot).fill is None  # the walk showed the slot empty ...
        fill.fill_slot(store, slot, theirs, "bob")  # ... and bob's fill commits before the walker answers
        return mine

    return answer


@pytest.mark.parametrize("choice", ["t", None, "what?"])  # keep theirs, end of input, anything but `m`
def test_the_walk_never_overwrites_a_fill_made_while_the_walker_typed(seeded, choice):
    from tracker.cli import prompts

    store, _ = seeded
    terminal = ScriptedTerminal(fill_by_bob_then(store, S[7], "Switzerland", "Lebanon"), choice)
    summary = prompts.walk(store, [S[7]], terminal, "walker")
    assert fill.view(store, S[7]).fill == "瑞士" and meeting(store).country == "CH"  # bob's fill survives
    assert [(e.new_value, e.by) for e in fill.history(store, S[7])] == [("瑞士", "bob")]
    assert summary.filled == []
    conflict = next(m for m in terminal.shown if m.startswith("[red]conflict:"))
    assert "bob" in conflict and "瑞士" in conflict and "Lebanon" in conflict  # their value shown beside mine
    assert terminal.asked == [prompts.PROMPT, prompts.MERGE_PROMPT]  # the merge prompt was offered


def test_the_walk_overwrites_a_concurrent_fill_only_when_asked_and_records_whose_it_replaced(seeded):
    from tracker.cli import prompts

    store, _ = seeded
    terminal = ScriptedTerminal(fill_by_bob_then(store, S[7], "Switzerland", "Lebanon"), "m")
    summary = prompts.walk(store, [S[7]], terminal, "walker")
    assert any(m.startswith("[red]conflict:") for m in terminal.shown)
    assert summary.filled == [(S[7], "黎巴嫩")] and meeting(store).country == "LB"
    assert [(e.old_value, e.new_value, e.by) for e in fill.history(store, S[7])] == [
        (None, "瑞士", "bob"), ("瑞士", "黎巴嫩", "walker")]


def test_the_walk_refuses_a_fill_when_the_value_it_showed_was_changed(seeded):
    """Back at a filled slot: the walk shows 12; bob makes it 13; the walker's 14 meets a conflict."""
    from tracker.cli import prompts

    store, _ = seeded
    fill.fill_slot(store, S[5], "12", "ann")

    def bob_then_mine() -> str:
        assert fill.view(store, S[5]).fill == "12"
        fill.fill_slot(store, S[5], "13", "bob")
        return "14"

    terminal = ScriptedTerminal(bob_then_mine, "t")
    prompts.walk(store, [S[5]], terminal, "walker")
    assert "now filled with [green]12[/]" in terminal.shown[0]
    assert any(m.startswith("[red]conflict:") and "13" in m for m in terminal.shown)
    assert fill.view(store, S[5]).fill == "13"
    assert [e.by for e in fill.history(store, S[5])] == ["ann", "bob"]


# ---------------------------------------------------------------- dates the calendar and reports can hold (item 6)

@pytest.mark.parametrize("typed", ["9999-09-25", "1899-09-25", "2200-09-25"])
def test_a_date_fill_outside_1900_to_2199_is_a_usage_error(seeded, typed):
    store, _ = seeded
    done = cli(store.url, "fill", S[5], typed)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("tracker: ") and "between 1900 and 2199" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert fill.view(store, S[5]).fill is None
    assert fill.fill_slot(store, S[5], "2011-09-12", "ann").value == "12"  # an ordinary date still goes in
