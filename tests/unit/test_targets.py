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
    ("vitamin_d_ug", 2, "male", False, False, 15, 62.5),  # 2,500 IU (REFERENCE.md rounds it to 63 µg)
    ("vitamin_d_ug", 0.5, "female", False, False, 10, 25),  # six months: 400 IU, limit 1,000 IU
    ("vitamin_d_ug", 9 / 12, "female", False, False, 10, 37.5),  # nine months: limit 1,500 IU
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


def test_no_figure_under_a_year_where_reference_md_gives_none():
    assert target_for("calcium_mg", 0.5, "female") is None and target_for("magnesium_mg", 0.5, "male") is None


@pytest.mark.parametrize("age", [0, 0.5, 0.75, 2, 6, 10, 15, 25, 40, 60, 80])
@pytest.mark.parametrize("nutrient", ["calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k_ug"])
def test_every_figure_is_in_the_text_of_the_claim_it_cites(nutrient, age):
    """A child's figures cited to a claim about adults would be a citation that does not support its figure."""
    from knowledge.evidence.sources import load_knowledge

    kb = load_knowledge()
    for sex in ("female", "male"):
        for pregnant, breastfeeding in ((False, False), (True, False), (False, True)):
            target = target_for(nutrient, age, sex, pregnant, breastfeeding)
            if target is None:
                continue
            scale = 40 if nutrient == "vitamin_d_ug" else 1  # the claims say vitamin D in IU first
            claim = kb.claim(target.target_claim)
            assert claim and f"{target.amount * scale:,.0f}" in claim.text, (target, claim)
            if target.upper_limit is not None:
                limit = kb.claim(target.limit_claim or "")
                assert limit and f"{target.upper_limit * scale:,.0f}" in limit.text, (target, limit)
