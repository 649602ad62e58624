"""Text clean-up shared by the edge (what a person types), the quantity parser and the food matcher."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

MAX_PHRASE_CHARS = 500
ENGLISH_COUNT = 30  # a word counted this often in pyspellchecker's English list is a word of English, not a typo

CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[a-z0-9%]+")


def clean(text: str) -> str:
    """Text as a person typed it, made safe to read, keep and show: bytes that were not UTF-8 (which Python
    hands over as lone surrogates) as U+FFFD, terminal escape sequences and control characters dropped,
    compatibility forms folded, spaces squeezed."""
    try:  # stdin hands bad bytes over as surrogates: get the bytes back, then mark each bad one
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")
    text = raw.decode("utf-8", "replace")
    text = CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


def alternation(phrases: Iterable[str]) -> str:
    """A regular-expression alternation of ``phrases``, longest first (so "twice a week" wins over "twice"),
    any run of white space or hyphens between their words matching ("once-a-week")."""
    return "|".join(r"[\s-]+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


# Latin letters that no accent decomposes into ASCII: Turkish dotless i (cacık), ø, ß, æ...
_BASE_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                               "þ": "th"})


def fold(text: str) -> str:
    """Lower-case ASCII letters for matching: accents dropped (jalapeño -> jalapeno, cacık -> cacik),
    apostrophes removed."""
    if text.isascii():
        return text.lower().replace("'", "")
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_BASE_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("'", "").replace("\u2019", "")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


_KEEP_S = ("ss", "us", "is", "ous")
# plurals in -ies whose singular ends in -ie, not -y ("cookies", not "cooky")
_IE_PLURALS = frozenset({"cookies", "brownies", "smoothies", "veggies", "pies", "goodies", "calories", "lassies",
                         "rotis", "sarnies", "butties", "toasties", "sammies", "bikkies", "bickies", "hoagies"})


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English plural stemmer: enough to make 'berries', 'tomatoes', 'leaves' and 'beans' meet
    their singulars. It is applied to both the query and the food names, so it only has to be consistent."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word in _IE_PLURALS:
        return word[:-1]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ves") and len(word) > 4:
        return word[:-3] + "f"
    if word.endswith(("oes", "sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("is") and len(word) > 4 and word[-3] not in "aeiou":
        return word[:-1]  # words borrowed with an -i singular: "chapatis", "kiwis", "salamis", "bhajis"
    if word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


@cache
def english_words() -> frozenset[str]:
    """Words of English, from pyspellchecker's list (counted in subtitles and Wiktionary; loaded the first time a
    message has a word the readers do not know): such a word ("sherry", "stemmed", "peasant") is one a table
    lacks, not a typo of one it has ("cherry", "steamed", "pheasant")."""
    from spellchecker import SpellChecker

    counts = SpellChecker(language="en").word_frequency.dictionary
    return frozenset(word for word, count in counts.items() if count >= ENGLISH_COUNT)
