"""Typed checks of what a person types into a slot, in Chinese or English: pure, no store, no terminal.

`check(context, typed)` returns what goes into the blank (as the document would write it), the value
the bound meeting field takes (ISO date, ISO country code, a name), and warnings; a value that cannot
be right raises UsageError with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from tracker.domain import FIRST_YEAR, LAST_YEAR, control_character, printable
from tracker.errors import UsageError
from tracker.extract.people import honorific_pattern
from tracker.lang import available, lexicon
from tracker.rules.vocabulary import SlotKind, values
from tracker.usecases.typed_dates import in_range, read_day

EN_MONTHS = lexicon("en").month_names
# "2011年9月" or "9月" written before a blank (the last one wins): 决定于2011年9月[……]至
ZH_MONTH_LEFT = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月")
# "September 2011" written after a blank: from [...] to [...] September 2011
EN_MONTH_RIGHT = re.compile(r"\b(?P<m>" + "|".join(EN_MONTHS) + r")\b(?:\s*,?\s*(?P<y>\d{4}))?")
# "September 2011" written before a blank: on September [...], 2011
EN_MONTH_LEFT = re.compile(r"\b(?P<m>" + "|".join(EN_MONTHS) + r")\s*$")
# a day as typed: 12, 12日, 12号, 12th, 十二日
DAY = re.compile(r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:日|号|st|nd|rd|th)?")
PLACEHOLDER = re.compile(r"\[[^\]]{0,8}\]|_{3,}|…+|\.{3,}")
# an honorific typed with a name, before it (Mr. Smith) or after it (卡里米先生), in any pack's words
HONORIFIC = re.compile("|".join(rf"(?:{honorific_pattern(lex)})$" if lex.name_before_honorific
                                else rf"^(?:{honorific_pattern(lex)})\s+" for lex in map(lexicon, available())))

# the years a filled meeting date may take: any real meeting, far from the ends of what dates, the calendar
# (DTEND is the day after the end) and the reports can hold

KINDS = values(SlotKind)


@dataclass(frozen=True)
class SlotFacts:
    """What the document and the store say around one blank."""

    kind: str
    field: str | None
    language: str
    left: str = ""  # the document's text just before the blank
    right: str = ""  # and just after it
    window: tuple[date, date] | None = None  # the meeting's dates as the documents give them
    window_precision: str | None = None
    duration_days: float | None = None
    year: int | None = None
    other_dates: dict[str, date] = field(default_factory=dict)  # start/end already filled for the meeting
    country: str | None = None  # the meeting's country code


@dataclass(frozen=True)
class Checked:
    value: str  # what goes into the blank
    field_value: str | None  # what the bound meeting field becomes
    note: str  # the value in plain words: "12 Sep 2011", "Lebanon (LB)"
    warnings: tuple[str, ...] = ()


def _clean(typed: str) -> str:
    """Full-width to ASCII (１２ -> 12), spaces squeezed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", typed)).strip()


def check(facts: SlotFacts, typed: str) -> Checked:
    bad = control_character(typed)
    if bad is not None:  # ESC, BEL, CSI or a bidi override would later drive the terminal of whoever reads it
        raise UsageError(f"'{printable(typed, False)}': a value cannot hold control characters "
                         f"({printable(bad)}); type plain text")
    value = _clean(typed)
    if not value:
        raise UsageError("empty value; type something, or leave the slot open")
    if PLACEHOLDER.fullmatch(value):
        raise UsageError(f"{value!r} is a blank itself")
    checker = {"date": _date, "country": _country, "city": _city, "facility": _facility, "person": _person,
               "organization": _organization, "document_symbol": _symbol}.get(facts.kind, _other)
    return checker(facts, value)


# ---------------------------------------------------------------- dates

def _context_month(facts: SlotFacts) -> tuple[int | None, int | None]:
    """(year, month) the document writes beside the blank."""
    if facts.language == "zh":
        found = list(ZH_MONTH_LEFT.finditer(PLACEHOLDER.sub("", facts.left)[-16:]))
        if found:
            m = found[-1]
            return (int(m.group("y")) if m.group("y") else None), int(m.group("m"))
        return None, None
    m = EN_MONTH_RIGHT.search(facts.right[:40]) or EN_MONTH_LEFT.search(facts.left)
    if m:
        year = m.groupdict().get("y")
        return (int(year) if year else None), EN_MONTHS.index(m.group("m")) + 1
    return None, None


