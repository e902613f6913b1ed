"""Sentences, headings and numbered paragraphs of a normalised document, and the lists numbered inside its running text."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, lru_cache

from tracker.extract.lexicon import DIGITS, finditer_near
from tracker.extract.normalize import Normalized
from tracker.extract.numerals import cn_to_int
from tracker.lang import Lexicon

# at the start of a paragraph, its number "1." "12．" (group 1) or its letter "(a)" "(iv)" "a)" (group 2)
PARA_LABEL = re.compile(r"\s*(?:(\d{1,3})[.．]|[(（]?([a-z]{1,2}|[ivx]{1,5})[)）])")
DECIMAL = re.compile(r"\s*\d{1,3}[.．]\d")  # "1.5" is a decimal, not a paragraph number
_LAST_WORD = re.compile(r"([\w.]+)$")


@lru_cache(maxsize=8)
def _sentence_end(lex: Lexicon) -> re.Pattern:
    """Where a sentence may end: one of the pack's sentence ends; in a spaced script only before a space
    and a capital (". " before a capital; not after Mr./p.m./No.: see the pack's abbreviations)."""
    ends = f"[{re.escape(lex.sentence_ends)}]"
    return re.compile(ends + r"(?=\s+[A-Z(\"“])" if lex.spaced else ends)
# a paragraph ending like this is a sentence, not a heading
PUNCTUATED_END = re.compile(r"[。.;；:：,，]\s*$")


@dataclass
class Structure:
    norm: Normalized
    sentences: list[tuple[int, int]] = field(default_factory=list)
    headings: set[int] = field(default_factory=set)  # paragraph indexes
    numbers: dict[int, str] = field(default_factory=dict)  # paragraph index -> "3"
    letters: dict[int, str] = field(default_factory=dict)  # paragraph index -> "a"
    _sent_starts: list[int] = field(default_factory=list)
    _lists: list[list[Label]] | None = None

    def lists(self) -> list[list[Label]]:
        """Every list numbered in the text (label_runs with the pack's words, single labels kept), found once."""
        if self._lists is None:
            lex = self.norm.lex
            self._lists = label_runs(self.norm.text, refs=lex.label_references, joins=lex.label_joins, min_run=1)
        return self._lists

    def sentence_at(self, offset: int) -> tuple[int, int]:
        if not self.sentences:
            return 0, len(self.norm.text)
        i = bisect_right(self._sent_starts, offset) - 1
        return self.sentences[i if i > 0 else 0]

    def paragraph(self, index: int) -> tuple[int, int]:
        return self.norm.paragraphs[index]


MAX_SENTENCE = 1000  # longer runs without a full stop are cut at a comma or space, so per-sentence work stays bounded
SOFT_BREAK = re.compile(r"[,，;；、 ]")


def _add_sentence(out: list[tuple[int, int]], text: str, b: int, e: int) -> None:
    while e - b > MAX_SENTENCE:
        cut = b + MAX_SENTENCE
        soft = None
        for m in SOFT_BREAK.finditer(text, cut - 200, cut):
            soft = m.end()
        cut = soft or cut
        out.append((b, cut))
        b = cut
    out.append((b, e))


def analyse(norm: Normalized) -> Structure:
    st = Structure(norm)
    text, sentences = norm.text, st.sentences
    lex = norm.lex
    limit = lex.heading_limit  # a paragraph no longer than this, without a final stop, is a heading
    # where sentences may end, found in one pass over the whole text rather than one per paragraph
    ends = [m.end() for m in _sentence_end(lex).finditer(text)]
    for i, (b, e) in enumerate(norm.paragraphs):
        lo, hi = bisect_right(ends, b), bisect_right(ends, e)
        if lex.spaced and hi > lo and not text[ends[hi - 1]:e].strip():
            hi -= 1  # the capital its look-ahead saw is past the paragraph's end
        start = b
        for k in range(lo, hi):
            end = ends[k]
            if lex.abbreviations and text[end - 1] == "." and text[end - 2].isalpha():  # "Mr." but not "5."
                w = _LAST_WORD.search(text, max(b, end - 13), end - 1)
                if w and w.group(1).lower() in lex.abbreviations:
                    continue
            if end - start > MAX_SENTENCE:
                _add_sentence(sentences, text, start, end)
            else:
                sentences.append((start, end))
            start = end
        if start < e:
            _add_sentence(sentences, text, start, e)
        label = PARA_LABEL.match(text, b, e)
        if label is None:
            if len(text[b:e].strip()) <= limit and not PUNCTUATED_END.search(text, b, e):
                st.headings.add(i)
        elif label.group(2):
            st.letters[i] = label.group(2)
        elif not DECIMAL.match(text, b, e):
            st.numbers[i] = label.group(1)
    st._sent_starts = [s for s, _ in sentences]
    return st


# a paragraph number standing inline in running text: "… decision: “5. Reaffirming …", "… 6. The purpose",
# "…保留年度会议。5. 闭会期间…"
# (not a decimal "1.5", not the tail of a symbol or date "2014/5." or "(1999).")
INLINE_NUMBER = re.compile(r"(?:(?<=[\s“\"'(。;；])|^)(\d{1,3})[.．](?=\s+\S|[\u4e00-\u9fff])")
NUMBER_MARKS = ((".", 3, DIGITS), ("．", 3, DIGITS))  # its dot, right after its one to three digits


def inline_numbers(text: str, begin: int, end: int) -> list[tuple[int, int, str]]:
    """(label start, body start, number) of the paragraph numbers inside text[begin:end] that run in
    sequence (5. 6. 7.): a text that lost its line breaks still numbers its paragraphs, while a lone
    "3." or a cross-reference out of sequence is no label. Chains of two or more are kept."""
    chains: list[list[tuple[int, int, str]]] = []
    expecting: dict[int, int] = {}  # next number -> index of the chain waiting for it
    for m in finditer_near(INLINE_NUMBER, text, begin, end, NUMBER_MARKS):  # INLINE_NUMBER.finditer, quicker
        n = int(m.group(1))
        label = (m.start(), m.end(), m.group(1))
        k = expecting.pop(n, None)
        if k is None:
            chains.append([label])
            k = len(chains) - 1
        else:
            chains[k].append(label)
        expecting[n + 1] = k
    return sorted(label for chain in chains if len(chain) >= 2 for label in chain)


# ---------------------------------------------------------------- list labels inside running text
# Text that lost its line breaks still numbers its items: "…of work: (a) Languages (b) Publicity 5. General
# exchange of views". A label is recognised by its shape; it is accepted as a list label only when the labels
# of its style run in sequence ((a) (b) (c); 1. 2. 3.), and not when the words around it cite it
# ("considered in (a) and (b)", "items (1) and (2)").

# "(a)" "(iv)" "(12)" "（b）" (NFKC folds the full-width brackets); "12." "3．" (not "1.5", "Rev.1."); 第3段
LABEL_SHAPE = re.compile(r"\((?P<paren>[a-z]{1,2}|[ivxl]{1,6}|\d{1,2})\)"
                         r"|(?P<num>\d{1,3})[.．](?!\d)"
                         r"|第(?P<para>\d{1,3}|[一二三四五六七八九十百]{1,4})段")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}
