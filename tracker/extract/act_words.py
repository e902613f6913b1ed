"""The words of acts, compiled once per language pack, and what a document's cover says about its acts.

Every word comes from the [decisions] table of tracker/lang/*.toml; this module only shapes them into
patterns (tracker/extract/acts.py reads documents with them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from tracker.extract.lexicon import alternation
from tracker.extract.structure import Structure
from tracker.lang import Lexicon

if TYPE_CHECKING:
    from tracker.extract.act_scripts import JoinedActs, SpacedActs

HEAD_CHARS = 1500  # a cover page's cues ("Resolution adopted by …") stand in its first lines
COVER_CHARS = 400  # how much of a text with no cover paragraphs is read as its cover
COVER_LINE = 120  # the first paragraph's start is read as a cover line even when the text runs on after it
RECORDS = ("report", "summary_record")  # documents that record acts taken
QUOTE_CLOSE = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’"}


@dataclass(frozen=True)
class ActWords:
    """One language's act words, compiled once."""

    verbs: frozenset[str]  # every act verb of the pack; none: the pack states no acts
    verb: re.Pattern
    present: frozenset[str]
    past: frozenset[str]
    proposing: frozenset[str]
    operative: frozenset[str]
    actors: re.Pattern
    actor_words: tuple[str, ...]  # han: the text before the verb ends with one of these
    impersonal: tuple[str, ...]
    noun_act: re.Pattern | None
    quoting: re.Pattern
    not_before: frozenset[str]
    not_after: tuple[str, ...]
    after_ok: tuple[str, ...]
    adverbs: tuple[str, ...]
    taken: tuple[str, ...]
    recall: re.Pattern
    lead_in: frozenset[str]
    so_decided: re.Pattern
    openers: re.Pattern
    adopted_header: re.Pattern
    draft_header: re.Pattern
    officers: re.Pattern
    deferring: tuple[str, ...]
    other_meeting: re.Pattern  # a meeting named with its ordinal or year
    own_meeting: tuple[str, ...]
    citing: re.Pattern | None  # a resolution or decision cited by its number
    possessive: tuple[str, ...]
    sittings: tuple[str, ...]
    reported: tuple[str, ...]
    held: tuple[str, ...]
    future: tuple[str, ...]
    draft_words: tuple[str, ...]
    # the literal words every match of so_decided / quoting opens with (their trie's words, as written,
    # Capitalized, UPPER): a text holding none of them holds no match, which str.find tells without the regex
    # engine trying each character; None when the pattern may open otherwise
    so_decided_leads: tuple[str, ...] | None = None
    quoting_leads: tuple[str, ...] | None = None


def _cases(words) -> list[str]:
    """Each word as written, Capitalized and in capitals: "decided", "Decided", "DECIDED"."""
    return sorted({v for w in words for v in (w, w[:1].upper() + w[1:], w.upper())})


def starts_word(text: str, at: int) -> bool:
    """No letter, digit, "_" or "-" right before `at` (what a look-behind would check)."""
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_-")


@cache
def act_words(lex: Lexicon) -> ActWords:
    d = lex.decisions
    spaced = lex.spaced  # words between spaces have boundaries; where they touch (han), none
    verbs = set(d.get("acts_present", ())) | set(d.get("acts_past", ()))
    bound_l, bound_r = (r"(?<![\w-])", r"(?![\w-])") if spaced else ("", "")

    def words(key: str) -> re.Pattern:
        return re.compile(f"{bound_l}(?:{alternation(d.get(key, ()) or ['(?!)'])}){bound_r}", re.I)

    def scan(pattern: str) -> re.Pattern:
        """A pattern run over the whole text: as written, Capitalized or UPPER CASE ("DECIDED" in a cable),
        case-sensitive and without a look-behind, so the engine skips ahead by its first letters; the
        caller checks the left word boundary (`starts_word`)."""
        return re.compile(pattern + bound_r)

    nouns, makers = d.get("decision_nouns", ()), d.get("noun_verbs", ())
    noun_act = None
    if makers and nouns:
        # "announced her decision that", "made the following decisions and recommendations:"
        determiners = "|".join(tuple(d.get("determiners", ())) + tuple(d.get("quoting", ())))
        noun_act = scan(rf"(?:{alternation(_cases(makers))})\s+(?:(?:{alternation(_cases(determiners.split('|')))})\s+){{0,2}}"
                        rf"(?:{alternation(_cases(nouns))})")
    draft = alternation(_cases(d.get("draft_words", ())) or ["(?!)"])
    gap = rf"\s+(?:(?:{draft})\s+)?" if spaced else r"\s*"  # "the following draft decision", 以下决定草案
    quoting = scan(f"(?:{alternation(_cases(d.get('quoting', ())))}){gap}(?:{alternation(_cases(nouns))})")
    return ActWords(
        verbs=frozenset(verbs),
        verb=scan(f"(?:{alternation(_cases(verbs) or ['(?!)'])})"),
        present=frozenset(w.lower() for w in d.get("acts_present", ())),
        past=frozenset(w.lower() for w in d.get("acts_past", ())),
        proposing=frozenset(w.lower() for w in d.get("proposing", ())),
        operative=frozenset(w.lower() for w in d.get("operative", d.get("acts_present", ()))),
        actors=words("actors"),
        actor_words=tuple(d.get("actors", ())),
        impersonal=tuple(d.get("impersonal", ())),
        noun_act=noun_act,
        quoting=quoting,
        not_before=frozenset(d.get("not_before", ())),
        not_after=tuple(d.get("not_after", ())),
        after_ok=tuple(d.get("after_ok", ())),
        adverbs=tuple(sorted(d.get("adverbs", ()), key=len, reverse=True)),
        taken=tuple(d.get("taken", ())),
        recall=words("recall"),
        lead_in=frozenset(d.get("lead_in", ())),
        so_decided=scan(f"(?:{alternation(_cases(d.get('so_decided', ()) or ['(?!)']))})"),
        openers=words("proposal_openers"),
        adopted_header=words("adopted_header"),
        draft_header=words("draft_header"),
        officers=words("officers"),
        deferring=tuple(d.get("deferring", ())),
        other_meeting=_other_meeting(lex, spaced),
        own_meeting=tuple(d.get("own_meeting", ())),
        citing=_citing(d, spaced),
        possessive=tuple(d.get("possessive", ())),
        sittings=tuple(d.get("sittings", ())),
        reported=tuple(d.get("reported", ())),
        held=tuple(d.get("held", ())),
        future=tuple(d.get("future", ())),
        draft_words=tuple(d.get("draft_words", ())),
        so_decided_leads=tuple(_cases(d.get("so_decided", ()) or ["(?!)"])),
        quoting_leads=tuple(_cases(d.get("quoting", ()))) or None,  # no words: the pattern opens with its gap
    )


