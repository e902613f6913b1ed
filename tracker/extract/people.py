"""People: speakers, chairs and appointees with honorific, state or organisation, group spoken for, role."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from tracker.domain import Person, SourceSpan
from tracker.extract.instruments import whole_word
from tracker.extract.lexicon import alternation, alternatives, by_first_letter
from tracker.extract.structure import Structure
from tracker.lang import Lexicon, available, lexicon


def _any_case(words: str) -> str:
    r"""`words` in any case, like (?i:words), as two alternatives that open with a literal, so a search
    can skip ahead to them: "Executive\s+Coordinator" -> "E(?i:xecutive\s+Coordinator)|e(?i:…)".
    (Only for a first letter that no other character matches without case, as "i" is by "İ".)"""
    return f"{words[0].upper()}(?i:{words[1:]})|{words[0].lower()}(?i:{words[1:]})"


# a name word after its capital: letters, not ideographs ("Smith" in "Mr. Smith主席", "CD" in "CD主席先生": a
# name in Latin letters ends where Han characters begin)
_LETTER = r"[^\W\d_\u3400-\u9fff\uf900-\ufaff]"
_WORD_REST = rf"{_LETTER}*(?:['’\-]{_LETTER}+)*"


def _words(lex: Lexicon, key: str) -> str:
    """The pack's [people.words] `key` as a regex alternation, in the pack's order; "(?!)" for none."""
    return "|".join(map(re.escape, lex.people_words.get(key, ()))) or "(?!)"


@cache
def _more_words() -> str:
    """A name's words after its first: capitalized, or a particle of any pack's [names] ("de", "van", "bin"),
    up to four: "Juan de la Cruz", "Ludwig van Beethoven"."""
    seen = dict.fromkeys(w for lex in _each_pack() for w in lex.name_particles)
    particles = rf"(?:{'|'.join(map(re.escape, seen))})(?!{_LETTER})|" if seen else ""  # whole: "del", not "de" of it
    return rf"(?: +(?:{particles}[A-ZÀ-Ý]{_WORD_REST})){{0,4}}"


@cache
def latin_name() -> str:
    """A person's name in Latin letters, as a regex: "Okafor", "Maria Lopez", "Juan de la Cruz"."""
    return rf"[A-ZÀ-Ý]{_WORD_REST}{_more_words()}"


def honorific_pattern(lex: Lexicon, dots: bool = True) -> str:
    """The pack's honorifics as a regex alternation: "H.E. Mr.", "H.E.", "Mr.", "Ambassador"; a final
    "." may be left out unless `dots` ("Mr Smith").  A courtesy stands alone or before an abbreviation."""
    dot = r"\.?" if dots else r"\."
    abbreviated = [h[:-1] for h in lex.honorifics if h.endswith(".")]
    out = []
    for c in lex.courtesy:
        if abbreviated:
            out.append(rf"{re.escape(c)}\s+(?:{'|'.join(map(re.escape, abbreviated))}){dot}")
        out.append(re.escape(c))
    out += [re.escape(h[:-1]) + dot if h.endswith(".") else re.escape(h) for h in lex.honorifics]
    return "|".join(out)


@lru_cache(maxsize=8)
def _person(lex: Lexicon) -> re.Pattern:
    """A person as the pack writes one: 卡里米先生(约旦) (name before its honorific: the pattern is the
    honorific and the state or body in brackets, the name is read backwards from it), or Mr. Okafor
    (Nigeria), Ambassador Maria Lopez (honorific, name, bracket)."""
    if lex.name_before_honorific:
        return re.compile(rf"(?P<hon>{honorific_pattern(lex)})(?:\s*[(（](?P<paren>[^)）]{{1,40}})[)）])?")
    return re.compile(rf"(?P<hon>{_latin_before_name(lex)})\s+(?!(?:{honorific_pattern(lex)})\s)(?P<name>{latin_name()})"
                      rf"(?:\s*\((?P<paren>[^)]{{1,60}})\))?")


