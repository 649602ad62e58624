"""calmag's domain layer: the SR28 nutrient table, food matching, quantities and portions.

It imports nothing from ``assistant`` and nothing from textual or rich, so it can be used as a library.
"""
