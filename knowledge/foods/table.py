"""The SR28 nutrient table shipped with calmag (built by ``scripts/build_food_table.py``)."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

NUTRIENTS = ("calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k1_ug", "mk4_ug",
             "phosphorus_mg", "potassium_mg", "sodium_mg", "energy_kcal")
_COLUMN = {name: index for index, name in enumerate(NUTRIENTS)}


class Measure(NamedTuple):
    """One household measure from SR28's WEIGHT.txt: ``amount`` × ``description`` weighs ``grams``."""

    amount: float
    description: str
    grams: float

    @property
    def grams_each(self) -> float:
        return self.grams / self.amount


@dataclass(frozen=True, slots=True)
class Food:
    id: str
    name: str
    group: str
    survey: bool
    common_names: str
    values: tuple[float | None, ...]
    measures: tuple[Measure, ...]

    def nutrient(self, name: str) -> float | None:
        """A nutrient per 100 g by its column name (see NUTRIENTS); None where SR28 has no value."""
        return self.values[_COLUMN[name]]

    @property
    def vitamin_k_ug(self) -> float | None:
        """Vitamin K as SR28 reports it: phylloquinone (K1) plus MK-4 where measured; None if neither is."""
        k1, mk4 = self.nutrient("vitamin_k1_ug"), self.nutrient("mk4_ug")
        if k1 is None and mk4 is None:
            return None
        return (k1 or 0.0) + (mk4 or 0.0)


@dataclass(frozen=True)
class FoodTable:
    source: str
    groups: dict[str, str]
    foods: tuple[Food, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {food.id: food for food in self.foods})

    def __len__(self) -> int:
        return len(self.foods)

    def get(self, food_id: str) -> Food | None:
        return self._by_id.get(food_id)  # type: ignore[attr-defined]


def read_table(raw: bytes) -> FoodTable:
    data = json.loads(gzip.decompress(raw))
    if tuple(data["nutrient_columns"]) != NUTRIENTS:
        raise ValueError("the food table's nutrient columns are not the ones this calmag reads; rebuild it")
    foods = tuple(
        Food(ndb, name, group, survey, common, tuple(values),
             tuple(_measure(*m) for m in measures if m[0] and m[2]))
        for ndb, name, group, survey, common, values, measures in data["foods"]
    )
    return FoodTable(source=data["source"], groups=data["groups"], foods=foods)


def _measure(amount: float, description: str, grams: float) -> Measure:
    """SR28 writes a six-inch sub as 6 × "inch sub": there the number is a length, not a count."""
    if description.startswith("inch "):
        return Measure(1, f"{amount:g}-{description}", grams)
    return Measure(amount, description, grams)


@cache
def load_food_table() -> FoodTable:
    """The shipped table, read once per process."""
    raw = resources.files("knowledge").joinpath("data/sr28.json.gz").read_bytes()
    return read_table(raw)
