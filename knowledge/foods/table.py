"""The SR28 nutrient table shipped with calmag (built by ``scripts/build_food_table.py``)."""

from __future__ import annotations

import gc
import gzip
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, NamedTuple, overload

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
    # SR28's measures as the table file has them ([amount, description, grams]); ``measures`` reads them when a
    # food's weight is asked for, which spares building 15,000 of them at every start
    raw_measures: Sequence[Sequence[Any]] = field(default=(), compare=False, repr=False)

    @property
    def measures(self) -> tuple[Measure, ...]:
        """The food's household measures (WEIGHT.txt), without the ones SR28 gives no amount or weight."""
        return tuple(_measure(*m) for m in self.raw_measures if m[0] and m[2])

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


class Foods(Sequence[Food]):
    """The table's foods, each made from its row the first time it is read: a lookup reads a handful of the
    8,789, and making them all was a third of the table's load. Read-only, like the tuple it stands for."""

    __slots__ = ("_rows", "_made")

    def __init__(self, rows: list[list[Any]]) -> None:
        self._rows = rows
        self._made: list[Food | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Food: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Food, ...]: ...

    def __getitem__(self, index: int | slice) -> Food | tuple[Food, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        food = self._made[index]
        if food is None:
            ndb, name, group, survey, common, values, measures = self._rows[index]
            food = self._made[index] = Food(ndb, name, group, survey, common, tuple(values), measures)
        return food


@dataclass(frozen=True)
class FoodTable:
    source: str
    groups: dict[str, str]
    foods: Sequence[Food]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {food_id: i for i, food_id in enumerate(self._ids())})

    def _ids(self) -> Iterator[str]:
        if isinstance(self.foods, Foods):  # the ids from the rows, without making every food
            return (row[0] for row in self.foods._rows)
        return (food.id for food in self.foods)

    def __len__(self) -> int:
        return len(self.foods)

    def get(self, food_id: str) -> Food | None:
        position = self._by_id.get(food_id)  # type: ignore[attr-defined]
        return None if position is None else self.foods[position]


def read_table(raw: bytes) -> FoodTable:
    data = json.loads(gzip.decompress(raw))
    if tuple(data["nutrient_columns"]) != NUTRIENTS:
        raise ValueError("the food table's nutrient columns are not the ones this calmag reads; rebuild it")
    return FoodTable(source=data["source"], groups=data["groups"], foods=Foods(data["foods"]))


def _measure(amount: float, description: str, grams: float) -> Measure:
    """SR28 writes a six-inch sub as 6 × "inch sub": there the number is a length, not a count."""
    if description.startswith("inch "):
        return Measure(1, f"{amount:g}-{description}", grams)
    return Measure(amount, description, grams)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No garbage collection while a block builds objects that last as long as the process (the table, the
    matcher's index), and none of them looked at by the collector afterwards (``gc.freeze``): they hold no cycles
    to collect, and the collector's passes over them, during the load and in the full collection that followed,
    were 40% of the load time. Reference counting still frees whatever the block dropped."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@cache
def load_food_table() -> FoodTable:
    """The shipped table, read once per process."""
    raw = resources.files("knowledge").joinpath("data/sr28.json.gz").read_bytes()
    with gc_paused():
        return read_table(raw)