def _latin_before_name(lex: Lexicon) -> str:
    """What may stand before a name in a spaced script: the honorifics, then the titles ("Secretary-General
    Ban Ki-moon", "President Thorsson": not inside "Vice-President"), each also in capitals as cables write
    them ("MME THORSSON"). Every alternative opens with its first letter and checks what stands before
    it only then, so the regex engine can skip from one possible first letter to the next."""
    titles = sorted([*lex.titles, *lex.presiding_titles], key=len, reverse=True)
    upper = sorted((h.upper() for h in (*lex.honorifics, *lex.courtesy)), key=len, reverse=True)
    words = [honorific_pattern(lex)]
    # a title is a name's only when it stands bare on the name's line: "the Chairman" names a post, and a
    # title that ends a line ("Submitted by the Chairman") is not followed by its bearer's name
    words += [rf"{_opened(t)}(?<!the .)(?<!The .)(?<!THE .){re.escape(t[1:])}(?= +\S)" for t in titles]
    words += [_opened(u) + re.escape(u[1:]).replace(r"\.", r"\.?") + r"(?![\w])" for u in upper]
    words += [rf"{_opened(t.upper())}(?<!THE .){re.escape(t.upper()[1:])}(?= +\S)" for t in titles]
    return by_first_letter(alternatives("|".join(words)))


def _opened(word: str) -> str:
    """The first letter of `word`, not inside another word: "P" not after a letter or "-" (Vice-President)."""
    return rf"{re.escape(word[0])}(?<![\w-].)"


ZH_NAME_RUN = re.compile(r"[\u4e00-\u9fff·]{1,14}\Z")


@cache
def _latin_name_tail() -> re.Pattern:
    """A name in Latin letters that ends the text searched (Smith before 先生). (The look-behind comes after the
    capital, so the regex engine can skip from capital to capital.)"""
    return re.compile(rf"(?P<name>[A-ZÀ-Ý](?<![A-Za-z].){_WORD_REST}{_more_words()})\s*\Z")


@lru_cache(maxsize=8)
def _han_before_name(lex: Lexicon) -> tuple[re.Pattern | None, re.Pattern | None]:
    """What stands before a name in a run of ideographs, from the pack's words: the last of its words
    (主席请|会议感谢|…委员会的|…股长), and a body and its post (执行支助股股长…, 裁军事务厅日内瓦办事处主任…)."""
    words = lex.people_words
    before = [*words.get("before_name", ()), *words.get("body_posts", ())]
    posts, ends = "|".join(map(re.escape, words.get("body_posts", ()))), "|".join(map(re.escape, words.get("body_ends", ())))
    return (re.compile(rf"^.*(?:{'|'.join(map(re.escape, before))})") if before else None,
            re.compile(rf"(?P<org>[\u4e00-\u9fff]{{2,20}}?(?:{ends}))(?:{posts})$") if posts and ends else None)


def _state_at_end(run: str, countries: dict[str, str]) -> str | None:
    """The longest country name that ends `run` ("第三次会议的主席由泰国" -> TH)."""
    for k in range(len(run), 1, -1):
        if run[-k:] in countries:
            return countries[run[-k:]]
    return None


@lru_cache(maxsize=8)
def _han_titled(lex: Lexicon) -> re.Pattern | None:
    """A post before a name and its state in brackets, no honorific: 主席李明(中国) (not 副主席)."""
    titles = sorted([*lex.titles, *lex.presiding_titles], key=len, reverse=True)
    if not titles:
        return None
    # each title opens with its first character, then checks what stands before it: a pattern that opens
    # with a look-behind is tried at every character, one that opens with a literal skips to it
    titled = "|".join(rf"{re.escape(t[0])}(?<!副{re.escape(t[0])}){re.escape(t[1:])}" for t in titles)
    return re.compile(rf"(?P<hon>{titled})(?P<name>[\u4e00-\u9fff·]{{2,4}})"
                      r"[(（](?P<paren>[^)）]{1,30})[)）]")


