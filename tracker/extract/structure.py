"""Sentences, headings and numbered paragraphs of a normalised document."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from tracker.extract.normalize import Normalized

# "1." "12．" at the start of a paragraph
PARA_NUMBER = re.compile(r"\s*(\d{1,3})[.．]\s*")
# "(a)" "(iv)" "a)" at the start of a paragraph
PARA_LETTER = re.compile(r"\s*[(（]?([a-z]{1,2}|[ivx]{1,5})[)）]\s*")
# where an English sentence ends: ". " before a capital, not after Mr./Ms./p.m./No.
EN_SENTENCE_END = re.compile(r"[.;!?](?=\s+[A-Z(\"“])")
# words whose full stop does not end a sentence: "Mr. Smith", "p.m. The", "Rev. 1"
ABBREVIATIONS = {"mr", "ms", "mrs", "dr", "no", "st", "h.e", "a.m", "p.m", "rev", "add", "corr", "distr", "art",
                 "para", "paras", "vol", "sen", "prof", "e", "m", "i.e", "e.g", "cf", "etc"}
_LAST_WORD = re.compile(r"([\w.]+)$")
ZH_SENTENCE_END = re.compile(r"[。;!?]")


@dataclass
class Structure:
    norm: Normalized
    sentences: list[tuple[int, int]] = field(default_factory=list)
    headings: set[int] = field(default_factory=set)  # paragraph indexes
    numbers: dict[int, str] = field(default_factory=dict)  # paragraph index -> "3"
    letters: dict[int, str] = field(default_factory=dict)  # paragraph index -> "a"
    _sent_starts: list[int] = field(default_factory=list)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self._sent_starts, offset) - 1)
        return self.sentences[i] if self.sentences else (0, len(self.norm.text))

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
    rx = ZH_SENTENCE_END if norm.lang == "zh" else EN_SENTENCE_END
    limit = 40 if norm.lang == "zh" else 90
    for i, (b, e) in enumerate(norm.paragraphs):
        para = norm.text[b:e]
        start = b
        for m in rx.finditer(para):
            if norm.lang != "zh" and m.group() == ".":
                w = _LAST_WORD.search(para, max(0, m.start() - 12), m.start())
                if w and w.group(1).lower() in ABBREVIATIONS:
                    continue
            _add_sentence(st.sentences, norm.text, start, b + m.end())
            start = b + m.end()
        if start < e:
            _add_sentence(st.sentences, norm.text, start, e)
        n = PARA_NUMBER.match(para)
        if n and not re.match(r"\s*\d{1,3}[.．]\d", para):
            st.numbers[i] = n.group(1)
        lt = PARA_LETTER.match(para)
        if lt:
            st.letters[i] = lt.group(1)
        if not n and not lt and len(para.strip()) <= limit and not re.search(r"[。.;；:：,，]\s*$", para):
            st.headings.add(i)
    st._sent_starts = [s for s, _ in st.sentences]
    return st
