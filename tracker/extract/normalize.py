"""Layout-free text with a map back to the original.

Three things stand between a UN document and its sentences: word-segmentation spaces
in Chinese (`第4 次 会议`), lines hard-wrapped by PDF extraction, and full-width forms
(`２０１１`, `（`). `normalize` removes all three and keeps, for every character of the
result, the offset of the character it came from, so every extracted fact can point at
the original text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, compress

from tracker.extract.lexicon import DIGITS, finditer_near
from tracker.lang import FALLBACK, Lexicon, available, for_language, lexicon
from tracker.lang.detect import detect_language


@cache
def line_marker() -> re.Pattern:
    """A numbered paragraph, list item or heading marker at the start of a line: "12.  ", "(a) ", "(iv) ", "一、",
    "第三条", "• ", or an annex heading of any pack ("Annex", "ANNEX", 附件: texts mix languages)."""
    annex = []
    for lex in map(lexicon, available()):
        for w in lex.annex_headings:
            annex += [rf"{re.escape(v)}\b" for v in dict.fromkeys([w, w.upper()])] if lex.spaced else [re.escape(w)]
    return re.compile(r"\s*(?:\d{1,3}[.．](?!\d)|[(（](?:[a-zA-Z]{1,2}|[ivxIVX]{1,5}|\d{1,2})[)）]|[一二三四五六七八九十]+、"
                      r"|第[一二三四五六七八九十\d]+条|" + "".join(f"{a}|" for a in annex) + r"[•·▪●]\s|[-–]\s)")


# page numbers, UN job numbers ("GE.14-18220  2"), running header symbols alone on a line
PAGE_FURNITURE = re.compile(r"(?:GE|NY|V)\.\d{2}-\d{4,6}\b.*|\d{1,3}|-\s*\d{1,3}\s*-|[A-Z]{2,6}/[A-Z0-9./]+\s+\d{1,3}|\d{1,3}\s+[A-Z]{2,6}/[A-Z0-9./]+$")
FURNITURE_START = frozenset("0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ")
# a line laid out in columns (a cover page): never part of a wrapped paragraph
# (searched only inside a stripped line, so the run has text on both sides)
COLUMNS = re.compile(r"\s{6,}")
SENTENCE_END = "。．.;；:：!！?？」”\"'"
# an inline paragraph number in text that lost its line breaks: "…通过 。 3. 主席 …"
# (what may not stand before the number is checked by the caller: a look-behind here would slow the scan)
INLINE_NUMBER = re.compile(r"(\d{1,3})[.．](?=\s*[^\d\s.])")
NUMBER_MARKS = ((".", 3, DIGITS), ("．", 3, DIGITS))  # its dot, right after its one to three digits
NOT_BEFORE_NUMBER = frozenset("0123456789.．/ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")



def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _width(s: str) -> int:
    """Display columns, near enough: ideographs (three bytes in UTF-8) count two, ASCII one."""
    return (len(s.encode("utf-8", "surrogatepass")) + len(s)) // 2



@dataclass
class Normalized:
    original: str
    lang: str
    clean: str  # layout removed, characters as written
    text: str  # clean, NFKC-folded: what the grammars match on
    to_clean: Sequence[int]  # text index -> clean index (one extra entry for the end)
    clean_to_orig: Sequence[int]  # clean index -> original index (one extra entry for the end)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # spans in `text`
    lex: Lexicon = field(default_factory=lambda: for_language(FALLBACK))  # the pack the text is read with
    _starts: list[int] = field(default_factory=list, repr=False)
    _direct: OffsetMap | bool | None = field(default=None, repr=False, compare=False)  # see _composed

    def original_span(self, begin: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of text[begin:end]."""
        direct = self._direct
        if direct is None:
            direct = self._direct = _composed(self.to_clean, self.clean_to_orig)
        if direct is not False and 0 <= begin < end <= direct._length:
            # one map from text to original (clean_to_orig itself when no character was folded), read in
            # place: a hundred spans a document
            starts, targets = direct._starts, direct._targets
            k = bisect_right(starts, begin) - 1
            b = targets[k] + (begin - starts[k])
            k = bisect_right(starts, end - 1, k) - 1
            e = targets[k] + (end - starts[k])
            return b, max(e, b)
        if end <= begin:
            o = self.clean_to_orig[self.to_clean[begin]]
            return o, o
        b = self.clean_to_orig[self.to_clean[begin]]
        e = self.clean_to_orig[self.to_clean[end - 1]] + 1
        return b, max(e, b)

    def display(self, begin: int, end: int) -> str:
        """text[begin:end] as the document writes it, layout whitespace removed."""
        return self.clean[self.to_clean[begin]:self.to_clean[end]].strip()

    def paragraph_of(self, offset: int) -> int:
        if not self._starts:
            self._starts = [p[0] for p in self.paragraphs]
        i = bisect_right(self._starts, offset) - 1
        return i if i > 0 else 0  # (a conditional, not max(): asked hundreds of times a document)


