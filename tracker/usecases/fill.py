"""Use cases of filling blanks: fill, unfill, history, decide, suggestions, and decisions shown with their fills.

No Typer, no printing: the CLI and the interactive walk (`tracker.cli.prompts`) call these and render.
Every write compares the slot's value with the one the caller saw (read just before, or `expected`),
so a concurrent writer is refused with ConflictError instead of silently overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from tracker.domain import printable
from tracker.errors import UsageError
from tracker.rules.vocabulary import DecisionStatus, MeetingKind, values
from tracker.usecases.slot_values import Checked, SlotFacts, check, country_display, symbol_prefix

if TYPE_CHECKING:  # the store loads SQLAlchemy: imported by the functions that use it
    from tracker.store import Store

CURRENT = object()  # `expected` default: whatever the slot holds when we read it

KIND_EN = {MeetingKind.MEETING_OF_STATES_PARTIES: "meeting of states parties",
           MeetingKind.REVIEW_CONFERENCE: "review conference", MeetingKind.INTERSESSIONAL: "intersessional meeting",
           MeetingKind.PREPARATORY: "preparatory meeting", MeetingKind.EXPERT_GROUP: "group of governmental experts",
           MeetingKind.STANDING_COMMITTEE: "standing committee", MeetingKind.PLENARY: "plenary meeting"}
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth")
FIELD_EN = {"start": "start day", "end": "end day", "city": "city", "country": "country", "facility": "venue",
            "chair": "chair", "chair_affiliation": "chair's country", "host": "host state"}
KIND_WANTS = {"date": "a day (12, 12日, １２) or a date", "country": "a country: Chinese or English name, or ISO code",
              "city": "a city", "facility": "a building or conference centre", "person": "a person's name",
              "organization": "an organization", "document_symbol": "a UN document symbol",
              "other": "any text"}
# sentences where a state offers to host or preside: 黎巴嫩已正式提出…主办并主持; Lebanon offered to host
HOST_WORDS = re.compile(r"主办|主持|承办|\bhost|\bpresid|\boffer", re.I)
SENTENCE_END = re.compile(r"(?<=[。！？；])|(?<=[.!?;])\s+")


@dataclass(frozen=True)
class Suggestion:
    value: str
    why: str


@dataclass
class SlotView:
    """One slot as the walk shows it."""

    id: str
    kind: str
    field: str | None
    meeting: str | None
    fill: str | None
    describes: str  # "start day of the second meeting of states parties, CCM"
    wants: str
    decision: str | None
    decision_number: str | None
    before: str  # the decision's text up to the blank (fills of other slots written in)
    blank: str
    after: str
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass(frozen=True)
class FillResult:
    slot: str
    value: str
    old: str | None
    note: str
    warnings: tuple[str, ...]
    meeting: str | None
    revision: int | None


@dataclass(frozen=True)
class DecideResult:
    decision: str
    old: str
    new: str
    meetings: list[tuple[str, str, int]]  # (meeting id, its status now, its revision)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _writing(store: Store):
    """A writing transaction (on SQLite BEGIN IMMEDIATE) on a current schema.

    On PostgreSQL it holds the ingest lock shared: fills and decisions go beside each other but not into
    the middle of an ingest rebuilding the meetings they update (which would deadlock or lose the overlay)."""
    store.ensure_current()
    return store.transaction(lock_name="ingest", shared=True)


def _reading(store: Store):
    """A reading transaction on a current schema: it never waits for a writer."""
    store.ensure_current()
    return store.snapshot()


def _slot(conn, slot_id: str):
    from tracker.store import fills

    ctx = fills.slot(conn, slot_id)
    if ctx is None:
        from tracker.usecases.names import hint

        raise UsageError(f"no slot {slot_id!r}{hint(conn, ('slot',), slot_id)}; see `tracker slots`")
    return ctx


def _doc_text(conn, key: str) -> str:
    from tracker.store import queries

    return queries.document_text(conn, key)


def _around(text: str, ctx, size: int = 40) -> tuple[str, str]:
    if ctx.start is None:
        return ctx.left_context, ""
    squeeze = (lambda s: re.sub(r"\s+", "", s)) if ctx.language == "zh" else (lambda s: re.sub(r"\s+", " ", s))
    return squeeze(text[max(0, ctx.start - size):ctx.start]), squeeze(text[ctx.end:ctx.end + size])


def _facts(conn, ctx, text: str) -> SlotFacts:
    from tracker.store import fills

    left, right = _around(text, ctx)
    window, precision, duration, year, country, others = None, None, None, None, None, {}
    if ctx.meeting:
        base = fills.documented(conn, ctx.meeting) or {}
        if base.get("start"):
            window, precision = (base["start"], base["end"] or base["start"]), base["precision"]
        duration, year, country = base.get("duration_days"), base.get("year"), base.get("country")
        filled = fills.fill_values(conn, ctx.meeting)
        country = filled.get("country", country)
        others = {k: date.fromisoformat(v) for k, v in filled.items() if k in ("start", "end") and k != ctx.field}
    return SlotFacts(ctx.kind, ctx.field, ctx.language, left, right, window, precision, duration, year, others,
                     country)


# ---------------------------------------------------------------- writing

def fill_slot(store: Store, slot_id: str, typed: str, by: str, now: datetime | None = None,
              expected: object = CURRENT) -> FillResult:
    """Check `typed` for the slot's kind and keep it; the bound meeting field follows."""

    with _reading(store) as conn:
        ctx = _slot(conn, slot_id)
        checked = check(_facts(conn, ctx, _doc_text(conn, ctx.document)), typed)
    old = ctx.fill if expected is CURRENT else expected
    return _write(store, ctx, checked, old, typed, by, _now(now))


