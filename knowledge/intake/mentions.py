"""Medicines, conditions, symptoms and urgent signs named in free text ("I take Prilosec", "no kidney problems").

One mechanism serves all four: the names in ``data/intake.toml`` are looked for as word sequences in the text,
names of seven letters or more also with a typo ("warfrin", "omeprazol"), and a name inside a clause that holds
a negation ("no", "not", "never", "don't", "stopped") counts as denied rather than present.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process

from knowledge.data_files import data_file
from knowledge.text import alternation, fold, stem

Kind = Literal["medicine", "condition", "diet", "symptom", "supplement_other", "lab_other", "red_flag"]
KINDS: tuple[Kind, ...] = ("medicine", "condition", "diet", "symptom", "supplement_other", "lab_other", "red_flag")
FUZZY_MIN_CHARS = 7
FUZZY_SCORE = 85.0
_TOKEN = re.compile(r"[a-z0-9]+")


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Kind
    key: str
    label: str
    names: list[str]
    notes: list[str] = []  # claim ids the report cites for this entry
    topics: list[str] = []
    for_: list[str] = []  # medicines: what people take it for, making names with ``taken_as`` ("thyroid tablets")
    with_: list[str] = []  # red flags: one of these must also be present
    together: list[list[str]] = []  # a word of each list in one clause, in any order ("heartbeat feels irregular")
    conditional: str = ""  # red flags with ``with``: the sign with its companions, for advice to the sign alone
    general: bool = False  # "a diuretic": left out when a specific entry of its topic is named too
    unless: list[str] = []  # longer phrases that hold a name and are something else ("parathyroid hormone")
    hedged: str = ""  # diets: the label when a hedge qualifies the name ("mostly plant based")


class Mention(BaseModel):
    kind: Kind
    key: str
    label: str
    said: str  # the words as found in the text
    denied: bool = False
    suspected: bool = False  # a condition said to be suspected ("GP thinks its my parathyroid")
    unaccompanied: bool = False  # a red flag found without any of its ``with`` words (only when asked for)
    hedged: bool = False  # a diet qualified by a hedge ("mostly plant based"): ``label`` is the hedged one


class _Names(BaseModel):
    """The lexicon's names by word count: exact lookup, and the long ones for typo matching."""

    exact: dict[int, dict[tuple[str, ...], list[Entry]]]
    long: dict[int, list[str]]


@cache
def _raw() -> dict:
    return data_file("intake.toml")


@cache
def _clause_end() -> re.Pattern[str]:
    """Where a clause ends: a stop, or a word of ``clause_ends``."""
    return re.compile(rf"[.;,!?\n]|\b(?:{alternation(_raw()['clause_ends'])})\b")


@cache
def _others() -> re.Pattern[str]:
    """Words that make a clause about someone else ("my mum is on warfarin")."""
    phrases = _raw()["others"]
    numbered = [r"\s+".join(r"\d{1,3}\s*" if w == "{n}" else re.escape(w) for w in p.split()).replace(r"\s*\s+", r"\s*")
                for p in phrases if "{n}" in p]
    plain = alternation(p for p in phrases if "{n}" not in p)
    return re.compile(rf"\b(?:{'|'.join([*numbered, plain])})\b")


@cache
def _past() -> re.Pattern[str]:
    """Words that put a medicine in the past ("was on fosamax"): it is not taken now."""
    return re.compile(rf"\b(?:{alternation(_raw()['past'])})\b")


@cache
def _hedges() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A hedge just before a diet's name (up to three words) and one right after it (``diet_hedges``)."""
    words = alternation(_raw()["diet_hedges"])
    return re.compile(rf"\b(?:{words})(?:\s+\w+){{0,2}}$"), re.compile(rf"^(?:{words})\b")


def _hedged(tokens: list[str], start: int, end: int) -> bool:
    before, after = _hedges()
    return bool(before.search(" ".join(tokens[max(0, start - 5):start])) or after.search(" ".join(tokens[end:])))


@cache
def unnamed() -> re.Pattern[str]:
    """A clause that starts by referring to something without naming it ("whatever's in the cupboard")."""
    return re.compile(rf"^\W*(?:{alternation(_raw()['unnamed'])})\b")


