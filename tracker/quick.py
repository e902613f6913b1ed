"""`tracker status` and `tracker search` without Typer: the two reads people run most, started in a fraction of
the time the Typer app takes to load (Typer, click and pydantic: about 0.2 s of CPU before any command runs).

`parse` accepts only plain arguments — `[--db URL] status [--as-of DAY] [--limit N] [--json]` and
`[--db URL] search TEXT [--kind K]… [--limit N] [--json]`, each option once (`--kind` repeats), values that are
neither empty nor look like options, numbers of plain digits, UTF-8 text and streams — and returns None for
anything else, which the entry point (`tracker/__main__.py`) hands to the Typer app (`tracker.cli`): help, an
unknown option, a bad number, a typo are answered there, with its messages. What this module runs is what the
Typer commands run (they call `day`, `count`, `settings` and the bodies here); `tests/test_startup.py` runs each
case both ways and compares stdout, stderr and the exit code.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from tracker.errors import StoreError, TrackerError, UsageError, redacted

MAX_LIMIT = 1_000_000_000  # beyond what a database's LIMIT takes on every backend
STATUS_LIMIT, SEARCH_LIMIT = 20, 20  # the commands' defaults (rows per section; results)
_DIGITS = re.compile(r"[0-9]{1,10}")
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")  # what click's echo strips when the stream is no terminal


@dataclass
class Plan:
    """A command with its arguments, read from plain argv."""

    command: str
    db: str | None = None
    options: dict = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)
    text: str | None = None


# each command's options: name -> takes a value ("int", "str") or is a flag (None)
OPTIONS: dict[str, dict[str, str | None]] = {
    "status": {"--as-of": "str", "--limit": "int", "--json": None},
    "search": {"--kind": "str", "--limit": "int", "--json": None},
}


def parse(argv: list[str]) -> Plan | None:
    """The plan for plain arguments of status or search; None for anything else (the Typer app answers)."""
    if not _plain_streams() or any(not _utf8(a) for a in argv):
        return None
    args = list(argv)
    db = None
    while args and args[0].startswith("--db"):
        name, value = _option(args)
        if name != "--db" or db is not None or value is None:
            return None
        db = value
    if not args or args[0] not in OPTIONS:
        return None
    plan = Plan(args.pop(0), db)
    known = OPTIONS[plan.command]
    while args:
        if not args[0].startswith("-"):
            if plan.command != "search" or plan.text is not None or not args[0]:
                return None
            plan.text = args.pop(0)
            continue
        name, value = _option(args, known)
        if name not in known or (name in plan.options and name != "--kind"):
            return None
        kind = known[name]
        if kind is None:
            if value is not None:
                return None
            plan.options[name] = True
        elif value is None or (kind == "int" and not _DIGITS.fullmatch(value)):
            return None
        elif name == "--kind":
            plan.kinds.append(value)
            plan.options[name] = True
        else:
            plan.options[name] = int(value) if kind == "int" else value
    if plan.command == "search" and plan.text is None:
        return None
    return plan


def _option(args: list[str], known: dict | None = None) -> tuple[str, str | None]:
    """Take `--name value`, `--name=value` or a flag off the front of `args`; a value must be neither empty
    nor look like an option (click would read some of those differently: the Typer app decides them)."""
    head = args.pop(0)
    name, eq, value = head.partition("=")
    if eq:
        return name, value if value and not value.startswith("-") else None
    if known is not None and known.get(name, "str") is None:
        return name, None
    if not args or not args[0] or args[0].startswith("-"):
        return name, None
    return name, args.pop(0)


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as surrogate escapes: the Typer app says so
        return False
    return True


def _plain_streams() -> bool:
    """stdout and stderr that take UTF-8 as they are (click re-wraps a misconfigured one: leave that to it)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8"):
            return False
    return True


# ---------------------------------------------------------------- shared with the Typer commands

