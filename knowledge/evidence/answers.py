"""Cited, hedged answers composed from the claims: the same question always gets the same answer.

For each topic a question reaches: what the sources agree on; what each source says, worded by what it rests
on (a claim made by one commercial source alone is reported as "one source claims"; an animal study is not
presented as proof in people); where the sources disagree, with each side's numbers; and the reference safety
notes. Every sentence carries citation markers such as [s000]; a footer lists the cited sources with their kind
and any commercial interest.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from pydantic import BaseModel

from knowledge.evidence.bottom_line import Person, bottom_line, read_person, stated_doses
from knowledge.evidence.contradictions import Contradiction, all_contradictions
from knowledge.evidence.food_amounts import food_amount
from knowledge.evidence.retrieval import HOME_SCORE, find_topics
from knowledge.evidence.sources import Claim, KnowledgeBase, Source, load_knowledge
from knowledge.evidence.triage import situations as situations_by_label
from knowledge.evidence.triage import urgent_situations
from knowledge.text import MAX_PHRASE_CHARS, clean, fold

MAX_QUESTION_CHARS = MAX_PHRASE_CHARS
NOT_COVERED = ("The sources calmag draws on don't cover that, so it won't guess. It can answer questions on "
               "calcium, magnesium, vitamin D and vitamin K2: intake and doses, forms, timing, blood tests, "
               "symptoms, food sources, and cautions for medicines, kidney disease and pregnancy.")
DISCLAIMER = ("This is general information summarised from the sources listed, not a diagnosis or personal "
              "advice. Talk to a clinician before changing medicines or taking high doses.")
SUBJECT = {
    "personal blog or book author": "a personal blog",
    "lab-testing company": "a lab-testing company",
    "supplement or health brand": "a supplement brand's article",
    "health-information site": "a health-information site",
    "unknown": "an unattributed article",
    "research review": "a research review",
}
EVIDENCE_NOTE = {
    "animal": "the study it cites was in rats, which does not show the same in people",
    "anecdote": "this is one case story, not a study",
    "quote": "this reports what someone said, not evidence",
}
CLINICIAN = "If this applies to you, talk to your clinician before changing supplements or medicines."
_SENT = re.compile(r"\b(?:clinician|prescriber|doctor|gp|midwife)\b", re.I)  # a line that sends to one
ONLY_GENERAL = ("My sources don't answer that question as such; what follows is what they say about {nutrients} "
                "in general.")
OUTSIDE = ("My sources don't answer that question as such: they say nothing about {subject}. What follows is what "
           "they say in general about {about}.")
FOOD_ONLY = "My sources don't answer that question as such; calmag's food table gives one food's amounts."
NUTRIENT_NAMES = {"calcium": "calcium", "magnesium": "magnesium", "vitamin_d": "vitamin D", "vitamin_k": "vitamin K"}


class Citation(BaseModel):
    source: str
    claim: str
    heading: str  # the section of the source that locates the claim
    text: str  # our paraphrase of the claim

    @classmethod
    def of(cls, claim: Claim) -> Citation:
        return cls(source=claim.source, claim=claim.id, heading=claim.heading, text=claim.text)


class SourceInfo(BaseModel):
    id: str
    title: str
    publisher: str
    kind: str
    commercial_interest: str


class Answer(BaseModel):
    question: str
    text: str  # the whole answer
    short: str = ""  # the answer without what each source says (``calmag ask`` without --full)
    topics: list[str]
    citations: list[Citation]
    contradictions: list[Contradiction]
    safety: list[str]
    sources: list[SourceInfo]


def _subject(source: Source) -> str:
    if source.is_reference:
        return source.publisher.split(";")[0]
    return SUBJECT[source.kind]


def claim_sentence(claim: Claim, kb: KnowledgeBase, alone: bool) -> str:
    """A claim in our words, cited. Every claim of a source with a commercial interest says so, whether or not
    another source says the same; one no other source makes is introduced as one source's claim."""
    source = kb.sources[claim.source]
    subject = _subject(source) + (" with a commercial interest" if source.commercial else "")
    text = f"{subject[0].upper()}{subject[1:]} {claim.text} [{claim.source}]."
    if alone and not source.is_reference:
        text = f"One source claims this: {subject} {claim.text} [{claim.source}]."
    if note := EVIDENCE_NOTE.get(claim.evidence):
        text = text[:-1] + f"; {note}."
    return text