ROMAN_DIGITS = ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
NOT_BEFORE_NUMBER = frozenset("0123456789.．/,-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
MAX_DEPTH = 6  # lists open at once: (1) (a) (i) … nested


@dataclass(frozen=True)
class Label:
    """One list label found in running text: its style, its place in the sequence, where it stands."""

    label: str  # as the list numbers it: "a", "iv", "3"
    style: str  # "letter" (a), "roman" (iv), "paren" (3), "number" 3., "paragraph" 第3段
    value: int  # its rank in its sequence: (c) is 3, (iv) is 4
    start: int  # offset of the label in the text
    end: int  # offset just after it: the item's text starts here
    parent: str | None = None  # the paragraph number written before a bracketed label: "5" of "5 (a)"


def _roman(s: str) -> int | None:
    """"iv" is 4; None for a spelling no one writes ("iiii", "vx") or a letter that is no numeral."""
    if not set(s) <= ROMAN_VALUES.keys():
        return None
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=False):
        v = ROMAN_VALUES[a]
        total += -v if b != " " and ROMAN_VALUES[b] > v else v
    n, spelled = total, ""
    for value, digits in ROMAN_DIGITS:
        while n >= value:
            spelled, n = spelled + digits, n - value
    return total if spelled == s else None


def _letter(s: str) -> int | None:
    """(a) is 1, (z) is 26, (aa) is 27, (kk) is 37 (the GA's doubled letters)."""
    if len(s) == 1:
        return ord(s) - 96
    return 26 + ord(s[0]) - 96 if s[0] == s[1] else None


