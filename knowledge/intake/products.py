"""Supplement and antacid products by name ("Adcal D3", "Caltrate 600+D3", "a berocca"), from
``data/products.toml``: what one unit holds, as its label prints it, and whether the label must be asked for.

``find_products`` finds the names in folded text, longest first, so "calcichew d3 forte" is not "calcichew".
Makers' names that are no one product ("solgar", "nature made") are found too: they mark a message as being
about supplements, never food.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from knowledge.intake.targets import Nutrient
from knowledge.text import fold

MAX_PER_DAY = 12  # units a day past which a count is questioned when the label gives no maximum


class Product(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    label: str
    names: list[str]
    kind: Literal["supplement", "multivitamin", "antacid", "medicine"]
    unit: str
    per_unit: dict[Nutrient, float] = {}
    forms: dict[Nutrient, str] = {}
    contains: list[Nutrient] = []
    ask: bool = False
    max_per_day: float | None = None
    topical: bool = False
    count_varies: bool = False  # taken as a range of units at a time (antacids): an unsaid count is asked
    source: str

    @model_validator(mode="after")
    def _consistent(self) -> Product:
        if missing := set(self.per_unit) - set(self.contains):
            raise ValueError(f"{self.key}: per_unit names {sorted(missing)}, which contains does not list")
        if any(v <= 0 for v in self.per_unit.values()):
            raise ValueError(f"{self.key}: per-unit amounts must be positive")
        if not self.ask and not self.topical and set(self.contains) - set(self.per_unit):
            raise ValueError(f"{self.key}: some contained amounts are not given, so ask must be true")
        return self

    @property
    def unknown(self) -> list[Nutrient]:
        """The nutrients it holds whose amounts only its label can give."""
        return [n for n in self.contains if n not in self.per_unit]


class Brand(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    names: list[str]


class Products(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    product: list[Product]
    brand: list[Brand]

    @model_validator(mode="after")
    def _unique(self) -> Products:
        entries: list[Product | Brand] = [*self.product, *self.brand]
        names = [_key(n) for entry in entries for n in entry.names]
        if duplicates := sorted({n for n in names if names.count(n) > 1}):
            raise ValueError(f"names listed twice: {duplicates}")
        keys = [entry.key for entry in entries]
        if len(set(keys)) != len(keys):
            raise ValueError("product and brand keys must be unique")
        return self


def _key(name: str) -> str:
    """A name as it is matched: folded, hyphens and plus signs as spaces ("os-cal" = "os cal")."""
    return " ".join(re.sub(r"[-+&/]", " ", fold(name)).split())


@dataclass(frozen=True)
class Found:
    entry: Product | Brand
    start: int
    end: int


@dataclass(frozen=True)
class _Index:
    table: Products
    pattern: re.Pattern[str]
    by_name: dict[str, Product | Brand]  # by name without spaces: "oscal" for "os-cal", "os cal"


@cache
def _index() -> _Index:
    table = Products.model_validate(tomllib.loads(
        resources.files("knowledge").joinpath("data/products.toml").read_text("utf-8")))
    entries: list[Product | Brand] = [*table.product, *table.brand]
    names = {_key(n): entry for entry in entries for n in entry.names}
    # a name matches with spaces, hyphens or nothing between its words ("os-cal", "oscal", "os cal")
    spelled = [r"[\s+&/-]*".join(re.escape(w) for w in name.split()) for name in names]
    pattern = re.compile(rf"(?<![\w])(?:{'|'.join(sorted(spelled, key=len, reverse=True))})(?![\w])")
    return _Index(table, pattern, {name.replace(" ", ""): entry for name, entry in names.items()})


def products() -> Products:
    return _index().table


def find_products(text: str) -> list[Found]:
    """The products and makers named in ``text`` (folded), in order, longest names first."""
    index = _index()
    found = []
    for match in index.pattern.finditer(text):
        entry = index.by_name[re.sub(r"[\s+&/-]+", "", match.group(0))]
        found.append(Found(entry, match.start(), match.end()))
    return found