def _composed(to_clean: Sequence[int], clean_to_orig: Sequence[int]) -> OffsetMap | bool:
    """The map text -> original as one OffsetMap (clean_to_orig read through to_clean), built once from the
    runs of both: a span's offsets then cost two bisections, not four. False when a map is not made of runs."""
    if type(clean_to_orig) is not OffsetMap:
        return False
    if type(to_clean) is range:
        return clean_to_orig if to_clean.start == 0 and to_clean.step == 1 else False
    if type(to_clean) is not OffsetMap:
        return False
    cs, ct, cn = clean_to_orig._starts, clean_to_orig._targets, clean_to_orig._length
    ts, tt, tn = to_clean._starts, to_clean._targets, to_clean._length
    starts: list[int] = []
    targets: list[int] = []
    for k, s in enumerate(ts):  # each run of text -> clean, cut where a run of clean -> original starts
        e = ts[k + 1] if k + 1 < len(ts) else tn
        c0, c1 = tt[k], tt[k] + (e - s)  # the clean offsets the run covers
        j = bisect_right(cs, c0) - 1
        if c1 > cn or j < 0:
            return False
        c = c0
        while c < c1:
            starts.append(s + (c - c0))
            targets.append(ct[j] + (c - cs[j]))
            j += 1
            c = cs[j] if j < len(cs) and cs[j] < c1 else c1
    return OffsetMap(starts, targets, tn)


ODD_BREAKS = ("\r", "\u2028", "\u2029", "\x0c")  # line ends other than \n (str `in`: no regex scan per text)