def _day_number(value: str) -> int | None:
    m = DAY.fullmatch(value)
    if not m:
        return None
    from tracker.extract.numerals import cn_to_int

    return cn_to_int(m.group("d"))


def _d(d: date) -> str:
    return f"{d.day} {EN_MONTHS[d.month - 1][:3]} {d.year}"


def _date(facts: SlotFacts, value: str) -> Checked:
    year, month = _context_month(facts)
    year = year or facts.year or (facts.window[0].year if facts.window else None)
    if month is None and facts.window and facts.window[0].month == facts.window[1].month:
        month = facts.window[0].month
    day = _day_number(value)
    if day is not None:
        if month is None or year is None:
            raise UsageError(f"{value!r}: no month is written beside this blank; type a whole date "
                             "(2011-09-12, 2011年9月12日, 12 September 2011)")
        try:
            when = date(year, month, day)
        except ValueError:
            raise UsageError(f"{EN_MONTHS[month - 1]} {year} has no day {day}") from None
    else:
        when = read_day(value, year)
        if when is None:
            raise UsageError(f"{value!r} is not a day (12, 12日, １２) or a date (2011-09-12, 2011年9月12日, "
                             "12 Sept 2011, 12/9/2011 read day first)")
        if month is not None and when.month != month:
            raise UsageError(f"the document writes {EN_MONTHS[month - 1]} beside this blank; "
                             f"{_d(when)} is in {EN_MONTHS[when.month - 1]}")
    if not in_range(when):
        raise UsageError(f"{_d(when)}: a meeting date lies between {FIRST_YEAR} and {LAST_YEAR}")
    warnings = _date_warnings(facts, when)
    shown = str(when.day) if month is not None else when.isoformat()
    return Checked(shown, when.isoformat(), _d(when), tuple(warnings))


def _date_warnings(facts: SlotFacts, when: date) -> list[str]:
    warnings = []
    if facts.window and facts.window_precision in ("window", "part_of_month", "month", "day"):
        lo, hi = facts.window
        if not lo <= when <= hi:
            warnings.append(f"{_d(when)} is outside {_d(lo)}–{_d(hi)}, the dates the documents give")
    start = when if facts.field == "start" else facts.other_dates.get("start")
    end = when if facts.field == "end" else facts.other_dates.get("end")
    if start and end:
        if end < start:
            raise UsageError(f"the meeting would end ({_d(end)}) before it starts ({_d(start)})")
        days = (end - start).days + 1
        if facts.duration_days and days != int(facts.duration_days):
            span = f"{start.day}-{end.day}" if start.month == end.month else f"{_d(start)}-{_d(end)}"
            warnings.append(f"{span} is {days} days, the document says {int(facts.duration_days)}")
    return warnings


# ---------------------------------------------------------------- places

def _country_names(code: str) -> tuple[str, str]:
    """(Chinese name, English name) of an ISO code."""
    import pycountry

    from tracker.extract.venues import country_names
    from tracker.lang import lexicon

    c = pycountry.countries.get(alpha_2=code)
    en = getattr(c, "common_name", None) or (c.name if c else code)
    zh = next((name for name, v in country_names(lexicon("zh")).items() if v == code), en)
    return zh, en


def country_display(code: str, language: str) -> str:
    zh, en = _country_names(code)
    return zh if language == "zh" else en


def _country(facts: SlotFacts, value: str) -> Checked:
    from tracker.extract.venues import country_code

    code = country_code(value)
    if code is None:
        code = country_code(re.sub(r"^(?:the\s+)?(?:Government\s+of\s+(?:the\s+)?)|政府$", "", value))
    if code is None:
        raise UsageError(f"{value!r} is not a country: type its Chinese or English name or its ISO code "
                         "(黎巴嫩, Lebanon, LB)")
    zh, en = _country_names(code)
    return Checked(zh if facts.language == "zh" else en, code, f"{en} ({code})")


def _gazetteer_place(value: str, section: str) -> tuple[dict, str] | None:
    from tracker.extract.venues import _gazetteer

    folded = value.casefold()
    for entry in _gazetteer()[section]:
        for lang in ("zh", "en"):
            if any(name.casefold() == folded for name in entry.get(lang, [])):
                return entry, lang
    return None