def zh_people(text: str, lex: Lexicon):
    """(name begin, name end, match) for each honorific with a name before it, then each name after a post
    (its state in brackets) that no honorific follows."""
    yield from _han_honorific_people(text, lex)
    titled = _han_titled(lex)
    if titled:
        for m in titled.finditer(text):
            if not m.group("name").endswith(lex.honorifics):  # 主席李明大使(中国): the honorific's reading has it
                yield m.start("name"), m.end("name"), m


def _han_honorific_people(text: str, lex: Lexicon):
    latin_tail = _latin_name_tail()
    for m in _person(lex).finditer(text):
        pos = m.start()
        latin = latin_tail.search(text, max(0, pos - 60), pos)
        if latin:
            yield latin.start("name"), latin.end("name"), m
            continue
        run = ZH_NAME_RUN.search(text, max(0, pos - 14), pos)
        if not run:
            continue
        before = _han_before_name(lex)[0]
        lead = before.match(run.group()) if before else None
        begin = run.start() + (lead.end() if lead else 0)
        if pos - begin >= 2:
            yield begin, pos, m


# 奥地利的 / 奥地利 right before a name
ZH_STATE_BEFORE = re.compile(r"(?:^|[、,，:：请由.\d\s])(?P<c>[\u4e00-\u9fff]{2,12}?)(?:的)?$")
ZH_PERMREP = re.compile(r"(?P<c>[\u4e00-\u9fff]{2,16})(?:常驻|驻)[^,，。]{0,20}?(?:代表|大使)$")
ZH_CHAIR_TO_BE = re.compile(r"主席由[^。]{0,40}担任")
# appointed "as President of" a meeting still to come: the president-designate
OF_STATE = re.compile(r"\bof\s+(?:the\s+)?([A-Z][\w ’'-]+)$")
NAME_SPACE = re.compile(r"[\s·]")


@lru_cache(maxsize=8)
def _org_after(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    """After a name (spaced script), the body or state its bearer is of, from the pack's [people.words]: a
    comma, a post and the body it serves ("Ms. Holmqvist, Ambassador and Permanent Representative of Sweden to
    …", "Mr. Aas, Director of the ISU"), or the body right after the name ("Mr. Aas from the ISU, …")."""
    joins = "".join(f"{re.escape(w)}|" for w in lex.people_words.get("org_joins", ()))
    post_words = "".join(f"{re.escape(w)}|" for w in lex.people_words.get("post_words", ()))
    appositive = re.compile(rf",\s+(?:(?:{post_words}[A-Z][\w-]*)\s+){{1,6}}?(?:{_words(lex, 'post_of')})\s+(?:the\s+)?"
                            rf"(?P<org>[A-Z][\w’'-]*(?:\s+(?:{joins}[A-Z][\w’'-]*))*?)"
                            rf"(?=\s*(?:[,.;(]|\s+(?:{_words(lex, 'post_closes')})\b))")
    after = re.compile(rf"^\s*(?:,\s*)?(?:{_words(lex, 'org_opens')})\s+(?:the\s+)?(?P<org>[A-Z][\w\-’' ]+?(?:\s*\([A-Z]{{2,10}}\))?)"
                       rf"(?=[,.;:]|\s+(?:{_words(lex, 'org_closes')})\b)")
    return appositive, after


@lru_cache(maxsize=8)
def _staff_with(lex: Lexicon) -> re.Pattern:
    """Right after a Secretariat title's bearer, the unit they head, from the pack's [people.words]: "Under-Secretary-
    General Chen and the Department for General Assembly and Conference Management, which …" (staff_with, then a
    unit's first word: staff_units, then its capitalized words and org_joins, up to a stop or a lower-case word)."""
    joins = _words(lex, "org_joins")
    return re.compile(rf"\s+(?:{_words(lex, 'staff_with')})\s+(?P<org>(?:{_words(lex, 'staff_units')})"
                      rf"(?:\s+(?:{joins}|[A-Z][\w’'-]*))*?)(?=\s*[,.;:(]|\s+(?!(?:{joins})\b)[a-z])")


def _staff_unit(text: str, at: int, end: int, lex: Lexicon) -> str | None:
    m = _staff_with(lex).match(text, at, end)
    if not m:
        return None
    words = m.group("org").split()
    while words[-1] in lex.people_words.get("org_joins", ()):  # "… Management for their support": not "for"
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=8)
def _chair_line(lex: Lexicon) -> re.Pattern:
    """Right before a name, what makes its bearer the chair, from the pack's words: a label and a colon
    (President: …, 主席: …), an article, a presiding title and a comma (the Chairman, …), or "chaired by"
    (and a courtesy: chaired by H.E. …)."""
    words = lex.people_words
    parts = []
    if words.get("chair_labels"):
        parts.append(rf"(?:{'|'.join(map(re.escape, words['chair_labels']))})\s*[:：]\s*$")
    if words.get("chair_articles") and lex.presiding_titles:
        parts.append(rf"\b(?:{'|'.join(map(re.escape, words['chair_articles']))})\s+"
                     rf"(?:{'|'.join(map(re.escape, lex.presiding_titles))})\s*,\s*$")
    if words.get("chair_by"):
        courtesy = rf"(?:(?:{'|'.join(map(re.escape, lex.courtesy))})\s+)?" if lex.courtesy else ""
        parts.append(rf"(?:{alternation(words['chair_by'], spaced=True)})\s+{courtesy}$")
    return re.compile("|".join(parts) if parts else "(?!)")