@cache
def says_eating() -> re.Pattern[str]:
    """A clause saying what the person eats ("so i eat pretty plain: ..."), from ``eating``."""
    return re.compile(rf"^\W*(?:(?:i|we|i'?m|i am)\s+)?(?:\w+\s+)?(?:{alternation(_raw()['eating'])})\b")


@cache
def _lookalikes() -> frozenset[str]:
    """The food table's words (stemmed) that are a typo away from a word of a name (``food_lookalikes``)."""
    return frozenset(_raw()["food_lookalikes"])


def diet_allows() -> list[str]:
    """How people say what their diet allows ("eggs are fine"): with a diet named, such a clause describes the
    diet, not what was eaten."""
    return list(_raw()["diet_allows"])


@cache
def _suspected() -> re.Pattern[str]:
    """Words that make a condition suspected rather than diagnosed."""
    return re.compile(rf"\b(?:{alternation(_raw()['suspected'])})\b")


@cache
def intake_lexicon() -> dict[str, Entry]:
    raw = _raw()
    entries: dict[str, Entry] = {}
    for kind in KINDS:
        for key, data in raw.get(kind, {}).items():
            data = dict(data)
            entries[key] = Entry(kind=kind, key=key, with_=data.pop("with", []), for_=data.pop("for", []), **data)
    return entries


@cache
def _names() -> _Names:
    exact: dict[int, dict[tuple[str, ...], list[Entry]]] = {}
    typed: set[tuple[str, ...]] = set()
    taken_as = _raw()["taken_as"]
    for entry in intake_lexicon().values():
        described = [form.format(use=use, way=way) for use in entry.for_ for way in taken_as
                     for form in ("{use} {way}", "{way} for {use}", "{way} for my {use}", "{way} for the {use}")]
        for name in [*entry.names, *described]:
            tokens = tuple(_TOKEN.findall(name))
            # "pins and needles" typed "pins & needles": the "&" is no word, so the name is also read without "and";
            # texted, "and" is also "n" ("pins n needles")
            for form in {tokens, tuple(t for t in tokens if t != "and"),
                         tuple("n" if t == "and" else t for t in tokens)}:
                exact.setdefault(len(form), {}).setdefault(form, []).append(entry)
        typed.update(tuple(_TOKEN.findall(name)) for name in entry.names)
    # typos are looked for in the names as listed; the many that `for` makes are matched as written (looking
    # for slips in them doubled the time of `calmag ask`)
    long = {width: [" ".join(n) for n in names if len(" ".join(n)) >= FUZZY_MIN_CHARS and n in typed]
            for width, names in exact.items()}
    return _Names(exact=exact, long=long)


def others_blanked(text: str) -> tuple[str, list[str]]:
    """``text`` (folded) with its clauses about someone else blanked ("my mother in law is on thyroxine and D3
    60K sachets"), and those clauses: what they name is not the person's own."""
    return _blanked(text, _others(), carry=True)


def past_blanked(text: str) -> tuple[str, list[str]]:
    """``text`` (folded) with its clauses about what was taken before blanked ("I used to take calcium but
    stopped", "stopped my calcium last yr"), and those clauses: nothing in them is taken now."""
    return _blanked(text, _stopped())


@cache
def _stopped() -> re.Pattern[str]:
    """Words that put what a clause names in the past, supplements too: ``past`` and ``stopped``."""
    return re.compile(rf"\b(?:{alternation([*_raw()['past'], *_raw()['stopped']])})\b")


def _past_alone(tokens: list[str]) -> bool:
    """Whether a clause only says that something was stopped or is past, and when ("finished in 2022", "stopped
    it last year"): a word of ``past`` or ``stopped``, and otherwise only words of ``past_alone`` or numbers."""
    joined = " ".join(tokens)
    said = _stopped().sub(" ", joined)
    return said != joined and all(t in _past_alone_words() or t.isdigit() for t in said.split())


@cache
def _past_alone_words() -> frozenset[str]:
    return frozenset(_raw()["past_alone"])


@cache
def _new_statement() -> frozenset[str]:
    return frozenset(_raw()["new_statement"])


