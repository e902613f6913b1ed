"""Status, lists and `show` for people: rich tables in a terminal, aligned plain text when piped.

Pure: returns strings. Rich is imported only when a terminal asks for tables.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice

from tracker.domain import (
    DecisionRecord,
    DocumentRecord,
    Meeting,
    PersonRecord,
    Shown,
    SlotRecord,
    StatusReport,
    TopicRecord,
    printable,
)
from tracker.rendering.phrases import VENUE_UNKNOWN
from tracker.rendering.reports import decision_dict, meeting_dict

Section = tuple[str, list[str], list[list[str]], int]  # title, headers, rows, total


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _binds(s: SlotRecord) -> str:
    return f"{s.meeting or '?'}.{s.field}" if s.field else ""


MEETING_COLUMNS = ["id", "meeting", "when", "where", "chair", "status"]
DECISION_COLUMNS = ["id", "no.", "status", "text"]


def meeting_cells(m: Meeting) -> dict[str, str]:
    """A meeting's cells, read from its report dictionary: the text says what the JSON says."""
    d = meeting_dict(m)
    return {"id": d["id"], "meeting": d["name"], "when": d["when"], "where": d["where"] or VENUE_UNKNOWN,
            "chair": d["chair"] or "", "status": d["status"]}


def meeting_row(m: Meeting, columns: list[str] = MEETING_COLUMNS) -> list[str]:
    cells = meeting_cells(m)
    return [cells[c] for c in columns]


def decision_row(d: DecisionRecord, columns: list[str] = DECISION_COLUMNS) -> list[str]:
    r = decision_dict(d)
    cells = {"id": r["id"], "no.": r["number"] or "", "status": r["status"], "text": _short(r["text"])}
    return [cells[c] for c in columns]


def slot_row(s: SlotRecord) -> list[str]:
    return [s.id, s.decision or "", s.kind, "…" + _short(s.left_context, 24) + s.text, _binds(s), s.fill or ""]


TOPIC_COLUMNS = ["id", "label", "title", "documents"]


def topic_row(t: TopicRecord) -> list[str]:
    return [t.id or "", t.label, t.title, str(t.documents)]


def person_row(p: PersonRecord) -> list[str]:
    return [p.name, p.role, p.country or "", p.organization or "", p.document]


def document_row(d: DocumentRecord) -> list[str]:
    return [d.key, d.symbol or "", d.language, d.kind, _short(d.title or "", 40), d.path]


LIST_COLUMNS = {
    "meetings": (MEETING_COLUMNS, meeting_row),
    "decisions": (DECISION_COLUMNS, decision_row),
    "slots": (["id", "decision", "kind", "context", "binds", "fill"], slot_row),
    "topics": (TOPIC_COLUMNS, topic_row),
    "people": (["name", "role", "country", "organization", "document"], person_row),
    "documents": (["key", "symbol", "language", "kind", "title", "path"], document_row),
}


def status_sections(s: StatusReport) -> list[Section]:
    n = s.totals
    upcoming, proposed = ["id", "meeting", "when", "where", "status"], ["id", "no.", "text"]
    sections: list[Section] = [
        (f"Upcoming meetings as of {s.as_of.isoformat()}", upcoming,
         [meeting_row(m, upcoming) for m in s.upcoming], n["upcoming"]),
        ("Proposed decisions", proposed, [decision_row(d, proposed) for d in s.decisions], n["proposed_decisions"]),
        ("Unfilled slots", ["id", "decision", "kind", "context", "binds"],
         [slot_row(x)[:5] for x in s.slots], n["unfilled_slots"]),
        ("Meetings missing a date, venue or chair", ["id", "meeting", "missing"],
         [[m.id, m.name, ", ".join(missing)] for m, missing in s.incomplete], n["incomplete_meetings"]),
        ("Conflicts between documents", ["meeting", "field", "claims"],
         [[c.meeting, c.field, "; ".join(f"{v} ({d})" for v, d in zip(c.values, c.documents, strict=True))]
          for c in s.conflicts], n["conflicts"]),
        ("Topics", TOPIC_COLUMNS, [topic_row(t) for t in s.topics], n["topics"]),
    ]
    if s.orphans:
        sections.append(("Fills whose slot is gone", ["slot", "value"], [[o.slot_id, o.value] for o in s.orphans],
                         n["orphaned_fills"]))
    return sections


def list_sections(what: str, records: list) -> list[Section]:
    headers, row = LIST_COLUMNS[what]
    return [(what.capitalize(), headers, [row(r) for r in records], len(records))]


STREAM_AFTER = 1000  # rows of a list laid out together; a longer list is written as it comes


@dataclass(frozen=True)
class ListText:
    """A list's text: a `section` to lay out whole (a table in a terminal) when it is short, else `lines`, the
    text written as the rows are read."""

    section: Section | None
    lines: Iterator[str]


