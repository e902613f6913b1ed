"""People's names as tracker.extract.pipeline reads them from Chinese text: the name alone, without
the words before it. (Written alongside the property tests, from bugs found there.)"""

from __future__ import annotations

import pytest

from tracker.extract.pipeline import extract


def names(text: str) -> list[str]:
    return [p.name for p in extract(text).people]


def test_speaker_at_the_start_of_a_paragraph():
    people = extract("5. 卡里米 先生 ( 约旦 ) 说 , 会议 应当 在 日内瓦 举行 。").people
    assert [(p.name, p.honorific, p.country) for p in people] == [("卡里米", "先生", "JO")]


@pytest.mark.parametrize("text", [
    "7. 主席 请 韦伯恩 先生 发言 。",
    "6. 会议 感谢 韦伯恩 先生 ( 法国 ) 所作 的 介绍 。",
], ids=["invited by the chair", "thanked by the meeting"])
def test_name_after_a_verb_is_only_the_name(text):
    assert names(text) == ["韦伯恩"]


def test_latin_name_after_a_chinese_conjunction_keeps_its_given_name():
    assert names("5. 韦伯恩 先生 和 Lena Holmberg 女士 发言 。") == ["韦伯恩", "Lena Holmberg"]
