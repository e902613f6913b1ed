"""The command line: parse, call one function, render, exit. Heavy imports stay inside commands."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tracker.errors import InputError, TrackerError, UsageError, redacted
from tracker.quick import SEARCH_LIMIT, STATUS_LIMIT
from tracker.rules.vocabulary import (
    DecisionStatus,
    DocumentKind,
    MeetingStatus,
    SlotState,
    check_list_status,
    values,
)

app = typer.Typer(no_args_is_help=True,  # with --install-completion / --show-completion (Typer's)
                  help="Track meetings, decisions and unfilled blanks in treaty-meeting documents.")


class Format(StrEnum):
    json = "json"
    text = "text"


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="A document: text (any common encoding), PDF, DOCX, DOC, HTML or .ics.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="json (SCHEMA.md) or text.")] = Format.text,
) -> None:
    """Extract meetings, decisions, slots, topics and people from one document."""
    from tracker.rendering.extraction import extraction_json, extraction_text
    from tracker.usecases.documents import read_document
    from tracker.usecases.ingest import read_bytes

    read = read_document(read_bytes(path), str(path))
    result, pages = read.extraction, read.decoded.page_starts
    typer.echo(extraction_json(result, pages) if format is Format.json else extraction_text(result), nl=format is Format.json)


@app.command()
def version() -> None:
    """Print the version."""
    from tracker import __version__

    typer.echo(__version__)


# ---------------------------------------------------------------- the store

Db = Annotated[str | None, typer.Option("--db", help="Database URL (sqlite:///file.db, postgresql://…); "
                                         "default: $TRACKER_DB, else `db` in the config file (tracker config), "
                                         "else tracker.db in the user data directory.")]
Json = Annotated[bool, typer.Option("--json", help="Machine-readable JSON (shape in the README).")]
Csv = Annotated[bool, typer.Option("--csv", help="CSV with a header row; formula-like cells neutralised.")]
Limit = Annotated[int, typer.Option("--limit", help="Rows per section; 0 for all.")]
ListLimit = Annotated[int, typer.Option("--limit", help="At most this many rows; 0 (the default) for all.")]
Offset = Annotated[int, typer.Option("--offset", help="Skip this many rows first (with --limit: pages).")]
Jsonl = Annotated[bool, typer.Option("--jsonl", help="JSON lines: one record's JSON object per line.")]


def _ids(*kinds: str):
    """Shell completion of ids of these kinds from the store (`tracker.cli.completion`, loaded at a Tab only)."""
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from tracker.cli import completion

        return completion.ids(ctx, kinds, incomplete)
    return complete


def _instruments(ctx: typer.Context, incomplete: str) -> list[str]:
    from tracker.cli import completion

    return completion.instruments(ctx, incomplete)


def _statuses(ctx: typer.Context, incomplete: str) -> list[str]:
    from tracker.cli import completion

    return completion.statuses(ctx, incomplete)


Instrument = Annotated[str | None, typer.Option("--instrument", help="Treaty code: CCM, CCW, APMBC, …",
                                                autocompletion=_instruments)]
DAY_FORMS = " (2011-09-12, 12 Sept 2011, Sept 12, 2011; 12/9/2011 is 12 September: day first)."
From = Annotated[str | None, typer.Option("--from", help="On or after this day" + DAY_FORMS)]
To = Annotated[str | None, typer.Option("--to", help="On or before this day" + DAY_FORMS)]
Status = Annotated[str | None, typer.Option("--status", help=(
    f"meetings: {', '.join(values(MeetingStatus))}; decisions: {', '.join(values(DecisionStatus))}; "
    f"slots: {' or '.join(values(SlotState))}; people: role; documents: {', '.join(values(DocumentKind))}."),
    autocompletion=_statuses)]
Document = Annotated[str | None, typer.Option("--document", help="Only what this document (key) says.",
                                              autocompletion=_ids("document"))]
MeetingOpt = Annotated[str | None, typer.Option("--meeting", help="decisions and slots: only those about this meeting "
                                                "(id): scheduling it, or with a blank for one of its fields.",
                                                autocompletion=_ids("meeting"))]

db_app = typer.Typer(no_args_is_help=True, help="The database schema: status and upgrade.")
app.add_typer(db_app, name="db")


def _print_version(value: bool) -> None:
    if value:
        from tracker import __version__

        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def _global(ctx: typer.Context, db: Db = None, version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False) -> None:
    ctx.obj = {"db": db}


def _settings(ctx: typer.Context, create: bool = True):
    """Settings from option > environment > config file > default (usecases.settings); a broken file: exit 2."""
    from tracker import quick

    root = ctx.find_root()
    obj = root.obj if isinstance(root.obj, dict) else {}
    return quick.settings(obj.get("db"), create=create)


PATH_PARAMS = {"paths", "path", "output", "dump_file"}  # file names, which need not be UTF-8


def _store(ctx: typer.Context):
    """The store the command works on, opened once (closed when the command ends), after the command's text
    arguments are known to be text the database can hold."""
    from tracker.store import open_store

    _check_text(ctx)
    store = open_store(_settings(ctx).db_url)
    ctx.find_root().call_on_close(store.dispose)  # its pooled connections closed however the command ends
    return store


def _check_text(ctx: typer.Context) -> None:
    """Ids, values and filters must be UTF-8: bytes that are not arrive as surrogate escapes no database takes."""
    import os

    from tracker.usecases.services import is_utf8

    shown = {p.name: p.opts[0] if p.param_type_name == "option" else p.metavar or p.name.upper()
             for p in ctx.command.params}
    for name, value in ctx.params.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            if name not in PATH_PARAMS and isinstance(item, str) and not is_utf8(item):
                raise UsageError(f"{shown.get(name, name)}: {os.fsencode(item)!r} is not UTF-8 text")


def _day(value: str | None, option: str):
    """A day as people type it (python-dateutil; 12/9/2011 is read day first), in 1900–2199."""
    from tracker import quick

    return quick.day(value, option)


def _count(value: int, option: str) -> int | None:
    """A --limit or --offset: 0 is none."""
    from tracker import quick

    return quick.count(value, option)


def _write(chunks, binary: bool = False) -> None:
    """Text (or bytes) to stdout as it comes, gathered into pieces of about 64 KB: a long list is never whole
    in memory, nor written a row per system call."""
    pending, size = [], 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= 1 << 16:
            _emit(pending, binary)
            pending, size = [], 0
    _emit(pending, binary)


def _emit(pending: list, binary: bool) -> None:
    if binary:
        sys.stdout.buffer.write(b"".join(pending))
        sys.stdout.buffer.flush()
    elif pending:
        typer.echo("".join(pending), nl=False)


def _tables(sections) -> None:
    from tracker.rendering import report_text

    out = report_text.rich_tables(sections) if sys.stdout.isatty() else report_text.plain(sections)
    typer.echo(out, nl=False)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or globs.")],
    workers: Annotated[int | None, typer.Option("--workers", help="Extraction processes (default, and at "
                                                                  "most: the number of cores).")] = None,
    rehash: Annotated[bool, typer.Option("--rehash", help="Read and hash every file, also those whose size and "
                                                          "modification time are as stored.")] = False,
) -> None:
    """Store documents: unchanged ones skipped by size and modification time, then by content hash; changed
    ones replaced (fills kept)."""
    from tracker.usecases import services

    store, workers = _store(ctx), services.worker_count(workers)
    bar = _ProgressBar()
    try:
        report = services.ingest_paths(store, paths, progress=bar.update, workers=workers, rehash=rehash)
    finally:
        bar.close()
    from tracker.domain import printable

    for path, reason in report.skipped:
        typer.echo(f"tracker: skipped: {printable(f'{path}: {reason}', False)}", err=True)
    for path, reason in report.failed:
        message = reason if reason.startswith(path) else f"{path}: {reason}"
        typer.echo(f"tracker: failed: {printable(message, False)}", err=True)
    line = f"{report.new} new, {report.updated} updated, {report.unchanged} unchanged, {len(report.failed)} failed"
    if not (report.new or report.updated or report.failed):
        line += " (nothing changed)"
    typer.echo(line)
    if report.failed:
        raise typer.Exit(InputError.exit_code)


class _ProgressBar:
    """A rich progress bar on stderr, only for many files and only when stderr is a terminal."""

    MIN_FILES = 50

    def __init__(self) -> None:
        self.progress = None
        self.task = None
        self.formats: dict[str, int] = {}

    def update(self, done: int, total: int, format: str | None = None) -> None:
        if format:
            self.formats[format] = self.formats.get(format, 0) + 1
        if self.progress is None:
            if total < self.MIN_FILES or not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import Progress

            self.progress = Progress(console=Console(stderr=True), transient=True)
            self.task = self.progress.add_task("ingesting", total=total)
            self.progress.start()
        self.progress.update(self.task, completed=done, description=self.description())

    def description(self) -> str:
        """`ingesting 40 PDF, 12 DOCX, 3 text`: what the files done so far were read as."""
        from tracker.formats import NAMES

        counts = sorted(self.formats.items(), key=lambda kv: (-kv[1], kv[0]))
        return "ingesting " + ", ".join(f"{n} {NAMES.get(k, k)}" for k, n in counts) if counts else "ingesting"

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@app.command()
def status(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="The day to report from (default: today)" + DAY_FORMS)] = None,
    json: Json = False,
    limit: Limit = STATUS_LIMIT,
) -> None:
    """Upcoming meetings, proposed decisions, unfilled slots, missing facts, conflicts and topics."""
    from tracker import quick  # the body `tracker status` runs without Typer too (tracker/__main__.py)

    quick.status(_store(ctx), as_of, json, limit)


def _list_command(what: str, doc: str):
    def command(ctx: typer.Context, instrument: Instrument = None, date_from: From = None, date_to: To = None,
                status: Status = None, document: Document = None, json: Json = False, jsonl: Jsonl = False,
                csv: Csv = False, limit: ListLimit = 0, offset: Offset = 0, meeting: MeetingOpt = None) -> None:
        from tracker.rendering import report_text, reports
        from tracker.usecases import services

        if json + jsonl + csv > 1:
            raise UsageError("--json, --jsonl and --csv: choose one")
        store = _store(ctx)  # first: it refuses arguments that are not UTF-8
        try:
            check_list_status(what, status)
        except ValueError as exc:
            raise UsageError(f"--{exc}") from None
        filters = services.ListFilters(instrument, _day(date_from, "--from"), _day(date_to, "--to"), status,
                                       document, _count(limit, "--limit"), _count(offset, "--offset"), meeting)
        with services.listing(store, what, filters) as found:  # rows written as they are read
            if json:
                _write(reports.json_chunks(what, found.records))
            elif jsonl:
                _write(reports.jsonl_chunks(found.records))
            elif csv:
                _write(reports.csv_chunks(found.records, what))
            else:
                text = report_text.list_text(what, found.records, found.total, filters.limit, filters.offset)
                if text.section is not None:
                    _tables([text.section])
                else:
                    _write(text.lines)

    command.__doc__ = doc
    app.command(name=what)(command)


for _what, _doc in (("meetings", "Meetings, merged across documents."),
                    ("decisions", "Decisions, proposed and adopted."),
                    ("slots", "Blanks in documents, open or filled."),
                    ("topics", "Topics of work programmes."),
                    ("people", "People and their roles."),
                    ("documents", "Stored documents.")):
    _list_command(_what, _doc)


@app.command()
def show(ctx: typer.Context, ident: Annotated[str, typer.Argument(
        metavar="ID", help="A meeting, decision, slot, topic or document id.",
        autocompletion=_ids("meeting", "decision", "slot", "topic", "document"))], json: Json = False) -> None:
    """One meeting, decision, slot, topic or document, with the document, paragraph and sentence of each fact."""
    from tracker.rendering import report_text, reports
    from tracker.usecases import fill, services

    store = _store(ctx)
    from tracker.usecases import corrections

    shown = corrections.with_corrections(store, fill.with_fills(store, services.show(store, ident)))
    if json:
        typer.echo(reports.to_json(reports.show_dict(shown)))
    else:
        _tables(report_text.show_sections(shown))


@app.command()
def search(ctx: typer.Context, query: Annotated[str, typer.Argument(metavar="TEXT", help="Words to find, in "
                                                                   "Chinese or English: every one must stand.")],
           kind: Annotated[list[str] | None, typer.Option("--kind", help="Only meeting, decision, slot, topic or "
                                                                         "person (repeat for several).")] = None,
           limit: Annotated[int, typer.Option("--limit", help="At most this many results.")] = SEARCH_LIMIT,
           json: Json = False) -> None:
    """Find meetings, decisions, slots, topics and people by their words, with ids and a snippet."""
    from tracker import quick  # the body `tracker search` runs without Typer too (tracker/__main__.py)

    quick.check_search_limit(limit)
    quick.search(_store(ctx), query, tuple(kind or ()), limit, json)


@db_app.command("status")
def db_status(ctx: typer.Context) -> None:
    """Which schema steps are applied and which are pending."""
    from tracker.usecases import services

    state = services.db_status(_store(ctx))
    for name in state.applied:
        typer.echo(f"applied  {name}")
    for name in state.pending:
        typer.echo(f"pending  {name}")
    for name in state.unknown:
        typer.echo(f"unknown  {name}")
    typer.echo("up to date" if not state.pending and not state.unknown else
               "run `tracker db upgrade`" if state.pending else "this database is newer than tracker")


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Apply the pending schema steps, each in its own transaction."""
    from tracker.usecases import services

    done = services.db_upgrade(_store(ctx))
    typer.echo("\n".join(f"applied  {name}" for name in done) if done else "already up to date")