def _write(store: Store, ctx, checked: Checked, old, typed: str, by: str, now: datetime) -> FillResult:
    from tracker.store import fills

    with _writing(store) as conn:  # the compare-and-set is this transaction's first statement
        fills.write_fill(conn, ctx, checked.value, checked.field_value, by, now, old, typed)
        rev = fills.revision(conn, ctx.meeting).revision if ctx.meeting else None
    return FillResult(ctx.id, checked.value, old, checked.note, checked.warnings, ctx.meeting, rev)


def unfill_slot(store: Store, slot_id: str, by: str, now: datetime | None = None,
                expected: object = CURRENT) -> str:
    """Empty a slot; returns the value it held (kept in the history)."""
    from tracker.store import fills

    with _reading(store) as conn:
        ctx = _slot(conn, slot_id)
    old = ctx.fill if expected is CURRENT else expected
    if old is None:
        raise UsageError(f"slot {slot_id} is not filled")
    with _writing(store) as conn:
        fills.remove_fill(conn, ctx, by, _now(now), old)
    return old


def history(store: Store, slot_id: str | None = None) -> list:
    """Every fill and unfill, oldest first (of one slot, or of all)."""
    from tracker.store import fills

    with _reading(store) as conn:
        if not slot_id:
            return fills.history(conn)
        events = fills.fill_history(conn, slot_id)
        if not events and fills.slot(conn, slot_id) is None:  # neither a slot nor a gone slot's fill: a typo
            from tracker.usecases.names import hint

            raise UsageError(f"no slot {slot_id!r}{hint(conn, ('slot',), slot_id)}; see `tracker slots`")
        return events


def decide(store: Store, decision_id: str, status: str, by: str, now: datetime | None = None,
           note: str | None = None) -> DecideResult:
    """Set a decision's state (`proposed` too: back to undecided, kept so); adopting one that schedules a meeting
    makes the meeting scheduled. Recorded in the history (`tracker history`, `tracker undo`)."""
    from tracker.store import corrections, fills

    if status not in values(DecisionStatus):
        raise UsageError(f"{status!r}: a decision is {', '.join(values(DecisionStatus)[:-1])} or {DecisionStatus.PROPOSED}")
    when = _now(now)
    with _writing(store) as conn:
        old = fills.decision_status(conn, decision_id)
        if old is None:
            from tracker.usecases.names import hint

            raise UsageError(f"no decision {decision_id!r}{hint(conn, ('decision',), decision_id)}; "
                             "see `tracker decisions`")
        state = fills.decided(conn, decision_id)
        meetings = fills.set_decision_status(conn, decision_id, status, by, when)
        # base: the status the document gives, while no decide has overwritten it (what an undo returns to)
        corrections.record(conn, "decision", decision_id, "status", "decide", state, status, by, when,
                           base=old if state is None else None, note=note)
        from tracker.store import queries

        shown = [(m, queries.meeting(conn, m).status, fills.revision(conn, m).revision) for m in meetings
                 if queries.meeting(conn, m)]
    return DecideResult(decision_id, old, status, shown)


def meeting_revision(store: Store, meeting_id: str):
    """The meeting's revision counter and when it last changed (for SEQUENCE / LAST-MODIFIED)."""
    from tracker.store import fills

    with _reading(store) as conn:
        return fills.revision(conn, meeting_id)


# ---------------------------------------------------------------- what the walk shows

