"""Value types every layer shares. Standard library only; all frozen so they can be cached and compared."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

# the years a meeting date may take (a fill, a restored dump): outside, calendars and date arithmetic fail
FIRST_YEAR, LAST_YEAR = 1900, 2199


@dataclass(frozen=True)
class SourceSpan:
    """Where a fact came from: offsets into the original text (end exclusive) and the paragraph index."""

    start: int
    end: int
    paragraph: int | None = None
    # the whole sentence that states the fact (original offsets, bounds from extract/structure.py), when known
    sentence: tuple[int, int] | None = None


@dataclass(frozen=True)
class DateSpan:
    """A date expression. `precision` says how much of start..end is the meeting itself:
    day (every day of start..end), window (somewhere inside), part_of_month, month, year, unknown."""

    start: date | None
    end: date | None
    precision: str
    begin: int = 0  # offsets of the expression in the text searched
    stop: int = 0
    start_time: str | None = None  # "15:00"
    end_time: str | None = None
    weekday: int | None = None  # 0 = Monday, when the text names one


@dataclass(frozen=True)
class ClockTime:
    """A clock time as written (下午3时35分, 4.50 p.m.), resolved to 24-hour "HH:MM"."""

    time: str
    begin: int
    stop: int


@dataclass(frozen=True)
class Diagnostic:
    level: str  # info | warning
    code: str
    message: str
    span: SourceSpan | None = None


@dataclass
class Meeting:
    id: str
    name: str
    kind: str = "other"
    instrument: str | None = None
    ordinal: int | None = None
    year: int | None = None
    start: date | None = None
    end: date | None = None
    precision: str = "unknown"
    start_time: str | None = None
    end_time: str | None = None
    duration_days: float | None = None
    city: str | None = None
    country: str | None = None
    facility: str | None = None
    chair: str | None = None
    host: str | None = None
    languages: list[str] = field(default_factory=list)
    status: str = "unknown"
    parent: str | None = None
    spans: list[SourceSpan] = field(default_factory=list)
    # field ("name", "dates", "city", "country", "facility", "chair", "host", "languages", "duration_days",
    # "status") -> where the document states the value kept for it
    sources: dict[str, SourceSpan] = field(default_factory=dict)
    revision: int = 0  # goes up when dates, venue or status change; a calendar's SEQUENCE


@dataclass
class Person:
    name: str
    honorific: str | None = None
    country: str | None = None
    organization: str | None = None
    on_behalf_of: str | None = None
    role: str = "speaker"
    span: SourceSpan | None = None


@dataclass
class Slot:
    id: str
    text: str
    left_context: str
    kind: str = "other"
    decision: str | None = None
    binds: dict | None = None  # {"meeting": id or None, "field": name}
    span: SourceSpan | None = None


@dataclass
class Decision:
    id: str
    number: str | None
    text: str
    status: str = "proposed"
    slots: list[str] = field(default_factory=list)
    span: SourceSpan | None = None
    schedules: list[str] = field(default_factory=list)  # ids of the meetings its text holds or convenes


@dataclass(frozen=True)
class Topic:
    label: str
    title: str
    span: SourceSpan | None = None


@dataclass(frozen=True)
class AgendaItem:
    number: str
    title: str | None = None
    span: SourceSpan | None = None


@dataclass
class DocumentInfo:
    language: str
    kind: str = "other"
    symbol: str | None = None
    title: str | None = None
    subjects: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    date: date | None = None


@dataclass
class Extraction:
    document: DocumentInfo
    meetings: list[Meeting] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    agenda_items: list[AgendaItem] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


# ------------------------------------------------------------------ what the store keeps and reports


@dataclass(frozen=True)
class SourceDocument:
    """A document read from disk and ready to store: its stable key, text and content hash."""

    key: str
    path: str
    sha256: str
    text: str
    format: str = "text"  # tracker.formats.NAMES: text, pdf, docx, doc, html, ics
    page_starts: tuple[int, ...] = ()  # where each page starts in text (PDF); empty without pages


@dataclass(frozen=True)
class DocumentRecord:
    key: str
    path: str
    sha256: str
    symbol: str | None
    language: str
    kind: str
    title: str | None
    ingested_at: str


@dataclass(frozen=True)
class Fact:
    """One document's claim about one field of a meeting, with where it was said."""

    meeting: str
    field: str
    value: str
    document: str
    start: int
    end: int
    paragraph: int | None
    sentence: tuple[int, int] | None = None  # the sentence that states it, in the document's original text
    page: int | None = None  # the page of a paged document (PDF), when the store knows its page starts