@app.command("config")
def config_command(ctx: typer.Context) -> None:
    """The settings in force and where each comes from (option > environment > config file > default)."""
    from tracker.domain import printable
    from tracker.errors import redacted
    from tracker.usecases.settings import KEYS, config_path

    path = config_path()  # shown first, so a broken file is named even when reading it fails below
    typer.echo(printable(f"config file  {path}", False) + ("" if path.exists() else
                                                          " (none; create it to keep settings)"))
    settings = _settings(ctx, create=False)
    shown = {"db": redacted(settings.db_url), "by": settings.by or "(your login)", "calendar": settings.calendar}
    for key in KEYS:
        typer.echo(printable(f"{key:<11}  {shown[key]}  ({settings.sources[key]})", False))


# ---------------------------------------------------------------- filling blanks, deciding (issue 5)

By = Annotated[str | None, typer.Option("--by", help="Who is filling (default: $TRACKER_USER, else `by` in the "
                                         "config file, else your login).")]
export_app = typer.Typer(no_args_is_help=True, help="Export meetings as iCalendar, decisions as Markdown.")
app.add_typer(export_app, name="export")


def _who(by: str | None) -> str:
    """--by, else $TRACKER_USER, else `by` in the config file, else the login."""
    import getpass

    from tracker.usecases.services import is_utf8
    from tracker.usecases.settings import load_settings

    who = load_settings(by=by, create=False).by or getpass.getuser()
    if not is_utf8(who):
        raise UsageError(f"the name {who!r} (--by, $TRACKER_USER, the config file or the login) is not UTF-8 text")
    return who


