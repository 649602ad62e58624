"""Disagreements between sources, computed from the claims' normalised values (never listed by hand).

- figures: sources give numbers for the same quantity that do not overlap (an open bound counts as its figure:
  "more than 700" is 700). Overlapping ranges are not a disagreement, nor are figures for different contexts
  (a correction dose and an everyday dose; an MK-4 and an MK-7 dose). Where a reference gives its own figure
  for the quantity, the articles are set against it (below), not against each other;
- stances: one source is for a proposition and another against it (or qualifies it);
- forms: sources recommend different forms (MK-4 or MK-7; magnesium glycinate or citrate), or one recommends
  what another says to avoid;
- terms: the same term used for different ideas ("calcium paradox");
- limits: an article against a reference figure: a dose above an upper limit, a target below an RDA (or a
  need wholly above it), a blood level past where harm is possible, an "optimal" range where the reference says
  none is standardised, a figure clear of the reference's own figure for the same thing; and, where a reference
  claim with a limit names a proposition or forms, an article that takes a side the reference does not take or
  says to avoid a form the reference lists. These are always worded as the article going beyond the reference,
  never as an even split, so reference claims with a limit take no part in the splits above.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import cache
from typing import Literal

from pydantic import BaseModel

from knowledge.evidence.sources import Claim, KnowledgeBase, load_knowledge

# "figures-differ" (overlapping figures) is no longer found; it stays so that transcripts saved before load
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
    """The span of a source's figures; an open bound counts as its figure ("more than 300" is 300)."""
    lows = [c.values.low if c.values.low is not None else c.values.high for c in claims]
    highs = [c.values.high if c.values.high is not None else c.values.low for c in claims]
    return min(v for v in lows if v is not None), max(v for v in highs if v is not None)


def _grouped(kb: KnowledgeBase, key: Callable[[Claim], str | None]) -> dict[str, list[Claim]]:
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in kb.claims:
        if group := key(claim):
            groups[group].append(claim)
    return groups


def _between(kind: Kind, claims: list[Claim], summary: str) -> Contradiction:
    return Contradiction(topic=claims[0].topic, kind=kind, sources=sorted({c.source for c in claims}),
                         claims=sorted(c.id for c in claims), summary=summary)


def _by_source(claims: list[Claim]) -> dict[str, list[Claim]]:
    per_source: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        per_source[claim.source].append(claim)
    return dict(sorted(per_source.items()))


def _figures(kb: KnowledgeBase) -> list[Contradiction]:
    def figure(claim: Claim) -> str | None:
        has_figure = claim.values.low is not None or claim.values.high is not None
        if not has_figure or claim.values.limit is not None or not claim.values.quantity:
            return None
        return f"{claim.values.quantity}@{claim.values.context or ''}"  # compared within one context only

    bounded = {c.values.quantity for c in kb.claims if c.values.limit}  # quantities a reference limit judges
    own_figure = {c.values.quantity for c in kb.claims if c.values.limit == "figure"}
    found = []
    for group, claims in _grouped(kb, figure).items():
        quantity = group.split("@")[0]
        references = [c for c in claims if kb.sources[c.source].is_reference]
        if quantity in own_figure and not references:  # each article is set against the reference's figure
            continue
        if references and quantity in bounded:  # an article is judged against the reference's limit, not set
            claims = references                 # beside the reference bodies as an even split
        bounds = {source: _bounds(cs) for source, cs in _by_source(claims).items()}
        if not any(bounds[a][1] < bounds[b][0] for a in bounds for b in bounds):  # overlapping: no disagreement
            continue
        positions = "; ".join(f"{source} {', '.join(span(c) for c in cs)}"
                              for source, cs in _by_source(claims).items())
        who = "reference bodies" if claims == references else "sources"
        context = group.split("@")[1]
        found.append(_between("figures-disagree", claims, f"The {who} do not agree on {kb.quantities[quantity]}"
                                                          f"{f' ({context})' if context else ''}: {positions}."))
    return found


def _stances(kb: KnowledgeBase) -> list[Contradiction]:
    found = []
    for proposition, claims in _grouped(kb, lambda c: None if c.values.limit else c.values.proposition).items():
        by_stance = {stance: sorted({c.source for c in claims if c.values.stance == stance})
                     for stance in ("against", "for", "mixed")}
        taken = {stance for stance, sources in by_stance.items() if sources}
        if len(taken) < 2:
            continue
        sides = "; ".join(f"{stance}: {', '.join(by_stance[stance])}" for stance in sorted(taken))
        found.append(_between("opposite-stances" if {"for", "against"} <= taken else "qualified-stance", claims,
                              f"The sources split on whether {kb.propositions[proposition]} ({sides})."))
    return found


