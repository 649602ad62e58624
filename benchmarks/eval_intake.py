"""How well calmag reads supplement, medicine, condition, symptom and lab messages written by other people: run
by hand (``python benchmarks/eval_intake.py``), and by ``tests/unit/test_outside_text.py`` for its floors.

Each labelled line of ``../shared/corpus/mentions.txt`` (``tests/data/labels/mentions-*.jsonl``) is sent as one
message to a session of a woman of 50 whose profile and diet are answered, at two open steps (the supplements
question and the diet question: every reader reads every message, whatever is asked). A line is read as meant
when every labelled fact is in the session afterwards and nothing else was counted: no dose that is not
labelled, no food. It also counts lines where nothing was taken and nothing said (silently dropped).

``mentions-extra.jsonl`` holds 80 more messages a helper wrote and labelled without seeing calmag (not the
corpus writer, so a second opinion on wording; used for development after it was first measured);
``mentions-extra2.jsonl`` 80 more by another helper, in more voices (measured first, then development data);
``mentions-extra3.jsonl`` 80 more by a third helper, the same way.
``--misses dev`` lists the development half's failures (never the held-out half's).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LABELS = ROOT / "tests" / "data" / "labels"

from assistant.engine import Engine  # noqa: E402
from assistant.engine.state import Profile, Reply, Session  # noqa: E402

ASKED = {"label": "label", "strength": "label", "dose": "dose", "frequency": "frequency", "lab_unit": "lab_unit",
         "compound": "compound"}
NEGATED_STEP = {"supplements": "supplements", "medicines": "medications", "conditions": "medications",
                "symptoms": "symptoms", "labs": "labs"}
LIFE_STAGE = {"pregnant": "pregnant", "breastfeeding": "breastfeeding", "postmenopausal": "postmenopausal",
              "postpartum": "postpartum", "trying-to-conceive": "trying_to_conceive"}
WEEKS = {"pregnant": "pregnancy_weeks", "postpartum": "postpartum_weeks"}  # weeks pregnant, weeks since the birth
STEPS = ("supplements", "diet")


def load(half: str) -> list[dict]:
    path = LABELS / f"mentions-{half}.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def start(step: str) -> Session:
    answered = ["profile"] + (["diet"] if step != "diet" else [])
    return Session(step=step, answered=answered, profile=Profile(age=50, sex="female"))  # type: ignore[arg-type]


def problems(label: dict, reply: Reply, before: Session) -> list[str]:
    """What the reply got wrong about ``label``; empty when the line was read as meant."""
    session = reply.session
    found: list[str] = []
    facts = label["facts"]
    counted: dict[str, float] = {}
    for item in session.supplements:
        if item.amount is not None and item.dose.nutrient:
            counted[item.dose.nutrient] = counted.get(item.dose.nutrient, 0.0) + item.amount
    wanted: dict[str, float] = {}
    for fact in facts:
        if fact["kind"] == "dose":
            wanted[fact["nutrient"]] = wanted.get(fact["nutrient"], 0.0) + fact["per_day"]
    for nutrient in set(counted) | set(wanted):
        got, want = counted.get(nutrient, 0.0), wanted.get(nutrient, 0.0)
        if abs(got - want) > 0.05 * max(want, 1.0):
            found.append(f"{nutrient}: counted {got:g}, labelled {want:g}")
    kinds = [q.kind for q in session.questions if q not in before.questions]
    kinds = ["label" if k == "multivitamin" else k for k in kinds]
    keys = {n.key: n for n in session.noted}
    known_medicines = {f["key"] for f in facts if f["kind"] == "medicine"} - {"other"}
    for fact in facts:
        kind = fact["kind"]
        if kind == "ask" and ASKED[fact["what"]] not in kinds:
            found.append(f"no {fact['what']} question (asked: {kinds})")
        elif kind in ("medicine", "condition", "symptom"):
            if fact.get("past") or fact.get("about_someone_else"):
                if fact["key"] in keys:
                    found.append(f"{fact['key']} taken as current or the person's own")
            elif fact["key"] == "other":
                if not any(n.kind == kind and n.key not in known_medicines for n in session.noted):
                    found.append(f"no other {kind} noted")
            elif fact["key"] not in keys:
                found.append(f"{kind} {fact['key']} not noted")
            elif "stage" in fact and f"stage {fact['stage']}" not in keys[fact["key"]].label:
                found.append(f"kidney stage {fact['stage']} not kept")
        elif kind == "life_stage":
            if not getattr(session.profile, LIFE_STAGE[fact["key"]], False):
                found.append(f"not {fact['key']}")
            elif "weeks" in fact and getattr(session.profile, WEEKS[fact["key"]], None) != fact["weeks"]:
                found.append(f"weeks {getattr(session.profile, WEEKS[fact['key']], None)} vs {fact['weeks']}")
        elif kind == "diet" and not getattr(session.profile, "diet", None):
            found.append("diet not kept")
        elif kind == "lab":
            lab = next((item.lab for item in session.labs if item.lab.test == fact["test"]), None)
            if lab is None or abs(lab.value - fact["value"]) > 1e-6:
                found.append(f"lab {fact['test']} {fact['value']} not read")
            elif fact["unit"] and lab.unit != fact["unit"]:
                found.append(f"lab unit {lab.unit} vs {fact['unit']}")
        elif kind == "lab_other" and "doesn't interpret" not in reply.text:
            found.append(f"{fact['name']} not acknowledged")
        elif kind == "negation":
            of = fact["of"]
            if of in ("pregnancy", "breastfeeding"):
                if getattr(session.profile, "pregnant" if of == "pregnancy" else "breastfeeding"):
                    found.append(f"{of} not denied")
            elif NEGATED_STEP[of] not in session.answered:
                found.append(f"no {of}: the step is still open")
        elif kind == "age" and session.profile.age != fact["value"]:
            found.append(f"age {session.profile.age} vs {fact['value']}")
    if session.foods:
        found.append("counted as food: " + ", ".join(f.result.text for f in session.foods))
    return found


def silent(label: dict, reply: Reply) -> bool:
    return bool(label["facts"]) and reply.text.startswith("I didn't catch anything")


def evaluate(half: str, step: str, engine: Engine | None = None) -> tuple[int, int, int, list[str]]:
    """(read as meant, lines, silently dropped, the misses)."""
    engine = engine or Engine()
    labels = load(half)
    good = dropped = 0
    misses = []
    for label in labels:
        before = start(step)
        reply = engine.reply_to(before, label["text"])
        wrong = problems(label, reply, before)
        good += not wrong
        dropped += silent(label, reply)
        if wrong:
            misses.append(f"line {label['line']}: {label['text']!r}: {'; '.join(wrong)}")
    return good, len(labels), dropped, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", choices=["dev", "extra", "extra2", "extra3"],
                        help="list a development set's failures (never the held-out half's)")
    args = parser.parse_args()
    engine = Engine()
    print("Messages about supplements, medicines, conditions, symptoms and labs (mentions.txt), read as meant:")
    for step in STEPS:
        for half in ("dev", "heldout", "extra", "extra2", "extra3"):
            good, total, dropped, misses = evaluate(half, step, engine)
            print(f"   at the {step} step, {half}: {good}/{total} ({100 * good / total:.1f}%); silently dropped "
                  f"{dropped}")
            if args.misses == half:
                for miss in misses:
                    print(f"     - {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
