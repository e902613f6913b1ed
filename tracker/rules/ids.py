"""Every id shape in one place: documents, meetings, decisions, slots, venues and slots' natural keys.

Ids come from what a thing is, never from row ids, so they are stable across re-ingest:
documents `ccm-msp-2010-5-zh` (symbol and language) or their file's key; meetings `ccm-msp-2` (ordinal),
`ccw-msp-2008` (year), `ccw-plenary-2008-4` (a numbered plenary of a year's session), `<doc-key>-m3`
(nothing to go on); decisions `<doc-key>-d7`; slots `<doc-key>-s3`; topics `<doc-key>-t4`; venues `ch-geneva-palais-des-nations`.
"""

from __future__ import annotations

import re

from tracker.rules.vocabulary import MeetingKind

# the short word a meeting kind takes in an id (ccm-msp-2); a kind not here never gets a shared id
KIND_SLUG = {MeetingKind.MEETING_OF_STATES_PARTIES: "msp", MeetingKind.REVIEW_CONFERENCE: "revcon",
             MeetingKind.INTERSESSIONAL: "intersessional", MeetingKind.PREPARATORY: "prep",
             MeetingKind.EXPERT_GROUP: "gge", MeetingKind.STANDING_COMMITTEE: "sc", MeetingKind.PLENARY: "plenary"}


def slug(text: str) -> str:
    """'CCM/MSP/2010/5' -> 'ccm-msp-2010-5'; keeps letters of any script."""
    return re.sub(r"[\W_]+", "-", text.lower()).strip("-") or "x"


def document_key(symbol: str | None, language: str, file_key: str) -> str:
    """A document's stable key: its UN symbol and language (ccm-msp-2010-5-zh), else its file's key.

    A revised version of a document keeps its symbol, so it replaces the older one.
    """
    return f"{slug(symbol)}-{language}" if symbol else file_key


def local_id(document: str, local: str) -> str:
    """A thing known only inside its document: `<doc-key>-m3`, `<doc-key>-d7`, `<doc-key>-s3`."""
    return f"{document}-{local}"


def topic_id(document: str, position: int) -> str:
    """`<doc-key>-t4`: the fourth topic its document lists, counted as decisions and slots are (d7, s3): a
    re-ingest of the document, or a revision keeping its symbol and its list, gives the same id."""
    return local_id(document, f"t{position}")


def numbered_meeting_id(instrument: str | None, kind_slug: str, ordinal: int) -> str:
    """`ccm-msp-2`: a meeting of a series by its ordinal."""
    return f"{slug(instrument or 'un')}-{kind_slug}-{ordinal}"


def yearly_meeting_id(instrument: str | None, kind_slug: str, year: int | None) -> str:
    """`ccw-msp-2008`: a meeting of a series known by its year only."""
    return f"{slug(instrument or 'un')}-{kind_slug}-{year}"


def plenary_id(instrument: str | None, year: int, ordinal: int) -> str:
    """`ccw-plenary-2008-4`: the fourth plenary of the year's session."""
    return f"{slug(instrument or 'un')}-plenary-{year}-{ordinal}"


def series_prefix(instrument: str | None, kind_slug: str) -> str:
    """What every numbered or yearly id of one series starts with: `ccm-msp-`."""
    return f"{slug(instrument or 'un')}-{kind_slug}-"


def is_numbered(meeting_id: str) -> bool:
    """An id ending in an ordinal (ccm-msp-2), not a plenary's."""
    return meeting_id.rsplit("-", 1)[-1].isdigit() and "-plenary-" not in meeting_id


def venue_id(country: str | None, city: str | None, facility: str | None) -> str | None:
    """`ch-geneva-palais-des-nations`, or None when nothing is known of the place."""
    where = [v for v in (country, city, facility) if v]
    return slug("-".join(where)) if where else None


def slot_natural_key(doc_key: str, kind: str, left_context: str, text: str, occurrence: int) -> str:
    """What a slot is, independent of its position: the document, its words and which repeat of them."""
    return f"{doc_key}|{kind}|{left_context}|{text}|{occurrence}"