def _lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each line; \\r\\n, \\r and \\n all end a line."""
    out, start = [], 0
    if not any(b in raw for b in ODD_BREAKS):  # only \\n: str.split is quicker than a regex
        for line in raw.split("\n"):
            out.append((start, start + len(line)))
            start += len(line) + 1
        return out
    for m in re.finditer(r"\r\n|\r|\n|\u2028|\u2029|\x0c", raw):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(raw)))
    return out


def _wrap_width(widths: list[int]) -> int | None:
    """The column lines were wrapped at, when most lines run close to it; None for unwrapped text."""
    if len(widths) < 4:
        return None
    ordered = sorted(widths)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    if p90 > 240 or p90 < 20:
        return None
    near = sum(w >= 0.75 * p90 for w in widths) / len(widths)
    return p90 if near >= 0.3 and near * len(widths) >= 4 else None


def _paragraph_lines(raw: str, lines: list[tuple[int, int]],
                     months: Mapping[str, int] | None = None) -> list[list[tuple[int, int]]]:
    """Group non-blank lines into paragraphs."""
    marker = line_marker()
    content: list[tuple[int, int, int]] = []  # (start, end, display width); width 0 for a blank line
    days: set[int] = set()  # indexes in `content` of a date card's day, kept and joined to its month
    for i, (s, e) in enumerate(lines):
        seg = raw[s:e]
        stripped = seg.strip()
        if not stripped:
            content.append((s, e, 0))
        elif not (len(stripped) < 40 and stripped[0] in FURNITURE_START
                  and PAGE_FURNITURE.fullmatch(stripped)):  # drop page footers, headers
            lead = len(seg) - len(seg.lstrip())
            content.append((s + lead, s + lead + len(stripped), _width(stripped)))
        elif months and _card_day(raw, stripped, lines, i, months):
            days.add(len(content))
            lead = len(seg) - len(seg.lstrip())
            content.append((s + lead, s + lead + len(stripped), _width(stripped)))
    wrap = _wrap_width([w for i, (_, _, w) in enumerate(content) if w and i not in days])
    if days and wrap is None:
        return _cards_joined(content, days)
    if days:  # a wrapped text (a PDF) has page numbers, not cards: dropped as before
        content = [c for i, c in enumerate(content) if i not in days]
    if wrap is None:  # not wrapped: every line is a paragraph
        return [[(s, e)] for s, e, width in content if width]
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    prev_width, prev_columns = 0, False
    blank_since = False
    for s, e, width in content:
        if not width:
            blank_since = True
            continue
        columns = COLUMNS.search(raw, s, e) is not None
        if current:
            join = (prev_width >= 0.75 * wrap and not prev_columns and not columns
                    and not marker.match(raw, s, e)
                    and not (blank_since and raw[current[-1][1] - 1] in SENTENCE_END))
            if not join:
                groups.append(current)
                current = []
        current.append((s, e))
        prev_width, prev_columns = width, columns
        blank_since = False
    if current:
        groups.append(current)
    return groups


def _card_day(raw: str, stripped: str, lines: list[tuple[int, int]], i: int, months: Mapping[str, int]) -> bool:
    """A web page's date card: a day alone on its line (not a page number), its month (and year) on the next
    non-blank line ("05" / "March2025")."""
    if not (stripped.isdigit() and len(stripped) <= 2 and 1 <= int(stripped) <= 31):
        return False
    for s, e in lines[i + 1:i + 4]:
        nxt = raw[s:e].strip()
        if nxt:
            word = re.match(r"[^\W\d_]+", nxt)
            return word is not None and word.group().lower() in months
    return False


def _cards_joined(content: list[tuple[int, int, int]], days: set[int]) -> list[list[tuple[int, int]]]:
    """Paragraphs of a text with date cards: each card's day and month line make one paragraph."""
    groups: list[list[tuple[int, int]]] = []
    pending: list[tuple[int, int]] = []
    for i, (s, e, width) in enumerate(content):
        if not width:
            continue
        if i in days:
            pending.append((s, e))
            continue
        groups.append([*pending, (s, e)])
        pending = []
    if pending:
        groups.append(pending)
    return groups


def _keep_space(left: str, right: str, spaced: bool) -> bool:
    """Whitespace between two characters survives only between Latin words (or always, in a spaced script)."""
    if spaced:
        return True
    return _latin(left) and _latin(right) or (left in ".,;:)" and _latin(right) and not left.isdigit())


def _inline_splits(text: str, begin: int, end: int) -> list[int]:
    """Offsets where numbered paragraphs 1., 2., 3. … start inside one long paragraph."""
    if end - begin < 200 or all(text.find(first, begin, end) == -1 for first in ("1.", "2.", "0.")):
        return []  # too short, or no 1. or 2. to start the numbering
    splits, expected = [], None
    for m in finditer_near(INLINE_NUMBER, text, begin, end, NUMBER_MARKS):  # INLINE_NUMBER.finditer, quicker
        if m.start() and text[m.start() - 1] in NOT_BEFORE_NUMBER:
            continue
        n = int(m.group(1))
        if (expected is None and n <= 2) or n == expected:
            if m.start() > begin:
                splits.append(m.start())
            expected = n + 1
    return splits if len(splits) >= 2 else []


# full-width ASCII and the ideographic space, folded one character for one
FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
FULLWIDTH_RX = re.compile("[\uff01-\uff5e\u3000]")
# characters NFKC may change, once full-width forms are folded: everything but ASCII and common ideographs
# (CJK punctuation, quotation marks and dashes are NFKC-stable and common, so they are skipped too)
MAYBE_FOLDED = re.compile(r"[^\x00-\x7f\u4e00-\u9fff\u3001-\u3035\u3037\u2010\u2012-\u2015\u2018-\u201f\u00b7]")
# control characters and byte-order marks, dropped from the text
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufeff]")