def _readings(m: re.Match) -> list[tuple[str, int]]:
    """(style, value) a label's shape can be read as: "(i)" is the ninth letter or the first roman numeral."""
    shape = m.lastgroup  # the one named group of the alternative that matched
    if shape == "num":
        return [("number", int(m.group("num")))]
    if shape == "para":
        value = cn_to_int(m.group("para"))
        return [("paragraph", value)] if value else []
    p = m.group("paren")
    if p.isdigit():
        return [("paren", int(p))]
    out = []
    if (v := _letter(p)) is not None:
        out.append(("letter", v))
    if (v := _roman(p)) is not None:
        out.append(("roman", v))
    return out


def _word_before(text: str, begin: int, start: int) -> tuple[str, str]:
    """The word before a label, lower case ("in", 第5段 -> its last characters), and the text before that word.
    String operations on a window of a few characters, not a regex scan, so each label costs little."""
    w = text[max(begin, start - 16):start].rstrip()
    if not w:
        return "", ""
    if w[-1] in ",，、-–":
        return w[-1], w[:-1]
    word = w.rsplit(None, 1)[-1].lstrip("([“\"'")
    return word.lower(), w[:len(w) - len(word)]


def _ends_with(word: str, words: frozenset[str], suffix: bool = True) -> str | None:
    """The member of `words` the word is or (in han script, with no spaces, when `suffix`) ends with."""
    if word in words:
        return word
    if suffix and word and not word[-1].isascii():
        for n in (1, 2):
            if word[-n:] in words:
                return word[-n:]
    return None


def _cited(text: str, m: re.Match, begin: int, end: int, refs: frozenset[str], joins: frozenset[str]) -> bool:
    """Whether the words around a label cite it rather than start an item with it."""
    word, rest = _word_before(text, begin, m.start())
    if word:
        # a bracketed label after 第5段 or 见 is cited; "6." after a sentence's last word (意见) is not
        if _ends_with(word, refs, suffix=not m.group("num")):
            return True
        join = _ends_with(word, joins)
        if join and (rest + word[:len(word) - len(join)]).rstrip().endswith(")"):
            return True  # "(a) and (b)", not "…; and (h)"
    if m.group("num"):
        return False
    # "(a) and (b)": a label joined to the next one is cited with it
    after = text[m.end():min(end, m.end() + 12)].lstrip()
    if not after or after[0] in "),;，；":
        return True
    for j in joins:
        if after.startswith(j) and after[len(j):].lstrip()[:1] == "(":
            return True
    return False


PARENT_NUMBER = re.compile(r"(?<![\w./])(\d{1,3}) ?$")  # "5 (a)", "12(b)" (not "2019 (a)" or "A/61/1 (a)")


def _parent(text: str, begin: int, m: re.Match) -> str | None:
    if not m.group("paren"):
        return None
    p = PARENT_NUMBER.search(text, max(begin, m.start() - 5), m.start())
    return p.group(1) if p else None


