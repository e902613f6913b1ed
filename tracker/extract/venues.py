"""Places: countries (pycountry, with Chinese names from its translations), UN cities and
conference facilities (data/gazetteer.json, easy to extend)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tracker.extract.lexicon import compile_words
from tracker.lang import GAZETTEER_REFERENCE, Lexicon, available, lexicon


@dataclass(frozen=True)
class Place:
    kind: str  # country | city | facility
    name: str  # as written in the text
    country: str  # ISO 3166-1 alpha-2
    city: str | None  # for a facility, the city's name in the text's language
    begin: int
    end: int


@lru_cache(maxsize=1)
def _gazetteer() -> dict:
    return json.loads(resources.files("tracker").joinpath("data/gazetteer.json").read_text("utf-8"))


@lru_cache(maxsize=8)
def country_names(lex: Lexicon) -> dict[str, str]:
    """Every spelling of every country as the pack's language writes it -> ISO alpha-2: pycountry's
    names, translated to the pack's `countries` locale when it names one, and the gazetteer's aliases."""
    import gettext

    import pycountry

    names: dict[str, str] = {}
    translation = None
    if lex.countries:
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lex.countries], fallback=True)
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if not value:
                continue
            if translation is not None:
                value = translation.gettext(value)
                if value.isascii() and not lex.spaced:
                    continue  # left untranslated: not how a han text names it
            names.setdefault(value, c.alpha_2)
    for code, aliases in _gazetteer()["country_aliases"].items():
        for a in aliases:
            if lex.spaced or not a.isascii():
                names[a] = code
    if lex.spaced:
        names = {k: v for k, v in names.items() if k.isascii() or not re.search(r"[\u4e00-\u9fff]", k)}
    return names


@lru_cache(maxsize=8)
def _tables(lex: Lexicon) -> tuple[re.Pattern, re.Pattern, re.Pattern | None, dict[str, tuple[str, str, str | None]]]:
    """Matchers over facilities, cities and countries, and name -> (kind, country, city).

    The matchers: all names; the names that start with a capital or an ideograph; the few that start
    with a small letter ("the Netherlands"), or None. The regex engine tries a name at every character
    that can start one, and every "t" of a text is costly: when no such name is in the text, the
    second matcher finds the same places faster."""
    key = lex.gazetteer  # which names of the gazetteer's cities and facilities
    table: dict[str, tuple[str, str, str | None]] = {}
    for name, code in country_names(lex).items():
        table[name] = ("country", code, None)
    for city in _gazetteer()["cities"]:
        for name in city.get(key, []):
            table[name] = ("city", city["code"], None)
    for fac in _gazetteer()["facilities"]:
        city_name = next((c[key][0] for c in _gazetteer()["cities"] if fac["city"] in c[GAZETTEER_REFERENCE]), fac["city"])
        for name in fac.get(key, []):
            table[name] = ("facility", fac["code"], city_name)
    latin = lex.spaced
    lower = [name for name in table if name[:1].islower()]
    return (compile_words(list(table), latin), compile_words([n for n in table if not n[:1].islower()], latin),
            compile_words(lower, latin) if lower else None, table)


def find_places(text: str, lex: Lexicon) -> list[Place]:
    """Every country, city and facility named in `text`, in order, longest names first."""
    every, common, lower, table = _tables(lex)
    rx = every if lower and lower.search(text) else common
    out = []
    for m in rx.finditer(text):
        if lex.spaced and m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-"):
            continue  # inside a longer word
        kind, code, city = table[m.group()]
        out.append(Place(kind, m.group(), code, city, m.start(), m.end()))
    return out


def country_code(name: str) -> str | None:
    """'奥地利' -> 'AT', 'Austria' -> 'AT', 'at' -> 'AT' (in the names of every pack); None when unknown."""
    name = name.strip()
    if not name:
        return None
    packs = [lexicon(code) for code in available()]
    for lex in packs:
        code = country_names(lex).get(name)
        if code:
            return code
    lowered = {k.lower(): v for lex in packs if lex.spaced for k, v in country_names(lex).items()}
    if name.lower() in lowered:
        return lowered[name.lower()]
    import pycountry

    if len(name) in (2, 3) and name.isalpha():
        found = pycountry.countries.get(alpha_2=name.upper()) or pycountry.countries.get(alpha_3=name.upper())
        return found.alpha_2 if found else None
    return None