class OffsetMap(Sequence[int]):
    """A non-decreasing map between two texts' offsets, kept as runs: index i of the run starting
    at `starts[k]` maps to `targets[k] + (i - starts[k])`. A few runs stand for thousands of offsets."""

    __slots__ = ("_length", "_starts", "_targets")

    def __init__(self, starts: list[int], targets: list[int], length: int) -> None:
        self._starts, self._targets, self._length = starts, targets, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i):  # type: ignore[override]
        if type(i) is not int or not 0 <= i < self._length:  # the rare case first checked, cheaply
            if isinstance(i, slice):
                return [self[j] for j in range(*i.indices(self._length))]
            if -self._length <= i < 0:
                return self[i + self._length]
            raise IndexError(i)
        k = bisect_right(self._starts, i) - 1
        return self._targets[k] + (i - self._starts[k])


class _Runs:
    """A clean -> original offset map written piece by piece: a line copied whole adds one run, not one
    entry per character (the list interface the line writers use: append, extend)."""

    __slots__ = ("starts", "targets", "n", "last")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.targets: list[int] = []
        self.n = 0  # offsets written
        self.last = -2  # the original offset of the last one (-2: none yet, so the first starts a run)

    def __len__(self) -> int:
        return self.n

    def _run(self, first: int, count: int) -> None:
        if count <= 0:
            return
        if first != self.last + 1:  # not the continuation of the run before
            self.starts.append(self.n)
            self.targets.append(first)
        self.n += count
        self.last = first + count - 1

    def append(self, i: int) -> None:
        self._run(i, 1)

    def extend(self, offsets) -> None:
        if type(offsets) is range and offsets.step == 1:
            self._run(offsets.start, len(offsets))
            return
        for i in offsets:
            self._run(i, 1)

    def extend_words(self, text: str, offset: int) -> None:
        """The offsets of `text`'s characters other than spaces, `text` starting at `offset`: one run per
        stretch between spaces (a word-segmented Chinese line has a space after every word)."""
        lengths = list(map(len, text.split(" ")))
        # where each stretch starts in the output and in the original (one space further on than the one before
        # ends), summed in C; an empty stretch (two spaces in a row) starts no run
        written = list(compress(accumulate(lengths, initial=self.n), lengths))
        origins = list(compress(accumulate(map((1).__add__, lengths), initial=offset), lengths))
        if not written:
            return
        if origins[0] == self.last + 1:  # the first stretch continues the run before; no later one can (a space precedes it)
            del written[0], origins[0]
        self.starts += written
        self.targets += origins
        self.n += sum(lengths)
        self.last = offset + len(text.rstrip(" ")) - 1  # the last character that is not a space

    def offset_map(self) -> OffsetMap:
        return OffsetMap(self.starts, self.targets, self.n)


def _fold(clean: str) -> tuple[str, Sequence[int], Sequence[int]]:
    """NFKC `clean`, with maps text -> clean and clean -> text (one extra entry each for the end)."""
    n = len(clean)
    identity = range(n + 1)  # indexes like a list, costs nothing
    if clean.isascii():  # (a flag of the string: no scan) nothing to fold in an ASCII text
        return clean, identity, identity
    narrow = clean
    for ch in set(FULLWIDTH_RX.findall(clean)):  # a few distinct characters: str.replace beats translate
        narrow = narrow.replace(ch, chr(FULLWIDTH[ord(ch)]))
    if not MAYBE_FOLDED.search(narrow):
        return narrow, identity, identity
    pieces: list[str] = []
    text_runs: list[int] = []  # runs of text -> clean
    text_targets: list[int] = []
    clean_runs: list[int] = []  # runs of clean -> text
    clean_targets: list[int] = []
    done = t = 0  # clean and text offsets written so far
    for m in MAYBE_FOLDED.finditer(narrow):
        ch = m.group()
        folded = unicodedata.normalize("NFKC", ch) or " "
        if folded == ch:
            continue
        i = m.start()
        pieces += (narrow[done:i], folded)
        text_runs.append(t)
        text_targets.append(done)
        clean_runs += (done, i)
        t += i - done
        clean_targets += (t - (i - done), t)
        for k in range(len(folded)):  # every character of the expansion maps back to the one it came from
            text_runs.append(t + k)
            text_targets.append(i)
        t += len(folded)
        done = i + 1
    if not pieces:
        return narrow, identity, identity
    pieces.append(narrow[done:])
    text_runs.append(t)
    text_targets.append(done)
    clean_runs.append(done)
    clean_targets.append(t)
    text_length = t + n - done
    return ("".join(pieces), OffsetMap(text_runs, text_targets, text_length + 1),
            OffsetMap(clean_runs, clean_targets, n + 1))


