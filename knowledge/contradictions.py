"""Disagreements between sources, computed from the claims' normalised values (never listed by hand).

- figures: sources give different numbers for the same quantity (ranges that do not overlap disagree;
  overlapping but unequal ranges differ);
- stances: one source is for a proposition and another against it (or qualifies it);
- forms: sources recommend different forms (MK-4 or MK-7; magnesium glycinate or citrate), or one recommends
  what another says to avoid;
- terms: the same term used for different ideas ("calcium paradox");
- limits: an article against a reference figure: a dose above an upper limit, a target below an RDA, a blood
  level past where harm is possible, an "optimal" range where the reference says none is standardised.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import cache
from typing import Literal

from pydantic import BaseModel

from knowledge.sources import Claim, KnowledgeBase, load_knowledge

Kind = Literal["figures-disagree", "figures-differ", "opposite-stances", "qualified-stance", "different-forms",
               "same-term-different-meaning", "above-upper-limit", "below-rda", "above-safe-level",
               "beyond-reference"]


class Contradiction(BaseModel):
    topic: str
    kind: Kind
    sources: list[str]
    claims: list[str]
    summary: str


def _figure(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:g}"


def span(claim: Claim) -> str:
    """A claim's figure in words: "1-2", "more than 700", "600"."""
    low, high, unit = claim.values.low, claim.values.high, claim.values.unit or ""
    if low is not None and high is not None:
        text = _figure(low) if low == high else f"{_figure(low)}-{_figure(high)}"
    elif low is not None:
        text = f"{_figure(low)} or more"
    elif high is not None:
        text = f"at most {_figure(high)}"
    else:
        return "no figure"
    return f"{text} {unit}".strip()


def _bounds(claims: list[Claim]) -> tuple[float, float]:
    lows = [c.values.low if c.values.low is not None else -math.inf for c in claims]
    highs = [c.values.high if c.values.high is not None else math.inf for c in claims]
    return min(lows), max(highs)


def _figures(kb: KnowledgeBase) -> list[Contradiction]:
    by_quantity: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in kb.claims:
        if claim.values.quantity and claim.values.limit is None and (
                claim.values.low is not None or claim.values.high is not None):
            by_quantity[claim.values.quantity][claim.source].append(claim)
    found = []
    for quantity, per_source in by_quantity.items():
        if len(per_source) < 2:
            continue
        bounds = {source: _bounds(claims) for source, claims in per_source.items()}
        if len(set(bounds.values())) == 1:
            continue
        pairs = [(a, b) for a in bounds for b in bounds if a < b]
        disjoint = any(bounds[a][1] < bounds[b][0] or bounds[b][1] < bounds[a][0] for a, b in pairs)
        positions = "; ".join(f"{source} {', '.join(span(c) for c in claims)}"
                              for source, claims in sorted(per_source.items()))
        claims = [c for cs in per_source.values() for c in cs]
        verb = "do not agree on" if disjoint else "give different figures for"
        found.append(Contradiction(
            topic=claims[0].topic, kind="figures-disagree" if disjoint else "figures-differ",
            sources=sorted(per_source), claims=sorted(c.id for c in claims),
            summary=f"The sources {verb} {kb.quantities[quantity]}: {positions}."))
    return found


def _stances(kb: KnowledgeBase) -> list[Contradiction]:
    by_proposition: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in kb.claims:
        if claim.values.proposition and claim.values.stance:
            by_proposition[claim.values.proposition][claim.values.stance].append(claim)
    found = []
    for proposition, by_stance in by_proposition.items():
        if len(by_stance) < 2:
            continue
        kind: Kind = "opposite-stances" if {"for", "against"} <= by_stance.keys() else "qualified-stance"
        sides = "; ".join(f"{stance}: {', '.join(sorted({c.source for c in claims}))}"
                          for stance, claims in sorted(by_stance.items()))
        claims = [c for cs in by_stance.values() for c in cs]
        found.append(Contradiction(
            topic=claims[0].topic, kind=kind, sources=sorted({c.source for c in claims}),
            claims=sorted(c.id for c in claims),
            summary=f"The sources split on whether {kb.propositions[proposition]} ({sides})."))
    return found


