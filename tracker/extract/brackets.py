"""Square brackets that hold words: negotiating text (a slot) or an editor's mark (not one).

Negotiating text brackets the words not yet agreed: alternatives ("[four/five] days", "[四/五]天"), an
unagreed insertion ("[and transfer]"), text proposed for deletion ("[方括号内的词]"). Everywhere else
brackets are editorial: a quotation's altered letter ("[t]hat") or inserted word ("LAWS [are]
weapons"), "[emphasis added]", "[sic]", the General Assembly's "[on the report of the First Committee
(A/80/534)]" header, a bracketed list of names, a footnote call "[1]", a web page's link
"[Documents](https://…)" or escaped label "\\[WRITTEN TRANSCRIPT\\]", text a website masked as "[XXX]",
and the legend that explains the convention itself ("列入[方括号]"). So a bracket is read as
negotiating text only when nothing marks it as editorial AND something says the text around it is
negotiated: a legend of the convention anywhere in the document, alternatives inside the bracket, an
operative paragraph (a decision) or a draft's or proposal's own header around it.

The words behind these tests are in the language packs (`[brackets]` of tracker/lang/*.toml).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from tracker.extract.lexicon import trie_pattern
from tracker.extract.symbols import find_symbols, is_symbol
from tracker.lang import Lexicon

# [four/five], [and transfer], 【方括号内的词】 (full-width ［］ are [] after NFKC). Inside one paragraph;
# a bracket cut off by the end of an excerpt never closes, so it never matches.
BRACKETED = re.compile(r"[\[【](?P<body>[^\[\]【】\n]{1,400})[\]】]")
# 【……】, 【 】, [.]: no word inside, a blank (the empty [ ] and [...] are found as placeholders)
WORDLESS = re.compile(r"[^\w]*")
# [1], [12], [3, 4], [5-7], [^2], [*], [a]: a footnote call or a citation; [x]: a ticked box
FOOTNOTE = re.compile(r"\^?\d{1,3}(?:\s*[,–-]\s*\d{1,3})*|[*†‡]+|[A-Za-z]")
# [XXX], [xx], [***]: text a website masked
MASK = re.compile(r"[Xx]{2,}|\*{2,}|[Xx]+(?:\s*[-/.]\s*[Xx]+)+")
# how many header paragraphs are read for a draft's words ("Draft decision", "提案草案")
HEAD_PARAGRAPHS = 12


@dataclass(frozen=True)
class BracketWords:
    legend: tuple[str, ...]  # a legend of the convention, lower case, looked for once in the whole text
    typography: re.Pattern  # what a legend names inside its bracket: [square brackets], [bold], [方括号]
    editorial: re.Pattern  # a short label, matched at the start of a bracket's body
    editorial_inside: re.Pattern  # the long phrases, searched anywhere in the body
    insertions: frozenset[str]
    alternatives: re.Pattern
    drafts: re.Pattern  # searched in a document's header
    list_separator: re.Pattern  # "[Argentina, Brazil and Chile]", "[中国、法国和墨西哥]"
    language_label: re.Pattern  # what stands beside a language's name on a cover: "only", 仅有, 文
    kinds: Mapping[str, str]  # a bracket's whole body that names what it wants -> slot kind: "date" -> date
    months: re.Pattern  # a month's name or 5月: the bracket holds a date


def _alternation(words: list[str], latin: bool, flags: int = re.I) -> re.Pattern:
    if not words:
        return re.compile(r"(?!)")
    body = trie_pattern(sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if latin else f"(?:{body})", flags)


def _label(words: list[str], latin: bool) -> re.Pattern:
    """A short label as a bracket's whole body, or before a colon, a full stop or a symbol: "[sic]",
    "[Original: French]", "[见A/80/534]"; never the first word of running text ("[note with appreciation]")."""
    if not words:
        return re.compile(r"(?!)")
    body = trie_pattern(sorted(set(words), key=len, reverse=True))
    end = r"(?:[\W_]*\Z|\s*[:.：]|\s*(?=[A-Z\d]+/))" if latin else r"(?:\W*\Z|(?![\u4e00-\u9fff]))"
    return re.compile(rf"[\W_]*(?:{body}){end}", re.I)


@cache
def bracket_words(lex: Lexicon) -> BracketWords:
    """The pack's bracket words compiled once per language."""
    words = lex.brackets
    latin = lex.script == "latin"
    editorial = list(words.get("editorial", ()))
    long = [w for w in editorial if (" " in w if latin else len(w) >= 4)]
    alternatives = [w for w in words.get("alternatives", ()) if w.strip()]
    spaced = [w.strip() for w in words.get("alternatives", ()) if w.strip() and w != w.strip()]
    alt = "|".join([re.escape(w) for w in alternatives if w == w.strip()] +
                   [rf"\s{re.escape(w)}\s" for w in spaced])
    return BracketWords(
        legend=tuple(w.lower() for w in words.get("legend", ())),
        typography=_alternation(list(words.get("typography", ())), latin),
        editorial=_label([w for w in editorial if w not in long], latin),
        editorial_inside=_alternation(long, latin),
        insertions=frozenset(w.casefold() for w in words.get("insertions", ())),
        alternatives=re.compile(alt) if alt else re.compile(r"(?!)"),
        drafts=_alternation(list(words.get("drafts", ())), latin),
        list_separator=re.compile(r"\s*(?:[,;、，；]" + "".join(
            "|" + (rf"\b{re.escape(w)}\b" if latin else re.escape(w)) for w in words.get("list_joiners", ())) + r")\s*"),
        language_label=_alternation(list(words.get("language_label", ())), latin),
        kinds={w.casefold(): key.removeprefix("kind_") for key, ws in words.items() if key.startswith("kind_")
               for w in ws},
        months=_alternation(list(lex.month_names) + list(lex.month_abbreviations), True) if latin
        else re.compile(r"\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月"),
    )