def describe(ctx, meeting) -> str:
    """'start day of the second meeting of states parties, CCM'."""
    if ctx.kind == "document_symbol":
        return "document symbol"
    if ctx.field == "role":
        return "person appointed"
    if not ctx.field or ctx.field not in FIELD_EN:
        return ctx.kind.replace("_", " ")
    what = FIELD_EN[ctx.field]
    if meeting is None:
        return f"{what} of a meeting"
    kind = KIND_EN.get(meeting.kind)
    if kind and meeting.ordinal and meeting.ordinal <= len(ORDINALS):
        name = f"the {ORDINALS[meeting.ordinal - 1]} {kind}"
    elif kind and meeting.year:
        name = f"the {meeting.year} {kind}"
    else:
        name = meeting.name
    return f"{what} of {name}" + (f", {meeting.instrument}" if meeting.instrument else "")


def _sentences(text: str, language: str) -> list[str]:
    squeeze = (lambda s: re.sub(r"\s+", "", s)) if language == "zh" else (lambda s: re.sub(r"\s+", " ", s).strip())
    return [s for s in (squeeze(p) for p in SENTENCE_END.split(text)) if s]


def _short(s: str, n: int = 50) -> str:
    return s if len(s) <= n else s[:n - 1] + "…"


def suggestions(conn, ctx, facts: SlotFacts, text: str, meeting=None) -> list[Suggestion]:
    """Values the documents themselves offer for this slot, best first."""
    from tracker.extract.venues import find_places
    from tracker.lang import for_language

    out: list[Suggestion] = []

    def add(value: str | None, why: str) -> None:
        if value and all(s.value != value for s in out):
            out.append(Suggestion(value, why))

    sentences = _sentences(text, ctx.language)
    name = meeting.name if meeting else None
    hosting = sorted((s for s in sentences if HOST_WORDS.search(s)), key=lambda s: not (name and name in s))
    if ctx.kind == "date":
        _date_suggestions(ctx, facts, add)
    elif ctx.kind == "country":
        for s in hosting:
            for p in find_places(s, for_language(ctx.language)):
                if p.kind in ("country", "city"):
                    add(country_display(p.country, ctx.language), f"offered to host: {_short(s)}")
        if facts.country:
            add(country_display(facts.country, ctx.language), "the meeting's country in the documents")
    elif ctx.kind in ("city", "facility"):
        for s in hosting:
            for p in find_places(s, for_language(ctx.language)):
                if p.kind == ctx.kind:
                    add(p.name, f"offered to host: {_short(s)}")
        documented = getattr(meeting, ctx.kind, None) if meeting else None
        add(documented, f"the meeting's {ctx.kind} in the documents")
    elif ctx.kind == "person":
        _person_suggestions(conn, ctx, text, sentences, add)
    elif ctx.kind == "document_symbol":
        from tracker.extract.symbols import find_symbols

        prefix = symbol_prefix(facts.left)
        for sym, _b, _e in find_symbols(text):
            if prefix and sym.startswith(prefix) and sym != prefix:
                add(sym[len(prefix):], f"{sym} is cited in the document")
    return out[:9]


def _date_suggestions(ctx, facts: SlotFacts, add) -> None:
    from datetime import timedelta

    if not facts.window:
        return
    lo, hi = facts.window
    days = int(facts.duration_days) if facts.duration_days else None
    shown = (lambda d: str(d.day)) if lo.month == hi.month else (lambda d: d.isoformat())
    if ctx.field == "start":
        add(shown(lo), "the first day of the window the documents give")
        if days and facts.window_precision == "window":
            add(shown(hi - timedelta(days=days - 1)), f"the last start that fits {days} days in the window")
    elif ctx.field == "end":
        start = facts.other_dates.get("start")
        if start and days:
            add(shown(start + timedelta(days=days - 1)), f"{days} days from the filled start")
        if days:
            add(shown(lo + timedelta(days=days - 1)), f"{days} days from the window's first day")
        add(shown(hi), "the last day of the window the documents give")


def _person_suggestions(conn, ctx, text: str, sentences: list[str], add) -> None:
    from tracker.extract.slots import EN_POST, post_given
    from tracker.store import queries

    right = re.sub(r"\s+", "" if ctx.language == "zh" else " ", text[ctx.end:ctx.end + 60]) if ctx.end else ""
    m = (post_given() if ctx.language == "zh" else EN_POST).search(right)
    post = m.group("post")[-5:] if m else None
    people = queries.people(conn, queries.Filters(document=ctx.document))
    for p in people:
        said = [s for s in sentences if p.name.replace(" ", "") in s.replace(" ", "")]
        if post and any(post in s.replace(" ", "") for s in said):
            add(p.name, f"proposed as {post} in the text")
    for p in people:
        if ctx.field == "chair" and p.role == "chair":
            add(p.name, "named as chair in the document")


