"""Foods: the SR28 table (``table``), units (``units``), amounts (``quantity``), the recipe-line reader
(``reader``), grams (``portions``), matching (``matching``), dishes (``dishes``) and one phrase to one weighed
food (``lookup``)."""

from knowledge.foods.table import Food, FoodTable, Measure, load_food_table

__all__ = ["Food", "FoodTable", "Measure", "load_food_table"]
