"""Quick scans: where words stand (str.find), and a pattern tried only where its literal heads stand."""

from __future__ import annotations

import re


def occurrences(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each of the words stands in text (str.find: far quicker than a regex alternation)."""
    out = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            out.append(i)
            i = text.find(w, i + 1)
    return out


def finditer_from(rx: re.Pattern, text: str, heads: tuple[str, ...] | None):
    """rx.finditer(text) for a pattern whose every (non-empty) match starts with one of `heads`: tried only
    where one stands, as the regex engine stops at every common letter that could start a word.
    (No heads: plain finditer.)"""
    if heads is None:
        yield from rx.finditer(text)
        return
    pos = 0
    for at in sorted(set(occurrences(text, heads))):
        if at >= pos:
            m = rx.match(text, at)
            if m:
                yield m
                pos = m.end()