def _mark(text: str, slots: list, style) -> str:
    """The decision's text with each slot's blank replaced by style(slot) (slots in document order)."""
    from tracker.rules.overlay import mark_blanks

    return mark_blanks(text, [(s.text, style(s)) for s in slots])


def view(store: Store, slot_id: str) -> SlotView:
    """A slot with its decision's text, what it sets, and the documents' suggestions."""
    from tracker.store import fills, queries

    with _reading(store) as conn:
        ctx = _slot(conn, slot_id)
        text = _doc_text(conn, ctx.document)
        facts = _facts(conn, ctx, text)
        meeting = queries.meeting(conn, ctx.meeting) if ctx.meeting else None
        decision = queries.decision(conn, ctx.decision) if ctx.decision else None
        siblings = fills.slots(conn, decision=ctx.decision) if ctx.decision else [ctx]
        offered = suggestions(conn, ctx, facts, text, meeting)
    marker = "\x00"
    body = _mark(decision.text, siblings, lambda s: marker if s.id == ctx.id else f"[{s.fill}]" if s.fill
                 else s.text) if decision else ctx.left_context + marker
    before, _, after = body.partition(marker)
    if not _:
        before, after = body + " … " + ctx.left_context, ""
    return SlotView(ctx.id, ctx.kind, ctx.field, ctx.meeting, ctx.fill, describe(ctx, meeting),
                    KIND_WANTS.get(ctx.kind, "any text"), ctx.decision, decision.number if decision else None,
                    before, ctx.text, after, offered)


def walk_slots(store: Store, document: str | None = None, meeting: str | None = None,
               decision: str | None = None) -> list[str]:
    """Ids of the open slots the walk visits, in document order."""
    from tracker.store import fills, queries
    from tracker.usecases.names import hint

    with _reading(store) as conn:
        for kind, ident, found in (("document", document, queries.document), ("meeting", meeting, queries.meeting),
                                   ("decision", decision, queries.decision)):
            if ident and found(conn, ident) is None:
                raise UsageError(f"no {kind} {ident!r}{hint(conn, (kind,), ident)}; see `tracker {kind}s`")
        return [s.id for s in fills.slots(conn, document, meeting, decision) if s.fill is None]


# ---------------------------------------------------------------- decisions with their fills

def filled_text(text: str, slots: list, mark=lambda v: f"[{v}]") -> str:
    """A decision's text with fills written into their blanks (marked), open blanks left as they are."""
    return _mark(text, slots, lambda s: mark(s.fill) if s.fill else s.text)


def with_fills(store: Store, shown):
    """`tracker show DECISION`: add the filled text and each slot's state to what `show` found."""
    from tracker.domain import Fact, Shown
    from tracker.store import fills

    if shown.kind != "decision":
        return shown
    d = shown.record
    with _reading(store) as conn:
        slots = fills.slots(conn, decision=d.id)
    span = d.span
    where = (d.document, span.start if span else 0, span.end if span else 0, span.paragraph if span else None)
    extra = [(Fact("", "filled", filled_text(d.text, slots, lambda v: f"【{v}】"), *where), "")]
    extra += [(Fact(s.meeting or "", f"{s.id.rsplit('-', 1)[-1]} {s.kind}" + (f" -> {s.field}" if s.field else ""),
                    s.fill if s.fill is not None else "(open)", *where), "") for s in slots]
    return Shown(shown.kind, shown.record, list(shown.facts) + extra, list(shown.conflicts))


def decisions_markdown(store: Store) -> str:
    """Every decision, by document, with fills in bold and open blanks in code spans."""
    from tracker.store import fills, queries

    with _reading(store) as conn:
        decisions, _ = queries.decisions(conn)
        slots = fills.slots(conn)
    by_decision: dict[str, list] = {}
    for s in slots:
        by_decision.setdefault(s.decision or "", []).append(s)
    lines = ["# Decisions", ""]
    document = None
    for d in decisions:
        if d.document != document:
            document = d.document
            lines += [f"## {document}", ""]
        mine = by_decision.get(d.id, [])
        text = _mark(d.text, mine, lambda s: f"**{s.fill}**" if s.fill else f"`{s.text}`")
        number = f"{d.number}. " if d.number else ""
        open_count = sum(1 for s in mine if not s.fill)
        state = f"{d.status}" + (f", {open_count} open" if open_count else "") + (
            f", {len(mine) - open_count} filled" if len(mine) - open_count else "")
        lines += [f"- {number}{text} *({state}; {d.id})*", ""]
    return printable("\n".join(lines).rstrip() + "\n")  # a document's or a fill's ESC must not reach the terminal
