"""Sources, topics and claims: the knowledge base, loaded from ``data/knowledge`` and validated by pydantic.

The data files ship inside the package, so an installed calmag needs no access to the article texts.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

SourceKind = Literal["personal blog or book author", "lab-testing company", "supplement or health brand",
                     "health-information site", "unknown", "government reference", "research review",
                     "safety rule"]
Evidence = Literal["opinion", "mechanism", "observational", "trial", "review", "animal", "anecdote", "quote",
                   "reference"]
Limit = Literal["rda", "ul", "adverse_above", "none_set", "figure"]
Stance = Literal["for", "against", "mixed"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    id: str
    title: str
    publisher: str
    kind: SourceKind
    commercial_interest: str = ""
    references: list[str] = []

    @property
    def is_reference(self) -> bool:
        return self.id.startswith("ref-")

    @property
    def commercial(self) -> bool:
        return bool(self.commercial_interest)


NutrientName = Literal["calcium", "magnesium", "vitamin_d", "vitamin_k"]


class Topic(_Strict):
    id: str
    name: str
    aliases: list[str] = []
    examples: list[str] = []
    figure: Literal["calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k_ug"] | None = None  # its RDA and UL
    figure_named: bool = False  # opens with the RDA and UL of each of its nutrients the question names
    nutrients: list[NutrientName] = []  # the nutrients it is about; none: any
    home: bool = False  # where a question about its nutrients goes when no topic about them matched
    products: bool = False  # a home topic on taking its nutrient as a supplement: where a named product goes
    opens: list[str] = []  # reference claims whose sentences open an answer on it (the one-line reference answer)


class Values(_Strict):
    """What a claim says, normalised so that claims can be compared."""

    quantity: str | None = None
    context: str | None = None  # what a figure is for, when narrower than everyday use: compared only within it
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    note: str | None = None
    limit: Limit | None = None
    stance: Stance | None = None
    proposition: str | None = None
    forms: list[str] = []
    avoid: list[str] = []
    term: str | None = None
    meaning: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Values:
        if (self.low is not None or self.high is not None) and not (self.quantity and self.unit):
            raise ValueError("a numeric value needs a quantity and a unit")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"range {self.low}-{self.high} runs backwards")
        if (self.stance is None) != (self.proposition is None):
            raise ValueError("a stance needs a proposition and a proposition a stance")
        if (self.term is None) != (self.meaning is None):
            raise ValueError("a term needs its meaning")
        return self


class Claim(_Strict):
    id: str
    source: str
    topic: str
    heading: str = Field(min_length=3)
    text: str = Field(min_length=10)
    hedging: str
    evidence: Evidence
    values: Values = Values()


class OutsideSubject(_Strict):
    """Something the sources say nothing about, though a question on it names what they cover ("epsom salt
    baths" names magnesium): the answer says so before what they say in general."""

    name: str  # as the answer says it: "they say nothing about {name}"
    words: list[str] = Field(min_length=1)  # matched as whole words, after the lexicon's rewriting
    covered_for: list[NutrientName] = []  # nutrients for which a source does address it (caffeine: magnesium)


class SafetyRule(_Strict):
    notes: list[str] = []  # reference claim ids to state with the topic
    clinician: bool = False  # send the person to a clinician before changing anything


class KnowledgeBase(_Strict):
    sources: dict[str, Source]
    topics: dict[str, Topic]
    claims: list[Claim]
    propositions: dict[str, str]
    quantities: dict[str, str]
    safety: dict[str, SafetyRule]
    lexicon: dict[str, str]
    nutrient_words: dict[NutrientName, list[str]]
    outside: dict[str, OutsideSubject] = {}
    asking: list[str] = []  # words after which a question says what it asks about (lexicon.toml [asking])
    source_words: frozenset[str] = frozenset()  # the words the source articles use (source_words.toml)

    @model_validator(mode="after")
    def _references_resolve(self) -> KnowledgeBase:
        ids = [c.id for c in self.claims]
        if len(ids) != len(set(ids)):
            raise ValueError("claim ids repeat")
        for claim in self.claims:
            if claim.source not in self.sources:
                raise ValueError(f"{claim.id}: unknown source {claim.source}")
            if claim.topic not in self.topics:
                raise ValueError(f"{claim.id}: unknown topic {claim.topic}")
            proposition = claim.values.proposition
            if proposition and proposition not in self.propositions:
                raise ValueError(f"{claim.id}: unknown proposition {proposition}")
            if claim.values.quantity and claim.values.quantity not in self.quantities:
                raise ValueError(f"{claim.id}: unknown quantity {claim.values.quantity}")
        known = set(ids)
        for entry in self.topics.values():
            if not set(entry.opens) <= known:
                raise ValueError(f"topic {entry.id} opens with an unknown claim")
        for topic, rule in self.safety.items():
            if topic not in self.topics or not set(rule.notes) <= known:
                raise ValueError(f"safety rule for {topic} names an unknown topic or claim")
        return self

    _by_id: dict[str, Claim] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object) -> None:
        self._by_id.update((c.id, c) for c in self.claims)

    def claim(self, claim_id: str) -> Claim | None:
        return self._by_id.get(claim_id)

    def claims_on(self, topic: str) -> list[Claim]:
        return [c for c in self.claims if c.topic == topic]


def _read(name: str) -> dict:
    return tomllib.loads(resources.files("knowledge").joinpath(f"data/knowledge/{name}").read_text("utf-8"))


@cache
def load_knowledge() -> KnowledgeBase:
    """The shipped knowledge base, validated once per process."""
    folder = resources.files("knowledge").joinpath("data/knowledge/claims")
    claims: list[dict] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text("utf-8"))
            default_source = data.get("source")
            claims.extend({"source": default_source, **claim} for claim in data["claim"])
    wording, lexicon = _read("wording.toml"), _read("lexicon.toml")
    return KnowledgeBase.model_validate({
        "sources": {s["id"]: s for s in _read("sources.toml")["source"]},
        "topics": {t["id"]: t for t in _read("topics.toml")["topic"]},
        "claims": claims,
        "propositions": wording["propositions"],
        "quantities": wording["quantities"],
        "safety": _read("safety.toml"),
        "lexicon": lexicon["words"],
        "nutrient_words": lexicon["nutrients"],
        "outside": lexicon.get("outside", {}),
        "asking": lexicon.get("asking", {}).get("after", []),
        "source_words": frozenset(_read("source_words.toml")["words"]),
    })
