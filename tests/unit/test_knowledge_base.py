"""The knowledge base: every claim traceable to its source, in our own words, validated at load."""

import re

import pytest
from pydantic import ValidationError

from knowledge.evidence.sources import KnowledgeBase, load_knowledge
from tests.conftest import SHARED

ARTICLES = ["s000", "s001", "s002", "s003", "s004"]


def source_text(source_id: str) -> str:
    """The source's text with white space folded (the articles use non-breaking spaces)."""
    if source_id.startswith("ref-"):
        text = (SHARED / "docs" / "REFERENCE.md").read_text(encoding="utf-8")
    else:
        [path] = (SHARED / "seeds").glob(f"{source_id[1:]}_*.txt")
        text = path.read_text(encoding="utf-8")
    return " ".join(text.split())


def test_the_five_articles_and_the_reference_sources_are_there():
    kb = load_knowledge()
    assert [s for s in kb.sources if not s.startswith("ref-")] == ARTICLES
    assert {"ref-ods-calcium", "ref-ods-magnesium", "ref-ods-vitamin-d", "ref-ods-vitamin-k"} <= kb.sources.keys()
    assert all(kb.sources[s].kind == "government reference" for s in kb.sources if s.startswith("ref-ods"))
    assert kb.sources["s002"].commercial and kb.sources["s000"].commercial
    assert not kb.sources["s001"].commercial and not kb.sources["s004"].commercial


@pytest.mark.shared
@pytest.mark.parametrize("claim", load_knowledge().claims, ids=lambda c: c.id)
def test_every_locating_heading_exists_in_its_source(claim):
    assert claim.heading in source_text(claim.source), f"{claim.id}: heading not found in {claim.source}"


def test_every_topic_and_every_article_has_claims():
    kb = load_knowledge()
    assert not [t for t in kb.topics if not kb.claims_on(t)]
    for article in ARTICLES:
        assert len([c for c in kb.claims if c.source == article]) >= 10


@pytest.mark.shared
def test_article_references_are_recorded_where_the_article_lists_them():
    kb = load_knowledge()
    assert len(kb.sources["s000"].references) == 6
    assert len(kb.sources["s002"].references) == 5
    for reference in kb.sources["s000"].references + kb.sources["s002"].references:
        surname = reference.split()[0]
        assert surname in source_text("s000") + source_text("s002")


def _runs(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.shared
@pytest.mark.parametrize("source", ARTICLES)
def test_claims_are_paraphrased_not_copied(source):
    """No claim repeats eight words in a row from its article."""
    kb = load_knowledge()
    original = _runs(source_text(source), 8)
    copied = [c.id for c in kb.claims if c.source == source and _runs(c.text, 8) & original]
    assert not copied


def test_bad_data_is_refused_at_load():
    kb = load_knowledge()
    data = kb.model_dump()
    broken = {**data, "claims": [*data["claims"], {**data["claims"][0], "id": "x", "topic": "no-such-topic"}]}
    with pytest.raises(ValidationError, match="unknown topic"):
        KnowledgeBase(**broken)
    backwards = dict(data["claims"][1], id="y")
    backwards["values"] = {"quantity": "ca_mg_ratio", "low": 3.0, "high": 1.0, "unit": "Ca:Mg"}
    with pytest.raises(ValidationError, match="backwards"):
        KnowledgeBase(**{**data, "claims": [*data["claims"], backwards]})
