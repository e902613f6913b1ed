"""The words of the domain: kinds and statuses as StrEnums.

Each value is the string the database stores and the JSON carries, so a member compares equal to it
(`MeetingStatus.HELD == "held"`) and `json.dumps` writes it unchanged: nothing stored or written moves.
"""

from __future__ import annotations

from enum import StrEnum


class MeetingKind(StrEnum):
    MEETING_OF_STATES_PARTIES = "meeting_of_states_parties"
    REVIEW_CONFERENCE = "review_conference"
    INTERSESSIONAL = "intersessional"
    PREPARATORY = "preparatory"
    EXPERT_GROUP = "expert_group"
    STANDING_COMMITTEE = "standing_committee"
    PLENARY = "plenary"
    OTHER = "other"


class MeetingStatus(StrEnum):
    HELD = "held"
    SCHEDULED = "scheduled"
    PROPOSED = "proposed"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"


class DecisionStatus(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    DEFERRED = "deferred"
    PROPOSED = "proposed"


class Precision(StrEnum):
    """How much of a meeting's start..end is the meeting itself (see domain.DateSpan)."""

    DAY = "day"
    WINDOW = "window"
    PART_OF_MONTH = "part_of_month"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class SlotKind(StrEnum):
    DATE = "date"
    COUNTRY = "country"
    CITY = "city"
    FACILITY = "facility"
    PERSON = "person"
    ORGANIZATION = "organization"
    DOCUMENT_SYMBOL = "document_symbol"
    OTHER = "other"


class SlotState(StrEnum):
    """A slot list's `--status`: blanks nobody filled yet, or filled ones."""

    OPEN = "open"
    FILLED = "filled"


class DocumentKind(StrEnum):
    AGENDA = "agenda"
    WORK_PROGRAMME = "work_programme"
    DRAFT_DECISIONS = "draft_decisions"
    SUMMARY_RECORD = "summary_record"
    REPORT = "report"
    NOTE = "note"
    OTHER = "other"


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The plain strings of an enum, in declaration order (for help texts and messages)."""
    return tuple(member.value for member in enum)


# what `--status` means in each list (people: a role, any word); a value outside is refused, not an empty list
LIST_STATUSES: dict[str, type[StrEnum] | None] = {
    "meetings": MeetingStatus, "decisions": DecisionStatus, "slots": SlotState, "documents": DocumentKind,
    "topics": None, "people": None}


def check_list_status(what: str, status: str | None) -> None:
    """ValueError naming the valid values when `status` is not one of the list's."""
    import difflib

    enum = LIST_STATUSES.get(what)
    if status is not None and enum is not None and status not in values(enum):
        near = difflib.get_close_matches(status.lower(), values(enum), n=1, cutoff=0.6)
        hint = f"; did you mean {near[0]}?" if near else ""
        raise ValueError(f"status: {status!r} is not one of {', '.join(values(enum))} (in {what}){hint}")
