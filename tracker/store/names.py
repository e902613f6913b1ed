"""The ids and filter values the store holds: for shell completion and for "did you mean" on an unknown one.

Core only, like `queries`. Every read is bounded (LIMIT): completion answers while the person waits at a Tab,
and a mistyped id must not read a million slot ids to be told so.
"""

from __future__ import annotations

from sqlalchemy import select, union
from sqlalchemy.engine import Connection

from tracker.store import core

# what an id names -> its id column
ID_COLUMNS = {"meeting": core.meeting.c.id, "decision": core.decision.c.id, "slot": core.slot.c.id,
              "topic": core.topic.c.ident, "document": core.document.c.key}


def _like(prefix: str) -> str:
    """`prefix` as a LIKE pattern matching itself literally (with ESCAPE '\\'): ids hold `_`."""
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def ids(conn: Connection, kinds: tuple[str, ...], prefix: str = "", limit: int = 200) -> list[str]:
    """Ids of these kinds that start with `prefix`, sorted, at most `limit`."""
    found: set[str] = set()
    for kind in kinds:
        column = ID_COLUMNS[kind]
        q = select(column).where(column.like(_like(prefix), escape="\\")).order_by(column).limit(limit)
        found.update(r[0] for r in conn.execute(q))
    return sorted(found)[:limit]


def near_ids(conn: Connection, kinds: tuple[str, ...], typed: str, limit: int = 5_000) -> list[str]:
    """Candidates for "did you mean" (difflib reads 5,000 in about 0.05 s): every id of these kinds in a store
    holding up to `limit` of them; in a larger one, those sharing the typed id up to its last `-` (the document
    of `<doc>-s33`), else its first three characters (a typo there is rarely the only one)."""
    everything = ids(conn, kinds, "", limit + 1)
    if len(everything) <= limit:
        return everything
    head = typed[:typed.rfind("-") + 1]
    return (ids(conn, kinds, head, limit) if head else []) or ids(conn, kinds, typed[:3], limit)


def roles(conn: Connection) -> list[str]:
    """The roles people hold in stored documents (chair, vice-chair, …), sorted."""
    return sorted(r[0] for r in conn.execute(select(core.role.c.role).distinct()) if r[0])


def instruments(conn: Connection) -> list[str]:
    """The treaty codes of stored meetings and documents (CCM, CCW, …), sorted."""
    q = union(select(core.meeting.c.instrument).where(core.meeting.c.instrument.is_not(None)),
              select(core.document.c.instrument).where(core.document.c.instrument.is_not(None)))
    return sorted({r[0] for r in conn.execute(q) if r[0]})