def _shared(claim: Claim, claims: list[Claim]) -> bool:
    """Whether another source says the same kind of thing: the same proposition or quantity."""
    key = claim.values.proposition or claim.values.quantity or claim.values.term
    return bool(key) and any(o.source != claim.source and key in (o.values.proposition, o.values.quantity,
                                                                  o.values.term) for o in claims)


def agreement(claims: list[Claim], kb: KnowledgeBase) -> list[str]:
    """Propositions that two or more sources hold and none disputes."""
    stances: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for claim in claims:
        if claim.values.proposition and claim.values.stance:
            stances[claim.values.proposition][claim.values.stance].add(claim.source)
    lines = []
    for proposition, by_stance in sorted(stances.items()):
        holders = by_stance.get("for", set())
        if len(holders) >= 2 and by_stance.keys() == {"for"}:
            markers = "".join(f"[{s}]" for s in sorted(holders))
            lines.append(f"The sources that address it agree that {kb.propositions[proposition]} {markers}.")
    return lines


class _Section:
    """What one topic adds to an answer: what the sources agree on, their disagreements and the safety notes
    (the answer's first part), and what each source says (the detail)."""

    def __init__(self) -> None:
        self.agreed: list[str] = []
        self.disagreements: list[str] = []
        self.safety: list[str] = []
        self.clinician = False  # whether the topic's safety rule sends the person to a clinician
        self.detail: list[str] = []


def _topic_section(topic_id: str, kb: KnowledgeBase, contradictions: list[Contradiction],
                   cited: dict[str, Claim], said: set[str]) -> _Section:
    """A topic's part of the answer; the safety notes in ``said`` were given already and are not repeated."""
    topic = kb.topics[topic_id]
    everything = kb.claims_on(topic_id)  # references count when judging whether a claim stands alone
    claims = [c for c in everything if not kb.sources[c.source].is_reference]
    section = _Section()
    section.agreed = agreement(claims, kb)
    if claims:
        section.detail = [f"### {topic.name}", ""]
        for claim in sorted(claims, key=lambda c: (c.source, c.id)):
            section.detail.append(f"- {claim_sentence(claim, kb, alone=not _shared(claim, everything))}")
            cited.setdefault(claim.id, claim)
    for contradiction in (c for c in contradictions if c.topic == topic_id):
        markers = "".join(f"[{s}]" for s in contradiction.sources)
        section.disagreements.append(f"- {contradiction.summary} {markers}")
        for claim_id in contradiction.claims:
            if side := kb.claim(claim_id):
                cited.setdefault(side.id, side)
    rule = kb.safety.get(topic_id)
    if rule:
        for claim_id in rule.notes:
            if claim_id not in said and (note := kb.claim(claim_id)):
                said.add(claim_id)
                section.safety.append(claim_sentence(note, kb, alone=False))
                cited.setdefault(note.id, note)
        section.clinician = rule.clinician
    return section


def sources_footer(source_ids: list[str], kb: KnowledgeBase) -> list[str]:
    lines = ["Sources:"]
    for source_id in source_ids:
        source = kb.sources[source_id]
        interest = source.commercial_interest or "no commercial interest visible"
        lines.append(f"- [{source.id}] {source.title}. {source.publisher}; {source.kind}; {interest}")
    return lines


def urgent_signs(text: str) -> list[str]:
    """The signs in ``text`` that need urgent care (REFERENCE.md), not denied ones ("no chest pain"), whoever
    has them ("my dad is confused"), then the situations that need a clinician promptly (``triage``)."""
    from knowledge.intake.mentions import find_mentions

    signs = [m.label for m in find_mentions(text, ("red_flag",), others=None) if not m.denied]
    return [*signs, *(situation.label for situation in urgent_situations(text))]


