"""The command line: parse, call one function, render, exit. Heavy imports stay inside commands."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tracker.errors import InputError, TrackerError, UsageError, redacted
from tracker.rules.vocabulary import (
    DecisionStatus,
    DocumentKind,
    MeetingStatus,
    SlotState,
    check_list_status,
    values,
)

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Track meetings, decisions and unfilled blanks in treaty-meeting documents.")


class Format(StrEnum):
    json = "json"
    text = "text"


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="A document (UTF-8, UTF-16 or GB18030 text).")],
    format: Annotated[Format, typer.Option("--format", "-f", help="json (SCHEMA.md) or text.")] = Format.text,
) -> None:
    """Extract meetings, decisions, slots, topics and people from one document."""
    from tracker.extract.pipeline import extract as run
    from tracker.rendering.extraction import extraction_json, extraction_text
    from tracker.usecases.ingest import read_document

    result = run(read_document(path))
    typer.echo(extraction_json(result) if format is Format.json else extraction_text(result), nl=format is Format.json)


@app.command()
def version() -> None:
    """Print the version."""
    from tracker import __version__

    typer.echo(__version__)


# ---------------------------------------------------------------- the store

Db = Annotated[str | None, typer.Option("--db", help="Database URL (sqlite:///file.db, postgresql://…); "
                                         "default: $TRACKER_DB, else tracker.db in the user data directory.")]
Json = Annotated[bool, typer.Option("--json", help="Machine-readable JSON (shape in the README).")]
Csv = Annotated[bool, typer.Option("--csv", help="CSV with a header row; formula-like cells neutralised.")]
Limit = Annotated[int, typer.Option("--limit", help="Rows per section; 0 for all.")]
MAX_LIMIT = 1_000_000_000  # beyond what a database's LIMIT takes on every backend
Instrument = Annotated[str | None, typer.Option("--instrument", help="Treaty code: CCM, CCW, APMBC, …")]
DAY_FORMS = " (2011-09-12, 12 Sept 2011, Sept 12, 2011; 12/9/2011 is 12 September: day first)."
From = Annotated[str | None, typer.Option("--from", help="On or after this day" + DAY_FORMS)]
To = Annotated[str | None, typer.Option("--to", help="On or before this day" + DAY_FORMS)]
Status = Annotated[str | None, typer.Option("--status", help=(
    f"meetings: {', '.join(values(MeetingStatus))}; decisions: {', '.join(values(DecisionStatus))}; "
    f"slots: {' or '.join(values(SlotState))}; people: role; documents: {', '.join(values(DocumentKind))}."))]
Document = Annotated[str | None, typer.Option("--document", help="Only what this document (key) says.")]

db_app = typer.Typer(no_args_is_help=True, help="The database schema: status and upgrade.")
app.add_typer(db_app, name="db")


@app.callback()
def _global(ctx: typer.Context, db: Db = None) -> None:
    ctx.obj = {"db": db}


PATH_PARAMS = {"paths", "path", "output", "dump_file"}  # file names, which need not be UTF-8


def _store(ctx: typer.Context):
    """The store the command works on, opened once (closed when the command ends), after the command's text
    arguments are known to be text the database can hold."""
    from tracker.store import open_store
    from tracker.usecases.settings import load_settings

    _check_text(ctx)
    root = ctx.find_root()
    try:
        settings = load_settings((root.obj or {}).get("db"))
    except OSError as exc:  # the database's directory cannot be made
        from tracker.errors import StoreError

        raise StoreError(f"cannot create the database's directory {exc.filename} ({exc.strerror or exc})") from None
    store = open_store(settings.db_url)
    root.call_on_close(store.dispose)  # its pooled connections closed however the command ends
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
    from tracker.usecases.typed_dates import FORMS, in_range, read_day

    if value is None:
        return None
    day = read_day(value)
    if day is None:
        raise UsageError(f"{option}: {value!r} is not a date ({FORMS})")
    if not in_range(day):
        raise UsageError(f"{option}: {day.isoformat()} is not a meeting's day (the years 1900 to 2199)")
    return day


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

    def update(self, done: int, total: int) -> None:
        if self.progress is None:
            if total < self.MIN_FILES or not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import Progress

            self.progress = Progress(console=Console(stderr=True), transient=True)
            self.task = self.progress.add_task("ingesting", total=total)
            self.progress.start()
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@app.command()
def status(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="The day to report from (default: today)" + DAY_FORMS)] = None,
    json: Json = False,
    limit: Limit = 20,
) -> None:
    """Upcoming meetings, proposed decisions, unfilled slots, missing facts, conflicts and topics."""
    from datetime import date

    from tracker.rendering import report_text, reports
    from tracker.usecases import services

    if not 0 <= limit <= MAX_LIMIT:
        raise UsageError(f"--limit: {limit} (give 0 for all rows, or 1 to {MAX_LIMIT:,})")
    report = services.status(_store(ctx), _day(as_of, "--as-of") or date.today(), limit or None)
    if json:
        typer.echo(reports.to_json(reports.status_dict(report)))
    else:
        _tables(report_text.status_sections(report))


def _list_command(what: str, doc: str):
    def command(ctx: typer.Context, instrument: Instrument = None, date_from: From = None, date_to: To = None,
                status: Status = None, document: Document = None, json: Json = False, csv: Csv = False) -> None:
        from tracker.rendering import report_text, reports
        from tracker.usecases import services

        if json and csv:
            raise UsageError("--json and --csv: choose one")
        store = _store(ctx)  # first: it refuses arguments that are not UTF-8
        try:
            check_list_status(what, status)
        except ValueError as exc:
            raise UsageError(f"--{exc}") from None
        records = services.list_records(store, what, instrument, _day(date_from, "--from"),
                                        _day(date_to, "--to"), status, document)
        if json:
            typer.echo(reports.to_json(reports.list_dict(what, records)))
        elif csv:
            typer.echo(reports.to_csv(records, what), nl=False)
        else:
            _tables(report_text.list_sections(what, records))

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
def show(ctx: typer.Context, ident: Annotated[str, typer.Argument(metavar="ID", help="A meeting, decision, slot "
                                                                   "or document id.")], json: Json = False) -> None:
    """One meeting, decision, slot or document, with the document, paragraph and sentence of each fact."""
    from tracker.rendering import report_text, reports
    from tracker.usecases import fill, services

    store = _store(ctx)
    shown = fill.with_fills(store, services.show(store, ident))
    if json:
        typer.echo(reports.to_json(reports.show_dict(shown)))
    else:
        _tables(report_text.show_sections(shown))


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


# ---------------------------------------------------------------- filling blanks, deciding (issue 5)

By = Annotated[str | None, typer.Option("--by", help="Who is filling (default: $TRACKER_USER, else your login).")]
export_app = typer.Typer(no_args_is_help=True, help="Export meetings as iCalendar, decisions as Markdown.")
app.add_typer(export_app, name="export")


def _who(by: str | None) -> str:
    import getpass
    import os

    from tracker.usecases.services import is_utf8

    who = by or os.environ.get("TRACKER_USER") or getpass.getuser()
    if not is_utf8(who):
        raise UsageError(f"the name {who!r} (--by, $TRACKER_USER or the login) is not UTF-8 text")
    return who


@app.command("fill")
def fill_command(
    ctx: typer.Context,
    slot: Annotated[str | None, typer.Argument(help="A slot id; without it, walk the open slots.")] = None,
    value: Annotated[str | None, typer.Argument(help="The value: a day, date, country, city, name or symbol.")] = None,
    by: By = None,
    document: Document = None,
    meeting: Annotated[str | None, typer.Option("--meeting", help="Walk only this meeting's slots.")] = None,
    decision: Annotated[str | None, typer.Option("--decision", help="Walk only this decision's slots.")] = None,
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
    if not sys.stdin.isatty():
        raise UsageError("the walk needs a terminal; without one use `tracker fill SLOT VALUE [--by NAME]`")
    from tracker.cli import prompts

    prompts.walk(store, fill.walk_slots(store, document, meeting, decision), prompts.RichTerminal(), _who(by))


@app.command("unfill")
def unfill_command(ctx: typer.Context, slot: Annotated[str, typer.Argument(help="A slot id.")],
                   by: By = None) -> None:
    """Empty a filled slot (the value stays in its history)."""
    from tracker.domain import printable
    from tracker.usecases import fill

    old = fill.unfill_slot(_store(ctx), slot, _who(by))
    typer.echo(printable(f"{slot} emptied (was {old})", False))  # the value someone else typed


@app.command("history")
def history_command(ctx: typer.Context, slot: Annotated[str | None, typer.Argument(help="A slot id.")] = None,
                    json: Json = False) -> None:
    """Every fill and unfill: when, who, old and new value."""
    from tracker.rendering import reports
    from tracker.usecases import fill

    events = fill.history(_store(ctx), slot)
    rows = [{"at": e.at.isoformat(timespec="seconds"), "slot": e.slot_id, "action": e.action, "old": e.old_value,
             "new": e.new_value, "typed": e.typed, "by": e.by, "slot_key": e.slot_key} for e in events]
    if json:
        typer.echo(reports.to_json({"schema": 1, "history": rows}))
        return
    _tables([("History", ["at", "slot", "action", "old", "new", "by"],
              [[r["at"], r["slot"], r["action"], r["old"] or "", r["new"] or "", r["by"]] for r in rows], len(rows))])


# what a person decides: every decision status but the one a document gives (proposed)
DecisionState = StrEnum("DecisionState", {s: s for s in values(DecisionStatus) if s != DecisionStatus.PROPOSED})


@app.command("decide")
def decide_command(ctx: typer.Context, decision: Annotated[str, typer.Argument(help="A decision id.")],
                   state: Annotated[DecisionState, typer.Argument(help="adopted, rejected or deferred.")],
                   by: By = None) -> None:
    """Record a decision's fate; adopting one that schedules a meeting makes the meeting scheduled."""
    from tracker.usecases import fill

    result = fill.decide(_store(ctx), decision, state.value, _who(by))
    typer.echo(f"{result.decision}: {result.old} -> {result.new}")
    for meeting, status, revision in result.meetings:
        typer.echo(f"  {meeting}: {status} (revision {revision})")