@app.command("fill")
def fill_command(
    ctx: typer.Context,
    slot: Annotated[str | None, typer.Argument(help="A slot id; without it, walk the open slots.",
                                               autocompletion=_ids("slot"))] = None,
    value: Annotated[str | None, typer.Argument(help="The value: a day, date, country, city, name or symbol.")] = None,
    by: By = None,
    document: Document = None,
    meeting: Annotated[str | None, typer.Option("--meeting", help="Walk only this meeting's slots.",
                                                autocompletion=_ids("meeting"))] = None,
    decision: Annotated[str | None, typer.Option("--decision", help="Walk only this decision's slots.",
                                                 autocompletion=_ids("decision"))] = None,
) -> None:
    """Fill a slot (`tracker fill SLOT VALUE`), or walk the open slots one by one in a terminal."""
    from tracker.usecases import fill

    store = _store(ctx)
    if slot is not None:
        if value is None:
            raise UsageError(f"give the value too: tracker fill {slot} VALUE")
        from tracker.domain import printable

        result = fill.fill_slot(store, slot, value, _who(by))
        was = "was empty" if result.old is None else f"was {result.old}"  # the old value may be anyone's
        typer.echo(printable(f"{result.slot} = {result.value} ({result.note}; {was})", False))
        for warning in result.warnings:
            typer.echo(f"tracker: warning: {printable(warning, False)}", err=True)
        return
    slot_ids = fill.walk_slots(store, document, meeting, decision)  # an unknown id is told first
    if not sys.stdin.isatty():
        raise UsageError("the walk needs a terminal; without one use `tracker fill SLOT VALUE [--by NAME]`")
    from tracker.cli import prompts
    from tracker.usecases.settings import history_path

    terminal = prompts.RichTerminal(history_path())
    try:
        summary = prompts.walk(store, slot_ids, terminal, _who(by))
    finally:
        terminal.close()
    if summary.interrupted:
        raise typer.Exit(130)  # Ctrl-C, as shells count it; the summary is on the screen


