"""The live balance a UI shows beside the conversation, derived from the session: each nutrient against its
target and upper limit, the Ca:Mg ratio against each source's range, what was understood, and flags."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from assistant.engine.report import RATIO_CLAIMS, compute_totals, targets
from assistant.engine.state import NUTRIENTS, Session
from knowledge.evidence.sources import load_knowledge
from knowledge.intake.mentions import intake_lexicon
from knowledge.intake.supplements import NAME, UNIT

Standing = Literal["nothing yet", "below target", "meets target", "above upper limit", "no target"]


def standing(total: float | None, target: float | None, over_limit: bool) -> Standing:
    """Where a nutrient stands, in the words a UI shows beside its colour."""
    if over_limit:
        return "above upper limit"
    if total is None:
        return "nothing yet"
    if not target:
        return "no target"
    return "meets target" if total >= target else "below target"


class NutrientBar(BaseModel):
    nutrient: str
    name: str
    unit: str
    total: float | None
    food: float | None
    supplements: float | None
    target: float | None  # the lower of the targets when sex is not given
    upper_limit: float | None
    limit_counts_supplements_only: bool
    over_limit: bool
    missing_values: int  # foods with no value for this nutrient
    standing: Standing


class RatioRange(BaseModel):
    source: str
    low: float
    high: float
    inside: bool | None  # None without a ratio


class Item(BaseModel):
    kind: str  # food, supplement, medicine, condition, symptom, lab
    said: str
    understood: str


class Balance(BaseModel):
    bars: list[NutrientBar]
    ratio: float | None
    ranges: list[RatioRange]
    items: list[Item]
    flags: list[str]


def balance(session: Session) -> Balance:
    totals = compute_totals(session)
    bars, flags = [], []
    for nutrient in NUTRIENTS:
        found = targets(nutrient, session)
        target = min((t.amount for _, t in found), default=None)
        limit = next((t for _, t in found if t.upper_limit is not None), None)
        supplements_only = bool(limit and limit.upper_limit_counts == "supplements and medicines only")
        total = getattr(totals, nutrient) if totals else None
        from_supplements = getattr(totals.supplements, nutrient) if totals else None
        counted = from_supplements if supplements_only else total
        over = bool(limit and counted is not None and limit.upper_limit is not None and counted > limit.upper_limit)
        missing = len(totals.missing.get(nutrient, [])) if totals else 0
        bars.append(NutrientBar(nutrient=nutrient, name=NAME[nutrient], unit=UNIT[nutrient], total=total,
                                food=getattr(totals.food, nutrient) if totals else None, supplements=from_supplements,
                                target=target, upper_limit=limit.upper_limit if limit else None,
                                limit_counts_supplements_only=supplements_only, over_limit=over,
                                missing_values=missing, standing=standing(total, target, over)))
        if over:
            flags.append(f"{NAME[nutrient]} above the upper limit")
        if missing:
            flags.append(f"{missing} food{'s' if missing > 1 else ''} with no {NAME[nutrient]} value")
    ratio = totals.ca_mg_ratio if totals else None
    kb = load_knowledge()
    ranges = []
    for claim_id in RATIO_CLAIMS:
        claim = kb.claim(claim_id)
        assert claim is not None and claim.values.low is not None and claim.values.high is not None
        inside = None if ratio is None else claim.values.low <= ratio <= claim.values.high
        ranges.append(RatioRange(source=claim.source, low=claim.values.low, high=claim.values.high, inside=inside))
    items = [Item(kind="food", said=f.result.text, understood=f"{f.result.food.name if f.result.food else '?'}, "
                                                              f"{f.result.grams:g} g") for f in session.foods]
    items += [Item(kind="supplement", said=s.dose.said,
                   understood=f"{s.amount:g} {UNIT[s.dose.nutrient]} {NAME[s.dose.nutrient]}" if s.amount is not None
                   and s.dose.nutrient else "dose not given") for s in session.supplements]
    lexicon = intake_lexicon()
    items += [Item(kind=n.kind, said=n.said, understood=n.label) for n in session.noted]
    items += [Item(kind="lab", said=lab.lab.said, understood=lab.lab.converted or "unit to confirm")
              for lab in session.labs]
    flags += [f"interaction: {lexicon[n.key].label}" for n in session.noted if n.kind in ("medicine", "condition")]
    flags += [f"urgent: {flag}" for flag in session.red_flags]
    return Balance(bars=bars, ratio=ratio, ranges=ranges, items=items, flags=flags)
