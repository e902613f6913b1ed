"""How acts read where scripts differ by procedure, not by words: one strategy per script family, chosen
once from the pack (`act_script(lex)`), so no check asks which language or script it reads.

- Spaced (latin: English, French, …): words stand between spaces, so a verb must open a word; a verb
  carries tense ("decided" is taken, "decides" proposed); the subject may stand a clause before the
  verb ("The Meeting, having considered …, decided"); a passive or an attributive form is no act.
- Joined (han: Chinese): words touch, so a verb found anywhere counts; verbs carry no tense (a record's
  "主席团同意，…" narrates an act taken); the subject stands right before the verb, after adverbs and a
  date ("会议于2014年12月5日决定"); a clause ends at a comma; reported speech ("欢迎会议通过") is no act.

Every word still comes from the pack (act_words.ActWords); this module holds only the two procedures.
"""

from __future__ import annotations

import re
from functools import cache

from tracker.extract.act_words import ActDoc, ActWords, starts_word
from tracker.lang import Lexicon

WORD = re.compile(r"[\w'-]+")
# a date between a Chinese actor and its verb: "会议于2014年12月5日决定"
JOINED_GAP_DATE = re.compile(r"于[^,。;:]{1,20}?[年月日]$")
ACTOR_REACH = 400  # how far before a verb its subject may start
JOINED_ACTOR_REACH = 60  # a Chinese subject stands right before its verb, after adverbs and a date


def clause_start(text: str, sb: int, v0: int) -> int:
    cut = max(text.rfind(",", sb, v0), text.rfind(";", sb, v0), text.rfind(":", sb, v0), text.rfind("，", sb, v0))
    return cut + 1 if cut >= 0 else sb


class SpacedActs:
    """Acts of a spaced script (latin)."""

    def words(self, text: str, hits: list[re.Match]) -> list[re.Match]:
        """The verb matches that open a word (the verb pattern has no look-behind, for speed)."""
        return [m for m in hits if starts_word(text, m.start())]

    def opens_word(self, text: str, at: int) -> bool:
        return starts_word(text, at)

    def has_actor(self, doc: ActDoc, sb: int, v0: int) -> bool:
        """A body or officer in the clause before the verb, or the sentence's first clause."""
        w, text = doc.w, doc.st.norm.text
        before = text[max(sb, v0 - ACTOR_REACH):v0]
        low = before.lower().rstrip()
        if low.endswith(w.impersonal):
            return True
        cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"))
        if w.actors.search(before, cut + 1 if cut >= 0 else 0):
            return True
        first = before.find(",")
        return first > 0 and bool(w.actors.search(before, 0, first))

    def verb_fits(self, doc: ActDoc, v0: int, v1: int, sb: int, se: int) -> bool:
        """Not passive, attributive or negated ("was adopted", "the agreed text", "not adopted"), not a
        participle with its agent ("adopted by the Assembly")."""
        w, text = doc.w, doc.st.norm.text
        before = WORD.findall(text[max(sb, v0 - 60):v0])
        while before and _adverb(w, before[-1].lower()):
            before.pop()
        prev = before[-1].lower() if before else ""
        after_text = text[v1:min(se, v1 + 40)].lower()
        impersonal = text[max(sb, v0 - 20):v0].lower().rstrip().endswith(w.impersonal)
        if prev in w.not_before and not impersonal:
            return False
        nxt = WORD.findall(after_text)
        return not (nxt and nxt[0] in w.not_after and not after_text.lstrip().startswith(w.after_ok))

    def deferred(self, w: ActWords, after: str) -> bool:
        """ "decided to defer consideration of …": the deferral follows the verb."""
        return after.startswith(w.deferring)

    def taken(self, doc: ActDoc, verb: str, v1: int) -> bool:
        return False  # the tense says it (w.past)

    def narrated(self, doc: ActDoc, operative: bool) -> bool:
        return False  # a present-tense act is proposed unless the document records it

    def opens_operative(self, w: ActWords, m: re.Match, verb: str) -> bool:
        """ "4. Decides …": a capitalized present-tense verb may open an operative paragraph."""
        return m.group(0)[0].isupper() and verb in w.present

    def present(self, w: ActWords, verb: str, status: str) -> bool:
        return verb not in w.past

    def recalled(self, doc: ActDoc, sb: int, v0: int, verb: str) -> bool:
        """ "Recalling that the Meeting decided …"; in "Recalling …, the Meeting decides …" the present-tense
        main verb is the act."""
        w, text = doc.w, doc.st.norm.text
        return verb not in w.present and bool(w.recall.search(text, sb, v0))

    def reported(self, doc: ActDoc, sb: int, v0: int) -> bool:
        return False  # reported speech is told by the verb's form (verb_fits)

    def own(self, w: ActWords, text: str, m: re.Match) -> bool:
        """ "its 10th meeting", "the 2nd plenary meeting": a numbered sitting of the acting body's own session."""
        words = m.group(0).lower().split()
        mine = bool(words) and words[0] in w.possessive
        return any(o in words for o in w.own_meeting) or (mine and words[-1] in w.sittings)

    def bare(self, w: ActWords, between: str) -> bool:
        """A lead-in that says nothing but that items follow: "recommends that:", "made the following decisions:"."""
        return all(x.lower().strip(",") in w.lead_in for x in between.strip().split())