@app.command("unfill")
def unfill_command(ctx: typer.Context, slot: Annotated[str, typer.Argument(help="A slot id.",
                                                                           autocompletion=_ids("slot"))],
                   by: By = None) -> None:
    """Empty a filled slot (the value stays in its history)."""
    from tracker.domain import printable
    from tracker.usecases import fill

    old = fill.unfill_slot(_store(ctx), slot, _who(by))
    typer.echo(printable(f"{slot} emptied (was {old})", False))  # the value someone else typed


@app.command("history")
def history_command(ctx: typer.Context, ident: Annotated[str | None, typer.Argument(
        metavar="ID", help="A slot, meeting, decision, person or topic id.",
        autocompletion=_ids("slot", "meeting", "decision", "topic"))] = None, json: Json = False) -> None:
    """Every fill, unfill, correction (set, unset), decide and undo: when, who, old and new value, why."""
    from tracker.rendering import reports
    from tracker.usecases import corrections

    events = corrections.history(_store(ctx), ident)
    rows = [{"at": e.at.isoformat(timespec="seconds"), "kind": e.kind, "id": e.id, "field": e.field,
             "slot": e.id if e.kind == "slot" else None, "action": e.action, "old": e.old, "new": e.new,
             "typed": e.typed, "by": e.by, "note": e.note, "slot_key": e.slot_key} for e in events]
    if json:
        typer.echo(reports.to_json({"schema": 1, "history": rows}))
        return
    _tables([("History", ["at", "id", "field", "action", "old", "new", "by", "note"],
              [[r["at"], r["id"], r["field"], r["action"], r["old"] or "", r["new"] or "", r["by"], r["note"] or ""]
               for r in rows], len(rows))])


