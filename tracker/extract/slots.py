"""Slots: the blanks of draft decisions ([……], [...], […], [ ], ____, CCM/MSP/2010/……) and the bracketed
words of negotiating text ([four/five] days, [and transfer]; see brackets.py), what kind of value each
wants and which meeting field filling it would set."""

from __future__ import annotations

import bisect
import re
import re._parser as re_parser
from collections.abc import Callable, Sequence
from functools import cache, lru_cache

from tracker.domain import Slot, SourceSpan
from tracker.extract.brackets import BRACKETED, Brackets
from tracker.extract.lexicon import alternation
from tracker.extract.normalize import Normalized
from tracker.extract.people import honorific_pattern
from tracker.extract.symbols import OPEN_SYMBOL
from tracker.lang import Lexicon, available, lexicon

# on NFKC text, where "…" became "...": [......] [...] [ ] [] [___]; ____; CCM/MSP/2010/......
# A blank after "/" is matched with its slash (callers step over it): every alternative then opens
# with a literal (so "__{2,}" for "_{3,}"), which lets the regex engine skip straight to "[", "_" or "/".
PLACEHOLDER = re.compile(r"\[\s*(?:\.{2,}|_+|-+)?\s*\]|__{2,}|/\s*(?:\.{2,}|…+)")
_PH = r"(?:\[\s*(?:\.{2,}|_+|-+)?\s*\]|_{3,})"


@lru_cache(maxsize=8)
def _rules(lex: Lexicon) -> list[tuple[str, str | None, re.Pattern | None, re.Pattern | None, frozenset[str] | None]]:
    """The pack's slot rules compiled: "@" is another blank, {honorifics} and {months} the pack's lists;
    right patterns all start at the blank ("^"), so they are compiled for .match without the anchor. Each rule
    also carries the characters its left pattern can end on (`last_chars`), or None when that is not known."""
    words = {"honorifics": honorific_pattern(lex, dots=False),
             "months": "(?:" + "|".join(map(re.escape, lex.month_names)) + ")"}

    def fill(rx: str) -> str:
        for key, value in words.items():
            rx = rx.replace("{" + key + "}", value)
        return rx.replace("@", _PH)

    return [(k, f, re.compile(fill(lp)) if lp else None, re.compile(fill(rp.removeprefix("^"))) if rp else None,
             last_chars(fill(lp)) if lp else None)
            for k, f, lp, rp in lex.slot_rules if lp or rp]


def last_chars(pattern: str) -> frozenset[str] | None:
    """The characters other than whitespace that a match of `pattern` ending at the end of a text ("…\\s*$")
    can end on, read from the parsed pattern; None when unknown (no "$" at its end, a case-blind or a broad
    class, a pattern that can match nothing at all). classify's left text is stripped on its right, so its
    last character is no whitespace: when it is not in this set, the rule's left side cannot match, and
    the search is skipped."""
    try:
        parsed = re_parser.parse(pattern)
    except re.error:
        return None
    items = list(parsed)
    if parsed.state.flags & re.IGNORECASE or not items or items[-1] != (re_parser.AT, re_parser.AT_END):
        return None
    chars, nullable = _last_of(items[:-1])
    return None if chars is None or nullable else frozenset(chars)


