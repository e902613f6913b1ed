"""Numbers as UN documents write them: ASCII or full-width digits, Chinese numerals, English ordinals."""

from __future__ import annotations

import re

CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}

# A Chinese or Arabic number inside a regex: 12, １２, 十二, 二〇一一
NUMBER = r"(?:\d+|[〇零○一二两三四五六七八九十百千]+)"

EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22, "twenty-third": 23,
    "twenty-fourth": 24, "twenty-fifth": 25, "thirtieth": 30,
}
EN_CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "a": 1, "an": 1,
}
# "First", "2nd", "12th", "twenty-first"
EN_ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|(?:twenty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"


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


def en_ordinal(word: str) -> int | None:
    """'Second' -> 2, '12th' -> 12."""
    w = word.lower()
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", w)
    if m:
        return int(m.group(1))
    return EN_ORDINALS.get(w)
