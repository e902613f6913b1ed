"""Layout-free text with a map back to the original.

Three things stand between a UN document and its sentences: word-segmentation spaces
in Chinese (`第4 次 会议`), lines hard-wrapped by PDF extraction, and full-width forms
(`２０１１`, `（`). `normalize` removes all three and keeps, for every character of the
result, the offset of the character it came from, so every extracted fact can point at
the original text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

# a numbered paragraph, list item or heading marker at the start of a line:
# "12.  ", "(a) ", "(iv) ", "一、", "第三条", "Annex", "附件", "• "
LINE_MARKER = re.compile(
    r"^\s*(?:\d{1,3}[.．](?!\d)|[(（](?:[a-zA-Z]{1,2}|[ivxIVX]{1,5}|\d{1,2})[)）]|[一二三四五六七八九十]+、"
    r"|第[一二三四五六七八九十\d]+条|Annex\b|ANNEX\b|附件|[•·▪●]\s|[-–]\s)"
)
SENTENCE_END = "。．.;；:：!！?？」”\"'"
# an inline paragraph number in text that lost its line breaks: "…通过 。 3. 主席 …"
INLINE_NUMBER = re.compile(r"(?<![0-9.．/A-Za-z])(\d{1,3})[.．](?=\s*[^\d\s.])")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def detect_language(text: str) -> str:
    """zh when ideographs outnumber a third of Latin letters; else en, fr, es, ru or ar by script and stopwords."""
    sample = text[:4000]
    cjk = len(re.findall(r"[\u4e00-\u9fff]", sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    cyr = len(re.findall(r"[\u0400-\u04ff]", sample))
    arab = len(re.findall(r"[\u0600-\u06ff]", sample))
    counts = {"zh": cjk * 3, "latin": latin, "ru": cyr, "ar": arab}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        return "en"
    if best != "latin":
        return best
    words = re.findall(r"[a-zà-ÿ]+", sample.lower())
    score = {
        "en": sum(w in {"the", "of", "and", "to", "meeting", "states", "parties"} for w in words),
        "fr": sum(w in {"le", "la", "les", "des", "et", "du", "réunion", "états"} for w in words),
        "es": sum(w in {"el", "la", "los", "las", "del", "y", "reunión", "estados"} for w in words),
    }
    return max(score, key=lambda k: (score[k], k == "en"))


def _width(s: str) -> int:
    """Display columns: ideographs and full-width forms count two."""
    return len(s) + len(WIDE.findall(s))


WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")


@dataclass
class Normalized:
    original: str
    lang: str
    clean: str  # layout removed, characters as written
    text: str  # clean, NFKC-folded: what the grammars match on
    to_clean: list[int]  # text index -> clean index (one extra entry for the end)
    clean_to_orig: list[int]  # clean index -> original index (one extra entry for the end)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # spans in `text`
    _starts: list[int] = field(default_factory=list, repr=False)

    def original_span(self, begin: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of text[begin:end]."""
        if end <= begin:
            o = self.clean_to_orig[self.to_clean[begin]]
            return o, o
        b = self.clean_to_orig[self.to_clean[begin]]
        e = self.clean_to_orig[self.to_clean[end - 1]] + 1
        return b, max(e, b)

    def display(self, begin: int, end: int) -> str:
        """text[begin:end] as the document writes it, layout whitespace removed."""
        return self.clean[self.to_clean[begin]:self.to_clean[end]].strip()

    def paragraph_of(self, offset: int) -> int:
        if not self._starts:
            self._starts = [p[0] for p in self.paragraphs]
        return max(0, bisect.bisect_right(self._starts, offset) - 1)


def _lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each line; \\r\\n, \\r and \\n all end a line."""
    out, start = [], 0
    for m in re.finditer(r"\r\n|\r|\n|\u2028|\u2029|\x0c", raw):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(raw)))
    return out


def _wrap_width(widths: list[int]) -> int | None:
    """The column lines were wrapped at, when most lines run close to it; None for unwrapped text."""
    if len(widths) < 4:
        return None
    ordered = sorted(widths)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    if p90 > 240 or p90 < 20:
        return None
    near = sum(w >= 0.75 * p90 for w in widths) / len(widths)
    return p90 if near >= 0.45 else None


def _paragraph_lines(raw: str, lines: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group non-blank lines into paragraphs."""
    content = []
    for s, e in lines:
        seg = raw[s:e]
        stripped = seg.strip()
        if stripped:
            lead = len(seg) - len(seg.lstrip())
            content.append((s + lead, s + lead + len(stripped), True))
        else:
            content.append((s, e, False))
    widths = [_width(raw[s:e]) for s, e, full in content if full]
    wrap = _wrap_width(widths)
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    blank_since = False
    for s, e, nonblank in content:
        if not nonblank:
            blank_since = True
            continue
        if current:
            prev = raw[current[-1][0]:current[-1][1]]
            join = (wrap is not None and _width(prev) >= 0.75 * wrap
                    and not LINE_MARKER.match(raw[s:e])
                    and not (blank_since and prev[-1] in SENTENCE_END))
            if not join:
                groups.append(current)
                current = []
        current.append((s, e))
        blank_since = False
    if current:
        groups.append(current)
    return groups


