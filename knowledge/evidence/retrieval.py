"""A question in everyday words, typos and all, to the topics the sources cover.

The question is folded to plain lower-case words and the lexicon adds the words that everyday terms stand for
("mag" adds "magnesium", "water pill" adds "diuretic"). Each topic is then scored with rapidfuzz: its aliases
must appear in the question (short ones as whole words, longer ones allowing a typo or two), and its example
questions may resemble the whole question. A question that reaches no topic is outside the sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge.evidence.sources import KnowledgeBase, load_knowledge
from knowledge.text import clean, english_words, fold

if TYPE_CHECKING:
    from knowledge.intake.mentions import Mention

ALIAS_MIN = 90.0  # partial match of a longer alias inside the question (one typo in ten letters)
SHORTISH_ALIAS_MIN = 95.0  # aliases under 15 letters: "magnesium form" must not match "magnesium from"
EXAMPLE_MIN = 75.0  # similarity of the question's content words to an example's
REORDERED_SCORE = 91.0  # an alias's words all said close together in another order: below an alias as written
REORDER_SLACK = 2  # words besides the alias's own in that stretch ("dose OF vitamin d")
# Words that carry no topic: an example question matches on what is left ("zinc" is not "vitamin d").
FILLER = {"how", "much", "many", "should", "i", "do", "does", "is", "it", "the", "a", "an", "what", "whats",
          "can", "my", "me", "to", "of", "for", "and", "or", "take", "taking", "be", "are", "am", "im", "any",
          "need", "get", "ok", "okay", "safe", "good", "bad", "best", "too", "on", "in", "with", "which", "when",
          "there", "this", "that", "have", "has", "been", "will", "would", "you", "your", "day", "a day", "per"}
KEEP_WITHIN = 15.0  # further topics are kept when this close to the best
MAX_TOPICS = 3
TYPO_MIN = 6  # a nutrient's word this long also matches with a typo ("calcuim", "magnisium")
TYPO_SCORE = 80.0
HOME_SCORE = 0.0  # a home topic's hit: reached by the nutrient named, not by what the question asks of it
SHORT_ALIAS = 5  # aliases this short must appear as whole words ("k2", "ppi", "inr")
SLIP_MIN = 5  # an unknown word this long is read as the known word one edit away ("togther", "vitamen")
SLIP_LONG = 8  # ... and from this long, two edits away ("magnisium", "diffrence")


@dataclass(frozen=True)
class TopicHit:
    topic: str
    score: float
    matched: str  # the alias or example that matched, for explaining


def normalise_question(question: str, kb: KnowledgeBase) -> str:
    """Plain lower-case words, slips of known words corrected, with the lexicon applied: a short abbreviation or
    a nutrient's nickname is replaced by what it stands for ("mag" -> "magnesium", "sunshine vitamin" ->
    "vitamin d"); a longer everyday phrase keeps its words and gains the topic's ("water pill" -> "water pill
    diuretic"). Phrases are matched in one pass, longest first, so "vit d3" is read before "d3"."""
    key = (id(kb), question)
    if key in _NORMALISED:
        return _NORMALISED[key]
    text = " ".join(re.findall(r"[a-z0-9%:/.()\-']+", fold(clean(question))))
    text = re.sub(r"(?<=[a-z])[.?!,]+(?=\s|$)", "", text)
    text = re.sub(r"(?<=\d)(?=[a-z]{2})", " ", text)  # a figure run into its unit: "1000iu", "800mg"
    text = " ".join(corrected(word, kb) for word in text.split())
    pattern, rewrite = _lexicon(kb)
    text = pattern.sub(lambda m: rewrite[m.group(0)], text)
    if len(_NORMALISED) > 32:  # within one answer (it is read twice), not across questions
        _NORMALISED.clear()
    _NORMALISED[key] = text
    return text


_NORMALISED: dict[tuple[int, str], str] = {}
_LEXICONS: dict[int, tuple[re.Pattern[str], dict[str, str]]] = {}


def _lexicon(kb: KnowledgeBase) -> tuple[re.Pattern[str], dict[str, str]]:
    """The lexicon as one pattern (longest phrase first) and what each phrase becomes: a nickname of a nutrient
    is the nutrient ("the sunshine vitamin" is not sun)."""
    if id(kb) not in _LEXICONS:
        nutrients = {name for names in kb.nutrient_words.values() for name in names}
        rewrite = {phrase: target if len(phrase) < 5 or target in nutrients else f"{phrase} {target}"
                   for phrase, target in kb.lexicon.items()}
        alternatives = "|".join(re.escape(p) for p in sorted(rewrite, key=len, reverse=True))
        _LEXICONS[id(kb)] = (re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), rewrite)
    return _LEXICONS[id(kb)]


