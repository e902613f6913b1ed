"""The terms of the search index, the same for what is stored and what is asked, on SQLite and PostgreSQL.

Chinese has no spaces between words, so a run of Han characters is indexed as its overlapping character
bigrams (会议议程 -> 会议 议议 议程) and a query's Han run becomes the phrase of its bigrams: any word of two
characters or more is found wherever it stands, without a dictionary. Other runs of letters and digits are
words, casefolded after NFKC (ＣＣＭ -> ccm). A run's last character is indexed alone too (会议议程 -> … 程),
so a query of one Han character, asked as a prefix (程*), finds it anywhere: every character of a run begins
a bigram or is its last.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Han (and kana) characters: runs of them are read as bigrams
_HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\U00020000-\U0002fa1f"
_HAN = re.compile(f"[{_HAN_CHARS}]")
# a Han run (group 1: 会议议程) or a run of other letters and digits (group 2: ccm, 2010, déjà)
_RUN = re.compile(f"([{_HAN_CHARS}]+)|([^\\W_{_HAN_CHARS}]+)")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Part:
    """One part of a query: a word, the bigrams of a Han run (matched as a phrase), or one Han character
    (matched as a prefix)."""

    terms: tuple[str, ...]
    prefix: bool = False


def _runs(text: str) -> list[tuple[bool, str]]:
    """(is_han, run) for each run of letters or digits, Han runs split from the rest."""
    return [(bool(han), han or other) for han, other in _RUN.findall(unicodedata.normalize("NFKC", text).casefold())]


def _bigrams(run: str) -> tuple[str, ...]:
    return tuple(run[i:i + 2] for i in range(len(run) - 1)) if len(run) > 1 else (run,)


def index_terms(text: str) -> str:
    """The text as index terms separated by spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if not _HAN.search(folded):  # the usual case in a Latin-script text: its words
        return " ".join(_WORD.findall(folded))
    out: list[str] = []
    for han, other in _RUN.findall(folded):
        if other:
            out.append(other)
        else:  # its bigrams, then its last character alone, which begins no bigram
            out.extend(han[i:i + 2] for i in range(len(han) - 1))
            out.append(han[-1])
    return " ".join(out)


def query_parts(text: str) -> list[Part]:
    """What a query asks for, every part required."""
    out = []
    for han, run in _runs(text):
        if han:
            out.append(Part(_bigrams(run), prefix=len(run) == 1))
        else:
            out.append(Part((run,)))
    return out


def fts5_query(parts: list[Part]) -> str:
    """SQLite FTS5 MATCH syntax: each part a quoted phrase ("会议 议程"), a lone Han character a prefix."""
    return " AND ".join('"' + " ".join(p.terms) + '"' + ("*" if p.prefix else "") for p in parts)


def tsquery(parts: list[Part]) -> str:
    """PostgreSQL tsquery syntax (read by to_tsquery('simple', …)): phrases with <->, prefixes with :*."""
    return " & ".join("(" + " <-> ".join(f"'{t}'" for t in p.terms) + (":*" if p.prefix else "") + ")"
                      for p in parts)


_SPACE = re.compile(r"\s+")


def snippet(body: str, query: str, width: int = 80) -> str:
    """A stretch of `body` around the first place the query (or its first part) stands, whole words at
    its edges where the text has spaces, on one line; '…' where it was cut."""
    text = _SPACE.sub(" ", body).strip()
    folded = text.casefold()
    if len(folded) != len(text):  # ß -> ss would shift the offsets: look case-insensitively the simple way
        folded = text.lower()
    parts = query_parts(query)
    needles = [unicodedata.normalize("NFKC", query).casefold().strip()]
    needles += [p.terms[0] if len(p.terms) == 1 else "".join(t[0] for t in p.terms) + p.terms[-1][-1]
                for p in parts]
    at = next((i for i in (folded.find(n) for n in needles if n) if i >= 0), 0)
    if len(text) <= width:
        return text
    begin = max(0, at - width // 3)
    end = min(len(text), begin + width)
    begin = max(0, min(begin, end - width))
    if begin > 0 and " " in text[max(0, begin - 20):begin]:  # do not start inside a word
        begin = text.rfind(" ", 0, begin) + 1
    if end < len(text) and " " in text[end:end + 20]:
        end = text.find(" ", end)
    return ("…" if begin > 0 else "") + text[begin:end].strip() + ("…" if end < len(text) else "")