def _is_country(value: str) -> bool:
    from tracker.extract.venues import country_code

    # ISO codes (CH, LBN) are not taken for names here: "Al" or "Ian" would be refused
    return (len(value) > 3 or not value.isascii()) and country_code(value) is not None


def _name_checks(value: str, what: str, longest: int) -> None:
    if len(value) > longest:
        raise UsageError(f"{value[:20]!r}…: {len(value)} characters is too long for a {what}")
    if not any(c.isalpha() for c in value):
        raise UsageError(f"{value!r} has no letters; a {what} is a name")


def _city(facts: SlotFacts, value: str) -> Checked:
    _name_checks(value, "city", 40)
    if any(c.isdigit() for c in value):
        raise UsageError(f"{value!r}: a city name has no digits")
    if _is_country(value):
        raise UsageError(f"{value!r} is a country; this blank wants a city")
    found = _gazetteer_place(value, "cities")
    if found is None:
        return Checked(value, value, value, (f"{value} is not in the gazetteer (tracker/data/gazetteer.json); "
                                             "kept as typed",))
    entry, _ = found
    name = (entry.get(facts.language) or entry["en"])[0]
    warnings = ()
    if facts.country and entry["code"] != facts.country:
        warnings = (f"{entry['en'][0]} is in {entry['code']}, the meeting's country is {facts.country}",)
    return Checked(name, name, f"{entry['en'][0]} ({entry['code']})", warnings)


def _facility(facts: SlotFacts, value: str) -> Checked:
    _name_checks(value, "facility", 80)
    if _is_country(value):
        raise UsageError(f"{value!r} is a country; this blank wants a building or conference centre")
    found = _gazetteer_place(value, "facilities")
    if found is None:
        return Checked(value, value, value)
    entry, _ = found
    name = (entry.get(facts.language) or entry["en"])[0]
    return Checked(name, name, f"{entry['en'][0]}, {entry['city']}")


# ---------------------------------------------------------------- people, organisations, symbols, the rest

def _person(facts: SlotFacts, value: str) -> Checked:
    name = HONORIFIC.sub("", value).strip()
    _name_checks(name, "person's name", 60)
    if any(c.isdigit() for c in name):
        raise UsageError(f"{value!r}: a person's name has no digits")
    if _is_country(name) or _gazetteer_place(name, "cities"):
        raise UsageError(f"{value!r} is a place; this blank wants a person")
    warnings = ()
    if name.isascii() and not any(w[:1].isupper() for w in name.split()):
        warnings = (f"{name!r} has no capital letter; names usually do",)
    return Checked(value, value, name, warnings)


def _organization(facts: SlotFacts, value: str) -> Checked:
    _name_checks(value, "organization", 120)
    if _is_country(value):
        raise UsageError(f"{value!r} is a country; this blank wants an organization")
    return Checked(value, value, value)


def symbol_prefix(left: str) -> str:
    """The unfinished symbol written just before the blank: 'CCM/MSP/2010/' in '文件(CCM/MSP/2010/'."""
    m = re.search(r"[A-Z]{1,6}(?:\.\d{1,3})?(?:/[A-Za-z0-9.]+)*/\s*$", PLACEHOLDER.sub("", left))
    return m.group().replace(" ", "") if m else ""


def _symbol(facts: SlotFacts, value: str) -> Checked:
    from tracker.extract.symbols import is_symbol

    value = value.replace(" ", "").strip("()（）")
    prefix = symbol_prefix(facts.left)
    if prefix and not value.startswith(prefix):
        if is_symbol(value) and "/" in value and value.split("/")[0] == prefix.split("/")[0]:
            raise UsageError(f"the document writes {prefix} before this blank; {value} does not start with it")
        full = prefix + value.lstrip("/")
    else:
        full = value
    if not is_symbol(full):
        raise UsageError(f"{full!r} is not a UN document symbol (like CCM/MSP/2010/4 or CCW/GGE.1/2019/3)")
    return Checked(full[len(prefix):] if prefix else full, full, full)


def _other(facts: SlotFacts, value: str) -> Checked:
    if len(value) > 200:
        raise UsageError("longer than 200 characters; a blank holds a name, a date or a number")
    return Checked(value, value, value)
