"""Word lists compiled into trie-shaped regexes, so a thousand names cost one scan of the text."""

from __future__ import annotations

import re


def trie_pattern(words: list[str]) -> str:
    """An alternation of `words` factored by common prefixes: ["ab", "ac"] -> "a(?:b|c)"."""
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


def alternation(words, spaced: bool = False) -> str:
    """Words as a regex alternation, longest first (上个月 before 上月); with `spaced`, a space in a word stands
    for any run of whitespace ("was  adopted" across a wrapped line). Plain words are factored into a trie:
    it matches what the longest-first alternation matches, but the engine tries each letter once."""
    ordered = sorted(words, key=len, reverse=True)
    if spaced:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)
    return trie_pattern(ordered)


def compile_words(words: list[str], latin: bool) -> re.Pattern:
    """Longest-first matcher; Latin names must stand as whole words."""
    body = trie_pattern(sorted(set(words), key=len, reverse=True))
    if latin:  # the word boundary before a name is checked by the caller: a look-behind here slows the scan
        return re.compile(rf"(?:{body})(?![\w-])")
    return re.compile(f"(?:{body})")


def windows(text: str, anchor: re.Pattern, before: int, after: int) -> list[tuple[int, int]]:
    """Merged stretches of `text` around every match of a cheap `anchor` regex.

    The grammars' patterns open with optional groups, which makes the regex engine try them at
    every character; running them only near their anchors (年, 月, a month name, 会议) is what keeps
    extraction fast on long documents."""
    n = len(text)
    out: list[tuple[int, int]] = []
    end = -1  # where the last stretch ends
    for m in anchor.finditer(text):  # merged as they come: the matches are in order
        b, e = m.start() - before, m.end() + after
        if out and b <= end:
            if e > end:
                end = min(n, e)
                out[-1] = (out[-1][0], end)
        else:
            end = min(n, e)
            out.append((max(0, b), end))
    return out


def windows_of(text: str, anchors: list[tuple[re.Pattern, int, int]]) -> list[tuple[int, int]]:
    """`windows` for several anchors, each with its own reach; merged and in order."""
    n = len(text)
    return _merged(sorted((max(0, m.start() - before), min(n, m.end() + after))
                          for rx, before, after in anchors for m in rx.finditer(text)))


def around(spans: list[tuple[int, int]], before: int, after: int, n: int) -> list[tuple[int, int]]:
    """Merged stretches reaching `before` characters before and `after` after each (start, end), in order,
    within a text of length n (anchors found some other way than a regex, say with str.find)."""
    return _merged([(max(0, b - before), min(n, e + after)) for b, e in spans])


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching stretches (sorted by start) joined."""
    out: list[tuple[int, int]] = []
    for b, e in spans:
        if out and b <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((b, e))
    return out


def finditer_in(rx: re.Pattern, text: str, spans: list[tuple[int, int]]):
    """rx.finditer over each stretch in turn (lookbehinds still see the text before a stretch)."""
    for b, e in spans:
        yield from rx.finditer(text, b, e)


DIGITS = "digits"  # a mark held only right after a run of digits (finditer_near)


def finditer_near(rx: re.Pattern, text: str, begin: int, end: int, marks: tuple[tuple, ...]):
    """rx.finditer(text, begin, end) for a pattern every match of which holds one of the `marks`, a literal
    standing at most `reach` characters after the match's start ((mark, reach) pairs: ("(", 0) for "(a)",
    (".", 3) for the dot after "12."). The marks are found with str.find and the pattern tried only from those
    places, in order, each match skipping past itself as finditer does: a pattern that opens with a digit class
    or a look-behind is otherwise tried at every character. Same matches as finditer (the places tried are
    a superset of those where a match can start, and each is tried with .match at the same bounds).

    A mark given as (mark, reach, DIGITS) is one that a match holds only right after its one to `reach`
    digits (the dot of "12."): only the run of digits (\\d, str.isdecimal) just before it can hold a match's
    start, so only those places are tried: a full stop after a word costs one test, not reach + 1 matches.

    The places are stretches [mark - reach, mark], tried in order of their first place; `pos` is both the end
    of the last match and the first place not tried yet, so overlapping stretches try no place twice and the
    places are tried in the order a sorted set of them would give."""
    stretches: list[tuple[int, int]] = []
    find = text.find
    for mark, reach, *digits in marks:
        i = find(mark, begin, end)
        if digits:
            while i >= 0:
                lo = i
                while lo > 0 and lo > i - reach and text[lo - 1].isdecimal():
                    lo -= 1
                if lo < i:
                    stretches.append((lo, i - 1))
                i = find(mark, i + 1, end)
            continue
        while i >= 0:
            stretches.append((i - reach, i))
            i = find(mark, i + 1, end)
    if len(marks) > 1:
        stretches.sort()
    pos = begin
    match = rx.match
    for lo, hi in stretches:
        p = lo if lo > pos else pos
        while p <= hi:
            m = match(text, p, end)
            if m is None:
                p += 1
            else:
                yield m
                p = max(m.end(), p + 1)  # an empty match moves on by one place, as the sorted places did
            pos = p


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex (split at each | outside brackets and groups)."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":  # a ] right after [ is a member
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def by_first_letter(parts: list[str]) -> str:
    """One alternation of the parts (a regex's alternatives), those opening with the same letter gathered
    under it in their order: at any place only the parts of its letter can match, so the first to match is the
    same as in the plain alternation, and the engine tests a score of letters instead of every part. (When a
    part does not open with a plain letter, or its letter is quantified ("s?"), the plain alternation.)"""
    if not all(a[:1].isalpha() and a[:1].isascii() and a[1:2] not in ("?", "*", "+", "{") for a in parts):
        return "|".join(parts)
    groups: dict[str, list[str]] = {}
    for a in parts:
        groups.setdefault(a[0], []).append(a[1:])
    return "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items())