def _negations() -> frozenset[str]:
    """Words that deny what their clause names (``negations``), and the one-word entries of ``stopped``."""
    raw = _raw()
    return frozenset(raw["negations"]) | {w for w in raw["stopped"] if " " not in w}


_SENTENCE_ENDS = frozenset(".;!?\n")
# "and" right before another person ("... and my husband takes"): they are the subject of a new statement
_NEW_SUBJECT = re.compile(r"\band\s+(?:(?:my|her|his|our)\s+)?$")
# Words that bring a message back to the person writing it after a clause about someone else
_FIRST_PERSON = frozenset({"i", "im", "ive", "id", "ill", "my", "me", "mine", "myself"})


def _carried(tokens: list[str], before: bool) -> bool:
    """Whether a clause naming nobody is about the someone else of the clause ``before`` it: "asking for my dad,
    he's 82, on xarelto" is all the father's, until the writer says "I" or "my" again."""
    return before and bool(tokens) and not _FIRST_PERSON & set(tokens)


def _about_them(tokens: list[str]) -> bool:
    """Whether a clause is about someone else as its subject or its topic ("my mum is on warfarin", "he's 82",
    "asking for my dad"), so the clauses after it that name nobody are too; not one where they are the object
    of the writer's own words ("breastfeeding my 3 month old")."""
    joined = " ".join(tokens)
    found = _others().search(joined)
    if found is None:
        return False
    return found.start() == 0 or joined[:found.start()].split()[-1] in ("for", "about")


def _blanked(text: str, pattern: re.Pattern[str], carry: bool = False) -> tuple[str, list[str]]:
    folded = fold(text)
    kept, theirs, start, last = [], [], 0, False
    for cut in [*_clause_end().finditer(folded), None]:
        end = cut.start() if cut else len(folded)
        clause = folded[start:end]
        # "i take an elevit every morning and my husband's on a zinc": the other person starts a clause of their own
        if carry and (other := pattern.search(clause)) and (joined := _NEW_SUBJECT.search(clause[:other.start()])) \
                and _TOKEN.findall(clause[:joined.start()]):
            kept.append(clause[:joined.start()])
            start += joined.start()
            clause = folded[start:end]
        tokens = _TOKEN.findall(clause)
        named = bool(pattern.search(" ".join(tokens)))
        theirs_now = named or (carry and _carried(tokens, last))
        if tokens:
            last = carry and theirs_now and (not named or _about_them(tokens))
        if cut is not None and cut.group(0) in _SENTENCE_ENDS:  # carried within a sentence, never past its end
            last = False
        if theirs_now and tokens:
            theirs.append(clause.strip())
            clause = " " * len(clause)
        kept.append(clause + (cut.group(0) if cut else ""))
        start = cut.end() if cut else end
    return "".join(kept), theirs


def _clauses(text: str) -> list[list[str]]:
    return [_TOKEN.findall(part) for part in _clause_end().split(fold(text))]


def _entries_at(tokens: list[str], start: int, width: int, names: _Names, fuzzy: bool) -> list[Entry]:
    gram = tuple(tokens[start:start + width])
    if not fuzzy:
        return names.exact[width].get(gram, [])
    typed = " ".join(gram)
    if len(typed) < FUZZY_MIN_CHARS - 2:
        return []
    best = process.extractOne(typed, names.long[width], scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE)
    if not best:
        return []
    # a slip is in a long word ("warfrin"); a short word that differs is another name ("vitamin d", "vitamin c")
    name = tuple(best[0].split())
    # and each word that differs must be a slip of its own: "calcium citrate" is not "calcium acetate"
    if any(said != meant and (min(len(said), len(meant)) < 4 or fuzz.ratio(said, meant) < FUZZY_SCORE)
           for said, meant in zip(gram, name, strict=True)):
        return []
    # ... and no slip is a word of the food table: "lactose free milk" is not "lactulose" (the few food words a
    # typo away from a name are listed in the data, so no food index is loaded here)
    if any(said != meant and stem(said) in _lookalikes() for said, meant in zip(gram, name, strict=True)):
        return []
    return names.exact[width][name]


