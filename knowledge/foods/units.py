"""Units of amount, read once from ``data/units.toml`` and validated: the one home of every unit's spellings,
its weight or volume, the SR28 measure words that stand for it and the typical weight used when SR28 has none."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from knowledge.data_files import data_file


class Unit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: Literal["mass", "volume", "vessel", "count"]
    spellings: list[str] = Field(min_length=1)
    grams: float | None = Field(default=None, gt=0)
    ml: float | None = Field(default=None, gt=0)
    typical_grams: float | None = Field(default=None, gt=0)
    typical_by_group: dict[str, float] = {}
    whole_item_in: list[str] = []  # SR28 food groups where one of this unit is one whole item ("a piece of fruit")
    whole_item_max_grams: float = 0.0  # ... of at most this weight (a piece of melon is a slice, not a melon)
    sr28_words: list[str] = []
    container: bool = False
    household: bool = False  # a volume that is also a household measure (a cup, a spoon)
    after_food: bool = False
    cut: bool = False  # a shape the food is cut into: "carrot sticks" are a usual portion of carrot, cut so
    implies: str | None = None

    @model_validator(mode="after")
    def _one_way_to_weigh(self) -> Unit:
        needs = {"mass": "grams", "volume": "ml", "vessel": "ml", "count": "typical_grams"}[self.kind]
        for field in ("grams", "ml", "typical_grams"):
            if (getattr(self, field) is not None) != (field == needs):
                raise ValueError(f"unit {self.name!r} ({self.kind}) takes {needs} and only that")
        return self

    @property
    def measure_words(self) -> frozenset[str]:
        """Words of SR28 household-measure descriptions that stand for this unit."""
        return frozenset(self.sr28_words or [self.name])


class Units(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    unit: list[Unit]
    sizes: dict[str, str]
    _by_name: dict[str, Unit] = PrivateAttr()
    _spelling: dict[str, str] = PrivateAttr()

    @model_validator(mode="after")
    def _spellings_are_unique(self) -> Units:
        seen: dict[str, str] = {}
        for unit in self.unit:
            for spelling in unit.spellings:
                if spelling in seen:
                    raise ValueError(f"'{spelling}' is spelt for both {seen[spelling]!r} and {unit.name!r}")
                seen[spelling] = unit.name
        if len({u.name for u in self.unit}) != len(self.unit):
            raise ValueError("two units share a name")
        return self

    def model_post_init(self, context: object) -> None:
        self._by_name = {u.name: u for u in self.unit}
        self._spelling = {s.lower(): u.name for u in self.unit for s in u.spellings}

    def by_name(self, name: str) -> Unit:
        return self._by_name[name]

    def spelling_to_unit(self) -> dict[str, str]:
        """Every spelling (lower case) -> canonical unit name."""
        return self._spelling

    def grams_per(self) -> dict[str, float]:
        return {u.name: u.grams for u in self.unit if u.kind == "mass" and u.grams}

    def ml_per(self) -> dict[str, float]:
        return {u.name: u.ml for u in self.unit if u.kind == "volume" and u.ml}

    def vessel_ml(self) -> dict[str, float]:
        return {u.name: u.ml for u in self.unit if u.kind == "vessel" and u.ml}


@cache
def units() -> Units:
    return Units.model_validate(data_file("units.toml"))


def unit_for(spelling: str) -> str | None:
    """The canonical unit for a spelling ("tablespoons" -> "tbsp"), or None."""
    return units().spelling_to_unit().get(spelling.strip().rstrip(".").lower())