class JoinedActs:
    """Acts of a script whose words touch (han)."""

    def words(self, text: str, hits: list[re.Match]) -> list[re.Match]:
        return hits  # no spaces: a verb may stand right after any character

    def opens_word(self, text: str, at: int) -> bool:
        return True

    def has_actor(self, doc: ActDoc, sb: int, v0: int) -> bool:
        """A body or officer right before the verb, after adverbs and a date: "会议一致同意", "会议于2014年12月5日决定"."""
        w, text = doc.w, doc.st.norm.text
        before = text[max(sb, v0 - JOINED_ACTOR_REACH):v0].rstrip()
        while True:
            trimmed = before
            if trimmed.endswith(w.adverbs):  # one C call says whether any adverb ends it (mostly none)
                for a in w.adverbs:  # the longest first, as the loop alone would take it
                    if trimmed.endswith(a):
                        trimmed = trimmed[: -len(a)].rstrip()
                        break
            date = JOINED_GAP_DATE.search(trimmed, max(0, len(trimmed) - 24))
            if date:
                trimmed = trimmed[: date.start()].rstrip()
            if trimmed == before:
                break
            before = trimmed
        return before.endswith(w.actor_words)

    def verb_fits(self, doc: ActDoc, v0: int, v1: int, sb: int, se: int) -> bool:
        """Not attributive (通过的)."""
        after = doc.st.norm.text[v1:v1 + 3]
        return not after.startswith(doc.w.not_after)

    def deferred(self, w: ActWords, after: str) -> bool:
        """ "会议决定，第19段的审议推迟至…": the deferral stands in the act's first clause."""
        return any(x in re.split(r"[,，。;]", after, maxsplit=1)[0] for x in w.deferring)

    def taken(self, doc: ActDoc, verb: str, v1: int) -> bool:
        """A word of completion beside the verb (已决定, 决定了): the act is taken."""
        text, w = doc.st.norm.text, doc.w
        return text.startswith(w.taken, v1) or text.endswith(w.taken, 0, v1 - len(verb))

    def narrated(self, doc: ActDoc, operative: bool) -> bool:
        """No tense: "主席团同意，…" outside an operative paragraph of a draft narrates an act taken, like
        "The Bureau agreed"."""
        return not operative and not doc.draft

    def opens_operative(self, w: ActWords, m: re.Match, verb: str) -> bool:
        return verb in w.operative

    def present(self, w: ActWords, verb: str, status: str) -> bool:
        return status == "proposed"  # no tense: what the status says

    def recalled(self, doc: ActDoc, sb: int, v0: int, verb: str) -> bool:
        """No tense: 回顾 must stand in the verb's own clause."""
        w, text = doc.w, doc.st.norm.text
        return bool(w.recall.search(text, clause_start(text, sb, v0), v0))

    def reported(self, doc: ActDoc, sb: int, v0: int) -> bool:
        """ "中岛先生欢迎会议通过报告": the act is the object of someone's words, not recorded as taken."""
        text = doc.st.norm.text
        clause = text[clause_start(text, sb, v0):v0]
        return any(r in clause for r in doc.w.reported)

    def own(self, w: ActWords, text: str, m: re.Match) -> bool:
        """其第十次会议, 第4次全体会议: a numbered sitting of the acting body's own session."""
        named = m.group(0).lower()
        mine = m.start() > 0 and text[m.start() - 1] in w.possessive
        return any(o in named for o in w.own_meeting) or (mine and any(s in named for s in w.sittings))

    def bare(self, w: ActWords, between: str) -> bool:
        """决定: — a lead-in with nothing or only a lead-in word before its colon."""
        between = between.strip()
        return not between or between in w.lead_in


ACT_SCRIPTS = {"latin": SpacedActs, "han": JoinedActs}  # script -> how its acts read


@cache
def act_script(lex: Lexicon) -> SpacedActs | JoinedActs:
    """The procedures of the pack's script family, chosen once."""
    return ACT_SCRIPTS[lex.script]()


def _adverb(w: ActWords, word: str) -> bool:
    """ "formally", "also", "then": a word between a subject and its verb ("Assembly" is no adverb)."""
    return word in w.adverbs or (word.endswith("ly") and word not in w.actor_words)