@dataclass(frozen=True)
class Conflict:
    """Documents disagree about a meeting's field; every claimed value is kept."""

    meeting: str
    field: str
    values: tuple[str, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True)
class DecisionRecord:
    id: str
    document: str
    number: str | None
    text: str
    status: str
    span: SourceSpan | None


@dataclass(frozen=True)
class SlotRecord:
    id: str
    document: str
    decision: str | None
    text: str
    left_context: str
    kind: str
    meeting: str | None
    field: str | None
    fill: str | None
    span: SourceSpan | None


@dataclass(frozen=True)
class TopicRecord:
    """One topic a document lists, with its stable id (`<doc-key>-t4`, what `tracker set` takes) and how many
    documents (under the list's filters) list the same label and title as the documents give them."""

    label: str
    title: str
    documents: int
    id: str | None = None
    document: str | None = None


@dataclass(frozen=True)
class PersonRecord:
    name: str
    role: str
    honorific: str | None
    country: str | None
    organization: str | None
    document: str


@dataclass(frozen=True)
class OrphanFill:
    """A value the user filled in for a slot that no stored document has any more."""

    slot_key: str
    slot_id: str
    value: str


@dataclass(frozen=True)
class SearchHit:
    """One thing `tracker search` found: what it is, its id (a meeting, decision or slot id, a topic's label,
    a person's id), the document it is in (None for a meeting: it is in all its documents) and a snippet."""

    kind: str  # meeting | decision | slot | topic | person
    id: str
    document: str | None
    label: str | None
    snippet: str


@dataclass
class IngestReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): links out of a walked tree


@dataclass
class StatusReport:
    as_of: date
    upcoming: list[Meeting]
    decisions: list[DecisionRecord]
    slots: list[SlotRecord]
    incomplete: list[tuple[Meeting, list[str]]]
    conflicts: list[Conflict]
    topics: list[TopicRecord]
    orphans: list[OrphanFill]
    totals: dict[str, int]


@dataclass
class Shown:
    """Everything `tracker show ID` prints: the record and, for each fact, the sentence it came from."""

    kind: str  # meeting | decision | slot | document
    record: object
    facts: list[tuple[Fact, str]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


# ---------------------------------------------------------------- text shown in a terminal

# C0 controls but tab and newline, DEL, C1 controls (0x9B is a one-byte CSI), and the bidirectional
# overrides and isolates that reorder what a terminal shows (U+202A-202E, U+2066-2069)
UNSAFE_RANGES = ((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0x202A, 0x202E), (0x2066, 0x2069))


def _char_class(ranges) -> re.Pattern:
    return re.compile("[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges) + "]")


# a regex, not str.translate: on megabytes of JSON that has nothing to escape it is some 20 times faster
_UNSAFE = _char_class(UNSAFE_RANGES)
_JSON_UNSAFE = _char_class(r for r in UNSAFE_RANGES if r[0] >= 0x7F)  # json.dumps escapes C0 itself


def _shown(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep_newlines: bool = True) -> str:
    """Text from a document made safe to print: control characters (ESC, CSI, BEL, a lone CR, ...) shown
    as escapes like `\\x1b` instead of reaching the terminal; CRLF and CR become newlines (or spaces)."""
    if text.isprintable():  # the usual case, and quick: every character escaped below is unprintable
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not keep_newlines:
        text = text.replace("\n", " ")
    return _UNSAFE.sub(_shown, text)


def json_safe(text: str) -> str:
    """JSON text (as json.dumps writes it) with DEL, C1 and bidi controls written as \\uXXXX escapes: still
    the same JSON value, but nothing in it can drive a terminal or reorder what a reader sees."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def control_character(text: str) -> str | None:
    """The first character `printable` would escape (line breaks aside), or None."""
    found = _UNSAFE.search(text.replace("\r", "\n"))
    return found.group() if found else None


def page_of(page_starts: tuple[int, ...] | list[int], offset: int) -> int | None:
    """The page (1-based) an offset of a document's text falls on; None for a document without pages."""
    if not page_starts:
        return None
    from bisect import bisect_right

    return max(1, bisect_right(page_starts, offset))


@dataclass(frozen=True)
class ListFilters:
    """A list's options (the CLI's filters, the store's WHERE, LIMIT and OFFSET); None means no filter, no limit,
    no offset."""

    instrument: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    status: str | None = None
    document: str | None = None
    limit: int | None = None
    offset: int | None = None
    meeting: str | None = None  # decisions and slots about this meeting (store.queries `_decisions_about`)
    rebound: tuple[tuple[str, str], ...] = ()  # (slot id, meeting) of slots a person re-bound (`with_rebound`)
