"""Which language a text is written in: by script (ideographs, Cyrillic, Arabic), then, among texts in
Latin letters, by counting each language's stopwords. The stopword lists live here, beside the packs,
and cover languages that have no pack yet (es): detection names them, `for_language` reads them with
the fallback pack.

Standard library only.
"""

from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
STOPWORDS = {
    "en": (" the ", " of ", " and ", " to ", " meeting", " states "),
    "fr": (" le ", " la ", " les ", " des ", " et ", " du ", " réunion"),
    "es": (" el ", " los ", " las ", " del ", " y ", " reunión"),
}


def detect_language(text: str) -> str:
    """zh when ideographs outnumber a third of Latin letters; else ru or ar by script, en, fr or es by stopwords."""
    sample = text[:1500]
    if sample.isascii():
        return "en" if not any(sample.count(w) for w in STOPWORDS["fr"] + STOPWORDS["es"]) else _latin_language(sample)
    cjk = sum(map(len, CJK.findall(sample)))  # runs of ideographs: far fewer strings than one per character
    if cjk * 3 >= len(sample):  # nothing else can outnumber the ideographs
        return "zh"
    if cjk >= BILINGUAL_MIN and _ideographs_first(sample):
        return "zh"  # a bilingual text (each Chinese paragraph followed by its English) is read in its first language
    cyr = len(CYRILLIC.findall(sample))
    arab = len(ARABIC.findall(sample))
    latin = len(LATIN_LETTER.findall(sample)) if cjk * 3 < len(sample) else 0
    counts = {"zh": cjk * 3, "latin": latin, "ru": cyr, "ar": arab}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        return "en"
    return _latin_language(sample) if best == "latin" else best


BILINGUAL_MIN = 100  # ideographs in the sample that make a text bilingual rather than English with a Chinese name
FIRST_LETTER = re.compile(r"[\u4e00-\u9fffA-Za-z\u0400-\u04ff\u0600-\u06ff]")


def _ideographs_first(sample: str) -> bool:
    m = FIRST_LETTER.search(sample)
    return bool(m) and "\u4e00" <= m.group() <= "\u9fff"


def _latin_language(sample: str) -> str:
    lowered = " " + sample.lower().replace("\n", " ") + " "
    score = {lang: sum(lowered.count(w) for w in words) for lang, words in STOPWORDS.items()}
    return max(score, key=lambda k: (score[k], k == "en"))
