"""Foods: the SR28 table (``table``), amounts (``quantity``), grams (``portions``), matching (``matching``) and
one phrase to one weighed food (``lookup``)."""