def list_text(what: str, records: Iterable, total: Callable[[], int], limit: int | None = None,
              offset: int | None = None) -> ListText:
    """A list as text without holding it whole. Up to STREAM_AFTER rows it is `list_sections`' section; past
    that the columns are as wide as the first STREAM_AFTER rows need and the rest follow in them as they are
    read (a wider cell pushes its row right), in the same layout as `plain`.

    `total()` counts the whole list; it is asked only when the rows shown may not be all of it (a limit
    reached, an offset, a long list): the title gives the whole list's size, a last line what was left out."""
    headers, row = LIST_COLUMNS[what]
    records = iter(records)
    first = [row(r) for r in islice(records, STREAM_AFTER)]
    more = next(records, None)
    title = what.capitalize()
    if more is None and not offset:
        whole = total() if limit and len(first) >= limit else len(first)
        return ListText((title, headers, first, whole), iter(()))
    return ListText(None, _streamed(title, headers, first, more, records, row, total(), offset or 0))


def _streamed(title: str, headers: list[str], first: list[list[str]], more, records: Iterator, row, whole: int,
              offset: int) -> Iterator[str]:
    (title, headers, first, whole), = _printable([(title, headers, first, whole)])
    yield f"{title} ({whole})\n"
    shown = len(first)
    if first:
        widths = _widths(headers, first)
        yield "".join(aligned_row(line, widths) + "\n" for line in [headers, *first])
        for r in records if more is None else chain((more,), records):
            shown += 1
            yield aligned_row([printable(c, False) for c in row(r)], widths) + "\n"
    after = whole - offset - shown
    if after > 0:
        yield f"  … and {after} more (--offset {offset + shown} shows them)\n"


def show_sections(shown: Shown) -> list[Section]:
    from tracker.rendering.reports import record_dict

    record = record_dict(shown.record)
    fields = [[k, ", ".join(map(str, v)) if isinstance(v, list) else str(v)] for k, v in record.items()
              if v not in (None, [], "") and not isinstance(v, dict)]
    sections: list[Section] = [(f"{shown.kind} {record.get('id') or record.get('key')}", ["field", "value"],
                                fields, len(fields))]
    if shown.facts:
        rows = [[f.field, f.value if f.field != "text" else _short(f.value, 40), f.document,
                 _where(f), sentence] for f, sentence in shown.facts]
        sections.append(("Where it says so", ["field", "value", "document", "¶", "sentence"], rows, len(rows)))
    if shown.conflicts:
        sections.append(("Conflicts", ["field", "claims"],
                         [[c.field, "; ".join(f"{v} ({d})" for v, d in zip(c.values, c.documents, strict=True))]
                          for c in shown.conflicts], len(shown.conflicts)))
    return sections


def _where(fact) -> str:
    """The paragraph of a fact, after its page when the document has pages ("p. 3 ¶ 12")."""
    para = "" if fact.paragraph is None else str(fact.paragraph)
    return f"p. {fact.page} ¶ {para}".strip() if fact.page is not None else para


def search_sections(query: str, hits: list) -> list[Section]:
    rows = [[h.kind, h.id, h.document or "", h.snippet] for h in hits]
    return [(f"Search: {query}", ["kind", "id", "document", "snippet"], rows, len(rows))]


def _printable(sections: list[Section]) -> list[Section]:
    """Every title and cell with control characters escaped: text from documents never drives the terminal."""
    return [(printable(title, False), headers, [[printable(c, False) for c in row] for row in rows], total)
            for title, headers, rows, total in sections]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def aligned_row(cells: list[str], widths: list[int]) -> str:
    """One row of a plain table: each cell padded to its column's width, two spaces apart (the one place a
    row's layout is decided; a cell wider than its column pushes the rest of the row right)."""
    return "  " + "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()


def _widths(headers: list[str], rows: list[list[str]]) -> list[int]:
    return [max(_width(x) for x in col) for col in zip(headers, *rows, strict=True)]


def plain(sections: list[Section]) -> str:
    """Aligned columns, two spaces apart; wide (CJK) characters count double."""
    out: list[str] = []
    for title, headers, rows, total in _printable(sections):
        out.append(f"{title} ({total})")
        if rows:
            widths = _widths(headers, rows)
            out.extend(aligned_row(line, widths) for line in [headers, *rows])
        if total > len(rows):
            out.append(f"  … and {total - len(rows)} more (--limit 0 shows all)")
        out.append("")
    return "\n".join(out)


# columns of ids people copy and of one-word values (never folded: `sched/uled` reads badly); the others share
# what is left of the terminal's width, wrapped at spaces
WHOLE_COLUMNS = frozenset({"id", "key", "slot", "status", "no.", "kind", "language", "action", "at", "¶"})


def rich_tables(sections: list[Section], width: int | None = None) -> str:
    """The same sections as rich tables, rendered to a string with terminal colours.

    `width` None is rich's own: the terminal's columns (or $COLUMNS); long cells fold inside their column, so
    no line is wider than the terminal and none is wrapped by it. Ids stay whole."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=width)
    for title, headers, rows, total in _printable(sections):
        table = Table(title=Text(f"{title} ({total})"), title_justify="left", show_edge=False, header_style="bold")
        for h in headers:
            table.add_column(h, overflow="fold", no_wrap=h in WHOLE_COLUMNS)
        for row in rows:
            table.add_row(*map(Text, row))  # Text, not str: "[bold]" or "[link=…]" in a document is not markup
        if total > len(rows):
            table.caption = f"… and {total - len(rows)} more (--limit 0 shows all)"
        console.print(table)
        console.print()
    return buf.getvalue()
