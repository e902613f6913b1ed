"""Numbers as UN documents write them: ASCII or full-width digits, Chinese numerals, ordinals (words from a pack)."""

from __future__ import annotations

import re

from tracker.extract.lexicon import trie_pattern
from tracker.lang import Lexicon, script_pack

# Chinese numerals may stand in any document (二〇一一 in an English one's Chinese title): read with the
# han pack's table wherever they appear
_HAN = script_pack("han")
CN_DIGITS = _HAN.numeral_digits
CN_UNITS = _HAN.numeral_units

# A Chinese or Arabic number inside a regex: 12, １２, 十二, 二〇一一
NUMBER = rf"(?:\d+|[{''.join(sorted(set(CN_DIGITS) | set(CN_UNITS)))}]+)"


def ordinal_pattern(lex: Lexicon) -> str:
    """A regex for an ordinal as the pack writes it: "12th", "First", "twenty-sixth" (longest words first)."""
    suffixes = "|".join(lex.day_suffixes) or "(?!)"
    # a trie (one letter tried once, not a hundred words at each place); it prefers the longer of two words
    # one of which begins the other, as the longest-first alternation did
    words = trie_pattern(sorted(lex.ordinal_words, key=len, reverse=True))
    return rf"(?:\d{{1,2}}(?:{suffixes})|{words})" if words else rf"(?:\d{{1,2}}(?:{suffixes}))"


def ordinal(word: str, lex: Lexicon) -> int | None:
    """'Second' -> 2, '12th' -> 12, 'Twenty-sixth' -> 26."""
    w = word.lower()
    m = re.fullmatch(rf"(\d{{1,3}})(?:{'|'.join(lex.day_suffixes) or '(?!)'})", w)
    if m:
        return int(m.group(1))
    return lex.ordinals.get(w)


def cn_to_int(text: str) -> int | None:
    """'12' -> 12, '１２' -> 12, '十二' -> 12, '二十一' -> 21, '二〇一一' -> 2011; None when not a number."""
    text = text.strip()
    if not text:
        return None
    if text.isdecimal():
        try:
            return int(text)
        except ValueError:
            return None
    if all(c in CN_DIGITS for c in text):  # positional: 二〇一一
        return int("".join(str(CN_DIGITS[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in CN_DIGITS:
            current = CN_DIGITS[c]
        elif c in CN_UNITS:
            total += (current or 1) * CN_UNITS[c]
            current = 0
        else:
            return None
    return total + current
