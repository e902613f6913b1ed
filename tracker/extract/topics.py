"""Work-programme topics: a lettered list introduced by a sentence about topics or themes."""

from __future__ import annotations

import re

from tracker.domain import SourceSpan, Topic
from tracker.extract.structure import Structure

# 专题包括:, the following topics:, thematic discussions on:
TOPIC_CUE = re.compile(r"专题|主题|议题|领域|topics?|themes?|thematic|issues|areas", re.I)
LABEL = re.compile(r"\s*[(（]?([a-z]{1,2}|[ivx]{1,5})[)）]\s*")
INTRODUCES = re.compile(r"[:：]\s*$|包括|including|following")
# a list item's closing punctuation and conjunction: "…;", "…; and", "…，以及"
ITEM_END = re.compile(r"(?:[;；,，。.]\s*(?:和|以及|及|and|or)?|\s+(?:and|or))\s*$")


def find_topics(st: Structure) -> list[Topic]:
    norm = st.norm
    out: list[Topic] = []
    introduced = False
    # lettered paragraphs, and the paragraphs right before them (only those can introduce topics)
    for i in sorted({j for k in st.letters for j in (k - 1, k) if j >= 0}):
        b, e = norm.paragraphs[i]
        if i in st.letters:
            if introduced:
                m = LABEL.match(norm.text, b, e)
                title = ITEM_END.sub("", norm.display(m.end(), e)).strip()
                if title:
                    out.append(Topic(m.group(1), title, SourceSpan(*norm.original_span(b, e), i)))
            continue
        para = norm.text[b:e]
        introduced = bool(TOPIC_CUE.search(para)) and bool(INTRODUCES.search(para))
    return out
