"""Names the person types that must match the store: ids and filter values. Completion offers them; an unknown
one is a usage error (exit 2) saying "did you mean …" (difflib) or naming the valid values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tracker.errors import UsageError

if TYPE_CHECKING:  # the store loads SQLAlchemy: imported by the functions that use it
    from tracker.store import Store

ALL_KINDS = ("meeting", "decision", "slot", "topic", "document")


def did_you_mean(typed: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.75) -> str:
    """' (did you mean ccm-msp-2?)', or '' when nothing is close; case is no difference."""
    by_folded: dict[str, str] = {}
    for c in candidates:
        by_folded.setdefault(c.casefold(), c)
    near = [by_folded[x] for x in difflib.get_close_matches(typed.casefold(), list(by_folded), n=n, cutoff=cutoff)]
    if not near:
        return ""
    return f" (did you mean {near[0] if len(near) == 1 else ', '.join(near[:-1]) + ' or ' + near[-1]}?)"


def hint(conn, kinds: tuple[str, ...], typed: str) -> str:
    """did_you_mean over the store's ids of these kinds (read on the connection of the failing lookup)."""
    from tracker.store import names

    return did_you_mean(typed, names.near_ids(conn, kinds, typed))


def complete(store: Store, kinds: tuple[str, ...], prefix: str, limit: int = 200) -> list[str]:
    """Ids of these kinds starting with `prefix`, for shell completion."""
    from tracker.store import names

    store.ensure_current()
    with store.snapshot() as conn:
        return names.ids(conn, kinds, prefix, limit)


def instruments(store: Store) -> list[str]:
    from tracker.store import names

    store.ensure_current()
    with store.snapshot() as conn:
        return names.instruments(conn)


def roles(store: Store) -> list[str]:
    from tracker.store import names

    store.ensure_current()
    with store.snapshot() as conn:
        return names.roles(conn)


def check_value(option: str, what: str, typed: str | None, known: list[str], fold: bool = True) -> None:
    """A filter value the store holds nowhere would list nothing: refused, naming those there are. `fold`:
    the filter ignores case (instruments), so the check does too."""
    if typed is None or (typed.casefold() in {k.casefold() for k in known} if fold else typed in known):
        return
    there = f"the store has {', '.join(known)}" if known else "the store has none yet (run `tracker ingest`)"
    raise UsageError(f"{option}: no {what} {typed!r}{did_you_mean(typed, known, cutoff=0.6)}; {there}")


def check_instrument(store: Store, option: str, instrument: str | None) -> None:
    if instrument is not None:
        check_value(option, "instrument", instrument, instruments(store))
