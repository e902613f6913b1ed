"""Language packs: the words extraction reads a language with, as data.

One TOML file per language (`en.toml`, `zh.toml`, `fr.toml`, …) holds months, weekdays, ordinals,
honorifics, range words, abbreviations and the like; `lexicon(code)` loads one, once, into a frozen
`Lexicon`. The extractors in tracker/extract/ take every word from a Lexicon and keep only the
grammar's shape, so a language is added by writing a pack, not by editing an extractor.

A pack names its `script`, which chooses how the extractors proceed where languages differ by
procedure rather than by words: "latin" (words between spaces, a name after its honorific, dates
like "3 to 14 November 2025") or "han" (no spaces, a name before its honorific, dates like
2025年11月3日至14日).

Standard library only (tomllib), like tracker.domain.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType

SCRIPTS = ("latin", "han")


@dataclass(frozen=True)
class MeetingCore:
    """A meeting name the grammar of a spaced script builds on (`cores` in a pack's [meetings]): its words
    as written in a title, its kind, and how the grammar may vary or extend it (see en.toml)."""

    words: str  # "Review Conference", "Meeting of"
    kind: str
    cased: bool = False  # its words also open in lower case: "intersessional meetings", "Expert meeting"
    plural: bool = False  # also with a final "s"
    whole: bool = False  # only as a whole word ("session", not "sessional")
    qualifiers: tuple[str, ...] = ()  # words that may stand before it: "substantive session", "plenary meeting"
    not_before: tuple[str, ...] = ()  # not before these words ("Conference" not before "of": a longer name's)
    then: str = ""  # the piece of grammar that follows it: "party_names", "subject" or "topic" (see en.toml)


@dataclass(frozen=True, eq=False)  # one instance per pack: hashed by identity, usable as a cache key
class Lexicon:
    code: str  # ISO 639-1
    name: str
    script: str  # one of SCRIPTS
    countries: str  # the locale pycountry's country names are translated to ("" for its English names)
    gazetteer: str  # the key of the gazetteer's names of cities and facilities
    months: Mapping[str, int]  # every spelling, lower case ("sept", "november") -> 1..12
    month_names: tuple[str, ...]  # full names as written, January first
    month_abbreviations: tuple[str, ...]  # as written ("Jan", "Sept", "Sep"), in the pack's order
    weekdays: Mapping[str, int]  # every spelling as written -> 0 (Monday)..6
    range_open: Mapping[str, str]  # "from" -> "range", "between" -> "window", 从 -> "both"
    range_join: tuple[str, ...]  # "to", "-", "au", 至
    window_join: tuple[str, ...]  # 和: a window's two ends (in a script that marks windows so)
    window_close: tuple[str, ...]  # 期间: what closes a window
    day_suffixes: tuple[str, ...]  # "st", "nd", …
    month_lead: str  # "in" (in June): a month after it is a date on its own; "" for none
    ambiguous_months: tuple[str, ...]  # "May": not a date after month_lead alone
    relative: Mapping[str, tuple[str, int]]  # "next year" -> ("year", 1), 上个月 -> ("month", -1): from the document's date
    year_parts: Mapping[str, str]  # 上半年 -> "first_half", 年底 -> "late": a part of the year written before it
    numeric_order: str  # "dmy" or "mdy": how 04/06/2014 is read ("" reads only year-first numerals, 2014-06-04)
    ordinals: Mapping[str, int]  # "twenty-sixth" -> 26, generated from units and tens
    cardinals: Mapping[str, int]
    numeral_digits: Mapping[str, int]  # 一 -> 1
    numeral_units: Mapping[str, int]  # 十 -> 10
    honorifics: tuple[str, ...]  # THE honorific list
    courtesy: tuple[str, ...]  # "H.E.": before an honorific or alone
    titles: Mapping[str, str]  # "Secretary-General" -> "United Nations": a post written before a name, its body
    presiding_titles: tuple[str, ...]  # "President": a title that makes its bearer the chair
    posts: tuple[str, ...]  # "Director": a post written after a name and a comma (Ana Ruiz, Director, …)
    not_name_words: frozenset[str]  # "Centre": a capitalized word of a place or body, never of a name
    abbreviations: frozenset[str]  # lower case, without the final "."
    sentence_ends: str  # the characters that may end a sentence
    heading_limit: int  # characters: a paragraph this short without a final stop is a heading
    long_paragraph: int  # characters: a longer header paragraph that ends a sentence starts the body
    title_line: int  # characters: a header line this short may be the title
    languages: Mapping[str, str]  # language name as written -> ISO 639-1
    # words about square brackets, by use: "legend", "editorial", "insertions", "alternatives" (see the packs)
    brackets: Mapping[str, tuple[str, ...]]
    slot_rules: tuple[tuple[str, str | None, str, str], ...]  # (kind, field, left, right): see en.toml
    acts: Mapping[str, str]  # a verb recording an act -> the status it gives ("adopted" -> adopted, 否决 -> rejected)
    active_acts: tuple[str, ...]  # the acts' verbs that also record one in the active voice
    status_cues: Mapping[str, tuple[str, ...]]  # status -> cues (regex alternatives), in the order weighed
    record_before: tuple[str, ...]  # "report of the", "summary": right before a name, the meeting has met
    record_after: tuple[str, ...]  # 的报告: right after a name, the meeting has met
    offer_words: tuple[str, ...]  # offer, 愿意: an offer to host proposes the meeting named after it
    holding_words: tuple[str, ...]  # hold, convene, 举行: a sentence proposes a meeting only when it speaks of holding it
    language_suffixes: tuple[str, ...]  # 文, 语: written after a language's name
    anaphor_determiners: tuple[str, ...]  # 该次, the: before a noun, it points back at a named meeting
    anaphor_nouns: tuple[str, ...]  # 会议, Meeting
    anaphor_not_before: tuple[str, ...]  # "of": the noun is then part of a name
    meeting_names: Mapping[str, str]  # a meeting's name as plain words -> its kind (meeting_of_states_parties, …)
    meeting_cores: tuple[MeetingCore, ...] = ()  # the names a spaced script's grammar builds on, in the order tried
    # the words a person's role, body and post are read with ([people.words]: before_name, chair_labels, …; see zh.toml)
    people_words: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # the words of a cover page ([document.words]: distribution, cover_alone, cover_labels; see en.toml)
    document_words: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    annex_headings: tuple[str, ...] = ()  # "Annex", 附件: a line opening with one starts a paragraph
    instruments: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))  # code -> names
    # the words a blank's kind is read with beyond the rules ([slots.words]: chair_titles, chair_will_be, posts_given)
    slot_words: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # the words a meeting's facts are read with ([meetings.words]: locatives, holding_verbs, acted, …; see en.toml)
    meeting_words: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    label_references: frozenset[str] = frozenset()  # "items (1) and (2)": words before a label that cite it
    label_joins: frozenset[str] = frozenset()  # "(a) and (b)": words between two labels that are cited together
    kind_cues: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))  # document kind -> regexes of its cover words
    cover_words: tuple[str, ...] = ()  # "Distr", 联合国: words a cover sets beside the document's symbol
    agenda_words: tuple[str, ...] = ()  # "agenda", 议程: what heads an agenda's numbered list
    item_headings: tuple[str, ...] = ()  # "Item" in "Item 16. Review of …": a heading that numbers an agenda item
    # dates and clock times (see [dates] of the packs)
    date_parts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # "the middle of", 中旬 -> "mid"
    not_date_parts: tuple[str, ...] = ()  # 初步: a word that opens like a part and is none
    same_year: tuple[str, ...] = ()  # "later that year": the year of the date before
    meridiems: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # "p.m.", 下午 -> "pm"
    time_open: tuple[str, ...] = ()  # "at": before a date's clock time
    time_join: tuple[str, ...] = ()  # "until": between two clock times
    clock_lead: str = ""  # "at 3.30": after it, a time needs no meridiem
    time_after: tuple[str, ...] = ()  # 3时许: after a bare hour, a word that makes it a clock time
    hour_marks: tuple[str, ...] = ()  # 时, 点: after an hour's numerals (han)
    minute_mark: str = ""  # 分
    half_hour: str = ""  # 半: 3时半
    day_marks: tuple[str, ...] = ()  # 日, 号: after a day's numerals (han)
    not_dates: tuple[str, ...] = ()  # 日本, 号文件: words that open with a day mark
    weekday_prefixes: tuple[str, ...] = ()  # 星期, 周: before a weekday's numeral (han)
    # people (see [people] of the packs)
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))  # role -> words naming it
    speech: tuple[str, ...] = ()  # "said", 发言: its person speaks
    not_names: tuple[str, ...] = ()  # "President", 主席: no person's name
    behalf_open: tuple[str, ...] = ()  # "on behalf of": before the group a speaker speaks for (latin)
    behalf_end: tuple[str, ...] = ()  # "said": after it
    behalf_frames: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))  # 以 -> (名义,) (han)
    # the lower-case words a name written in Latin letters holds ("de", "van", "bin"; [names] particles): every
    # pack's are read in every text, a name keeps them in any language
    name_particles: tuple[str, ...] = ()
    topic_cues: tuple[str, ...] = ()  # "topics", 专题: the words before a topic list
    list_intros: tuple[str, ...] = ()  # "following", 包括: words that announce a list
    conjunctions: tuple[str, ...] = ()  # "and", 以及: may close a list item
    # variant characters read as the pack's own (繁體 as 简体): a table name, see variant_folds(); "" for none
    variants: str = ""

    # procedures the script decides (the extractors ask these, never the language code); set once from
    # `script` (asked tens of thousands of times a second: a plain attribute, not a property)
    # spaced: words stand between spaces (latin); in han script they touch, and spaces in a line are layout
    spaced: bool = field(init=False)
    # name_before_honorific: 卡里米先生 (han) rather than Mr. Karimi (latin)
    name_before_honorific: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "spaced", self.script != "han")
        object.__setattr__(self, "name_before_honorific", self.script == "han")
    decisions: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))  # act wording

    @property
    def ordinal_words(self) -> tuple[str, ...]:
        """Every ordinal word, longest first (so an alternation of them prefers "twenty-first" to "first")."""
        return tuple(sorted(self.ordinals, key=lambda w: (-len(w), w)))


def _frozen(d: dict) -> Mapping:
    return MappingProxyType(dict(d))


def _ordinals(table: dict) -> dict[str, int]:
    """units 1-9, teens 10-19, tens 20, 30, … and every tens-prefix + joiner + unit (twenty-sixth: 26)."""
    units, teens, tens = table.get("units", []), table.get("teens", []), table.get("tens", [])
    out = {w: i for i, w in enumerate(units, 1)}
    out.update({w: i for i, w in enumerate(teens, 10)})
    out.update({w: 10 * i for i, w in enumerate(tens, 2)})
    for i, prefix in enumerate(table.get("tens_prefix", []), 2):
        for j, unit in enumerate(units, 1):
            out[f"{prefix}{table.get('joiner', '-')}{unit}"] = 10 * i + j
    return out


def _build(data: dict) -> Lexicon:
    months: dict[str, int] = {}
    names, abbreviations = [], []
    for name, (number, *abbrs) in data.get("months", {}).items():
        names.append(name)
        months[name.lower()] = number
        for a in abbrs:
            abbreviations.append(a)
            months[a.lower()] = number
    dates = data.get("dates", {})
    weekdays = {w: i for i, w in enumerate(dates.get("weekdays", []))}
    weekdays.update(dates.get("weekday_aliases", {}))
    numerals = data.get("numerals", {})
    people = data.get("people", {})
    if data["script"] not in SCRIPTS:
        raise ValueError(f"language pack {data['code']!r}: unknown script {data['script']!r}")
    return Lexicon(
        code=data["code"], name=data.get("name", data["code"]), script=data["script"],
        countries=data.get("countries", ""), gazetteer=data.get("gazetteer", "en"),
        months=_frozen(months), month_names=tuple(names), month_abbreviations=tuple(abbreviations),
        weekdays=_frozen(weekdays), range_open=_frozen(dates.get("range_open", {})),
        range_join=tuple(dates.get("range_join", [])), window_join=tuple(dates.get("window_join", [])),
        window_close=tuple(dates.get("window_close", [])), day_suffixes=tuple(dates.get("day_suffixes", [])),
        month_lead=dates.get("month_lead", ""), ambiguous_months=tuple(dates.get("ambiguous_months", [])),
        relative=_frozen({w: (u, int(n)) for w, (u, n) in dates.get("relative", {}).items()}),
        year_parts=_frozen(dates.get("year_parts", {})), numeric_order=dates.get("numeric_order", ""),
        ordinals=_frozen(_ordinals(data.get("ordinals", {}))), cardinals=_frozen(data.get("cardinals", {})),
        numeral_digits=_frozen(numerals.get("digits", {})), numeral_units=_frozen(numerals.get("units", {})),
        honorifics=tuple(people.get("honorifics", [])), courtesy=tuple(people.get("courtesy", [])),
        titles=_frozen(people.get("titles", {})), presiding_titles=tuple(people.get("presiding_titles", [])),
        posts=tuple(people.get("posts", [])), not_name_words=frozenset(people.get("not_name_words", [])),
        abbreviations=frozenset(data.get("structure", {}).get("abbreviations", [])),
        sentence_ends=data.get("structure", {}).get("sentence_ends", "."),
        heading_limit=data.get("structure", {}).get("heading_limit", 90),
        long_paragraph=data.get("structure", {}).get("long_paragraph", 200),
        title_line=data.get("structure", {}).get("title_line", 48),
        languages=_frozen(data.get("languages", {})),
        brackets=_frozen({k: tuple(v) for k, v in data.get("brackets", {}).items()}),
        slot_rules=tuple((k, f or None, left, right) for k, f, left, right in data.get("slots", {}).get("rules", [])),
        acts=_frozen(data.get("decisions", {}).get("acts", {})),
        active_acts=tuple(data.get("decisions", {}).get("active_acts", [])),
        status_cues=_frozen({k: tuple(v) for k, v in data.get("meetings", {}).get("status_cues", {}).items()}),
        record_before=tuple(w.lower() for w in data.get("meetings", {}).get("record_before", [])),
        record_after=tuple(data.get("meetings", {}).get("record_after", [])),
        offer_words=tuple(data.get("meetings", {}).get("offer_words", [])),
        holding_words=tuple(data.get("meetings", {}).get("holding_words", [])),
        language_suffixes=tuple(data.get("language_names", {}).get("suffixes", [])),
        anaphor_determiners=tuple(data.get("meetings", {}).get("anaphors", {}).get("determiners", [])),
        anaphor_nouns=tuple(data.get("meetings", {}).get("anaphors", {}).get("nouns", [])),
        anaphor_not_before=tuple(data.get("meetings", {}).get("anaphors", {}).get("not_before", [])),
        meeting_names=_frozen(data.get("meetings", {}).get("names", {})),
        people_words=_frozen({k: tuple(v) for k, v in people.get("words", {}).items()}),
        document_words=_frozen({k: tuple(v) for k, v in data.get("document", {}).get("words", {}).items()}),
        annex_headings=tuple(data.get("structure", {}).get("annex_headings", [])),
        slot_words=_frozen({k: tuple(v) for k, v in data.get("slots", {}).get("words", {}).items()}),
        instruments=_frozen({k: tuple(v) for k, v in data.get("instruments", {}).items()}),
        meeting_cores=tuple(MeetingCore(**{k: tuple(v) if isinstance(v, list) else v for k, v in core.items()})
                            for core in data.get("meetings", {}).get("cores", [])),
        meeting_words=_frozen({k: tuple(v) for k, v in data.get("meetings", {}).get("words", {}).items()}),
        decisions=_frozen({k: tuple(v) for k, v in data.get("decisions", {}).items() if k not in ("acts", "active_acts")}),
        label_references=frozenset(data.get("structure", {}).get("label_references", [])),
        label_joins=frozenset(data.get("structure", {}).get("label_joins", [])),
        item_headings=tuple(data.get("structure", {}).get("item_headings", [])),
        kind_cues=_frozen({k: tuple(v) for k, v in data.get("document", {}).get("kinds", {}).items()}),
        agenda_words=tuple(data.get("document", {}).get("agenda_words", [])),
        date_parts=_frozen(dates.get("parts", {})), not_date_parts=tuple(dates.get("not_parts", [])),
        same_year=tuple(dates.get("same_year", [])), meridiems=_frozen(dates.get("meridiems", {})),
        variants=data.get("variants", ""),
        time_open=tuple(dates.get("time_open", [])), time_join=tuple(dates.get("time_join", [])),
        clock_lead=dates.get("clock_lead", ""), time_after=tuple(dates.get("time_after", [])),
        hour_marks=tuple(dates.get("hour_marks", [])), minute_mark=dates.get("minute_mark", ""),
        half_hour=dates.get("half_hour", ""), day_marks=tuple(dates.get("day_marks", [])),
        not_dates=tuple(dates.get("not_dates", [])), weekday_prefixes=tuple(dates.get("weekday_prefixes", [])),
        roles=_frozen({k: tuple(v) for k, v in people.get("roles", {}).items()}), speech=tuple(people.get("speech", [])),
        not_names=tuple(people.get("not_names", [])), behalf_open=tuple(people.get("behalf_open", [])),
        behalf_end=tuple(people.get("behalf_end", [])),
        behalf_frames=_frozen({k: tuple(v) for k, v in people.get("behalf_frames", {}).items()}),
        name_particles=tuple(data.get("names", {}).get("particles", [])),
        topic_cues=tuple(data.get("document", {}).get("topic_cues", [])),
        list_intros=tuple(data.get("document", {}).get("list_intros", [])),
        conjunctions=tuple(data.get("document", {}).get("conjunctions", [])),
        cover_words=tuple(data.get("document", {}).get("cover_words", [])),
    )


FALLBACK = "en"  # a language without a pack is read with this one
GAZETTEER_REFERENCE = "en"  # tracker/data/gazetteer.json names a facility's city by its names in this language


@cache
def script_pack(script: str) -> Lexicon:
    """The first pack (by code) written in `script`: whose numerals a module reads wherever they appear."""
    return next(lex for lex in map(lexicon, available()) if lex.script == script)


def has_pack(code: str) -> bool:
    return code in available()


def for_language(code: str) -> Lexicon:
    """The pack of a detected language, or the fallback pack when it has none."""
    return lexicon(code if has_pack(code) else FALLBACK)


@cache
def available() -> tuple[str, ...]:
    """The codes of every pack shipped (en, zh, fr, …); read once (the packs are files of the package)."""
    return tuple(sorted(p.name.removesuffix(".toml") for p in resources.files(__name__).iterdir()
                        if p.name.endswith(".toml")))


@cache
def lexicon(code: str) -> Lexicon:
    """The pack for `code`, loaded once; KeyError when there is none."""
    path = resources.files(__name__).joinpath(f"{code}.toml")
    if not path.is_file():
        raise KeyError(code)
    return _build(tomllib.loads(path.read_text("utf-8")))


# the character tables a pack's `variants` may name: OpenCC's (Apache-2.0), shipped in opencc-python-reimplemented
VARIANT_TABLES = {"traditional": "TSCharacters.txt"}


@cache
def variant_folds(name: str) -> dict[int, int]:
    """One character for one: a variant -> the pack's form (會 -> 会, 締 -> 缔), for str.translate. Only the
    characters OpenCC maps to exactly one character are taken, so a text keeps its length and every offset."""
    import opencc

    table: dict[int, int] = {}
    text = (resources.files(opencc) / "dictionary" / VARIANT_TABLES[name]).read_text("utf-8")
    for line in text.splitlines():
        variant, _, forms = line.partition("\t")
        first = forms.split(" ")[0] if forms else ""
        if len(variant) == 1 and len(first) == 1 and variant != first:
            table[ord(variant)] = ord(first)
    return table