def known_words(kb: KnowledgeBase) -> frozenset[str]:
    """Every word the knowledge base knows: in its claims, topics, lexicon and nutrient words, and in the names
    of the medicines, conditions and tests of ``intake.toml``; with the words that carry no topic."""
    key = id(kb)
    if key not in _KNOWN:
        from knowledge.intake.mentions import intake_lexicon
        from knowledge.intake.products import products

        texts = [*(c.text for c in kb.claims), *(c.heading for c in kb.claims),
                 *(t for topic in kb.topics.values() for t in [topic.name, *topic.aliases, *topic.examples]),
                 *(t for phrase, target in kb.lexicon.items() for t in (phrase, target)),
                 *(name for names in kb.nutrient_words.values() for name in names),
                 *(name for entry in intake_lexicon().values() for name in [entry.label, *entry.names]),
                 *(name for product in products().product for name in product.names),
                 *(name for brand in products().brand for name in brand.names)]
        counts: dict[str, int] = {}
        for text in texts:
            for w in re.findall(r"[a-z0-9]+", fold(text)):
                counts[w] = counts.get(w, 0) + 1
        _COUNTS[key] = counts
        _KNOWN[key] = frozenset(counts) | FILLER | kb.source_words
    return _KNOWN[key]


def _counts(kb: KnowledgeBase) -> dict[str, int]:
    known_words(kb)
    return _COUNTS[id(kb)]


_KNOWN: dict[int, frozenset[str]] = {}
_COUNTS: dict[int, dict[str, int]] = {}
_SLIPS: dict[tuple[int, str], str] = {}


def corrected(word: str, kb: KnowledgeBase) -> str:
    """A word the knowledge base does not know, read as the known word it is a slip of: one edit away (two for
    a long word), with the same first letter; a word of the food table is a food, not a slip ("prunes"), and a
    word of English is the word it is ("lives")."""
    if len(word) < SLIP_MIN or not word.isalpha():
        return word
    key = (id(kb), word)
    if key not in _SLIPS:
        known = known_words(kb)
        _SLIPS[key] = word
        if word not in known and not _food_word(word) and word not in english_words():  # "lives" is no "liver"
            edits = 2 if len(word) >= SLIP_LONG else 1
            near = [w for w in _by_initial(kb).get(word[0], ()) if abs(len(w) - len(word)) <= edits]
            found = process.extract(word, near, scorer=OSA.distance, score_cutoff=edits, limit=None)
            if found:  # the nearest; among equals, a nutrient's word, then the word the sources use most
                fewest = min(score for _, score, _ in found)
                nutrients = {w for names in kb.nutrient_words.values() for name in names for w in name.split()}
                _SLIPS[key] = min((w for w, score, _ in found if score == fewest),
                                  key=lambda w: (w not in nutrients, -_counts(kb).get(w, 0), w))
    return _SLIPS[key]


_INITIALS: dict[int, dict[str, tuple[str, ...]]] = {}


def _by_initial(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    if id(kb) not in _INITIALS:
        groups: dict[str, list[str]] = {}
        for w in sorted(known_words(kb)):
            if len(w) >= SLIP_MIN - 1 and w.isalpha():
                groups.setdefault(w[0], []).append(w)
        _INITIALS[id(kb)] = {k: tuple(v) for k, v in groups.items()}
    return _INITIALS[id(kb)]


def _food_word(word: str) -> bool:
    from knowledge.foods.matching import food_matcher
    from knowledge.text import stem

    return stem(word) in food_matcher().postings


def _content(text: str) -> str:
    return " ".join(w for w in text.split() if w not in FILLER)


_EXAMPLES: dict[tuple[int, str], str] = {}


def _example(example: str, kb: KnowledgeBase) -> str:
    """An example question read the way a question is (lexicon applied), kept per knowledge base."""
    key = (id(kb), example)
    if key not in _EXAMPLES:
        _EXAMPLES[key] = _content(normalise_question(example, kb))
    return _EXAMPLES[key]


def _alias_score(alias: str, text: str, words: set[str]) -> float:
    alias = alias.lower()
    if len(alias) <= SHORT_ALIAS or not alias.replace(" ", "").isalpha():
        return 100.0 if (alias in words or re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text)) else 0.0
    score = fuzz.partial_ratio(alias, text)
    if score >= (SHORTISH_ALIAS_MIN if len(alias) < 15 else ALIAS_MIN):
        return score
    said = alias.split()
    return REORDERED_SCORE if set(said) <= words and _in_another_order(said, text.split()) else 0.0


