"""calmag's domain layer, one subpackage per subject. It imports nothing from ``assistant`` and nothing from
textual or rich, so it can be used as a library.

- ``knowledge.foods``: the SR28 nutrient table, the line reader, food matching, amounts, portions and dishes.
- ``knowledge.evidence``: sources, claims, retrieval, contradictions and answers.
- ``knowledge.intake``: supplements and products, medicines and conditions, labs, targets and upper limits.
- ``knowledge.text``: text clean-up shared by all three.
"""
