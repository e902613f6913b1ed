"""Slots: the blanks of draft decisions ([……], [...], […], [ ], ____, CCM/MSP/2010/……), what
kind of value each wants and which meeting field filling it would set."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import lru_cache

from tracker.domain import Slot, SourceSpan
from tracker.extract.normalize import Normalized
from tracker.extract.people import honorific_pattern
from tracker.extract.symbols import OPEN_SYMBOL
from tracker.lang import Lexicon

# on NFKC text, where "…" became "...": [......] [...] [ ] [] [___]; ____; CCM/MSP/2010/......
# A blank after "/" is matched with its slash (callers step over it): every alternative then opens
# with a literal (so "__{2,}" for "_{3,}"), which lets the regex engine skip straight to "[", "_" or "/".
PLACEHOLDER = re.compile(r"\[\s*(?:\.{2,}|_+|-+)?\s*\]|__{2,}|/\s*(?:\.{2,}|…+)")
_PH = r"(?:\[\s*(?:\.{2,}|_+|-+)?\s*\]|_{3,})"


@lru_cache(maxsize=8)
def _rules(lex: Lexicon) -> list[tuple[str, str | None, re.Pattern | None, re.Pattern | None]]:
    """The pack's slot rules compiled: "@" is another blank, {honorifics} and {months} the pack's lists;
    right patterns all start at the blank ("^"), so they are compiled for .match without the anchor."""
    words = {"honorifics": honorific_pattern(lex, dots=False),
             "months": "(?:" + "|".join(map(re.escape, lex.month_names)) + ")"}

    def fill(rx: str) -> str:
        for key, value in words.items():
            rx = rx.replace("{" + key + "}", value)
        return rx.replace("@", _PH)

    return [(k, f, re.compile(fill(lp)) if lp else None, re.compile(fill(rp.removeprefix("^"))) if rp else None)
            for k, f, lp, rp in lex.slot_rules if lp or rp]


# 会议主席由[……]担任; the President shall be [...]
CHAIR_BY = re.compile(r"(?:主席|会长)(?:由|为|将由)\Z|(?:President|Chair(?:person)?)\s+(?:shall|will|should)\s+be\s*\Z")
CHAIR_WORDS = re.compile(r"主席|President|Chair", re.I)
MEETING_FIELDS = {"start", "end", "city", "country", "facility", "chair", "chair_affiliation", "host"}


# the post a blank person is given: 担任缔约国第二次会议主席; 为主席的执行协调员; as President of …
ZH_POST = re.compile(r"^(?:[^,，;。]{0,20}?)(?:为|担任|作为|出任)(?P<post>[^,，;。]{1,30})")
EN_POST = re.compile(r"\bas\s+(?:the\s+)?(?P<post>[A-Z][\w-]*)", re.I)
CHAIR_POST = re.compile(r"(?:主席|会长)$")
AS_CHAIR = re.compile(r"\s*(?:,\s*)?(?:as\s+)?(?:President|Chair)")


def _appointed_as_chair(right: str) -> bool:
    m = ZH_POST.search(right)
    if m:
        return bool(CHAIR_POST.search(m.group("post")))
    m = EN_POST.search(right[:40])
    return bool(m and CHAIR_WORDS.fullmatch(m.group("post")) or AS_CHAIR.match(right))


class _Quotes:
    """Where quotation marks stand, so "is this inside a quotation?" costs two bisections, not a scan."""

    def __init__(self, text: str) -> None:
        self.at: dict[str, list[int]] = {q: [] for q in "“”「」\""}
        for m in QUOTE.finditer(text):
            self.at[m.group()].append(m.start())

    def count(self, mark: str, b: int, e: int) -> int:
        xs = self.at[mark]
        return bisect.bisect_left(xs, e) - bisect.bisect_left(xs, b)

    def inside(self, para_start: int, pos: int) -> bool:
        c = self.count
        return (c("“", para_start, pos) > c("”", para_start, pos) or c("「", para_start, pos) > c("」", para_start, pos)
                or c('"', para_start, pos) % 2 == 1)


QUOTE = re.compile('[“”「」"]')


def left_context(norm: Normalized, begin: int, size: int = 20) -> str:
    cb = norm.to_clean[begin]
    return "".join(norm.clean[max(0, cb - size * 3):cb].split())[-size:]


def classify(norm: Normalized, begin: int, end: int) -> tuple[str, str | None]:
    """(kind, field) from the words around the blank at text[begin:end]."""
    text = norm.text
    before = text[max(0, begin - 40):begin + 1]
    if text[begin - 1:begin] == "/" or "/" in before and OPEN_SYMBOL.search(before):
        return "document_symbol", None
    left = text[max(0, begin - 24):begin].rstrip()
    right = text[end:end + 30]
    for kind, field, lrx, rrx in _rules(norm.lex):
        if (rrx is None or rrx.match(right)) and (lrx is None or lrx.search(left)):  # the anchored side first
            return kind, field
    return "other", None


def find_slots(norm: Normalized, meeting_at: Callable[[int, int], str | None]) -> list[Slot]:
    """Every unfilled blank; `meeting_at(begin, end)` names the meeting a blank at that place is about."""
    text = norm.text
    out: list[Slot] = []
    quotes = _Quotes(text) if QUOTE.search(text) else None
    for m in PLACEHOLDER.finditer(text):
        b, e = m.span()
        if text[b] == "/":
            b += 1
        while b < e and text[b].isspace():
            b += 1
        para = norm.paragraph_of(b)
        if quotes and quotes.inside(norm.paragraphs[para][0] if norm.paragraphs else 0, b):
            continue
        kind, field = classify(norm, b, e)
        binds = None
        if field == "person":
            chair = _appointed_as_chair(text[e:e + 60]) or CHAIR_BY.search(text, max(0, b - 12), b)
            field = "chair" if chair else "role"
        elif field == "affiliation":  # the state or body of an appointee: of the chair, or of another post
            after = PLACEHOLDER.search(text, e, e + 12)
            chair = _appointed_as_chair(text[after.end():after.end() + 60] if after else text[e:e + 60])
            kind, field = ("country", "chair_affiliation") if chair else ("organization", None)
        if field in MEETING_FIELDS:
            binds = {"meeting": meeting_at(b, e), "field": field}
        elif field == "role":
            binds = {"meeting": None, "field": "role"}
        elif field == "organization":
            binds = None
        out.append(Slot(id="", text=norm.display(b, e), left_context=left_context(norm, b), kind=kind,
                        binds=binds, span=SourceSpan(*norm.original_span(b, e), para)))
    return out