def _in_another_order(alias: list[str], said: list[str]) -> bool:
    """Whether every word of a multi-word alias is in the question, close together, in another order: "dose of
    vitamin d" says "vitamin d dose", "forms of magnesium" "magnesium forms"."""
    if len(alias) < 2 or any(w in FILLER for w in alias):  # "vitamin a" is not "vitamin d once a week"
        return False
    span = len(alias) + REORDER_SLACK
    wanted = set(alias)
    return any(wanted <= set(said[start:start + span]) for start in range(max(len(said) - len(alias) + 1, 0)))


def _topic_score(topic_id: str, text: str, words: set[str], kb: KnowledgeBase) -> TopicHit:
    topic = kb.topics[topic_id]
    best = TopicHit(topic_id, 0.0, "")
    for alias in [topic.name.lower(), *topic.aliases]:
        score = _alias_score(alias, text, words)
        if score >= ALIAS_MIN and score > best.score:
            best = TopicHit(topic_id, score, alias)
    content = _content(text)
    for example in topic.examples:
        score = fuzz.token_sort_ratio(_example(example, kb), content) if content else 0.0
        if score >= EXAMPLE_MIN and score > best.score:
            best = TopicHit(topic_id, score, example)
    return best


def find_topics(question: str, kb: KnowledgeBase | None = None) -> list[TopicHit]:
    """The topics a question touches, best first; empty when the sources do not cover it. Topics of the
    medicines and conditions it names come first. When it names nutrients, a topic about other nutrients only
    is left out, and a question that reaches no topic goes to the home topics of the nutrients it names."""
    kb = kb or load_knowledge()
    text = normalise_question(question, kb)
    if not text.strip():
        return []
    words = set(text.split())
    hits = [hit for topic in kb.topics if (hit := _topic_score(topic, text, words, kb)).score > 0]
    nutrients, in_products = named_nutrients(question, text, kb)
    if nutrients:  # "calcium carbonate or citrate": 'citrate' alone does not make it about magnesium forms
        hits = [h for h in hits if not kb.topics[h.topic].nutrients or nutrients & set(kb.topics[h.topic].nutrients)]
    # among equal scores, the match nearest the whole question as asked, filler and all ("when should i take
    # magnesium" is its timing example's, not "which magnesium is best")
    hits.sort(key=lambda h: (-h.score, -fuzz.ratio(h.matched, text), h.topic))
    kept = [h for h in hits if h.score >= hits[0].score - KEEP_WITHIN] if hits else []
    named = [TopicHit(topic, 100.0, said) for topic, said in _named_topics(question) if topic in kb.topics
             and (not nutrients or not kb.topics[topic].nutrients or nutrients & set(kb.topics[topic].nutrients))]
    found = [*named, *(h for h in kept if h.topic not in {n.topic for n in named})][:MAX_TOPICS]
    if not found:
        return [TopicHit(topic.id, HOME_SCORE, nutrient) for nutrient in sorted(nutrients)
                for topic in kb.topics.values() if topic.home and nutrient in topic.nutrients][:MAX_TOPICS]
    # a nutrient left without a topic of its own, in a question about nutrients ("calcium 1200 mg and vitamin D
    # 800 IU": the IU found vitamin D's) or in a product it names, gets its first home topic
    covered = {n for hit in found for n in kb.topics[hit.topic].nutrients}
    about_nutrients = any(kb.topics[hit.topic].nutrients for hit in found)
    # a product's nutrient wants the topic on taking it as a supplement, even when a food topic covers it
    supplied = {n for hit in found if kb.topics[hit.topic].products for n in kb.topics[hit.topic].nutrients}
    wanting = [n for n in sorted(nutrients)
               if (about_nutrients and n not in covered) or (n in in_products and n not in supplied)]
    # a product's nutrients go to the topic on taking them as supplements, others to their first home
    homes = [next(TopicHit(t.id, found[-1].score, n) for t in kb.topics.values()
                  if t.home and n in t.nutrients and (t.products or n not in in_products)) for n in wanting]
    return [*found, *homes]