def _continued(stack: list[list[Label]], readings: list[tuple[str, int]]) -> tuple[int | None, tuple[str, int] | None]:
    """(depth, reading) of the innermost open list a label continues, or (None, None)."""
    for depth in range(len(stack) - 1, -1, -1):
        last = stack[depth][-1]
        for style, value in readings:
            if style == last.style and value == last.value + 1:
                return depth, (style, value)
    return None, None


# every label shape holds one of these: its opening bracket or 第, or the dot right after its (one to three) digits
LABEL_MARKS = (("(", 0), ("第", 0), (".", 3, DIGITS), ("．", 3, DIGITS))


def label_runs(text: str, begin: int = 0, end: int | None = None, *, refs: frozenset[str] = frozenset(),
               joins: frozenset[str] = frozenset(), min_run: int = 2) -> list[list[Label]]:
    """The lists numbered inside text[begin:end], each as its labels in order.

    Labels of one style must run in sequence, starting at the first ((a) then (b) …; 1. then 2. …); a list
    may hold another one ((a) (i) (ii) (b)): a label that continues an outer list closes the inner ones.
    `refs` are the words before a label that cite it, `joins` the words that join two cited labels (the
    pack's label_references and label_joins). Lists shorter than `min_run` are left out.
    Linear: one pass over the label shapes, each tried against the few lists open at that point.
    """
    end = len(text) if end is None else end
    runs: list[list[Label]] = []
    stack: list[list[Label]] = []  # open lists, outermost first
    for m in finditer_near(LABEL_SHAPE, text, begin, end, LABEL_MARKS):  # LABEL_SHAPE.finditer, quicker
        if m.lastgroup == "num" and m.start() > begin and text[m.start() - 1] in NOT_BEFORE_NUMBER:
            continue  # "2.5", "A/61/1.", "Rev.1." are no paragraph numbers (an ideograph may stand before one)
        readings = _readings(m)
        # the list this label continues (the innermost one), else the list it starts
        depth, reading = _continued(stack, readings)
        if reading is None:
            firsts = [(s, v) for s, v in readings if v == 1]
            if not firsts:
                continue
            reading = ("roman", 1) if ("roman", 1) in firsts else firsts[0]
        if _cited(text, m, begin, end, refs, joins):  # asked last: most shapes are no list label at all
            continue
        label = Label(m.group(m.lastindex), reading[0], reading[1], m.start(), m.end(), _parent(text, begin, m))
        if depth is not None:
            del stack[depth + 1:]
            stack[depth].append(label)
            continue
        if stack and stack[-1][-1].style == label.style:  # a new list of the innermost list's style replaces it
            stack.pop()
        stack.append([label])
        if len(stack) > MAX_DEPTH:  # no document nests lists deeper; the bound keeps the pass linear
            del stack[0]
        runs.append(stack[-1])
    return [r for r in runs if len(r) >= min_run]


@cache
def item_heading(lex: Lexicon) -> re.Pattern:
    """An agenda item's own heading, at a line start or inline after a sentence: "Item 16. Review of …",
    "项目 3:"; group 1 is its number with any letter ("16", "2(a)")."""
    # each word first, so the engine skips to it; a look-behind of the word's width then checks what stands before
    words = "|".join(rf"{re.escape(w)}(?<![^\s:;.。；：]{re.escape(w)})" for w in lex.item_headings) or "(?!)"
    return re.compile(rf"(?:{words})\s*(\d{{1,3}}(?:\s?\([a-z]{{1,2}}\))?)[.．:：](?!\d)")


# the items of an agenda or a topic list are short: labels this close together on average (spaced script, han)
ITEM_GAP = {True: 160, False: 80}


def is_item_list(run: list[Label], spaced: bool) -> bool:
    """A numbered list of short items (an agenda's, 1. Opening 2. Election …), not numbered paragraphs."""
    if run[0].style != "number" or run[0].value != 1 or len(run) < 3:
        return False
    return (run[-1].start - run[0].start) / (len(run) - 1) <= ITEM_GAP[spaced]