def _keep_space(left: str, right: str, lang: str) -> bool:
    """Whitespace between two characters survives only between Latin words (or always, outside Chinese)."""
    if lang != "zh":
        return True
    return _latin(left) and _latin(right) or (left in ".,;:)" and _latin(right) and not left.isdigit())


def _inline_splits(text: str, begin: int, end: int) -> list[int]:
    """Offsets where numbered paragraphs 1., 2., 3. … start inside one long paragraph."""
    if end - begin < 200:
        return []
    splits, expected = [], None
    for m in INLINE_NUMBER.finditer(text, begin, end):
        n = int(m.group(1))
        if (expected is None and n <= 2) or n == expected:
            if m.start() > begin:
                splits.append(m.start())
            expected = n + 1
    return splits if len(splits) >= 2 else []


def _fold(clean: str) -> tuple[list[str], list[int], list[int]]:
    text_chars: list[str] = []
    to_clean: list[int] = []
    clean_to_text: list[int] = []
    for ci, ch in enumerate(clean):
        clean_to_text.append(len(text_chars))
        folded = ch if ch.isascii() else (" " if ch == "\u3000" else unicodedata.normalize("NFKC", ch))
        for f in folded or " ":
            text_chars.append(f)
            to_clean.append(ci)
    clean_to_text.append(len(text_chars))
    to_clean.append(len(clean))
    return text_chars, to_clean, clean_to_text


def normalize(raw: str, lang: str | None = None) -> Normalized:
    """Remove layout from `raw`, keeping a map from every result character back into `raw`."""
    lang = lang or detect_language(raw)
    clean_chars: list[str] = []
    to_orig: list[int] = []
    para_clean: list[tuple[int, int]] = []
    for group in _paragraph_lines(raw, _lines(raw)):
        if clean_chars:
            clean_chars.append("\n")
            to_orig.append(group[0][0] - 1 if group[0][0] > 0 else 0)
        p_start = len(clean_chars)
        pending_space: int | None = None
        for li, (s, e) in enumerate(group):
            if li and clean_chars and clean_chars[-1] == "-" and lang != "zh" and e > s and raw[s].islower():
                pending_space = None  # "inter-\nsessional": the hyphen joins the halves
            elif li:
                pending_space = s - 1
            for i in range(s, e):
                ch = raw[i]
                if ch.isspace():
                    if pending_space is None:
                        pending_space = i
                    continue
                if pending_space is not None:
                    if len(clean_chars) > p_start and _keep_space(clean_chars[-1], ch, lang):
                        clean_chars.append(" ")
                        to_orig.append(pending_space)
                    pending_space = None
                if ch in "\x00\ufeff" or (unicodedata.category(ch) == "Cc"):
                    continue
                clean_chars.append(ch)
                to_orig.append(i)
        para_clean.append((p_start, len(clean_chars)))
    clean = "".join(clean_chars)
    to_orig.append(len(raw))
    # NFKC one character at a time, so each folded character maps back to its source;
    # most documents need no folding at all, and then the map is the identity
    if unicodedata.is_normalized("NFKC", clean) and "\u3000" not in clean:
        text_chars = list(clean)
        to_clean = list(range(len(clean) + 1))
        clean_to_text = to_clean
    else:
        text_chars, to_clean, clean_to_text = _fold(clean)
    text = "".join(text_chars)
    paragraphs: list[tuple[int, int]] = []
    for cb, ce in para_clean:
        tb, te = clean_to_text[cb], clean_to_text[ce]
        cuts = [tb, *_inline_splits(text, tb, te), te]
        paragraphs.extend((a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a)
    return Normalized(raw, lang, clean, text, to_clean, to_orig, paragraphs)