def _find(tokens: list[str], kinds: tuple[Kind, ...]) -> list[tuple[Entry, int, int]]:
    """Every (entry, start, end) of ``kinds`` found in one clause (see ``_find_all``)."""
    return [hit for hit in _find_all(tuple(tokens)) if hit[0].kind in kinds]


@lru_cache(maxsize=4096)  # a turn reads the same clauses for several kinds; the typo matching is the cost
def _find_all(clause: tuple[str, ...]) -> tuple[tuple[Entry, int, int], ...]:
    """Every (entry, start, end) found in one clause, longest names first, without overlaps within a kind; then
    the entries whose ``together`` word lists each have a word in the clause, spanning from the first to the
    last of those words. Overlaps are judged within a kind, so finding every kind at once and keeping some is
    the same as finding only those."""
    tokens, kinds = list(clause), KINDS
    names = _names()
    found: list[tuple[Entry, int, int]] = []
    taken: dict[Kind, set[int]] = {kind: set() for kind in KINDS}
    for fuzzy in (False, True):  # names as typed first, so "had kidney stones" is not "bad kidneys"
        for width, start in ((w, s) for w in sorted(names.exact, reverse=True) for s in range(len(tokens) - w + 1)):
            span = set(range(start, start + width))
            for entry in _entries_at(tokens, start, width, names, fuzzy):
                if entry.unless and _inside(tokens, start, width, entry.unless):
                    continue
                if entry.kind in kinds and not span & taken[entry.kind]:
                    found.append((entry, start, start + width))
                    taken[entry.kind] |= span
    # "b12 is 160", "iron was 8": a supplement's name reporting a figure is a test calmag does not interpret
    found = [(intake_lexicon()[_NOT_INTERPRETED], start, end) if entry.kind == "supplement_other"
             and _reports_a_figure(tokens[end:end + 5]) else (entry, start, end) for entry, start, end in found]
    named = {entry.key for entry, _, _ in found}
    for entry in _together():
        if entry.kind in kinds and entry.key not in named:
            # "heart's pounding" (folded "hearts") has the word "heart": the words are compared singular
            at = [[i for i, token in enumerate(tokens) if stem(token) in group] for group in _stemmed()[entry.key]]
            if all(at):
                found.append((entry, min(min(a) for a in at), max(max(a) for a in at) + 1))
    return tuple(found)


_NOT_INTERPRETED = "not-interpreted"  # the lab_other entry of intake.toml


def _reports_a_figure(after: list[str]) -> bool:
    """Whether the words after a name report its result: "is 160", "was 8.2", "at 30"; not a dose ("is 1000 a
    day", "is 500 mg")."""
    from knowledge.intake.supplements import DOSE_UNITS, how_often

    if len(after) < 2 or after[0] not in ("is", "was", "were", "at", "of") or not after[1][0].isdigit():
        return False
    rest = " ".join(after[2:])
    return not re.match(rf"(?:{DOSE_UNITS})\b", rest) and not how_often(rest).timed


_OWN_STAGES = frozenset({"breastfeeding", "postpartum"})  # stages whose baby may be named after them


def _inside(tokens: list[str], start: int, width: int, phrases: list[str]) -> bool:
    """Whether the name at ``tokens[start:start + width]`` is part of one of ``phrases`` there."""
    for phrase in phrases:
        wanted = _TOKEN.findall(phrase)
        for at in range(max(0, start + width - len(wanted)), start + 1):
            if tokens[at:at + len(wanted)] == wanted:
                return True
    return False


@cache
def _stemmed() -> dict[str, tuple[frozenset[str], ...]]:
    """Each ``together`` entry's word lists, singular."""
    return {entry.key: tuple(frozenset(stem(w) for w in group) for group in entry.together) for entry in _together()}


@cache
def _together() -> tuple[Entry, ...]:
    return tuple(entry for entry in intake_lexicon().values() if entry.together)


def _occurrences(clauses: list[list[str]], words: list[str]) -> list[tuple[int, int, int]]:
    """Where any of ``words`` (one to three words each) stands in a clause with no negation."""
    spans = []
    for number, tokens in enumerate(clauses):
        if _negations() & set(tokens):
            continue
        for word in words:
            wanted = tuple(word.split())
            spans += [(number, start, start + len(wanted)) for start in range(len(tokens) - len(wanted) + 1)
                      if tuple(tokens[start:start + len(wanted)]) == wanted]
    return spans