def _last_of(items) -> tuple[set[str] | None, bool]:
    """(the characters the sequence can end on, None for any; whether it can match nothing)."""
    out: set[str] = set()
    for op, av in reversed(list(items)):
        chars, nullable = _last_node(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _last_node(op, av) -> tuple[set[str] | None, bool]:
    c = re_parser
    if op is c.LITERAL:
        return {chr(av)}, False
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True  # zero-width: consumes nothing
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.CATEGORY and value is c.CATEGORY_SPACE:
                pass  # whitespace: never the last character of a stripped text
            else:
                return None, False
        return chars, False
    if op is c.BRANCH:
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            chars, n = _last_of(branch)
            if chars is None:
                return None, False
            out |= chars
            nullable = nullable or n
        return out, nullable
    if op is c.SUBPATTERN:
        _, add_flags, _, sub = av
        return (None, False) if add_flags & re.IGNORECASE else _last_of(sub)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, _, sub = av
        chars, n = _last_of(sub)
        return chars, low == 0 or n
    return None, False


MEETING_FIELDS = {"start", "end", "city", "country", "facility", "chair", "chair_affiliation", "host"}
# as President of …
EN_POST = re.compile(r"\bas\s+(?:the\s+)?(?P<post>[A-Z][\w-]*)", re.I)


@cache
def _chair_grammar() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """From every pack's [slots.words] (texts mix languages): a blank person right after a chair's title and
    the words that make it the chair's (会议主席由[……]担任; the President shall be [...]); a chair's title alone
    (as President); the post a blank person is given after one of the pack's verbs (担任缔约国第二次会议主席;
    为主席的执行协调员), and that post being the chair; a chair's title right after a blank (", as Chair")."""
    by, titles, han_titles, given = [], [], [], []
    for lex in map(lexicon, available()):
        words = lex.slot_words
        chairs = "|".join(map(re.escape, words.get("chair_titles", ())))
        will_be = words.get("chair_will_be", ())
        if chairs and will_be:
            by.append(rf"(?:{chairs})\s+(?:{alternation(will_be, spaced=True)})\s*\Z" if lex.spaced
                      else rf"(?:{chairs})(?:{'|'.join(map(re.escape, will_be))})\Z")
        (titles if lex.spaced else han_titles).extend(words.get("chair_titles", ()))
        given += words.get("posts_given", ())

    def one_of(ws: list[str]) -> str:
        return "|".join(map(re.escape, ws)) or "(?!)"

    return (re.compile("|".join(by) or "(?!)"), re.compile(one_of([*han_titles, *titles]), re.I),
            re.compile(rf"^(?:[^,，;。]{{0,20}}?)(?:{one_of(given)})(?P<post>[^,，;。]{{1,30}})"),
            re.compile(rf"(?:{one_of(han_titles)})$"), re.compile(rf"\s*(?:,\s*)?(?:as\s+)?(?:{one_of(titles)})"))


def post_given() -> re.Pattern:
    """The post a blank person is given, after a verb of the packs (担任缔约国第二次会议主席): group "post"."""
    return _chair_grammar()[2]


def _appointed_as_chair(right: str) -> bool:
    _, chair_words, post, chair_post, as_chair = _chair_grammar()
    m = post.search(right)
    if m:
        return bool(chair_post.search(m.group("post")))
    m = EN_POST.search(right[:40])
    return bool(m and chair_words.fullmatch(m.group("post")) or as_chair.match(right))


class _Quotes:
    """Where quotation marks stand, so "is this inside a quotation?" costs two bisections, not a scan."""

    def __init__(self, text: str) -> None:
        self.text = text
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

    def continued(self, paragraphs: Sequence[tuple[int, int]], para: int, pos: int) -> bool:
        """Inside a quotation opened in an earlier paragraph: none opens before `pos` in its own
        paragraph, and one closes after it, or the last earlier paragraph with quotation marks left
        one open (a quotation of several paragraphs opens each but closes only the last)."""
        c = self.count
        b, e = paragraphs[para]
        if c("“", b, pos) or c("「", b, pos) or c('"', b, pos) or c("”", b, pos) or c("」", b, pos):
            return False  # a quotation opens or closes before `pos` in its own paragraph: inside() decides
        if c("”", pos, e) > c("“", pos, e) or c("」", pos, e) > c("「", pos, e) or c('"', pos, e) % 2:
            return True  # more quotations close after `pos` than open: one was open at `pos`
        if para == 0 or NUMBERED.match(self.text, b):  # a numbered paragraph starts afresh: "2. The Meeting …"
            return False
        pb, pe = paragraphs[para - 1]  # only the paragraph just before: an unclosed mark must not run on
        opened, closed = c("“", pb, pe) + c("「", pb, pe), c("”", pb, pe) + c("」", pb, pe)
        return opened > closed or c('"', pb, pe) % 2 == 1


QUOTE = re.compile('[“”「」"]')
# a paragraph's own number or letter: "2. ", "(b) ", "第3段", "三、"
NUMBERED = re.compile(r"\s*(?:\d{1,3}[.．)]|[(（](?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})[)）]|第[\d一二三四五六七八九十]+段|[一二三四五六七八九十]+、)")


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
    for kind, field, lrx, rrx, lasts in _rules(norm.lex):
        if lasts is not None and left[-1:] not in lasts:
            continue  # the left side cannot end on this character (a pure test: the rules' order is kept)
        if (rrx is None or rrx.match(right)) and (lrx is None or lrx.search(left)):  # the anchored side first
            return kind, field
    return "other", None


def _quoted(norm: Normalized, quotes: _Quotes | None, para: int, b: int) -> bool:
    if quotes is None or not norm.paragraphs:
        return False
    return quotes.inside(norm.paragraphs[para][0], b) or quotes.continued(norm.paragraphs, para, b)


# a rule of underscores that is no blank: alone on its line (the footnote separator of a UN document),
# or, in text that lost its lines, after a sentence's end and before a footnote ("…negotiations; ____ 1 United")
RULE_AFTER_SENTENCE = re.compile(r"[.;。；]\s*\Z")
FOOTNOTE_AFTER = re.compile(r"\s*(?:\n|\Z|\d{1,2}\s+[A-Z\u4e00-\u9fff])")


# a bracketed ellipsis that opens a sentence cuts a quotation (a blank stands where a value goes, inside one)
ELISION = re.compile(r"\[\s*\.{2,}\s*\]")
SENTENCE_BEFORE = re.compile(r"[.。!?！？]\s*\Z")


def _rule_line(norm: Normalized, b: int, e: int) -> bool:
    raw = norm.original
    ob, oe = norm.original_span(b, e)
    left, right = raw[max(0, ob - 80):ob], raw[oe:oe + 80]
    alone_left = (ob < 80 or "\n" in left) and not left.rpartition("\n")[2].strip()
    alone_right = (oe + 80 > len(raw) or "\n" in right) and not right.partition("\n")[0].strip()
    if alone_left and alone_right:
        return True
    return e - b >= 10 and bool(RULE_AFTER_SENTENCE.search(norm.text, max(0, b - 4), b)) and \
        bool(FOOTNOTE_AFTER.match(norm.text, e))


# a web address or file name holds underscores as letters: "https://…/Chair___summary.pdf", "%5F"
ADDRESS = re.compile(r"https?:|www\.|%[0-9A-Fa-f]{2}|\.(?:pdf|docx?|html?)\b")
TOKEN_END = re.compile(r"\S{0,200}")


def _in_word_or_address(text: str, b: int, e: int) -> bool:
    """Underscores glued to a Latin letter or digit ("CCW___final", "___bold___") or inside a web
    address, not a blank (a blank stands apart, or against Chinese: "于____日")."""
    left, right = text[b - 1:b] if b else "", text[e:e + 1]
    if (left.isascii() and left.isalnum()) or (right.isascii() and right.isalnum()):
        return True
    before = text[max(0, b - 200):b]
    start = max(before.rfind(" "), before.rfind("\n"), before.rfind("\t")) + 1
    return bool(ADDRESS.search(before[start:] + text[e:TOKEN_END.match(text, e).end()]))


def _matches(norm: Normalized, brackets: Brackets | None):
    """(begin, end, bracketed body or None) of every blank and every worded bracket, in order."""
    blanks = ((m.start(), m.end(), None) for m in PLACEHOLDER.finditer(norm.text))
    if brackets is None or ("[" not in norm.text and "【" not in norm.text):
        yield from blanks
        return
    worded = []
    for m in BRACKETED.finditer(norm.text):
        body = m.group("body")
        if WORD.search(body):
            worded.append((m.start(), m.end(), body))
        elif m.group()[0] == "【" and BLANK_BODY.fullmatch(body):  # 【……】, 【 】: a blank in Chinese brackets
            worded.append((m.start(), m.end(), None))
    # a blank's brackets hold no word, so the two never overlap
    yield from sorted([*blanks, *worded], key=lambda t: t[:2])


WORD = re.compile(r"[^\W_]")
BLANK_BODY = re.compile(r"\s*(?:\.{2,}|_+|-+)?\s*")


def _inside(spans: Sequence[tuple[int, int]], starts: list[int], pos: int) -> bool:
    j = bisect.bisect_right(starts, pos) - 1
    return j >= 0 and pos < spans[j][1]


PLACES = ("city", "country")
DAY_NUMBER = re.compile(r"\d{1,2}")


def _day_options(brackets: Brackets, body: str) -> bool:
    """[3/4], [3 or 4], [3或4]: day numbers offered as alternatives."""
    options = brackets.words.alternatives.split(body)
    return len(options) > 1 and all(DAY_NUMBER.fullmatch(o.strip()) for o in options)


def _bracket_kind(norm: Normalized, brackets: Brackets, body: str, b: int, e: int,
                  meeting_at: Callable[[int, int], str | None]) -> tuple[str, dict | None]:
    """A bracket's kind from its words, and the meeting field it sets when the words around it agree:
    "in [Austria/Chile]" sets the country, "from [3/4] to 7 May" the first day."""
    kind = brackets.kind(body)
    around, field = classify(norm, b, e)
    if kind == "other" and _day_options(brackets, body) and (
            around == "date" or brackets.words.months.search(norm.text, e, e + 20)):
        kind = "date"  # day numbers where the words around want a day: "from [3/4] to 7 May"
    if kind == "country" and around in PLACES:
        around, field = "country", "country"
    if kind in ("date", *PLACES) and around == kind and field in MEETING_FIELDS:
        return kind, {"meeting": meeting_at(b, e), "field": field}
    return kind, None


def find_slots(norm: Normalized, meeting_at: Callable[[int, int], str | None], brackets: Brackets | None = None,
               operative: Sequence[tuple[int, int]] = ()) -> list[Slot]:
    """Every unfilled blank and every bracket of unagreed words; `meeting_at(begin, end)` names the
    meeting a blank at that place is about; `operative` holds the original spans of the decisions, sorted
    (a bracket inside one is operative text)."""
    text = norm.text
    out: list[Slot] = []
    quotes = _Quotes(text) if QUOTE.search(text) else None
    starts = [s for s, _ in operative]
    for b, e, body in _matches(norm, brackets):
        if body is None:
            if text[b] == "/":
                b += 1
            while b < e and text[b].isspace():
                b += 1
            if text[b] == "_" and (_rule_line(norm, b, e) or _in_word_or_address(text, b, e)):
                continue
            if text[b] == "[" and ELISION.fullmatch(text, b, e) and SENTENCE_BEFORE.search(text, max(0, b - 3), b):
                continue  # "… weapons. [...] States agree": a quotation's cut, not a blank
        para = norm.paragraph_of(b)
        # a quotation's brackets are an editor's, unless a legend says the document brackets unagreed text:
        # then a quoted proposal ("amend paragraph 2 to read: “… [and transfer] …”") is negotiating text
        if _quoted(norm, quotes, para, b) and not (body is not None and brackets.legend):
            continue
        if body is not None:
            ob = norm.original_span(b, e)[0]
            if not brackets.negotiated(b, e, body, _inside(operative, starts, ob)):
                continue
            kind, binds = _bracket_kind(norm, brackets, body, b, e, meeting_at)
            out.append(Slot(id="", text=norm.display(b, e), left_context=left_context(norm, b), kind=kind,
                            binds=binds, span=SourceSpan(*norm.original_span(b, e), para)))
            continue
        kind, field = classify(norm, b, e)
        binds = None
        if field == "person":
            chair = _appointed_as_chair(text[e:e + 60]) or _chair_grammar()[0].search(text, max(0, b - 12), b)
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