def possible_signs(text: str) -> list[str]:
    """Signs in ``text`` that need urgent care only with a companion the text does not name ("my heart is
    racing", without dizziness): each as the sign with its companions, for advice that says when to get help."""
    from knowledge.intake.mentions import find_mentions, intake_lexicon

    lexicon = intake_lexicon()
    return [lexicon[m.key].conditional for m in find_mentions(text, ("red_flag",), others=None, unaccompanied=True)
            if m.unaccompanied and not m.denied and lexicon[m.key].conditional]


def when_to_get_help(text: str) -> tuple[str, Claim] | None:
    """For a sign named without the companion that makes it urgent ("my heart is racing"): the sentence that
    says when to get urgent care, and the safety rule it cites. The chat and ``calmag ask`` both lead with it."""
    possible = possible_signs(text)
    claim = load_knowledge().claim("ref-urgent-signs") if possible else None
    if claim is None:
        return None
    return (f"If you have {' or '.join(possible)}, call your local emergency number or get seen urgently now "
            f"[{claim.source}].", claim)


def urgent_answer(question: str, signs: list[str]) -> Answer:
    """The answer to a message with urgent signs: urgent care, and no supplement advice. The chat and
    ``calmag ask`` give the same one."""
    kb = load_knowledge()
    situations = [s for s in situations_by_label() if s.label in signs]
    claims = [c for i in dict.fromkeys(["ref-urgent-signs", *(s.claim for s in situations)]) if (c := kb.claim(i))]
    claim = claims[0]
    advice = "".join(f" {s.advice}" for s in situations if s.advice)
    text = (f"What you describe ({', '.join(signs)}) can need urgent care. Please call your local emergency "
            f"number or get seen urgently now; if you are alone, tell someone nearby.{advice} This is not "
            "something to manage with supplements, so I won't give supplement advice for it. "
            f"My safety rules treat these signs as reasons for urgent care [{claim.source}].")
    source = kb.sources[claim.source]
    return Answer(question=question, text=text, topics=["urgent-signs"], citations=[Citation.of(c) for c in claims],
                  contradictions=[], safety=[text],
                  sources=[SourceInfo(id=source.id, title=source.title, publisher=source.publisher,
                                      kind=source.kind, commercial_interest=source.commercial_interest)])


def outside_subjects(text: str, kb: KnowledgeBase) -> list[str]:
    """The subjects the sources say nothing about that ``text`` asks about (``lexicon.toml``, ``[outside]``),
    leaving out one a source addresses for a nutrient the question names."""
    from knowledge.evidence.retrieval import named_nutrients, normalise_question

    folded = " ".join(re.findall(r"[a-z0-9]+", fold(text)))
    nutrients = named_nutrients(text, normalise_question(text, kb), kb)[0]
    from knowledge.evidence.retrieval import unknown_subjects

    names = [*_unnoted(text, kb, nutrients), *unknown_subjects(text, kb)]
    for subject in kb.outside.values():
        said = [word for word in subject.words if re.search(rf"\b{re.escape(word)}\b", folded)]
        if said and not nutrients & set(subject.covered_for):
            named = _and(NUTRIENT_NAMES[n] for n in sorted(nutrients))
            name = subject.name if named else subject.name.replace(" and {nutrients}", "")
            names.append(name.format(said=said[0], nutrients=named))
    # each subject once: "iron" is said in "iron tablets"
    return [name for name in dict.fromkeys(names)
            if not any(other != name and re.search(rf"\b{re.escape(name)}\b", other) for other in names)]


