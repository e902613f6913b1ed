"""One file's bytes -> what tracker stores of it: the text, its format, its page starts and its extraction.

Text, PDF, Word and web pages are read into text (tracker/formats) and extracted; a calendar file's events
become meetings (dates, clock times, venue and status as the calendar gives them; which meeting each is, as the
extractor reads its title), which consolidate with the meetings documents describe like any other.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tracker.domain import Extraction, Meeting, SourceSpan
from tracker.formats import Decoded

# an event's STATUS -> a meeting's status (a cancelled one is kept: it cancels what documents planned)
EVENT_STATUS = {"CONFIRMED": "scheduled", "TENTATIVE": "proposed", "CANCELLED": "cancelled"}


@dataclass(frozen=True)
class ReadDocument:
    decoded: Decoded
    extraction: Extraction

    @property
    def text(self) -> str:
        return self.decoded.text


def read_document(data: bytes, name: str) -> ReadDocument:
    """Bytes -> text and extraction; an InputError (exit 3) when the file cannot be read."""
    from tracker import formats
    from tracker.extract.pipeline import extract

    decoded = formats.read(data, name)
    if decoded.format == "ics":
        return _calendar(decoded, name)
    return ReadDocument(decoded, extract(decoded.text))


def _calendar(decoded: Decoded, name: str) -> ReadDocument:
    from tracker.domain import DocumentInfo
    from tracker.extract.pipeline import extract
    from tracker.formats import ics

    text, events = ics.read(decoded.text, name)
    meetings: list[Meeting] = []
    language = None
    for number, event in enumerate(events, 1):
        block = text[event.begin:event.end_offset]
        found = extract(block)
        language = language or found.document.language
        named = [m for m in found.meetings if m.spans and m.spans[0].start < event.summary_end - event.begin]
        meetings.append(_meeting(event, named[0] if named else None, f"m{number}", found))
    info = DocumentInfo(language=language or "en", kind="other", title=events[0].summary if len(events) == 1 else None)
    return ReadDocument(Decoded(text, "ics"), Extraction(info, meetings))


def _meeting(event, named: Meeting | None, local: str, found: Extraction) -> Meeting:
    """The meeting an event is: who it is from the extractor, when, where and in what state from the calendar."""
    span = SourceSpan(event.begin, event.summary_end, None)
    base = named or Meeting(id=local, name=event.summary)
    city, country = _place(event.location, found) if event.location else (None, None)
    return replace(base, id=local, start=event.start, end=event.end, precision="day", year=event.start.year,
                   start_time=event.start_time, end_time=event.end_time,
                   city=city or base.city, country=country or base.country,
                   status=EVENT_STATUS.get(event.status or "", base.status if named else "scheduled"),
                   parent=None, duration_days=None, spans=[span])


def _place(location: str, found: Extraction) -> tuple[str | None, str | None]:
    """The city and country a LOCATION names (`Palais des Nations, Geneva, Switzerland`), by the gazetteer."""
    from tracker.extract.venues import find_places
    from tracker.lang import for_language

    places = find_places(location, for_language(found.document.language))
    city = next((p for p in places if p.kind == "city"), None) or next((p for p in places if p.city), None)
    country = next((p.country for p in places), None)
    return (city.city if city and city.kind != "city" else city.name if city else None), country
