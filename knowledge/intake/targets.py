"""Daily targets and upper limits by age, sex and pregnancy: REFERENCE.md's tables, kept in
``data/targets.toml``.

Each figure carries the reference claims that state it, so a report or an answer can cite them. The magnesium
upper limit counts supplements and medicines only: magnesium from food is never "over the limit".
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Sex = Literal["female", "male"]
Nutrient = Literal["calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k_ug"]
LimitCounts = Literal["food and supplements", "supplements and medicines only"]
Kind = Literal["RDA", "AI"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Row(_Strict):
    lowest_age: float = Field(alias="from", ge=0)
    male: float = Field(gt=0)
    female: float = Field(gt=0)
    pregnancy: float | None = Field(default=None, gt=0)
    lactation: float | None = Field(default=None, gt=0)
    ul: float | None = Field(default=None, gt=0)
    kind: Kind | None = None
    target_claim: str | None = None
    limit_claim: str | None = None


class _Table(_Strict):
    source: str
    kind: Kind
    limit_counts: LimitCounts | None = None
    target_claim: str
    limit_claim: str | None = None
    rows: list[_Row] = Field(min_length=1)

    @model_validator(mode="after")
    def _youngest_first(self) -> _Table:
        ages = [row.lowest_age for row in self.rows]
        if ages != sorted(set(ages)):
            raise ValueError("rows must run from the youngest band up, one row per band")
        if any(row.ul is not None for row in self.rows) and self.limit_counts is None:
            raise ValueError("a table with upper limits says what they count (limit_counts)")
        return self


@cache
def _tables() -> dict[Nutrient, _Table]:
    text = resources.files("knowledge").joinpath("data/targets.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    if set(raw) != {"calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k_ug"}:
        raise ValueError("targets.toml must have one table for each of the four nutrients")
    return {nutrient: _Table.model_validate(table) for nutrient, table in raw.items()}  # type: ignore[misc]


@dataclass(frozen=True)
class Target:
    nutrient: Nutrient
    amount: float  # RDA, or adequate intake
    kind: Kind
    upper_limit: float | None  # None where no upper limit is set
    upper_limit_counts: LimitCounts | None
    source: str  # reference source id
    target_claim: str  # the reference claims that state these figures
    limit_claim: str | None


def target_claims() -> set[str]:
    """Every reference claim a target may cite (a test checks each exists)."""
    return {claim for table in _tables().values() for row in table.rows
            for claim in (row.target_claim or table.target_claim, row.limit_claim or table.limit_claim) if claim}


def target_for(nutrient: Nutrient, age: float, sex: Sex, pregnant: bool = False,
               breastfeeding: bool = False) -> Target | None:
    """The target for someone of ``age`` (years; 0.5 for seven months); None where REFERENCE.md gives none
    (calcium and magnesium under a year, vitamin K under 19)."""
    table = _tables()[nutrient]
    rows = [row for row in table.rows if row.lowest_age <= age]
    if not rows:
        return None
    row = rows[-1]
    amount = row.male if sex == "male" else row.female
    if pregnant and row.pregnancy is not None:
        amount = row.pregnancy
    elif breastfeeding and row.lactation is not None:
        amount = row.lactation
    return Target(nutrient=nutrient, amount=amount, kind=row.kind or table.kind, upper_limit=row.ul,
                  upper_limit_counts=table.limit_counts if row.ul is not None else None, source=table.source,
                  target_claim=row.target_claim or table.target_claim,
                  limit_claim=(row.limit_claim or table.limit_claim) if row.ul is not None else None)


ADULT_AGE = 30  # the age targets are given for when none is known: adults 19 to 50 (said so where shown)


def person_targets(nutrient: Nutrient, age: float | None, sex: str | None, pregnant: bool = False,
                   breastfeeding: bool = False) -> list[tuple[str, Target]]:
    """The targets for someone as far as they are known: one, or one for each sex when the sex is not known and
    the figures differ (each with its sex, "female" or "male")."""
    sexes: list[Sex] = [sex] if sex in ("female", "male") else ["female", "male"]  # type: ignore[list-item]
    found: list[tuple[str, Target]] = [(s, t) for s in sexes
             if (t := target_for(nutrient, ADULT_AGE if age is None else age, s, pregnant, breastfeeding))]
    if len(found) == 2 and found[0][1] == found[1][1]:
        found = found[:1]
    return found