def _unnoted(text: str, kb: KnowledgeBase, nutrients: set[str]) -> list[str]:
    """What ``text`` names from ``intake.toml`` that the sources say nothing about, whoever it is about: a
    medicine, symptom, supplement or test with no topic or note of the knowledge base ("ferritin", "digoxin"),
    unless the topic lexicon gives its words a meaning; or a medicine or condition whose topics are all about other
    nutrients than those the question names ("kidney disease" with vitamin D: the sources caution about it
    for magnesium only)."""
    from knowledge.evidence.retrieval import mentions_in
    from knowledge.intake.mentions import intake_lexicon

    lexicon = intake_lexicon()
    understood = set(kb.lexicon) | {a.lower() for t in kb.topics.values() for a in [t.name, *t.aliases]}
    names = []
    for mention in mentions_in(text, ("medicine", "condition", "symptom", "supplement_other", "lab_other"), None):
        entry = lexicon[mention.key]
        if mention.denied:
            continue
        scopes = [set(kb.topics[t].nutrients) for t in entry.topics if t in kb.topics]
        # a condition without notes still says whose figures apply ("postmenopausal"): not outside by itself
        if not entry.topics and not entry.notes and mention.kind != "condition" and mention.said not in understood:
            names.append(mention.said)
        elif nutrients and scopes and all(scope and not scope & nutrients for scope in scopes):
            names.append(f"{mention.said} and {_and(NUTRIENT_NAMES[n] for n in sorted(nutrients))}")
    return names


def _and(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(dict.fromkeys(items))
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1] if items else ""


def spelled_right(text: str) -> str:
    """``text`` with slips of typing put right by the speller the chat uses (kept with the food index)."""
    from knowledge.foods.matching import food_matcher

    return food_matcher().speller.fix(text)[0]