Note = Annotated[str | None, typer.Option("--note", help="Why: kept in the history.")]


@app.command("decide")
def decide_command(ctx: typer.Context, decision: Annotated[str, typer.Argument(
                       help="A decision id.", autocompletion=_ids("decision"))],
                   state: Annotated[DecisionStatus, typer.Argument(
                       help="adopted, rejected, deferred, or proposed (undecided again).")],
                   by: By = None, note: Note = None) -> None:
    """Record a decision's fate; adopting one that schedules a meeting makes the meeting scheduled."""
    from tracker.usecases import fill

    result = fill.decide(_store(ctx), decision, state.value, _who(by), note=note)
    typer.echo(f"{result.decision}: {result.old} -> {result.new}")
    for meeting, status, revision in result.meetings:
        typer.echo(f"  {meeting}: {status} (revision {revision})")


# ---------------------------------------------------------------- corrections (issue 15)

RECORD_ID = "A meeting, decision, slot, person or topic id."
RECORD_IDS = _ids("meeting", "decision", "slot", "topic")


@app.command("set")
def set_command(ctx: typer.Context,
                ident: Annotated[str, typer.Argument(metavar="ID", help=RECORD_ID, autocompletion=RECORD_IDS)],
                field: Annotated[str, typer.Argument(help="The field: see `tracker edit ID` or an error's list.")],
                value: Annotated[str, typer.Argument(help="The right value (checked like a fill).")],
                by: By = None, note: Note = None) -> None:
    """Correct a field the documents got wrong; kept across re-ingest, shown with the documents' value."""
    from tracker.domain import printable
    from tracker.usecases import corrections

    change = corrections.set_field(_store(ctx), ident, field, value, _who(by), note)
    was = "the documents' value" if change.old is None else change.old
    tail = f"; revision {change.revision}" if change.revision is not None else ""
    typer.echo(printable(f"{ident} {field} = {change.new} ({change.note}; was {was}{tail})", False))


