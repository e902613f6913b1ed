"""Work-programme topics: a lettered list introduced by a sentence about topics or themes."""

from __future__ import annotations

import re

from tracker.domain import SourceSpan, Topic
from tracker.extract.structure import Structure

# 专题包括:, the following topics:, thematic discussions on:
TOPIC_CUE = re.compile(r"专题|主题|议题|领域|topics?|themes?|thematic|issues|areas", re.I)
LABEL = re.compile(r"\s*[(（]?([a-z]{1,2}|[ivx]{1,5})[)）]\s*")


def find_topics(st: Structure) -> list[Topic]:
    norm = st.norm
    out: list[Topic] = []
    introduced = False
    for i, (b, e) in enumerate(norm.paragraphs):
        if i not in st.letters and i + 1 not in st.letters:
            continue  # only a paragraph right before a lettered list can introduce topics
        if i in st.letters:
            if introduced:
                m = LABEL.match(norm.text, b, e)
                title = norm.display(m.end(), e)
                title = re.sub(r"(?:[;；,，。.]\s*(?:和|以及|及|and|or)?|\s+(?:and|or))\s*$", "", title).strip()
                if title:
                    out.append(Topic(m.group(1), title, SourceSpan(*norm.original_span(b, e), i)))
            continue
        para = norm.text[b:e]
        introduced = bool(TOPIC_CUE.search(para)) and bool(re.search(r"[:：]\s*$|包括|including|following", para))
    return out
