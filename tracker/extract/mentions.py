"""Meeting mentions: names (缔约国第二次会议, the Second Meeting of States Parties, 第4次会议,
the 4th meeting) and anaphors (该次会议, the meeting) with kind, ordinal, year and treaty."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from tracker.extract.instruments import find_instruments
from tracker.extract.lexicon import around, by_first_letter, finditer_in
from tracker.extract.numerals import NUMBER, cn_to_int, ordinal_pattern
from tracker.extract.numerals import ordinal as read_ordinal
from tracker.lang import Lexicon, MeetingCore, available, lexicon


# 2009年缔约国会议, 缔约国第二次会议, 第十二次缔约国会议, 第二次审议会议, 第4次会议, 非正式闭会期间会议:
# the core word is found first, then what stands before it
# (an alternation of plain words lets the regex engine skip every character that cannot start one).
# A bare 会议 names a meeting only after a prefix (第4次会议), so it is taken only after a character that
# can end one: the look-behind comes after 会 so that the alternative still opens with a plain character.
@lru_cache(maxsize=8)
def _han_prefix(lex: Lexicon) -> tuple[re.Pattern, frozenset[str]]:
    """What may stand before a name in a script without spaces: a year, one of the pack's name prefixes
    (非正式), its party names (缔约国), a year and an ordinal (2009年非正式缔约国第二次); and the characters such
    a prefix can end with (derived from the words, with the grammar's 年, 的, 次 and 届)."""
    prefixes, parties = lex.meeting_words.get("name_prefixes", ()), lex.meeting_words.get("party_names", ())
    grammar = re.compile(
        rf"(?:(?P<year>\d{{4}})年(?:的)?)?(?P<pre>{'|'.join(map(re.escape, prefixes))})?"
        rf"(?P<msp>{'|'.join(map(re.escape, parties))})?(?:(?P<year2>\d{{4}})年)?(?:第(?P<ord>{NUMBER})(?:次|届))?\Z")
    return grammar, frozenset({w[-1] for w in (*prefixes, *parties)} | set("年的次届"))


@lru_cache(maxsize=8)
def _han_core(lex: Lexicon) -> re.Pattern:
    """The pack's meeting names (longest first), or a bare 会议 after a character that can end a prefix."""
    names = "|".join(sorted(map(re.escape, lex.meeting_names), key=len, reverse=True))
    ends = "".join(sorted(_han_prefix(lex)[1]))
    return re.compile(rf"(?P<core>{names}|会(?<=[{ends}]会)议)(?P<suf>届会|会议)?")


def _phrase(words: str) -> str:
    """Plain words, any run of whitespace between them."""
    return r"\s+".join(re.escape(w) for w in words.split())


def _one_of(words) -> str:
    return _phrase(words[0]) if len(words) == 1 else f"(?:{'|'.join(map(_phrase, words))})"


def _then(core: MeetingCore, lex: Lexicon) -> str:
    """The grammar after a core name, with the pack's words: the parties ("… of the States Parties"), a
    conference's subject (capitalised words: "on the Humanitarian Impact of Nuclear Weapons", which stops
    before "in Oslo") or a committee's topic ("Standing Committees on Victim Assistance and …")."""
    words = lex.meeting_words
    article = "|".join(map(re.escape, words.get("articles", ())))
    if core.then == "party_names":
        return rf"\s+(?:{article}\s+)?(?:{'|'.join(map(_phrase, words.get('party_names', ())))})"
    if core.then == "subject":
        joins = "|".join(map(_phrase, words.get("subject_joins", ())))
        return rf"\s+(?:{article}\s+)?[A-Z][\w-]*(?:\s+(?:(?:{joins})\s+)*[A-Z][\w-]*){{0,8}}"
    if core.then == "topic":
        joins = "|".join(map(_phrase, words.get("topic_joins", ())))
        return rf"(?:\s+{_one_of(words.get('topic_opens', ()))}\s+[A-Z][\w-]*(?:\s+(?:{joins}|[A-Z][\w-]*))*)?"
    return ""


def _core_alternatives(core: MeetingCore, lex: Lexicon) -> list[str]:
    r"""A core name as regex alternatives, each opening with a plain letter (so the regex engine can skip
    ahead to the letters that can start one): a cased name's first word is written out in both cases
    ("Intersessional\s+[Mm]eetings?|intersessional\s+[Mm]eetings?"), each qualified form before the plain one."""
    tail = ("s?" if core.plural else "") + (r"\b" if core.whole or core.not_before else "")
    if core.not_before:
        tail += rf"(?!\s+{_one_of(core.not_before)}\b)"
    tail += _then(core, lex)
    first, *rest = core.words.split()
    if core.cased:
        rest = [f"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" for w in rest]
        body = r"\s+".join(rest)
        heads = [first[0].upper() + first[1:], first[0].lower() + first[1:]]
        return [r"\s+".join([re.escape(h), *([body] if body else [])]) + tail for h in heads]
    return [*(_phrase(f"{q} {core.words}") + tail for q in core.qualifiers), _phrase(core.words) + tail]


@lru_cache(maxsize=8)
def _latin_prefix(lex: Lexicon) -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
    """What may qualify a name before it in a spaced script, from the pack's ordinals: the grammar
    ("the 2009 ", "the Twelfth ", "the 4th ", "the Twenty-sixth ", "the first 2025 "), a quick test of the word before the
    spaces, and the last letters such a word can end with (both derived from the words, not kept beside them)."""
    ordinal_rx = ordinal_pattern(lex)
    grammar = re.compile(rf"(?:\b(?P<year>(?:19|20)\d\d) +)?(?:\b(?P<ord>(?i:{ordinal_rx})) +)?"
                         rf"(?:\b(?P<year2>(?:19|20)\d\d) +)?\Z")  # "the 2009 Twelfth", "the first 2025 session"
    quick = re.compile(rf"(?:\d|(?i:{ordinal_rx})) +\Z")
    last = {w[-1] for w in (*lex.ordinal_words, *lex.day_suffixes)}
    return grammar, quick, frozenset(last | {c.upper() for c in last})


@lru_cache(maxsize=8)
def _anaphor(lex: Lexicon) -> re.Pattern:
    """The pack's anaphors: a determiner and a noun (该次会议; the meeting, this Conference), in a spaced
    script with a space between them and not before the word that would make it a name ("the Meeting of")."""
    dets, nouns = lex.anaphor_determiners, lex.anaphor_nouns
    if not lex.spaced:
        return re.compile("|".join(f"{re.escape(d)}{re.escape(n)}" for d in dets for n in nouns))
    return re.compile(rf"(?:{'|'.join(map(re.escape, dets))}) (?:{'|'.join(map(re.escape, nouns))})\b"
                      + "".join(rf"(?! {re.escape(w)}\b)" for w in lex.anaphor_not_before))
SPACES = re.compile(r"\s+")


@dataclass
class Mention:
    kind: str | None  # None for an anaphor
    name: str
    begin: int
    end: int
    ordinal: int | None = None
    year: int | None = None
    instrument: str | None = None
    anaphor: bool = False
    core: str = ""  # the generic part of the name (全球会议, General Assembly): tells "other" meetings apart


def _instrument_near(text: str, begin: int, end: int, lex: Lexicon, named: list, named_ends: list[int]) -> str | None:
    """A treaty named right before (《禁雷公约》闭会期间会议) or right after (…of the Convention on …).
    `named` is in text order and its names do not overlap, so `named_ends` (their ends) is sorted too."""
    window_after = 40 if lex.spaced else 12  # how far after a name its treaty may stand
    for k in range(bisect.bisect_left(named_ends, begin - 14), len(named)):
        code, ib, ie = named[k]
        if ib > end + window_after:
            break
        if ie <= begin and TREATY_BEFORE.fullmatch(text, ie, begin):
            return code
        if ib >= end and any(rx.fullmatch(text, end, ib) for rx in _treaty_after()):
            return code
    return None


TREATY_BEFORE = re.compile(r"[》\s]*(?:的)?")


@cache
def _treaty_after() -> tuple[re.Pattern, ...]:
    """What may stand between a name and the treaty named right after it, in any pack (texts mix languages):
    with spaces, one of its words and an article ("… of the Convention"); without, maybe one of its words and
    a title mark (…关于《…》)."""
    out = []
    for lex in map(lexicon, available()):
        words = lex.meeting_words.get("treaty_after", ())
        if not words:
            continue
        after = "|".join(map(re.escape, words))
        if lex.spaced:
            article = "|".join(map(re.escape, lex.meeting_words.get("articles", ())))
            out.append(re.compile(rf"\s*(?:{after})\s+" + (rf"(?:{article}\s+)?" if article else "")))
        else:
            out.append(re.compile(rf"\s*(?:{after})?\s*《?"))
    return tuple(out)


@dataclass(frozen=True)
class _LatinCores:
    """The meeting names of a spaced script: the pack's names (plain words, "Réunion des États parties"),
    then its cores (the names its grammar builds on); the kind of each; and the literal anchors every name
    and anaphor contains (each name's longest word without its first letter, so either case is found)."""

    rx: re.Pattern
    named: dict[str, str]  # a pack name, lower case, one space between words -> kind
    kinds: tuple[tuple[re.Pattern, str], ...]  # each core's own regex and its kind, in the pack's order
    anchors: tuple[str, ...]


@lru_cache(maxsize=8)
def _latin_cores(lex: Lexicon) -> _LatinCores:
    names = sorted(lex.meeting_names, key=len, reverse=True)
    cores = [(_core_alternatives(core, lex), core) for core in lex.meeting_cores]
    # a name is a word of its own, not part of a document symbol (CCW/MSP/2024/7); "3MSP" keeps its number
    # (the look-behind follows the first letter, so every alternative opens with a literal the engine can skip to)
    parts = [*(re.escape(n[0]) + r"(?<![A-Za-z/.\-].)" + _phrase(n)[len(re.escape(n[0])):] + r"\b(?!/)" for n in names),
             *(alt for alts, _ in cores for alt in alts)]
    rx = re.compile(by_first_letter(parts) if parts else "(?!)")
    # each name's longest word without its first letter (either case is found; a short common word such as
    # "Main" or "Side" would open a window at every "maintain" or "provide"), then those of the cores and
    # the anaphors' nouns
    words = [*names, *(core.words for _, core in cores), *lex.anaphor_nouns]
    anchors = tuple(dict.fromkeys(max(w.split(), key=len)[1:] for w in words))
    kinds = tuple((re.compile("|".join(alts)), core.kind) for alts, core in cores)
    return _LatinCores(rx, {" ".join(n.lower().split()): k for n, k in lex.meeting_names.items()}, kinds, anchors)


@lru_cache(maxsize=512)
def _en_kind(core: str, lex: Lexicon) -> str:
    """The kind of a core word: the pack's for one of its names, else that of the first of its cores it matches."""
    cores = _latin_cores(lex)
    named = cores.named.get(" ".join(core.lower().split()))
    return named or next(kind for rx, kind in cores.kinds if rx.fullmatch(core))


def _could_have_prefix(text: str, at: int, lex: Lexicon) -> bool:
    """Whether a year or ordinal may stand right before text[at:]: the character (zh) or the word before
    the spaces (en) must end like one. Most names have no prefix, and the prefix grammar is slow."""
    if not lex.spaced:
        last = text[at - 1:at]
        if last == "次" or last == "届":  # only 第…次 ends so
            return "第" in text[max(0, at - 24):at]
        if last == "的":  # only 2009年的 ends so
            return text[at - 2:at - 1] == "年"
        return last in _han_prefix(lex)[1]
    if text[at - 1:at] != " ":
        return False
    _, quick, ends = _latin_prefix(lex)
    last = text[max(0, at - 16):at].rstrip(" ")[-1:]  # an ordinal ends in one of `ends`, a year in a digit
    return bool(last) and (last in ends or last.isdecimal()) and bool(quick.search(text, max(0, at - 16), at))


def _en_anchors(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Every anchor word in text order: str.find outruns a regex alternation of common letters."""
    out = []
    for w in _latin_cores(lex).anchors:
        i = text.find(w)
        while i >= 0:
            out.append((i, i + len(w)))
            i = text.find(w, i + len(w))
    out.sort()
    return out


def _names(text: str, anchors: list[tuple[int, int]], lex: Lexicon):
    """(start, end, core, kind, prefix groups) of each meeting name: its core word, then what qualifies
    it before. A "bare" kind (会议, Meeting) or a plenary is only a name with a number or year before it."""
    joined = not lex.spaced
    if joined:
        cores = _han_core(lex).finditer(text)
    else:
        cores = finditer_in(_latin_cores(lex).rx, text, around(anchors, 30, 90, len(text)))
    prefix_rx, reach = (_han_prefix(lex)[0], 24) if joined else (_latin_prefix(lex)[0], 40)
    for c in cores:
        start = c.start()
        if joined:
            core = c.group("core")
            kind = lex.meeting_names.get(core, "bare")
        else:
            core = c.group()
            kind = _en_kind(core, lex)
        if not _could_have_prefix(text, start, lex):
            if kind != "bare":  # (a plenary with no number is kept only beside its body: see find_mentions)
                yield start, c.end(), core, kind, {}
            continue
        p = prefix_rx.search(text, max(0, start - reach), start)
        yield p.start(), c.end(), core, kind, {k: v for k, v in p.groupdict().items() if v}


# 大会第五十五届会议: a session of the General Assembly, which Chinese names 大会 alone
ZH_ASSEMBLY = "大会"


def _session_kind(text: str, start: int, before: list[Mention]) -> str | None:
    """The kind of 第X届会议 (a session, where 第X次会议 is a numbered meeting): that of the body named
    right before it (筹备委员会第三届会议 is preparatory, 缔约方会议第三届会议 a meeting of the parties),
    "other" after 大会; else "plenary", which the meeting stage reads as a meeting of the parties."""
    body = before[-1] if before else None
    gap = text[body.end:start] if body else None
    if body and gap in ("", "的") and body.kind not in (None, "plenary"):
        return body.kind
    if text.endswith(ZH_ASSEMBLY, 0, start):
        return "other"
    return "plenary"


SESSION_OF = re.compile(r"\s+of\s+(?:the\s+|its\s+)?")


def _of_body(text: str, start: int, end: int, before: list[Mention], lex: Lexicon) -> bool:
    """Whether an unnumbered plenary belongs to a body named with it (裁谈会全会, the plenary meeting of the
    Conference on Disarmament): then it is a meeting; alone ("held four plenary meetings") it counts meetings."""
    if before and before[-1].end == start and before[-1].kind not in (None, "plenary"):
        return True
    # ("the meeting of the Committee" is the Committee meeting, not one of its plenaries)
    return lex.spaced and "plenary" in text[start:end] and _body_kind(text, end, lex) is not None


def _body_kind(text: str, end: int, lex: Lexicon) -> str | None:
    """The kind of "… session of the X": that of the body X (a session of a Preparatory Committee is
    preparatory), "other" for any other body (a session of the General Assembly); None with no body after it."""
    of = SESSION_OF.match(text, end)
    body = _latin_cores(lex).rx.match(text, of.end()) if of else None
    if body is None:
        return None
    kind = _en_kind(body.group(), lex)
    return kind if kind not in ("bare", "plenary", "session") else "other"


SESSION_REACH = 240  # characters: a heading "Preparatory Committee for …\nThird session" names its body this close
UNPLACED = "?"  # the kind of a session whose body is not named after it, until _place_sessions


def _place_sessions(text: str, out: list[Mention]) -> None:
    """A session named with no body after it ("Third session" under or above the body's title) belongs to
    the body named nearest to it, before it first, in its paragraph and shortly before or after; a conference
    or a numbered meeting has no sessions, so they are passed over ("Preparatory Committee for the 2015
    Review Conference … Third session"). With no such body it is "other"."""
    def body(m: Mention, start: int, end: int) -> bool:
        return m.kind not in ("review_conference", "plenary", UNPLACED, None) and "\n\n" not in text[start:end]

    for i, s in enumerate(out):
        if s.kind != UNPLACED:
            continue
        before = (m for m in reversed(out[:i]) if s.begin - m.end <= SESSION_REACH and body(m, m.end, s.begin))
        after = (m for m in out[i + 1:] if m.begin - s.end <= SESSION_REACH and body(m, s.end, m.begin))
        found = next(before, None) or next(after, None)
        s.kind = found.kind if found else "other"


def find_mentions(text: str, lex: Lexicon) -> list[Mention]:
    """Meeting names and anaphors in text order."""
    joined = not lex.spaced  # words touch: names are found by their core word and read backwards
    out: list[Mention] = []
    named = find_instruments(text)
    named_ends = [ie for _, _, ie in named]
    anchors = [] if joined else _en_anchors(text, lex)
    for start, end, core, kind, g in _names(text, anchors, lex):
        ordinal = (cn_to_int(g["ord"]) if joined else read_ordinal(g["ord"], lex)) if "ord" in g else None
        if kind == "bare":
            if not joined:  # "the 2012 Meeting", "the Second Meeting": a numbered meeting of the parties
                if ordinal is None and "year" not in g:
                    continue
                # "the Second Meeting" is one of the parties' series; "the 1st Meeting", numbered in digits as
                # records number a session's meetings, is a plenary
                kind = "plenary" if g.get("ord", "")[:1].isdecimal() else "meeting_of_states_parties"
            elif "msp" in g or ("year" in g and (start == 0 or text[start - 1] == "\n") and text[end:end + 1] in ("", "\n")):
                kind = "meeting_of_states_parties"  # 缔约方2013年会议; a cover line "2013年会议"
            elif ordinal is not None and "届" in text[start:end]:
                kind = _session_kind(text, start, out)  # 筹备委员会第三届会议: a session of the body before it
                if kind is None:
                    continue
            elif ordinal is not None:
                kind = "plenary"
            else:
                continue
        elif kind == "numbered":
            if ordinal is None:
                continue  # "the Conference": an anaphor
            kind = "other"
        elif kind == "session":
            if ordinal is None and "year" not in g and " " not in SPACES.sub(" ", core):
                continue  # "the session", "this session": an anaphor, not a name
            kind = _body_kind(text, end, lex) or UNPLACED  # placed once every name is known
        elif kind == "plenary" and ordinal is None and not _of_body(text, start, end, out, lex):
            continue  # "举行了4次全体会议" counts meetings, it names none
        year = int(g.get("year") or g.get("year2") or 0) or None
        name = text[start:end]
        inst = None if kind == "plenary" or (kind == "other" and ("大会" in name or "Assembly" in name)) else \
            _instrument_near(text, start, end, lex, named, named_ends)
        out.append(Mention(kind, name, start, end, ordinal, year, inst, core=core if joined else SPACES.sub(" ", core).lower()))
    _place_sessions(text, out)
    anaphors = _anaphor(lex).finditer(text) if joined else finditer_in(_anaphor(lex), text, around(anchors, 14, 12, len(text)))
    covered = bytearray(len(text) + 1)  # 1 under every name already found
    for x in out:
        covered[x.begin:x.end] = b"\x01" * (x.end - x.begin)
    for m in anaphors:
        if covered.find(1, m.start(), m.end()) == -1:
            out.append(Mention(None, m.group(), m.start(), m.end(), anaphor=True))
    return sorted(out, key=lambda x: x.begin)