def _forms(kb: KnowledgeBase) -> list[Contradiction]:
    found = []
    def recommends(claim: Claim) -> str | None:
        return claim.topic if (claim.values.forms or claim.values.avoid) and not claim.values.limit else None

    for claims in _grouped(kb, recommends).values():
        recommended = {c.source: set(c.values.forms) for c in claims}
        avoided = {c.source: set(c.values.avoid) for c in claims}
        if len({frozenset(f) for f in recommended.values()}) < 2:
            continue
        parts = [f"{source} recommends {', '.join(sorted(forms))}"
                 + (f" and says to avoid {', '.join(sorted(avoided[source]))}" if avoided[source] else "")
                 for source, forms in sorted(recommended.items())]
        if shared := set.intersection(*recommended.values()):
            parts.append(f"both name {', '.join(sorted(shared))}")
        found.append(_between("different-forms", claims,
                              f"The sources recommend different forms: {'; '.join(parts)}."))
    return found


def _terms(kb: KnowledgeBase) -> list[Contradiction]:
    found = []
    for term, claims in _grouped(kb, lambda c: (c.values.term or "").lower() or None).items():
        if len({c.values.meaning for c in claims}) < 2:
            continue
        meanings = "; ".join(f"{c.source}: {c.values.meaning}" for c in sorted(claims, key=lambda c: c.source))
        found.append(_between("same-term-different-meaning", claims,
                              f"The sources use '{term}' for different ideas ({meanings})."))
    return found


def _limits(kb: KnowledgeBase) -> list[Contradiction]:
    """Each article against each reference limit; an article's several figures for one quantity past the same
    limit make one line ("s002 puts the dose at 5,000-10,000 and 4,000-5,000 IU/day, above ...")."""
    articles = [c for c in kb.claims if not kb.sources[c.source].is_reference]
    found = []
    for limit in (c for c in kb.claims if c.values.limit):
        quantity = limit.values.quantity
        if not quantity or limit.values.proposition:  # a side or a form the reference does not take
            found += [_between(beyond[0], [claim, limit], f"{beyond[1]}.")
                      for claim in articles if (beyond := _beyond(claim, limit, kb))]
            continue
        past: dict[tuple[str, Kind], list[tuple[Claim, str]]] = defaultdict(list)  # by article and kind
        for claim in articles:
            if claim.values.quantity == quantity and (figure := _past_figure(claim, limit)):
                past[(claim.source, figure[0])].append((claim, figure[1]))
        for (source, kind), said in past.items():
            claims = [claim for claim, _ in said]
            # one wording for all the article's figures: the weaker ("reaching above") holds for each
            words = next((w for _, w in said if w.startswith("reaching")), said[0][1])
            found.append(_between(kind, [*claims, limit], f"{source} puts {kb.quantities[quantity]} at "
                                                          f"{' and '.join(span(c) for c in claims)}, {words}."))
    return found


def _beyond(claim: Claim, limit: Claim, kb: KnowledgeBase) -> tuple[Kind, str] | None:
    """How ``claim`` goes past a reference ``limit`` that names a proposition or forms (a figure's limit is
    ``_past_figure``'s), as a sentence without its citation. A limit's ``note`` words the reference's side where
    the default words would not fit."""
    said, bound = claim.values, limit.values
    if bound.proposition:  # the reference takes no side (or another one): an article that takes one goes beyond
        if said.proposition != bound.proposition or said.stance in (None, bound.stance):
            return None
        verb = {"for": "holds", "against": "denies", "mixed": "qualifies the view"}[said.stance or "mixed"]
        words = bound.note or "which the reference does not state"
        return "beyond-reference", f"{claim.source} {verb} that {kb.propositions[bound.proposition]}, {words}"
    if bound.forms and not bound.quantity:  # the reference lists these forms and advises against none
        avoided = [form for form in said.avoid if form in bound.forms]
        if not avoided:
            return None
        words = bound.note or "a form the reference lists without advising against it"
        return "beyond-reference", f"{claim.source} says to avoid {', '.join(avoided)}, {words}"
    return None


def _past_figure(claim: Claim, limit: Claim) -> tuple[Kind, str] | None:
    """How ``claim``'s figure goes past the reference figure in ``limit``, if it does."""
    low = claim.values.low
    top = claim.values.high if claim.values.high is not None else low
    if top is None:
        return None
    bottom = low if low is not None else top
    kind = limit.values.limit
    unit = limit.values.unit or ""
    note = limit.values.note
    if kind == "none_set":
        return "beyond-reference", note or "a precision the reference says no standard range supports"
    if kind == "figure":  # the reference's own figure for the same thing; an open bound counts as its figure
        ref_low = limit.values.low if limit.values.low is not None else limit.values.high
        ref_top = limit.values.high if limit.values.high is not None else ref_low
        if ref_low is None or ref_top is None or ref_low <= top and bottom <= ref_top:
            return None
        return "beyond-reference", note or f"while the reference gives {span(limit)}"
    if kind == "rda" and limit.values.low is not None and top < limit.values.low:
        return "below-rda", f"below the recommended intake of {span(limit)}"
    if kind == "rda" and limit.values.high is not None and bottom > limit.values.high:
        return "beyond-reference", f"above the recommended intake of {span(limit)}, a need the reference does not set"
    # The strictest figure counts: the lower of an upper limit given as a range (2,000-2,500 mg by age).
    ceiling = limit.values.low if kind == "ul" and limit.values.low is not None else limit.values.high
    if kind == "rda" or ceiling is None or top <= ceiling:
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