# whitespace that survives in Chinese text: between two Latin words ("Maria Lopez"); the caller checks
# the character before (a look-behind here would slow the scan)
ZH_KEPT_SPACE = re.compile(r"\s+(?=[A-Za-z0-9])")
SPACE_RUN = re.compile(r"\s+")
LATIN_BEFORE_SPACE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,;:)")
# a quick test for the rare line that keeps a space (charset first, so the engine skips ahead)
LATIN_SPACE_LATIN = re.compile(r"[A-Za-z0-9.,;:)]\s+[A-Za-z0-9]")
# whitespace other than one plain space: a run of two or more, or one tab, newline, no-break space …
# (written to open with a character class, so that the regex engine skips from one space to the next)
DOUBLE_SPACE = re.compile("  +")
ODD_SPACE = re.compile(r"\s(?:(?<=[^ ])\s*|\s+)")


def _zh_line(line: str, offset: int, out: list[str], mapping: _Runs) -> None:
    """Write a line of Chinese without its segmentation spaces; Latin words keep one space between them."""
    done = 0
    if " " not in line and line.isprintable():  # no whitespace at all (isprintable is False for tabs, NBSP …)
        out.append(line)
        mapping.extend(range(offset, offset + len(line)))
        return
    if LATIN_SPACE_LATIN.search(line):  # the rare line with a space to keep
        for m in ZH_KEPT_SPACE.finditer(line):
            if m.start() and line[m.start() - 1] in LATIN_BEFORE_SPACE:
                _without_spaces(line[done:m.start()], offset + done, out, mapping)
                out.append(" ")
                mapping.append(offset + m.start())
                done = m.end()
    _without_spaces(line[done:] if done else line, offset + done, out, mapping)


def _without_spaces(text: str, offset: int, out: list[str], mapping: _Runs) -> None:
    """Write `text` with all its whitespace dropped, keeping the offset of each character."""
    if " " not in text and text.isprintable():
        out.append(text)
        mapping.extend(range(offset, offset + len(text)))
    elif "\t" in text or "\u3000" in text or "\xa0" in text:
        out.append(SPACE_RUN.sub("", text))
        mapping.extend([i for i, c in enumerate(text, offset) if not c.isspace()])
    else:
        out.append(text.replace(" ", ""))
        mapping.extend_words(text, offset)


def _latin_line(line: str, offset: int, out: list[str], mapping: _Runs) -> None:
    """Write a line of alphabetic text with every run of whitespace made one space."""
    done = 0
    printable = line.isprintable()  # False for tabs, no-break and ideographic spaces …
    if "  " in line or not printable:  # usually the line is already clean
        for m in (DOUBLE_SPACE if printable else ODD_SPACE).finditer(line):
            out.append(line[done:m.start()])
            mapping.extend(range(offset + done, offset + m.start()))
            if m.start() > 0 and m.end() < len(line):
                out.append(" ")
                mapping.append(offset + m.start())
            done = m.end()
    out.append(line[done:] if done else line)
    mapping.extend(range(offset + done, offset + len(line)))


def _slow_line(line: str, offset: int, spaced: bool, out: list[str], mapping: _Runs) -> None:
    """Character by character, for the rare line with control characters in it."""
    kept: list[str] = []
    pending = None
    for i, ch in enumerate(line, offset):
        if ch.isspace():
            pending = i if pending is None else pending
            continue
        if CONTROL.match(ch):
            continue
        if pending is not None and kept and _keep_space(kept[-1], ch, spaced):
            kept.append(" ")
            mapping.append(pending)
        pending = None
        kept.append(ch)
        mapping.append(i)
    out.append("".join(kept))