def _citing(d, spaced: bool) -> re.Pattern | None:
    """A resolution or decision cited by its number: "resolution 79/62", "decision 2/1", 第79/62号决议."""
    nouns = d.get("cited_acts", ())
    if not nouns:
        return None
    if spaced:
        return re.compile(rf"(?<![\w-])(?:{alternation(nouns)})\s+(?:[A-Z]+/)*\d+/\d+", re.I)
    return re.compile(rf"第\s*[\w/.\s]{{1,16}}?号\s*(?:{alternation(nouns)})")


def _other_meeting(lex: Lexicon, spaced: bool) -> re.Pattern:
    """A meeting named with its ordinal or year: "The Fourth Meeting of States Parties", "the 2011 Meeting",
    "the 11th Meeting", 缔约国第二次会议, 缔约方2012年会议."""
    d = lex.decisions
    if not spaced:
        verbs = alternation(d.get("acts_present", ()))  # no act verb between: "2012年决定设立专家组"
        return re.compile(rf"(?:第[\d一二三四五六七八九十百]+(?:次|届)|\d{{4}}年)(?:(?!{verbs})[^,。;:]){{0,10}}?"
                          f"(?:{alternation(d.get('actors', ()))})")
    ordinals = alternation(lex.ordinal_words)
    # up to three words of the name between ("the Second Review Conference"), none a function word
    # ("in 2012 to establish a group" names no meeting)
    name_word = rf"(?!(?:{alternation(d.get('function_words', ()))})\s)[\w-]+\s+"
    suffixes = alternation(lex.day_suffixes) or "(?!)"  # "the 12th Meeting"
    return re.compile(rf"(?<![\w-])(?:(?:its|their)\s+)?(?:{ordinals}|\d{{1,3}}(?:{suffixes})|(?:19|20)\d\d)\s+"
                      rf"(?:{name_word}){{0,3}}?(?:{alternation(d.get('actors', ()))})(?![\w-])", re.I)


@dataclass
class ActDoc:
    st: Structure
    w: ActWords
    kind: str
    year: int | None
    adopted: bool  # the cover says the text was adopted ("Resolution adopted by the General Assembly")
    draft: bool  # the cover says it is a draft
    years: list[tuple[int, int]] | None = None  # (offset, year) of every year the text names, found once
    script: SpacedActs | JoinedActs | None = None  # how acts read in the pack's script (act_scripts.act_script)


def read_cover(st: Structure, w: ActWords, head: int) -> tuple[bool, bool]:
    """Whether the cover says the text was adopted ("Resolution adopted by the General Assembly") or is a
    draft ("Draft resolution"): a title line among the cover's paragraphs, or the first characters of a
    text that lost its line breaks; a body sentence that mentions a draft is no cover."""
    text, paras = st.norm.text, st.norm.paragraphs
    lines = [text[:COVER_CHARS] if len(paras) <= 1 else text[paras[0][0]:paras[0][0] + COVER_LINE]]
    lines += [text[b:e] for i, (b, e) in enumerate(paras[:max(head, 1) + 1]) if i in st.headings]
    cover = "\n".join(lines)[:HEAD_CHARS]
    return bool(w.adopted_header.search(cover)), bool(w.draft_header.search(cover))