def day(value: str | None, option: str):
    """A day as people type it (python-dateutil; 12/9/2011 is read day first), in 1900–2199."""
    from tracker.usecases.typed_dates import FORMS, in_range, read_day

    if value is None:
        return None
    found = read_day(value)
    if found is None:
        raise UsageError(f"{option}: {value!r} is not a date ({FORMS})")
    if not in_range(found):
        raise UsageError(f"{option}: {found.isoformat()} is not a meeting's day (the years 1900 to 2199)")
    return found


def count(value: int, option: str) -> int | None:
    """A --limit or --offset: 0 is none."""
    if not 0 <= value <= MAX_LIMIT:
        raise UsageError(f"{option}: {value} (give 0 for all rows, or 1 to {MAX_LIMIT:,})")
    return value or None


def settings(db: str | None, create: bool = True):
    """Settings from option > environment > config file > default (usecases.settings); a broken file: exit 2."""
    from tracker.usecases.settings import load_settings

    try:
        return load_settings(db, create=create)
    except OSError as exc:  # the database's directory cannot be made
        raise StoreError(f"cannot create the database's directory {exc.filename} ({exc.strerror or exc})") from None


def status(store, as_of: str | None, json: bool, limit: int) -> None:
    """The body of `tracker status`, on an open store."""
    from datetime import date

    from tracker.rendering import report_text, reports
    from tracker.usecases import services

    report = services.status(store, day(as_of, "--as-of") or date.today(), count(limit, "--limit"))
    if json:
        echo(reports.to_json(reports.status_dict(report)))
    else:
        tables(report_text.status_sections(report))


def check_search_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"--limit: {limit} (give 1 to {MAX_LIMIT:,})")


def search(store, query: str, kinds: tuple[str, ...], limit: int, json: bool) -> None:
    """The body of `tracker search`, on an open store (its --limit checked before the store was opened)."""
    from tracker.rendering import report_text, reports
    from tracker.usecases import services

    hits = services.search(store, query, kinds, limit)
    if json:
        echo(reports.to_json(reports.search_dict(query, hits)))
    else:
        tables(report_text.search_sections(query, hits))


def tables(sections) -> None:
    """Rich tables at a terminal's width, else plain aligned text."""
    from tracker.rendering import report_text

    out = report_text.rich_tables(sections) if sys.stdout.isatty() else report_text.plain(sections)
    echo(out, nl=False)


def echo(text: str, nl: bool = True, err: bool = False) -> None:
    """What typer.echo does with text on a UTF-8 stream: ANSI codes stripped unless it is a terminal; flushed."""
    stream = sys.stderr if err else sys.stdout
    out = text + "\n" if nl else text
    if not out:
        stream.flush()
        return
    if "\033" in out and not stream.isatty():
        out = _ANSI.sub("", out)
    stream.write(out)
    stream.flush()


# ---------------------------------------------------------------- running a plan

def run(plan: Plan) -> None:
    """Run the plan; the one handler's outcomes: a TrackerError is one line on stderr and its exit code."""
    try:
        _COMMANDS[plan.command](plan)
    except TrackerError as exc:
        from tracker.domain import printable

        _error(f"tracker: {printable(exc.message, False)}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _error("tracker: interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug: the traceback, through `redacted` like any other message
        import traceback

        _error("".join(traceback.format_exception(exc)).rstrip("\n"))
        sys.exit(1)


def _error(text: str) -> None:
    echo(redacted(text), err=True)


def _opened(plan: Plan):
    from tracker.store import open_store

    return open_store(settings(plan.db).db_url)


def _status(plan: Plan) -> None:
    store = _opened(plan)
    try:
        status(store, plan.options.get("--as-of"), plan.options.get("--json", False),
               plan.options.get("--limit", STATUS_LIMIT))
    finally:
        store.dispose()


def _search(plan: Plan) -> None:
    check_search_limit(plan.options.get("--limit", SEARCH_LIMIT))
    store = _opened(plan)
    try:
        search(store, plan.text, tuple(plan.kinds), plan.options.get("--limit", SEARCH_LIMIT),
               plan.options.get("--json", False))
    finally:
        store.dispose()


_COMMANDS: dict[str, Callable[[Plan], None]] = {"status": _status, "search": _search}