@lru_cache(maxsize=8)
def _han_chair_before(lex: Lexicon) -> re.Pattern:
    """Right before a name in a run of ideographs, the chair's title: 第十二次缔约国会议主席、… (the person holds
    the chair), unless one of the pack's chair_addresses stands between them: 主席请…, 主席感谢… (the chair
    gives someone else the floor, or thanks them)."""
    addresses = "|".join(map(re.escape, lex.people_words.get("chair_addresses", ())))
    gap = rf"(?:(?!{addresses})[^。;,，])" if addresses else "[^。;,，]"
    return re.compile(rf"(?<!副)主席[、,，]?{gap}{{0,14}}$")


@lru_cache(maxsize=8)
def _han_org_chairs(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    """From the pack's [people.words]: a body named right before a name and 的 (…执行支助股的), by the ends of a
    body's name (org_ends); and, after a name, a verb of taking the chair (…女士担任筹备会议主席: chair_verbs)."""
    words = lex.people_words
    ends = "|".join(map(re.escape, words.get("org_ends", ()))) or "(?!)"
    verbs = "|".join(map(re.escape, words.get("chair_verbs", ()))) or "(?!)"
    return (re.compile(rf"(?:^|[请任命邀由,，。;；:：定派])(?P<org>[^请任命邀由,，。;；:：定派]{{2,30}}?(?:{ends}))的$"),
            re.compile(rf"\s*(?:[(（][^)）]{{1,30}}[)）])?\s*(?:{verbs})[^。,，;]{{0,24}}?(?<!副)主席"))


@lru_cache(maxsize=8)
def _appointed(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    """After a name, "as" and a presiding title ("as President of", "as the Chair-designate"): its bearer
    chairs, or will when the sentence designates ("designated", "elected", "nominated": the pack's stems)."""
    words = lex.people_words
    dets = "|".join(map(re.escape, words.get("as_determiners", ())))
    titles = "|".join(map(re.escape, sorted(lex.presiding_titles, key=len, reverse=True))) or "(?!)"
    suffixes = "|".join(map(re.escape, words.get("as_suffixes", ())))
    as_title = (whole_word("as") + r"\s+" + (rf"(?:(?:{dets})\s+)?" if dets else "") + rf"(?:{titles})"
                + (rf"(?:{suffixes})?" if suffixes else "") + r"\b")
    return re.compile(as_title), re.compile("|".join(map(re.escape, words.get("designation", ()))) or "(?!)")


def _each_pack() -> list[Lexicon]:
    return [lexicon(code) for code in available()]


def _word(word: str, lex: Lexicon) -> str:
    """A word of `lex` in a pattern: whole, in a spaced script ("said", not "saidwa"), as written in han."""
    return whole_word(_phrase(word)) if lex.spaced else re.escape(word)


def _phrase(words: str) -> str:
    return r"\s+".join(map(re.escape, words.split()))


@cache
def _not_names() -> frozenset[str]:
    """Every pack's words an honorific seems to name (texts mix languages)."""
    return frozenset(w for lex in _each_pack() for w in lex.not_names)


@cache
def _speech() -> re.Pattern:
    """A sentence in which its person speaks: a speech word of any pack ("said", 发言)."""
    return re.compile("|".join(_word(w, lex) for lex in _each_pack() for w in lex.speech) or "(?!)")


@cache
def _roles() -> tuple[tuple[str, re.Pattern], ...]:
    """(role, pattern) for each role a sentence may name, in the packs' order; a latin word in any case
    (written so that each alternative opens with a literal, see _any_case)."""
    words: dict[str, list[str]] = {}
    for lex in _each_pack():
        for role, ws in lex.roles.items():
            words.setdefault(role, []).extend(_any_case(_phrase(w)) if lex.spaced else re.escape(w) for w in ws)
    return tuple((role, re.compile("|".join(ws))) for role, ws in words.items())


@lru_cache(maxsize=8)
def _behalf(lex: Lexicon) -> re.Pattern | None:
    """The group a speaker speaks for: "on behalf of the Group of 21, …" (latin: the pack's opening words, the
    group's capitalized words, then a stop or one of its closing words), 以不结盟运动的名义 / 代表欧洲联盟发言
    (han: the pack's frames around the group). Every group is one of the match's groups."""
    if lex.spaced:
        if not lex.behalf_open:
            return None
        ends = alternation(lex.behalf_end) or "(?!)"
        return re.compile(rf"(?:{alternation(lex.behalf_open, spaced=True)})\s+(?P<g>[A-Z][\w\-’' ]+?)"
                          rf"(?=\s*[,.;:]|\s+(?:{ends})\b)")
    frames = [rf"{re.escape(o)}(?P<g{i}>[^,，。;；]{{2,30}}?)(?:{alternation(closes)})"
              for i, (o, closes) in enumerate(lex.behalf_frames.items())]
    return re.compile("|".join(frames)) if frames else None


@lru_cache(maxsize=8)
def _appositive(lex: Lexicon) -> re.Pattern | None:
    """A post, then its bearer after a comma, then the state or body in brackets: "the Chairperson,
    Maria Lopez (Peru)", "the Secretary-General, Kofi Mensah (United Nations)". The bracket is required:
    without it the words after the comma may be anything."""
    titles = sorted([*lex.titles, *lex.presiding_titles], key=len, reverse=True)
    if not titles:
        return None
    determiners = "|".join(f"{re.escape(w)}|{re.escape(w[:1].upper() + w[1:])}"
                           for w in lex.people_words.get("title_determiners", ())) or "(?!)"
    return re.compile(rf"\b(?:{determiners}) (?P<hon>{'|'.join(map(re.escape, titles))}), +"
                      rf"(?!(?:{honorific_pattern(lex)})\s)(?P<name>{latin_name()})\s*\((?P<paren>[^)]{{1,60}})\)")


@lru_cache(maxsize=8)
def _guards(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    """What `_appositive` and `_name_then_post` cannot match without, as patterns the regex engine finds
    fast (they open with a title's letters or a comma, where the full patterns open with any "the" or any
    capital): a title then ", " ("the Chairperson, Maria Lopez (Peru)"), a comma then a post ("Ana Ruiz,
    Director"). Derived from the same words as the patterns."""
    titles = sorted([*lex.titles, *lex.presiding_titles], key=len, reverse=True)
    posts = sorted({*lex.posts, *lex.titles, *lex.presiding_titles}, key=len, reverse=True)
    return (re.compile(rf"(?:{'|'.join(map(re.escape, titles)) or '(?!)'}), "),
            re.compile(rf",\s+(?:the\s+)?(?:{'|'.join(map(re.escape, posts)) or '(?!)'})\b"))


@lru_cache(maxsize=8)
def _name_then_post(lex: Lexicon) -> re.Pattern | None:
    """A name with no honorific, a comma and a post, then perhaps a comma and the body or state, at the
    start of a line or list item or after "by": "Ana Ruiz, Director, Institute for Peace"; "by Ana Ruiz,
    Permanent Representative of Chile". The name is two to four capitalized words."""
    posts = sorted({*lex.posts, *lex.titles, *lex.presiding_titles}, key=len, reverse=True)
    if not posts:
        return None
    joins = "".join(f"{re.escape(w)}|" for w in lex.people_words.get("org_joins", ()))
    # (the first capital opens the pattern, what stands before it is checked then: the engine skips to capitals)
    return re.compile(r"(?P<name>[A-Z](?:(?<![^\n].)|(?<=[:;•*–] .)|(?<=\bby .))[a-z]+(?:[ -][A-Z][a-z’'-]+){1,3}),\s+"
                      rf"(?:the\s+)?(?P<hon>{'|'.join(map(re.escape, posts))})\b"
                      rf"(?:\s+(?:{_words(lex, 'listed_post_of')})\s+(?:the\s+)?(?P<of>[A-Z][\w’'-]*(?:\s+(?:{joins}[A-Z][\w’'-]*))*))?"
                      r"(?:,\s+(?P<paren>[A-Z][^\n,;()]{2,80}))?")


def _may_be_name(words: str, lex: Lexicon) -> bool:
    """Whether capitalized words may be a person's name: none names a place, a body or a post."""
    posts = {*lex.posts, *lex.titles, *lex.presiding_titles}
    return not any(w in lex.not_name_words or w.split("-")[-1] in posts for w in words.split())


def _latin_people(text: str, lex: Lexicon):
    """(name begin, name end, match) for each name after an honorific or title, or after a post and a comma,
    in text order."""
    found = [(m.start("name"), m.end("name"), m) for m in _person(lex).finditer(text)]
    taken = {b for b, _, _ in found}
    guard_appositive, guard_post = _guards(lex)
    for rx, guard in ((_appositive(lex), guard_appositive), (_name_then_post(lex), guard_post)):
        if rx is None or not guard.search(text):  # the literal words each needs are missing: no match
            continue
        found += [(m.start("name"), m.end("name"), m) for m in rx.finditer(text)
                  if m.start("name") not in taken and _may_be_name(m.group("name"), lex)]
        taken = {b for b, _, _ in found}
    found.sort(key=lambda t: t[0])
    return found


def _title(hon: str, titles) -> str | None:
    """The title (as the pack writes it) that `hon` is, in any case; None for an honorific."""
    return next((t for t in titles if t.lower() == hon.lower()), None)


def _full_name(people: dict[str, Person], name: str, country: str | None) -> Person | None:
    """A person named earlier in full of whom `name` is the surname ("Nobuaki Tanaka" … "Mr. Tanaka"),
    unless the two are of different states (two delegates may share a surname)."""
    if " " in name:
        return None
    return next((p for p in people.values() if p.name.endswith(" " + name) and country in (None, p.country)), None)


def find_people(st: Structure, countries: dict[str, str], doc_kind: str) -> list[Person]:
    norm, text = st.norm, st.norm.text
    lex = norm.lex
    name_first = lex.name_before_honorific  # 卡里米先生: han procedures (state, body, chair read before the name)
    people: dict[str, Person] = {}
    found = zh_people(text, lex) if name_first else _latin_people(text, lex)
    behalf_rx, speech = _behalf(lex), _speech()
    for nb, ne, m in found:
        hon = m.group("hon")
        if not name_first and hon.isupper() and text[nb:ne].isupper():
            ne = nb + len(text[nb:ne].split()[0])  # capitals throughout: the name's words cannot be told from the next ones
        name = text[nb:ne].strip()
        if name in _not_names() or len(name) < 2:
            continue
        sb, se = st.sentence_at(nb)
        sentence = text[sb:se]
        bracket = "paren" if m.group("paren") or not m.groupdict().get("of") else "of"  # Permanent Representative of Chile
        paren = (m.group(bracket) or "").strip()
        country = countries.get(paren) if paren else None
        titled = _title(m.group("hon"), (*lex.titles, *lex.presiding_titles))
        if name_first and titled and not country:
            continue  # 秘书长报告(A/55/216): a post before a word and a bracket that is no state names nobody
        org = None if country or not paren else norm.display(m.start(bracket), m.end(bracket))
        if not paren:
            if name_first:
                before = text[max(sb, nb - 40):nb]
                for rx in (ZH_STATE_BEFORE, ZH_PERMREP):  # 奥地利的…; 泰国常驻…代表
                    state = rx.search(before)
                    country = _state_at_end(state.group("c"), countries) if state else None
                    if country:
                        break
                org_title = _han_before_name(lex)[1]
                org_before = _han_org_chairs(lex)[0]
                om = None if country else (org_before.search(before) or (org_title and org_title.search(before)))
                org = om.group("org") if om else None
            else:
                appositive, org_after = _org_after(lex)
                om = appositive.match(text, m.end(), se) or org_after.search(text[m.end():se])
                org = om.group("org").strip() if om else None
                tail = OF_STATE.search(org) if org else None
                if tail and tail.group(1) in countries:  # "Vice-Minister for Foreign Affairs of Costa Rica"
                    org = tail.group(1)
                if org and org in countries:
                    country, org = countries[org], None
        body = _title(hon, lex.titles)
        if body and not org and not name_first:  # Under-Secretary-General X and the Department for …
            org = _staff_unit(text, m.end(), se, lex)
        org = org or (lex.titles[body] if body else None)  # Secretary-General Ban Ki-moon: of the United Nations
        behalf = None
        bm = behalf_rx.search(text, m.end(), se) if behalf_rx else None
        if bm and bm.start() - m.end() < 30:
            behalf = next(g for g in bm.groups() if g).strip()
        left = text[max(0, m.start() - 24):m.start()]
        role = "speaker"
        named_role = next((r for r, rx in _roles() if rx.search(sentence)), None)  # a role the sentence names
        if _title(hon, lex.presiding_titles):
            role = "chair"  # President Thorsson
        elif _chair_line(lex).search(left) or (name_first and _han_chair_before(lex).search(text[max(0, nb - 24):nb])
                                                                         and not named_role):
            role = "chair"
        elif named_role:
            role = named_role
        elif name_first and _han_org_chairs(lex)[1].match(text, m.end()):  # …女士担任筹备会议主席
            role = "president_designate" if "候任" in sentence else "chair"
        elif name_first and doc_kind not in ("summary_record", "report") and ZH_CHAIR_TO_BE.search(sentence):
            role = "president_designate"  # 第三次会议的主席由X大使担任, in papers before that meeting
        elif not name_first and (appointed := _appointed(lex))[0].search(sentence, m.end() - sb):
            role = "president_designate" if doc_kind != "report" and appointed[1].search(sentence) else "chair"
        elif doc_kind != "summary_record":  # outside a record, a person speaks only if the text says so
            role = "speaker" if behalf or speech.search(sentence) else "other"
        if role == "speaker" and body and not speech.search(sentence):  # Secretariat staff named, even in a record
            role = "other"
        key = NAME_SPACE.sub("", name)
        span = SourceSpan(*norm.original_span(nb, m.end()), norm.paragraph_of(nb),
                          norm.original_span(min(sb, nb), max(se, m.end())))
        found = people.get(key) or _full_name(people, name, country)
        if found is None:
            people[key] = Person(norm.display(nb, ne), m.group("hon"), country, org,
                                 behalf, role, span)
        else:
            found.country = found.country or country
            found.organization = found.organization or org
            found.on_behalf_of = found.on_behalf_of or behalf
            if found.role in ("speaker", "other") and role not in ("speaker", "other"):
                found.role = role
    return list(people.values())
