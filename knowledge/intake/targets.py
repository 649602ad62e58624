"""Daily targets and upper limits by age, sex and pregnancy, from REFERENCE.md (US/Canada DRIs).

Each figure carries the reference source it comes from, so a report can cite it. The magnesium upper limit
counts supplements and medicines only: magnesium from food is never "over the limit".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Sex = Literal["female", "male"]
Nutrient = Literal["calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k_ug"]
LimitCounts = Literal["food and supplements", "supplements and medicines only"]
Row = tuple[int, int, int, int | None, int | None, int | None]

# (lowest age, male RDA, female RDA, pregnancy, lactation, UL); pregnancy/lactation None = same as female.
_CALCIUM: list[Row] = [(1, 700, 700, None, None, 2500), (4, 1000, 1000, None, None, 2500),
                       (9, 1300, 1300, 1300, 1300, 3000), (19, 1000, 1000, 1000, 1000, 2500),
                       (51, 1000, 1200, None, None, 2000), (71, 1200, 1200, None, None, 2000)]
_MAGNESIUM: list[Row] = [(1, 80, 80, None, None, 65), (4, 130, 130, None, None, 110), (9, 240, 240, None, None, 350),
              (14, 410, 360, 400, 360, 350), (19, 400, 310, 350, 310, 350), (31, 420, 320, 360, 320, 350),
              (51, 420, 320, None, None, 350)]
_VITAMIN_D_UG: list[Row] = [(1, 15, 15, 15, 15, 63), (4, 15, 15, 15, 15, 75), (9, 15, 15, 15, 15, 100),
                 (71, 20, 20, 20, 20, 100)]
_VITAMIN_K_UG: list[Row] = [(19, 120, 90, 90, 90, None)]  # adequate intake; no upper limit set

# the reference claims that state each target and upper limit, for citing them
CLAIMS: dict[Nutrient, tuple[str, str | None]] = {
    "calcium_mg": ("ref-calcium-rda", "ref-calcium-ul"), "magnesium_mg": ("ref-magnesium-rda", "ref-magnesium-ul"),
    "vitamin_d_ug": ("ref-vitamin-d-rda", "ref-vitamin-d-ul"), "vitamin_k_ug": ("ref-vitamin-k-ai", None)}
SOURCES: dict[Nutrient, str] = {"calcium_mg": "ref-ods-calcium", "magnesium_mg": "ref-ods-magnesium",
                                "vitamin_d_ug": "ref-ods-vitamin-d", "vitamin_k_ug": "ref-ods-vitamin-k"}


@dataclass(frozen=True)
class Target:
    nutrient: Nutrient
    amount: float  # RDA, or adequate intake for vitamin K
    kind: Literal["RDA", "AI"]
    upper_limit: float | None  # None where no upper limit is set
    upper_limit_counts: LimitCounts | None
    source: str  # reference source id


def target_for(nutrient: Nutrient, age: int, sex: Sex, pregnant: bool = False,
               breastfeeding: bool = False) -> Target | None:
    """The target for an adult or child of ``age`` (years, 1 or over); None where REFERENCE.md gives none
    (vitamin K under 19)."""
    table: list[Row] = {"calcium_mg": _CALCIUM, "magnesium_mg": _MAGNESIUM, "vitamin_d_ug": _VITAMIN_D_UG,
             "vitamin_k_ug": _VITAMIN_K_UG}[nutrient]
    rows = [row for row in table if row[0] <= age]
    if age < 1 or not rows:
        return None
    _, male, female, pregnancy, lactation, upper = rows[-1]
    amount = male if sex == "male" else female
    if pregnant and pregnancy is not None:
        amount = pregnancy
    elif breastfeeding and lactation is not None:
        amount = lactation
    counts: LimitCounts | None = None
    if upper is not None:
        counts = "supplements and medicines only" if nutrient == "magnesium_mg" else "food and supplements"
    return Target(nutrient=nutrient, amount=float(amount), kind="AI" if nutrient == "vitamin_k_ug" else "RDA",
                  upper_limit=None if upper is None else float(upper), upper_limit_counts=counts,
                  source=SOURCES[nutrient])