class ExportFormat(StrEnum):
    md = "md"


@export_app.command("decisions")
def export_decisions(ctx: typer.Context, format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="md: Markdown, fills in bold, open blanks in code.")] = ExportFormat.md) -> None:
    """All decisions with their fills marked."""
    from tracker.usecases import fill

    typer.echo(fill.decisions_markdown(_store(ctx)), nl=False)


Statuses = Annotated[list[str] | None, typer.Option("--status", help=(
    f"{', '.join(values(MeetingStatus))} (repeatable, or comma-separated)."))]


def _feed_options(date_from, date_to, instrument, status, include_undated, todos):
    from tracker.usecases.exporting import FeedOptions, check_statuses

    statuses = tuple(s for item in status or [] for s in item.split(",") if s)
    try:
        check_statuses(statuses)
    except ValueError as exc:
        raise UsageError(f"--{exc}") from None
    return FeedOptions(date_from=_day(date_from, "--from"), date_to=_day(date_to, "--to"), instrument=instrument,
                       statuses=statuses, include_undated=include_undated, todos=todos)


@export_app.command("ics")
def export_ics(
    ctx: typer.Context,
    output: Annotated[str, typer.Option("-o", "--output", help="File to write, or - for stdout.")] = "-",
    date_from: Annotated[str | None, typer.Option("--from", help="Meetings ending on or after this day" + DAY_FORMS)] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Meetings starting on or before this day" + DAY_FORMS)] = None,
    instrument: Annotated[str | None, typer.Option("--instrument", help="CCM, CCW, APMBC, BWC, ...")] = None,
    status: Statuses = None,
    include_undated: Annotated[bool, typer.Option("--include-undated", help="Also month- and year-only meetings.")] = False,
    todos: Annotated[bool, typer.Option("--todos", help="Open slots and proposed decisions as VTODOs.")] = False,
    dtstamp: Annotated[str | None, typer.Option("--dtstamp", help="Fix DTSTAMP (ISO date-time), for reproducible files.")] = None,
) -> None:
    """Meetings as an .ics calendar that calendar applications keep in sync (stable UIDs, rising SEQUENCE)."""
    from datetime import UTC, datetime

    from tracker.usecases.exporting import calendar_feed

    opts = _feed_options(date_from, date_to, instrument, status, include_undated, todos)
    try:
        stamp = datetime.fromisoformat(dtstamp) if dtstamp else datetime.now(UTC)
    except ValueError:
        raise UsageError(f"--dtstamp: {dtstamp!r} is not an ISO date-time") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    skipped: list[str] = []
    body = calendar_feed(_store(ctx), opts, stamp, skipped)
    from tracker.domain import printable

    for line in skipped:
        typer.echo(f"tracker: warning: {printable(line, False)}", err=True)
    if output == "-":
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        return
    from pathlib import Path

    try:
        tmp = Path(output + ".tmp")
        tmp.write_bytes(body)
        tmp.replace(output)  # never a half-written calendar
    except OSError as exc:
        raise InputError(f"{output}: cannot write ({exc.strerror or exc})") from None


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
        server = make_server(store, host, port)
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
        typer.echo("".join(services.dump(_store(ctx))), nl=False)
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
