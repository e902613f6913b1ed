"""Word lists compiled into trie-shaped regexes, so a thousand names cost one scan of the text."""

from __future__ import annotations

import re


def trie_pattern(words: list[str]) -> str:
    """An alternation of `words` factored by common prefixes: ["ab", "ac"] -> "a(?:b|c)"."""
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


def compile_words(words: list[str], latin: bool) -> re.Pattern:
    """Longest-first matcher; Latin names must stand as whole words."""
    body = trie_pattern(sorted(set(words), key=len, reverse=True))
    if latin:
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
    return re.compile(f"(?:{body})")
