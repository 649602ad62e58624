"""Reading medicines, conditions and diets needs no food index: the few food words a typo away from a name are
data (``food_lookalikes`` in intake.toml), and this test works them out again from the food table."""

import re
import subprocess
import sys

from rapidfuzz import fuzz

from knowledge.foods.matching import food_matcher
from knowledge.foods.table import load_food_table
from knowledge.intake.mentions import FUZZY_SCORE, _lookalikes, _names, find_mentions
from knowledge.text import stem


def _needed() -> set[str]:
    """Every food-table word (stemmed as the index stems it) that the typo matching could take for a slip of a
    name's word: both at least four letters, different, and at least FUZZY_SCORE alike."""
    postings = food_matcher().postings
    meant = {w for names in _names().long.values() for name in names for w in name.split() if len(w) >= 4}
    words = set(postings) | {w for food in load_food_table().foods for w in re.findall(r"[a-z0-9]+", food.name.lower())}
    return {stem(w) for w in words if len(w) >= 4 and stem(w) in postings
            and any(w != t and fuzz.ratio(w, t) >= FUZZY_SCORE for t in meant)}


def test_the_lookalike_list_is_complete():
    missing = _needed() - _lookalikes()
    assert not missing, f"add to food_lookalikes in intake.toml: {sorted(missing)}"


def test_a_food_word_is_not_read_as_a_slip_of_a_name():
    assert not find_mentions("lactose free milk", ("medicine",))
    assert [m.key for m in find_mentions("i take warfrin", ("medicine",))] == ["warfarin"]


def test_finding_mentions_loads_no_food_index():
    code = ("import sys; from knowledge.intake.mentions import find_mentions; "
            "find_mentions('i take warfrin and omeprazol for my kidny disease'); "
            "print('knowledge.foods.matching' in sys.modules, 'knowledge.foods.table' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