class Brackets:
    """Which bracketed words of one document are negotiating text."""

    def __init__(self, text: str, lex: Lexicon, countries: Mapping[str, str], head: str = "",
                 draft: bool = False) -> None:
        self.text = text
        self.words = bracket_words(lex)
        self.latin = lex.script == "latin"
        self.countries = countries
        self.language_names = frozenset(n.casefold() for n in lex.languages)
        # evidence that holds for the whole document: a legend of the convention, or a draft's header
        # plain substring search of the lowered text: a case-blind regex over a whole document costs ten times more
        self.legend = False
        if "[" in text or "【" in text:
            lowered = text.lower()
            self.legend = any(w in lowered for w in self.words.legend)
        self.draft = draft or bool(self.words.drafts.search(head))

    def editorial(self, b: int, e: int, body: str) -> bool:
        """Whether the bracket text[b:e] holding `body` is an editor's or a web page's mark."""
        text = self.text
        before, after = text[b - 1:b] if b else "", text[e:e + 1]
        stripped = body.strip()
        if before in ("\\", "!") or after == "(":  # \[WRITTEN TRANSCRIPT\] escaped, a markdown image or link [x](…)
            return True
        if FOOTNOTE.fullmatch(stripped) or MASK.fullmatch(stripped):
            return True
        if len(stripped) <= 3 and stripped.isalpha() and stripped.isascii() and (
                after.isalpha() or before.isalpha()):  # [t]hat, State[s]: a quotation's altered letters
            return True
        w = self.words
        if w.typography.search(body) or w.editorial.match(body) or w.editorial_inside.search(body):
            return True
        if is_symbol(stripped) or self._names(stripped) or self._languages(stripped):
            return True
        return False

    def _languages(self, body: str) -> bool:
        """A cover's language label: "[Arabic, English and French only]", "[中文、英文和法文]"."""
        w = self.words
        items = [w.language_label.sub("", i).strip().casefold() for i in w.list_separator.split(body) if i]
        return bool(items) and all(i in self.language_names for i in items)

    def _names(self, body: str) -> bool:
        """A bracketed list of three or more names: states, or capitalised names in English."""
        items = [i for i in self.words.list_separator.split(body) if i]
        if len(items) < 3:
            return False
        if all(i in self.countries for i in items):
            return True
        return self.latin and all(len(i.split()) <= 4 and all(p[:1].isupper() for p in i.split() if len(p) > 3)
                                  and i[:1].isupper() for i in items)

    def alternatives(self, body: str) -> bool:
        """[four/five], [四或五], [shall or should]; a document symbol's slashes are not alternatives."""
        return bool(self.words.alternatives.search(body)) and not find_symbols(body)

    def kind(self, body: str) -> str:
        """What a bracket's words are, when they say it: "[date]", "[Austria/Chile]", "[3-7 March]"."""
        stripped = body.strip().strip(".:：").casefold()
        w = self.words
        if stripped in w.kinds:
            return w.kinds[stripped]
        options = [o.strip() for o in w.alternatives.split(body) if o.strip()]
        if options and all(o in self.countries for o in options):
            return "country"
        if options and all(w.months.search(o) and any(c.isdigit() for c in o) for o in options):
            return "date"
        return "other"

    def negotiated(self, b: int, e: int, body: str, operative: bool) -> bool:
        """Whether the bracket text[b:e] holding `body` is unagreed text: a slot."""
        if WORDLESS.fullmatch(body) or self.editorial(b, e, body):
            return False
        alternatives = self.alternatives(body)
        if not (self.legend or alternatives) and body.strip().casefold() in self.words.insertions:
            return False  # one word an editor added to a quotation
        if self.text[b] == "【":  # a web page's label (【新闻】【打印】) unless the text around is negotiated
            return self.legend or alternatives or operative
        return self.legend or alternatives or operative or self.draft