@app.command("unset")
def unset_command(ctx: typer.Context,
                  ident: Annotated[str, typer.Argument(metavar="ID", help=RECORD_ID, autocompletion=RECORD_IDS)],
                  field: Annotated[str, typer.Argument(help="The corrected field.")],
                  by: By = None, note: Note = None) -> None:
    """Return a corrected field to what the documents say (the correction stays in the history)."""
    from tracker.domain import printable
    from tracker.usecases import corrections

    change = corrections.unset_field(_store(ctx), ident, field, _who(by), note)
    tail = f"; revision {change.revision}" if change.revision is not None else ""
    typer.echo(printable(f"{ident} {field}: {change.note} (was corrected to {change.old}{tail})", False))


@app.command("undo")
def undo_command(ctx: typer.Context, by: By = None) -> None:
    """Undo the last change of any kind (fill, unfill, set, unset, decide); again to go further back."""
    from tracker.domain import printable
    from tracker.usecases import corrections

    done = corrections.undo(_store(ctx), _who(by))
    shown = lambda v: "(empty)" if v is None else v  # noqa: E731
    typer.echo(printable(f"undid {done.action} of {done.id} {done.field}: {shown(done.was)} -> {shown(done.now)}"
                         + (f" (revision {done.revision})" if done.revision is not None else ""), False))


@app.command("edit")
def edit_command(ctx: typer.Context,
                 ident: Annotated[str, typer.Argument(metavar="ID", help=RECORD_ID, autocompletion=RECORD_IDS)],
                 by: By = None) -> None:
    """Walk the fields of one record in a terminal: Enter keeps, a value corrects, - returns to the documents'."""
    if not sys.stdin.isatty():
        raise UsageError(f"the walk needs a terminal; without one use `tracker set {ident} FIELD VALUE`")
    from tracker.cli import editing, prompts

    editing.edit(_store(ctx), ident, prompts.RichTerminal(), _who(by))


class ExportFormat(StrEnum):
    md = "md"


@export_app.command("decisions")
def export_decisions(ctx: typer.Context, format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="md: Markdown, fills in bold, open blanks in code.")] = ExportFormat.md) -> None:
    """All decisions with their fills marked."""
    from tracker.usecases import fill

    typer.echo(fill.decisions_markdown(_store(ctx)), nl=False)


Statuses = Annotated[list[str] | None, typer.Option("--status", help=(
    f"{', '.join(values(MeetingStatus))} (repeatable, or comma-separated)."), autocompletion=_statuses)]


def _feed_options(ctx, date_from, date_to, instrument, status, include_undated, todos):
    from tracker.usecases.exporting import FeedOptions, check_statuses

    statuses = tuple(s for item in status or [] for s in item.split(",") if s)
    try:
        check_statuses(statuses)
    except ValueError as exc:
        raise UsageError(f"--{exc}") from None
    return FeedOptions(date_from=_day(date_from, "--from"), date_to=_day(date_to, "--to"), instrument=instrument,
                       statuses=statuses, include_undated=include_undated, todos=todos,
                       calname=_settings(ctx).calendar)


