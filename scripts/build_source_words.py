"""Make knowledge/data/knowledge/source_words.toml from the five source articles (``../shared/seeds/*.txt``).

The installed app must not read the articles, so the words they use are kept in the package: every run of
letters of four or more, lower-cased, accents and apostrophes dropped. Run again when an article changes:
``python scripts/build_source_words.py``. ``tests/unit/test_answers_general.py`` checks the file is current.
"""

from __future__ import annotations

import re
import sys
import textwrap
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
TARGET = ROOT / "knowledge" / "data" / "knowledge" / "source_words.toml"
HEADER = """\
# The words of four letters or more that the five source articles use (lower case, accents and apostrophes
# dropped), so that a question's words can be checked against what the sources know: a word no source, claim,
# topic or lexicon uses, in the place where a question says what it asks about ("does magnesium help
# migraines"), is a subject the sources do not cover. Made by scripts/build_source_words.py from
# ../shared/seeds/*.txt; run it again when a source changes, never edit by hand.
"""


def article_words(seeds: Path = SEEDS) -> set[str]:
    words: set[str] = set()
    for article in sorted(seeds.glob("*.txt")):
        text = unicodedata.normalize("NFKD", article.read_text("utf-8").lower())
        text = "".join(c for c in text if not unicodedata.combining(c)).replace("'", "").replace("\u2019", "")
        words |= {w for w in re.findall(r"[a-z]+", text) if len(w) >= 4}
    return words


def main() -> int:
    words = sorted(article_words())
    if not words:
        print(f"no articles in {SEEDS}", file=sys.stderr)
        return 1
    body = textwrap.fill(", ".join(f'"{w}"' for w in words), width=118, initial_indent="  ",
                         subsequent_indent="  ", break_on_hyphens=False)
    TARGET.write_text(f"{HEADER}words = [\n{body},\n]\n", encoding="utf-8")
    print(f"{len(words)} words -> {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
