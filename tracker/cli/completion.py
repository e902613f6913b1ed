"""Shell completion's answers (Typer's completion, `tracker --install-completion`): ids from the store, the
values a filter takes. A completion must never print a traceback into the person's shell nor create a
database: with no store, a broken config file or an unreachable server it offers nothing."""

from __future__ import annotations

from pathlib import Path

import typer

from tracker.rules.vocabulary import LIST_STATUSES, MeetingStatus, values

LIMIT = 200  # what a shell can show at one Tab
CONNECT_TIMEOUT_S = 1  # a Tab must not hang the shell on a server that never answers (commands wait 5 s)


def _open(ctx: typer.Context):
    """The store the command line names, or None when there is none to read (nothing is created)."""
    from tracker.store import open_store
    from tracker.usecases.settings import load_settings

    root = ctx.find_root()
    settings = load_settings(root.params.get("db"), create=False)
    if settings.db_url.startswith("sqlite:///") and not Path(settings.db_url.removeprefix("sqlite:///")).is_file():
        return None
    return open_store(_impatient(settings.db_url))


def _impatient(url: str) -> str:
    """A PostgreSQL URL with a short connect timeout, unless it names its own."""
    if not url.startswith(("postgres://", "postgresql")) or "connect_timeout=" in url:
        return url
    return f"{url}{'&' if '?' in url else '?'}connect_timeout={CONNECT_TIMEOUT_S}"


def ids(ctx: typer.Context, kinds: tuple[str, ...], incomplete: str) -> list[str]:
    try:
        store = _open(ctx)
        if store is None:
            return []
        with store:
            from tracker.usecases.names import complete

            return complete(store, kinds, incomplete, LIMIT)
    except Exception:  # noqa: BLE001 -- whatever fails (schema, server, config), completion offers nothing
        return []


def instruments(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        store = _open(ctx)
        if store is None:
            return []
        with store:
            from tracker.usecases.names import instruments as stored

            return [i for i in stored(store) if i.casefold().startswith(incomplete.casefold())]
    except Exception:  # noqa: BLE001 -- as in ids
        return []


def statuses(ctx: typer.Context, incomplete: str) -> list[str]:
    """The `--status` values of the list being typed (meetings' for `export ics`)."""
    name = ctx.command.name if ctx.command else None
    enum = LIST_STATUSES.get(name or "", MeetingStatus if name == "ics" else None)
    return [v for v in values(enum) if v.startswith(incomplete)] if enum else []
