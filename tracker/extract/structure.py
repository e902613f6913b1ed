"""Sentences, headings and numbered paragraphs of a normalised document."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from tracker.extract.normalize import Normalized
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


def inline_numbers(text: str, begin: int, end: int) -> list[tuple[int, int, str]]:
    """(label start, body start, number) of the paragraph numbers inside text[begin:end] that run in
    sequence (5. 6. 7.): a text that lost its line breaks still numbers its paragraphs, while a lone
    "3." or a cross-reference out of sequence is no label. Chains of two or more are kept."""
    chains: list[list[tuple[int, int, str]]] = []
    expecting: dict[int, int] = {}  # next number -> index of the chain waiting for it
    for m in INLINE_NUMBER.finditer(text, begin, end):
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