VARIANT_SAMPLE = 4000  # characters looked at to tell a text written in variants (繁體) from one that cites one
VARIANT_SHARE = 50  # one character in this many of the sample a variant: the text is written in them


ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # a character beyond the Basic Multilingual Plane


@cache
def _variant_finder(name: str) -> re.Pattern:
    """The variant characters of table `name` that lie in the Basic Multilingual Plane, as one character class.
    The regex engine tests such a class with a bitmap, one step a character (a Python loop over the sample
    costs fifteen times more); characters beyond the plane would turn it into a list searched one by one, so
    those few are counted apart (see _variant_count)."""
    from tracker.lang import variant_folds

    chars = sorted(chr(k) for k in variant_folds(name) if k <= 0xFFFF)
    return re.compile("[" + "".join(map(re.escape, chars)) + "]" if chars else "(?!)")


def _variant_count(sample: str, name: str) -> int:
    """How many characters of `sample` the variant table `name` maps."""
    found = len(_variant_finder(name).findall(sample))
    if ASTRAL.search(sample):  # rare: a character beyond the plane, looked up one by one
        from tracker.lang import variant_folds

        table = variant_folds(name)
        found += sum(1 for c in ASTRAL.findall(sample) if ord(c) in table)
    return found


def _variants_folded(text: str, name: str) -> str:
    """A text written in the pack's variant characters (締約國第二次會議) read in its own (缔约国第二次会议), one
    character for one, so every offset stays; a text that only has a few (a name, a quotation) is left alone."""
    from tracker.lang import variant_folds

    sample = text[:VARIANT_SAMPLE]
    found = _variant_count(sample, name)
    if found < 3 or found * VARIANT_SHARE < len(sample):
        return text
    return text.translate(variant_folds(name))


def normalize(raw: str, code: str | None = None) -> Normalized:
    """Remove layout from `raw`, keeping a map from every result character back into `raw`. `code` names
    the language (else it is detected); its pack (or the fallback pack) says how layout is removed."""
    lang = code or detect_language(raw)
    lex = for_language(lang)
    spaced = lex.spaced
    pieces: list[str] = []
    to_orig = _Runs()
    para_clean: list[tuple[int, int]] = []
    last = ""  # the last character written
    controls = CONTROL.search(raw) is not None
    for group in _paragraph_lines(raw, _lines(raw), lex.months if spaced else None):
        if to_orig.n:
            pieces.append("\n")
            to_orig.append(group[0][0] - 1 if group[0][0] > 0 else 0)
            last = "\n"
        p_start = to_orig.n
        pending: int | None = None  # where a run of whitespace began, not yet written
        for li, (s, e) in enumerate(group):
            if li and last == "-" and spaced and e > s and raw[s].islower():
                pending = None  # "inter-\nsessional": the hyphen joins the halves
            elif li:
                pending = s - 1
            if pending is not None and to_orig.n > p_start and e > s and _keep_space(last, raw[s], spaced):
                pieces.append(" ")
                to_orig.append(pending)
                last = " "
            pending = None
            line = raw[s:e]
            written = to_orig.n
            if controls and CONTROL.search(line):
                _slow_line(line, s, spaced, pieces, to_orig)
            elif spaced:
                _latin_line(line, s, pieces, to_orig)
            else:
                _zh_line(line, s, pieces, to_orig)
            if to_orig.n > written:
                last = raw[to_orig.last]
        para_clean.append((p_start, to_orig.n))
    clean = "".join(pieces)
    to_orig.append(len(raw))
    clean_to_orig = to_orig.offset_map()
    text, to_clean, clean_to_text = _fold(clean)
    if lex.variants:
        text = _variants_folded(text, lex.variants)
    paragraphs: list[tuple[int, int]] = []
    for cb, ce in para_clean:
        tb, te = clean_to_text[cb], clean_to_text[ce]
        splits = _inline_splits(text, tb, te)
        if not splits:
            if te > tb:
                paragraphs.append((tb, te))
            continue
        cuts = [tb, *splits, te]
        paragraphs.extend((a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a)
    return Normalized(raw, lang, clean, text, to_clean, clean_to_orig, paragraphs, lex=lex)