def answer_question(question: str, person: Person | None = None) -> Answer:
    """Answer from the shipped knowledge base (its contradictions are computed once per process). It opens
    with the reference figure for ``person`` (what the chat knows of them; the question's own words win) and
    any dose the question states judged against its upper limit."""
    kb = load_knowledge()
    text = clean(question)
    if not text:
        return Answer(question="", text="Ask a question about calcium, magnesium, vitamin D or vitamin K2.",
                      topics=[], citations=[], contradictions=[], safety=[], sources=[])
    if len(text) > MAX_QUESTION_CHARS:
        return Answer(question=text[:80] + "…", topics=[], citations=[], contradictions=[], safety=[], sources=[],
                      text=f"That question is {len(text):,} characters long; please ask it in at most "
                           f"{MAX_QUESTION_CHARS}.")
    text = spelled_right(text)  # "magnesuim", "Caltarte": the chat's speller, for `calmag ask` too
    if signs := urgent_signs(text):  # one triage for every entry point, before any retrieval
        return urgent_answer(text, signs)
    hits = find_topics(text, kb)
    topics = [hit.topic for hit in hits]
    # reached only by the nutrients it names: say so, rather than pass a general answer off as the answer
    general_only = bool(hits) and all(hit.score == HOME_SCORE for hit in hits)
    person = (person or Person()).but(read_person(text))
    first, figures = bottom_line(text, topics, kb, person)
    # a topic a reference answers in a line opens with that line, after the person's own figures
    opening = [claim for claim_id in dict.fromkeys(i for t in topics for i in kb.topics[t].opens)
               if (claim := kb.claim(claim_id)) and claim not in figures]
    figures = [*figures, *opening]
    first = [*first, *(claim_sentence(claim, kb, alone=False) for claim in opening)]
    # the person's own safety notes that bear on the question come first, and are not said again below
    bearing = {note for topic in topics if (rule := kb.safety.get(topic)) for note in rule.notes}
    own = [claim for note in person.notes if note in bearing and (claim := kb.claim(note))]
    # a dose the question states is judged in the first sentence; the person's own notes follow that judgement
    judged = 1 if first and stated_doses(text) else 0
    first = [*first[:judged], *(f"For you: {claim_sentence(claim, kb, alone=False)}" for claim in own),
             *first[judged:]]
    urgent_if: list[Claim] = []
    if help_ := when_to_get_help(text):  # the sign without what makes it urgent: when to get help comes first
        sentence, claim = help_
        urgent_if, first = [claim], [sentence, *first]
    outside = outside_subjects(text, kb)
    if amount := food_amount(text, kb):  # "how much magnesium is in a banana": the food table's figure, after
        sentence, claim = amount  # when to get help and a stated dose's judgement
        at = judged + (1 if help_ else 0)
        figures, first = [*figures, claim], [*first[:at], FOOD_ONLY, sentence, *first[at:]]
    elif outside and topics:  # said first, after a stated dose's judgement: the question itself is not answered
        about = _and(NUTRIENT_NAMES[hit.matched] for hit in hits) if general_only else \
            _and(kb.topics[topic].name[0].lower() + kb.topics[topic].name[1:] for topic in topics)
        first = [*first[:judged], OUTSIDE.format(subject=" or ".join(outside), about=about), *first[judged:]]
    elif general_only:
        named = dict.fromkeys(NUTRIENT_NAMES[hit.matched] for hit in hits)
        first = [*first, ONLY_GENERAL.format(nutrients=" and ".join(named))]
    if not topics and not first:  # a question that states a dose is answered by the reference, at least
        return Answer(question=text, text=NOT_COVERED, topics=[], citations=[], contradictions=[], safety=[],
                      sources=[])
    contradictions = [c for c in all_contradictions() if c.topic in topics]
    cited: dict[str, Claim] = {claim.id: claim for claim in [*urgent_if, *own, *figures]}
    said = {claim.id for claim in [*own, *figures]}  # a note the answer's first lines gave is not said again
    sections = [_topic_section(topic, kb, contradictions, cited, said) for topic in topics]
    # the answer first, then where the sources disagree, then the safety notes (each once), then the detail
    short: list[str] = [f"**In short:** {' '.join(first)}", ""] if first else []
    short += [f"## {'; '.join(kb.topics[topic].name for topic in topics)}", ""] if topics else []
    if agreed := [line for section in sections for line in section.agreed]:
        short += [*agreed, ""]
    # where the sources disagree, in the answer's first part when they answer the question; when they answer it
    # only in general, with the detail (their disagreements are about something else than what was asked)
    general = general_only or bool(outside and topics) or bool(amount)
    disagreements = [line for section in sections for line in section.disagreements]
    if disagreements and not general:
        short += ["Where the sources disagree:", *disagreements, ""]
    safety = [note for section in sections for note in section.safety]
    # the advice to see a clinician, once: not when a line above already sends the person to one
    sent = any(_SENT.search(line) for line in [*first, *safety])
    if any(section.clinician for section in sections) and not sent:
        safety.append(CLINICIAN)
    if safety:
        short += ["Safety:", *(f"- {note}" for note in safety), ""]
    detail = [line for section in sections if section.detail for line in [*section.detail, ""]]
    if disagreements and general:
        detail += ["Where the sources disagree:", *disagreements, ""]
    source_ids = sorted({c.source for c in cited.values()}, key=lambda s: (s.startswith("ref-"), s))
    ending = [*sources_footer(source_ids, kb), "", DISCLAIMER]
    body = [*short, *(["## What each source says", "", *detail] if detail else []), *ending]
    return Answer(
        question=text, text="\n".join(body),
        topics=[*(["urgent-signs"] if urgent_if else []), *(t for t in topics if not urgent_if or t != "urgent-signs")],
        short="\n".join([*short, *sources_footer(source_ids, kb), "",
                          *(["What each source says is left out here; `calmag ask --full` shows it.", ""]
                            if detail else []), DISCLAIMER]),
        citations=[Citation.of(c) for c in cited.values()],
        contradictions=contradictions, safety=safety,
        sources=[SourceInfo(id=s, title=kb.sources[s].title, publisher=kb.sources[s].publisher,
                            kind=kb.sources[s].kind, commercial_interest=kb.sources[s].commercial_interest)
                 for s in source_ids])