def _forms(kb: KnowledgeBase) -> list[Contradiction]:
    by_topic: dict[str, list[Claim]] = defaultdict(list)
    for claim in kb.claims:
        if claim.values.forms or claim.values.avoid:
            by_topic[claim.topic].append(claim)
    found = []
    for topic, claims in by_topic.items():
        recommended = {c.source: set(c.values.forms) for c in claims}
        avoided = {c.source: set(c.values.avoid) for c in claims}
        if len(recommended) < 2 or len({frozenset(f) for f in recommended.values()}) == 1:
            continue
        parts = [f"{source} recommends {', '.join(sorted(forms))}"
                 + (f" and says to avoid {', '.join(sorted(avoided[source]))}" if avoided[source] else "")
                 for source, forms in sorted(recommended.items())]
        shared = set.intersection(*recommended.values())
        if shared:
            parts.append(f"both name {', '.join(sorted(shared))}")
        found.append(Contradiction(
            topic=topic, kind="different-forms", sources=sorted(recommended), claims=sorted(c.id for c in claims),
            summary=f"The sources recommend different forms: {'; '.join(parts)}."))
    return found


def _terms(kb: KnowledgeBase) -> list[Contradiction]:
    by_term: dict[str, list[Claim]] = defaultdict(list)
    for claim in kb.claims:
        if claim.values.term:
            by_term[claim.values.term.lower()].append(claim)
    found = []
    for term, claims in by_term.items():
        if len({c.values.meaning for c in claims}) < 2:
            continue
        meanings = "; ".join(f"{c.source}: {c.values.meaning}" for c in sorted(claims, key=lambda c: c.source))
        found.append(Contradiction(
            topic=claims[0].topic, kind="same-term-different-meaning", sources=sorted({c.source for c in claims}),
            claims=sorted(c.id for c in claims),
            summary=f"The sources use '{term}' for different ideas ({meanings})."))
    return found


def _limits(kb: KnowledgeBase) -> list[Contradiction]:
    articles: dict[str, list[Claim]] = defaultdict(list)
    for claim in kb.claims:
        if claim.values.quantity and not kb.sources[claim.source].is_reference:
            articles[claim.values.quantity].append(claim)
    found = []
    for limit in (c for c in kb.claims if c.values.limit and c.values.quantity):
        quantity = limit.values.quantity or ""
        for claim in articles[quantity]:
            if (words := _beyond(claim, limit)) is None:
                continue
            kind, text = words
            found.append(Contradiction(
                topic=claim.topic, kind=kind, sources=[claim.source, limit.source], claims=[claim.id, limit.id],
                summary=f"{claim.source} puts {kb.quantities[quantity]} at {span(claim)}, {text} ({limit.source})."))
    return found


def _beyond(claim: Claim, limit: Claim) -> tuple[Kind, str] | None:
    """How ``claim`` goes past the reference figure in ``limit``, if it does."""
    low = claim.values.low
    top = claim.values.high if claim.values.high is not None else low
    if top is None:
        return None
    kind = limit.values.limit
    unit = limit.values.unit or ""
    if kind == "none_set":
        return "beyond-reference", "a precision the reference says no standard range supports"
    if kind == "rda" and limit.values.low is not None and top < limit.values.low:
        return "below-rda", f"below the recommended intake of {span(limit)}"
    # The strictest figure counts: the lower of an upper limit given as a range (2,000-2,500 mg by age).
    ceiling = limit.values.low if kind == "ul" and limit.values.low is not None else limit.values.high
    if ceiling is None or top <= ceiling:
        return None
    reach = "above" if low is not None and low > ceiling else "reaching above"
    if kind == "ul":
        both = limit.values.low is not None and limit.values.high is not None
        figure = span(limit) if both else f"{_figure(ceiling)} {unit}"
        return "above-upper-limit", f"{reach} the upper limit of {figure}"
    if kind == "adverse_above":
        return "above-safe-level", f"{reach} {_figure(ceiling)} {unit}, where the reference notes possible harm"
    return None


def find_contradictions(kb: KnowledgeBase) -> list[Contradiction]:
    return _figures(kb) + _stances(kb) + _forms(kb) + _terms(kb) + _limits(kb)


@cache
def all_contradictions() -> tuple[Contradiction, ...]:
    return tuple(find_contradictions(load_knowledge()))
