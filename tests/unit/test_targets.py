"""Targets and upper limits against the tables in REFERENCE.md."""

import pytest

from knowledge.intake.targets import target_for

CASES = [
    # nutrient, age, sex, pregnant, breastfeeding, target, upper limit
    ("calcium_mg", 30, "female", False, False, 1000, 2500),
    ("calcium_mg", 55, "female", False, False, 1200, 2000),
    ("calcium_mg", 55, "male", False, False, 1000, 2000),
    ("calcium_mg", 75, "male", False, False, 1200, 2000),
    ("calcium_mg", 16, "female", True, False, 1300, 3000),
    ("calcium_mg", 2, "male", False, False, 700, 2500),
    ("magnesium_mg", 25, "male", False, False, 400, 350),
    ("magnesium_mg", 25, "female", False, False, 310, 350),
    ("magnesium_mg", 35, "female", True, False, 360, 350),
    ("magnesium_mg", 17, "female", False, True, 360, 350),
    ("magnesium_mg", 60, "male", False, False, 420, 350),
    ("magnesium_mg", 6, "female", False, False, 130, 110),
    ("vitamin_d_ug", 40, "female", True, False, 15, 100),
    ("vitamin_d_ug", 80, "male", False, False, 20, 100),
    ("vitamin_d_ug", 2, "male", False, False, 15, 63),
    ("vitamin_k_ug", 40, "male", False, False, 120, None),
    ("vitamin_k_ug", 40, "female", True, False, 90, None),
]


@pytest.mark.parametrize(("nutrient", "age", "sex", "pregnant", "breastfeeding", "amount", "upper"), CASES)
def test_targets_match_the_reference(nutrient, age, sex, pregnant, breastfeeding, amount, upper):
    target = target_for(nutrient, age, sex, pregnant, breastfeeding)
    assert target.amount == amount and target.upper_limit == upper
    assert target.source.startswith("ref-ods-")


def test_magnesium_limit_counts_supplements_only():
    assert target_for("magnesium_mg", 40, "male").upper_limit_counts == "supplements and medicines only"
    assert target_for("calcium_mg", 40, "male").upper_limit_counts == "food and supplements"


def test_no_figure_outside_the_tables():
    assert target_for("calcium_mg", 0, "female") is None
    assert target_for("vitamin_k_ug", 12, "female") is None