@export_app.command("ics")
def export_ics(
    ctx: typer.Context,
    output: Annotated[str, typer.Option("-o", "--output", help="File to write, or - for stdout.")] = "-",
    date_from: Annotated[str | None, typer.Option("--from", help="Meetings ending on or after this day" + DAY_FORMS)] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Meetings starting on or before this day" + DAY_FORMS)] = None,
    instrument: Annotated[str | None, typer.Option("--instrument", help="CCM, CCW, APMBC, BWC, ...",
                                                   autocompletion=_instruments)] = None,
    status: Statuses = None,
    include_undated: Annotated[bool, typer.Option("--include-undated", help="Also month- and year-only meetings.")] = False,
    todos: Annotated[bool, typer.Option("--todos", help="Open slots and proposed decisions as VTODOs.")] = False,
    dtstamp: Annotated[str | None, typer.Option("--dtstamp", help="Fix DTSTAMP (ISO date-time), for reproducible files.")] = None,
) -> None:
    """Meetings as an .ics calendar that calendar applications keep in sync (stable UIDs, rising SEQUENCE)."""
    from datetime import UTC, datetime

    from tracker.usecases.exporting import calendar_chunks

    opts = _feed_options(ctx, date_from, date_to, instrument, status, include_undated, todos)
    try:
        stamp = datetime.fromisoformat(dtstamp) if dtstamp else datetime.now(UTC)
    except ValueError:
        raise UsageError(f"--dtstamp: {dtstamp!r} is not an ISO date-time") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    from tracker.usecases.names import check_instrument

    skipped: list[str] = []
    store = _store(ctx)
    check_instrument(store, "--instrument", instrument)
    chunks = calendar_chunks(store, opts, stamp, skipped)  # events written as they are read
    if output == "-":
        _write(chunks, binary=True)
    else:
        from tracker.usecases.services import write_atomically

        write_atomically(Path(output), chunks)  # never a half-written calendar
    from tracker.domain import printable

    for line in skipped:
        typer.echo(f"tracker: warning: {printable(line, False)}", err=True)


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (localhost by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port (0 picks a free one).")] = 8765,
) -> None:
    """Serve the calendar at http://HOST:PORT/calendar.ics (filters as query parameters) until Ctrl-C."""
    from tracker.cli.serving import make_server

    if not 0 <= port <= 65535:  # checked here rather than by click, whose error takes four lines
        raise UsageError(f"--port: {port} is not a port (0 to 65535; 0 picks a free one)")
    store = _store(ctx)
    try:
        server = make_server(store, host, port, calname=_settings(ctx).calendar)
    except OSError as exc:  # the user's choice of address: a usage error (exit 2), like any bad option value
        import errno

        taken = exc.errno in (errno.EADDRINUSE, errno.EACCES)  # in use, or below 1024 without the right
        hint = "; choose another --port, or 0 for a free one" if taken else ""
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror or exc}){hint}") from None
    typer.echo(f"serving http://{host}:{server.server_address[1]}/calendar.ics (Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        typer.echo("tracker: stopped", err=True)
    finally:
        server.server_close()


# ---------------------------------------------------------------- dump and restore (issue 6)

@app.command("dump")
def dump_command(ctx: typer.Context, output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file (replaced all at once, never half-written) instead of stdout.")
        ] = None) -> None:
    """Everything people authored (fills with history, decisions' states) and the documents, as JSON lines."""
    from tracker.usecases import services

    if output is None:
        _write(services.dump(_store(ctx)))
    else:
        services.write_dump(_store(ctx), output)


@app.command("restore")
def restore_command(ctx: typer.Context, dump_file: Annotated[Path, typer.Argument(
        metavar="FILE", help="A file `tracker dump` wrote.")],
        unchecked: Annotated[bool, typer.Option(
            "--unchecked", help="Also read a version 1 dump, which has no end line to prove it is whole.")] = False,
        ) -> None:
    """Read a dump into an empty database; then ingest the documents it lists."""
    from tracker.usecases import services

    restored = services.restore(_store(ctx), dump_file, unchecked)
    typer.echo(", ".join(f"{n} {kind}" for kind, n in sorted(restored.counts.items())) or "nothing to restore")
    if restored.documents:
        typer.echo(f"ingest the {len(restored.documents)} documents again to rebuild meetings, decisions and slots, "
                   "e.g. tracker ingest " + " ".join(sorted({str(Path(d['path']).parent) for d in restored.documents})))


def main() -> None:
    """Entry point: one handler turns every TrackerError into a one-line message and its exit code.

    Whatever reaches stderr from here passes through `redacted` first, the last line of defence that keeps a
    database password (`--db postgresql://user:secret@…`) off the screen, whoever wrote the message.
    """
    try:
        code = app(standalone_mode=False)  # without standalone mode click returns typer.Exit's code
        if isinstance(code, int) and code:
            sys.exit(code)
    except TrackerError as exc:
        from tracker.domain import printable

        _error(f"tracker: {printable(exc.message, False)}")  # one line, whatever a path holds
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _error("tracker: aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        _error("tracker: interrupted")
        sys.exit(130)
    except Exception as exc:  # click's usage errors (typer may vendor click, so duck-type them)
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            import io

            shown = io.StringIO()
            exc.show(file=shown)
            _error(shown.getvalue().rstrip("\n"))
            sys.exit(2 if exc.exit_code not in (0, 1) else exc.exit_code or 2)
        if type(exc).__name__ == "Exit" and hasattr(exc, "exit_code"):
            sys.exit(exc.exit_code)
        import traceback

        # a bug: the traceback is worth having, but it passes through `redacted` like any other message
        _error("".join(traceback.format_exception(exc)).rstrip("\n"))
        sys.exit(1)


def _error(text: str) -> None:
    typer.echo(redacted(text), err=True)