def named_nutrients(question: str, text: str, kb: KnowledgeBase) -> tuple[set[str], set[str]]:
    """The nutrients a question names: by their words in ``text`` (the question normalised), a long word also
    with a typo, or else by the products it names; and the nutrients of the products it names."""
    from knowledge.intake.products import Product, find_products

    found: set[str] = {nutrient for nutrient, names in kb.nutrient_words.items()
             if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in names)}
    singles = {name: nutrient for nutrient, names in kb.nutrient_words.items() for name in names
               if " " not in name and len(name) >= TYPO_MIN}
    for word in {w for w in text.split() if len(w) >= TYPO_MIN and w.isalpha()}:
        if best := process.extractOne(word, list(singles), scorer=fuzz.ratio, score_cutoff=TYPO_SCORE):
            found.add(singles[best[0]])
    in_products = {n.rsplit("_", 1)[0] for product in find_products(fold(question))
                   if isinstance(product.entry, Product) for n in product.entry.contains}
    return found or in_products, in_products


def _named_topics(question: str) -> list[tuple[str, str]]:
    """The topics of the medicines, conditions and symptoms a question names, by any name intake.toml gives them
    ("water tablets", "omeprazole", "ckd", "skipped beats"), whoever they are about: the question is about them."""
    from knowledge.intake.mentions import intake_lexicon

    lexicon = intake_lexicon()
    kinds = ("medicine", "condition", "symptom")
    found = [*mentions_in(question, kinds), *mentions_in(question, kinds, True)]
    topics: dict[str, str] = {}  # each topic with the words that first named it
    for mention in found:
        for topic in [] if mention.denied else lexicon[mention.key].topics:
            topics.setdefault(topic, mention.said)
    return list(topics.items())


@lru_cache(maxsize=32)  # within one answer, not across questions
def _mentions(text: str, kinds: tuple[str, ...], others: bool | None) -> tuple[Mention, ...]:
    from knowledge.intake.mentions import find_mentions

    return tuple(find_mentions(text, kinds, others=others))  # type: ignore[arg-type]


def mentions_in(text: str, kinds: tuple[str, ...], others: bool | None = False) -> list[Mention]:
    """``find_mentions``, read once per text: retrieval, the outside subjects and the person's notes all ask."""
    return list(_mentions(text, kinds, others))


_SLOT_END = re.compile(r"[.,;:!?()]|\b(?:and|or|but|because|if|when|while|since|so|as)\b")
SLOT_WORDS = 4  # how far after an asking word the subject asked about is looked for


def unknown_subjects(question: str, kb: KnowledgeBase) -> list[str]:
    """The subjects a question asks about that the knowledge base has no word for: in the words after one of
    ``kb.asking`` ("does magnesium help migraines"), a word of four letters or more that no claim, topic,
    lexicon or source article uses, that is no food and no slip of a known word; each as the words of its
    place up to it ("high blood pressure", not "pressure")."""
    from knowledge.evidence.bottom_line import person_words

    if not kb.asking:
        return []
    folded = " ".join(re.findall(r"[a-z0-9.,;:!?()]+|[a-z0-9]+", fold(clean(question))))
    pattern = _asking_pattern(kb)
    known = known_words(kb) | person_words()
    subjects = []
    for found in pattern.finditer(folded):
        rest = _SLOT_END.split(folded[found.end():], maxsplit=1)[0].split()[:SLOT_WORDS]
        unknown = [i for i, w in enumerate(rest) if len(w) >= 4 and w.isalpha() and not _known(w, known)
                   and not _food_word(w) and corrected(w, kb) == w]
        if unknown:
            start = next(i for i, w in enumerate(rest) if w not in FILLER)
            end = unknown[-1] + 1
            while end < len(rest) and rest[end] not in FILLER and rest[end].isalpha():  # "immune system"
                end += 1
            subjects.append(" ".join(rest[start:end]))
    return list(dict.fromkeys(subjects))


def _known(word: str, known: frozenset[str]) -> bool:
    """A known word, or the plural of one ("teenagers")."""
    from knowledge.text import stem

    return word in known or stem(word) in known or word.removesuffix("s") in known


_ASKING: dict[int, re.Pattern[str]] = {}


def _asking_pattern(kb: KnowledgeBase) -> re.Pattern[str]:
    if id(kb) not in _ASKING:
        words = "|".join(re.escape(w) for w in sorted(kb.asking, key=len, reverse=True))
        _ASKING[id(kb)] = re.compile(rf"\b(?:{words})\b")
    return _ASKING[id(kb)]