def find_mentions(text: str, kinds: tuple[Kind, ...] = KINDS, others: bool | None = False,
                  unaccompanied: bool = False) -> list[Mention]:
    """The entries of ``kinds`` named in ``text``, each once, in the order they appear; denied ones included
    with ``denied=True``. Clauses about someone else ("my mum is on warfarin") are left out, or with
    ``others`` are the only ones read, or with ``others=None`` read as well (urgent signs are urgent whoever has
    them). A red flag with a ``with`` list counts only when one of those words is also present (elsewhere than
    the name itself); with ``unaccompanied`` those found without one are kept too, marked so."""
    clauses: list[list[str]] = []
    opening: set[int] = set()  # the clauses that open a sentence
    for sentence in re.split(f"[{re.escape(''.join(_SENTENCE_ENDS))}]", fold(text)):
        opening.add(len(clauses))
        clauses += _clauses(sentence)
    mentions: dict[str, Mention] = {}
    last = False  # the clause before, in the same sentence, was about someone else
    before: list[str] = []  # the medicines the clause before named, in the same sentence
    for number, tokens in enumerate(clauses):
        last = last and number not in opening
        before = [] if number in opening else before
        if before and _past_alone(tokens):  # "... alendronate, finished in 2022": those medicines are past
            for key in before:
                mentions[key] = mentions[key].model_copy(update={"denied": True})
        before = []
        joined = " ".join(tokens)
        named = [m.start() for m in _others().finditer(joined)]
        theirs = named or ([0] if _carried(tokens, last) else [])
        if tokens:
            last = bool(theirs) and (not named or _about_them(tokens))
        negated = bool(_negations() & set(tokens))
        past = bool(_past().search(" ".join(tokens)))
        suspected = bool(_suspected().search(" ".join(tokens)))
        for entry, start, end in sorted(_find(tokens, kinds), key=lambda hit: hit[1]):
            # "my husband's on lithium" is not the person's; "breastfeeding my 4 month old" is: a life stage's
            # other person named after it is its object, unless the stage is "for" them
            after = len(" ".join(tokens[:end]))
            object_only = entry.key in _OWN_STAGES and all(
                at > after and not joined[:at].rstrip().endswith(" for") for at in theirs)
            # "im on warfarin and my husband takes k2": named before "and" brings in the other person, it is one's own
            own_before = bool(named) and all(at > after and _NEW_SUBJECT.search(joined[:at]) for at in named)
            if others is not None and (bool(theirs) and not object_only and not own_before) != others:
                continue
            # a negation inside the name is the name's own ("don't eat dairy", "no dairy"); one after a new
            # statement is that statement's ("i am vegetarian i dont eat meat")
            later = tokens[end:]
            cut = next((i for i, t in enumerate(later) if t in _new_statement()), len(later))
            outside = set(tokens[:start]) | set(later[:cut])
            denied = (negated and bool(_negations() & outside)) or (past and entry.kind == "medicine")
            alone = bool(entry.with_) and not any(n != number or e <= start or s >= end
                                                  for n, s, e in _occurrences(clauses, entry.with_))
            if alone and not unaccompanied:
                continue
            known = mentions.get(entry.key)
            hedged = entry.kind == "diet" and bool(entry.hedged) and _hedged(tokens, start, end)
            if entry.kind == "medicine" and not denied:
                before.append(entry.key)
            if known is None or (known.denied and not denied) or (known.unaccompanied and not alone):
                mentions[entry.key] = Mention(kind=entry.kind, key=entry.key, label=entry.hedged if hedged
                                              else entry.label, hedged=hedged,
                                              said=" ".join(tokens[start:end]), denied=denied, unaccompanied=alone,
                                              suspected=suspected and entry.kind == "condition")
    found = list(mentions.values())
    lexicon = intake_lexicon()
    specific = {t for m in found if not lexicon[m.key].general for t in lexicon[m.key].topics}
    return [m for m in found if not (lexicon[m.key].general and set(lexicon[m.key].topics) & specific)]
