"""The personal report: intake from food and supplements against targets and limits, the Ca:Mg ratio as each
source sees it, interactions, symptom notes, lab values, what is missing, and where the sources disagree.

Every factual sentence is a claim of the knowledge base, worded by ``claim_sentence`` and cited; the person's
own figures are arithmetic on the food table and what they told us.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from assistant.engine.state import NUTRIENTS, FoodItem, Session, Totals
from knowledge.evidence.answers import CLINICIAN, DISCLAIMER, Citation, agreement, claim_sentence, sources_footer
from knowledge.evidence.contradictions import Contradiction, all_contradictions
from knowledge.evidence.sources import Claim, KnowledgeBase
from knowledge.foods.lookup import Nutrients
from knowledge.intake.labs import LAB_MARK
from knowledge.intake.mentions import intake_lexicon
from knowledge.intake.supplements import NAME, UNIT
from knowledge.intake.targets import Nutrient, Target, person_targets

RATIO_CLAIMS = ("s000-ratio-range", "s001-ratio-range", "s004-ratio-range", "ref-ratio")
RATIO_STANCE = "s003-ratio"


def _sum(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known), 2) if known else None


class _FoodSums:
    """Per nutrient, the running sum of a list of foods (left to right and unrounded, so the figure does not
    depend on which part of the list was summed before) and the names of the foods without a value. The sums
    of recent lists are kept: a turn that adds foods to a list already summed adds only the new ones, so a long
    day does not make each turn cost its length. Kept foods are frozen and shared between states, so finding
    the summed part is a comparison of references."""

    KEPT = 8  # lists remembered: the current state and the few an undo or a correction goes back to

    def __init__(self) -> None:
        self.kept: list[tuple[list[FoodItem], dict[str, float | None], dict[str, list[str]]]] = []

    def of(self, foods: list[FoodItem]) -> tuple[dict[str, float | None], dict[str, list[str]]]:
        base: tuple[list[FoodItem], dict[str, float | None], dict[str, list[str]]] = ([], {}, {})
        for entry in self.kept:
            if len(base[0]) < len(entry[0]) <= len(foods) and foods[:len(entry[0])] == entry[0]:
                base = entry
        sums, missing = dict(base[1]), {n: list(names) for n, names in base[2].items()}
        for food in foods[len(base[0]):]:
            for nutrient in NUTRIENTS:
                value = getattr(food.result.nutrients, nutrient)
                if value is not None:
                    known = sums.get(nutrient)
                    sums[nutrient] = value if known is None else known + value
                elif food.result.food:
                    missing.setdefault(nutrient, []).append(food.result.food.name)
        self.kept = [(list(foods), sums, missing), *self.kept[:self.KEPT - 1]]
        return sums, missing


_FOOD_SUMS = _FoodSums()


def compute_totals(session: Session) -> Totals | None:
    """Totals once anything is known; a nutrient no food or supplement has a value for stays None."""
    if not session.has_data:
        return None
    sums, missing = _FOOD_SUMS.of(session.foods)
    food = Nutrients(**{n: None if (value := sums.get(n)) is None else round(value, 2) for n in NUTRIENTS})
    supplements = Nutrients(**{n: _sum([s.amount for s in session.supplements if s.dose.nutrient == n])
                             for n in NUTRIENTS})
    together = {n: _sum([getattr(food, n), getattr(supplements, n)]) for n in NUTRIENTS}
    calcium, magnesium = together["calcium_mg"], together["magnesium_mg"]
    ratio = round(calcium / magnesium, 2) if calcium and magnesium else None
    return Totals(**together, ca_mg_ratio=ratio, food=food, supplements=supplements, missing=missing)


_MARKDOWN = re.compile(r"([\\`*_\[\]<>!#|~])")


def md(text: str) -> str:
    """Words the person typed, made safe to put in a Markdown reply: "**spinach**" and "[x](cite:s000)" show as
    typed instead of bold or a link. Where a lab result was taken out of it, "…" shows instead."""
    return _MARKDOWN.sub(r"\\\1", re.sub(rf"{LAB_MARK}\s*", "… ", text))


def quoted(texts: list[str]) -> str:
    return ", ".join(f"'{md(text)}'" for text in texts)


def figure(value: float | None, unit: str) -> str:
    if value is None:
        return "unknown"
    return f"{value:,.0f} {unit}" if value >= 100 or unit == "mg" else f"{value:.3g} {unit}"


class _Report:
    """Collects the report's lines and the claims it cites."""

    def __init__(self, session: Session, kb: KnowledgeBase) -> None:
        self.session, self.kb = session, kb
        self.lines: list[str] = []
        self.cited: dict[str, Claim] = {}
        self.safety: list[str] = []
        self.topics: list[str] = []

    def cite(self, claim_id: str, alone: bool = False) -> str:
        claim = self.kb.claim(claim_id)
        assert claim is not None, claim_id
        self.cited.setdefault(claim_id, claim)
        return claim_sentence(claim, self.kb, alone=alone)

    def mark(self, claim_id: str) -> str:
        """Cite a claim by its marker alone, for a sentence that states the claim's figure in other words."""
        claim = self.kb.claim(claim_id)
        assert claim is not None, claim_id
        self.cited.setdefault(claim_id, claim)
        return f"[{claim.source}]"

    def topic(self, topic: str) -> None:
        if topic not in self.topics:
            self.topics.append(topic)

    def section(self, title: str, lines: list[str]) -> None:
        if lines:
            self.lines += ["", f"## {title}", "", *lines]


def targets(nutrient: Nutrient, session: Session) -> list[tuple[str, Target]]:
    profile = session.profile
    return person_targets(nutrient, profile.age, profile.sex, profile.pregnant, profile.breastfeeding)


def _who(session: Session) -> str:
    profile = session.profile
    sex = {"female": "woman", "male": "man"}.get(profile.sex or "", "person (sex not given: both sets shown)")
    extra = ", pregnant" if profile.pregnant else ", breastfeeding" if profile.breastfeeding else ""
    if profile.age is None:
        return f"For an adult {sex} (age not given: figures for 19 to 50){extra}."
    return f"For a {profile.age}-year-old {sex}{extra}."


def _nutrient_lines(report: _Report, totals: Totals, nutrient: Nutrient) -> list[str]:
    unit, name = UNIT[nutrient], NAME[nutrient]
    food, supplements, total = (getattr(totals.food, nutrient), getattr(totals.supplements, nutrient),
                                getattr(totals, nutrient))
    line = f"**{name[0].upper()}{name[1:]}: {figure(total, unit)}** a day"
    line += f" ({figure(food or 0, unit)} from food, {figure(supplements or 0, unit)} from supplements)."
    lines = [line]
    found = targets(nutrient, report.session)
    for sex, target in found:
        source = report.mark(target.target_claim)
        whose = f" for {'women' if sex == 'female' else 'men'}" if len(found) > 1 else ""
        kind = "recommended intake (RDA)" if target.kind == "RDA" else "adequate intake"
        verdict = ""
        if total is not None:
            share = total / target.amount * 100
            verdict = f": you are at {share:,.0f}% of it"
        lines.append(f"- The {kind}{whose} is {figure(target.amount, unit)} {source}{verdict}.")
        if target.upper_limit is None:
            continue
        source = report.mark(target.limit_claim or target.target_claim)
        counted = supplements if target.upper_limit_counts == "supplements and medicines only" else total
        what = ("counts supplements and medicines only; magnesium from food is not counted against it"
                if target.upper_limit_counts == "supplements and medicines only"
                else "counts food and supplements together")
        over = counted is not None and counted > target.upper_limit
        status = (f"**your {figure(counted, unit)} is above it**" if over
                  else f"your {figure(counted or 0, unit)} is within it")
        lines.append(f"- The upper limit{whose} is {figure(target.upper_limit, unit)} and {what} {source}: {status}.")
        if over:
            report.safety.append(f"{name[0].upper()}{name[1:]} is above the upper limit of "
                                 f"{figure(target.upper_limit, unit)} {source}. {CLINICIAN}")
    if nutrient in totals.missing:
        foods = totals.missing[nutrient]
        listed = ", ".join(foods[:4]) + (f" and {len(foods) - 4} more" if len(foods) > 4 else "")
        lines.append(f"- SR28 has no {name} value for {len(foods)} of your foods ({listed}), so the food figure "
                     "is a floor, not a total.")
    if nutrient == "vitamin_k_ug":
        lines.append("- Food vitamin K here is K1 plus MK-4 as SR28 reports them; SR28 has no MK-7, so foods such "
                     "as natto or some cheeses may count for more.")
    return lines


def _ratio_lines(report: _Report, totals: Totals) -> list[str]:
    report.topic("ca-mg-ratio")
    ratio = totals.ca_mg_ratio
    if ratio is None:
        return ["Without both calcium and magnesium figures there is no ratio to compare."]
    lines = [f"Yours is **{ratio:.2g}:1** (calcium to magnesium by weight, food and supplements together). "
             "How each source sees it:"]
    for claim_id in RATIO_CLAIMS:
        claim = report.kb.claim(claim_id)
        assert claim is not None and claim.values.low is not None and claim.values.high is not None
        low, high = claim.values.low, claim.values.high
        where = "inside" if low <= ratio <= high else "above" if ratio > high else "below"
        lines.append(f"- {report.cite(claim_id)[:-1]}: yours is {where} that range.")
    lines.append(f"- {report.cite(RATIO_STANCE)}")
    return lines


def _noted_lines(report: _Report) -> list[str]:
    session, lexicon = report.session, intake_lexicon()
    keys = [n.key for n in session.noted if n.kind in ("medicine", "condition")]
    keys += [k for k, on in (("pregnancy", session.profile.pregnant),
                             ("breastfeeding", session.profile.breastfeeding)) if on and k not in keys]
    lines = []
    takes = {s.dose.nutrient for s in session.supplements}
    labels = {n.key: n.label for n in session.noted}  # as noted: "kidney disease (stage 3)"
    for key in keys:
        entry = lexicon[key]
        for topic in entry.topics:
            report.topic(topic)
        label = labels.get(key, entry.label)
        lines.append(f"**{label[0].upper()}{label[1:]}**")
        if key == "warfarin" and "vitamin_k_ug" in takes:
            lines.append("- You listed a vitamin K supplement.")
        if key == "kidney-disease" and "magnesium_mg" in takes:
            lines.append("- You listed a magnesium supplement.")
        if key == "thiazide" and takes & {"calcium_mg", "vitamin_d_ug"}:
            lines.append("- You listed a calcium or vitamin D supplement.")
        notes = [f"- {report.cite(claim)}" for claim in entry.notes]
        lines += [*notes, f"- {CLINICIAN}", ""]
        report.safety += [n[2:] for n in notes]
    if keys:
        report.safety.append(CLINICIAN)
    return lines[:-1]


def _symptom_lines(report: _Report) -> list[str]:
    lexicon = intake_lexicon()
    symptoms = [n for n in report.session.noted if n.kind == "symptom"]
    if not symptoms:
        return []
    report.topic("symptoms")
    lines = []
    for noted in symptoms:
        entry = lexicon[noted.key]
        lines.append(f"**{entry.label[0].upper()}{entry.label[1:]}**")
        lines += [f"- {report.cite(claim)}" for claim in entry.notes]
    lines.append(f"- These are possible links the sources describe, not a diagnosis. {CLINICIAN}")
    return lines


_VITAMIN_D_BANDS = [(12.0, "below 12 ng/mL, the level the reference treats as a deficiency risk"),
                    (20.0, "between 12 and 20 ng/mL, which the reference calls inadequate for some people"),
                    (50.0, "between 20 and 50 ng/mL, which the reference calls adequate for nearly everyone"),
                    (float("inf"), "above 50 ng/mL, past which the reference says harm is possible")]


def _lab_lines(report: _Report) -> list[str]:
    lines = []
    for item in report.session.labs:
        lab = item.lab
        if lab.unit is None:
            lines.append(f"- {lab.label}: {lab.value:g}, unit not given, so calmag cannot read it.")
            continue
        line = f"- {lab.label}: {lab.converted}."
        if lab.test == "vitamin_d" and lab.canonical is not None:
            band = next(text for limit, text in _VITAMIN_D_BANDS if lab.canonical < limit)
            line += f" That is {band} {report.mark('ref-vitamin-d-blood')}."
            report.topic("vitamin-d-blood")
        elif lab.test in ("serum_magnesium", "rbc_magnesium"):
            line += f" {report.cite('ref-magnesium-tests')}"
            report.topic("lab-tests")
        else:
            line += " calmag's sources give no range for this test; use the range printed on your lab report."
        lines.append(line)
    return lines


def _missing_lines(report: _Report) -> list[str]:
    session = report.session
    lines = []
    skipped = [s for s in ("diet", "supplements", "medications", "symptoms", "labs") if s not in session.answered]
    if skipped:
        lines.append(f"- Not covered yet: {', '.join(skipped)}. Type the step's name to go back to it.")
    if not session.foods:
        lines.append("- No foods yet, so the totals are supplements only.")
    if session.profile.age is None:
        lines.append("- No age given: targets are for adults 19 to 50.")
    unread = [s.dose.said for s in session.supplements if s.amount is None]
    if unread:
        lines.append(f"- Supplements without a usable dose (not counted): {'; '.join(unread)}.")
    return lines


def _disagreement_lines(report: _Report) -> tuple[list[str], list[Contradiction]]:
    takes = {s.dose.nutrient for s in report.session.supplements}
    for nutrient, topic in (("magnesium_mg", "magnesium-supplement"), ("vitamin_d_ug", "vitamin-d-dose"),
                            ("vitamin_k_ug", "k2-form-dose"), ("calcium_mg", "calcium-supplement-risks")):
        if nutrient in takes:
            report.topic(topic)
    contradictions = [c for c in all_contradictions() if c.topic in report.topics]
    lines: list[str] = []
    for topic in report.topics:
        here = [c for c in contradictions if c.topic == topic]
        agreed = agreement([c for c in report.kb.claims_on(topic) if not report.kb.sources[c.source].is_reference],
                           report.kb)
        if not here and not agreed:
            continue
        lines += [""] if lines else []
        lines.append(f"**{report.kb.topics[topic].name}**")
        lines += [f"- {line}" for line in agreed]
        for contradiction in here:
            lines.append(f"- {contradiction.summary} {''.join(f'[{s}]' for s in contradiction.sources)}")
            for claim_id in contradiction.claims:
                report.mark(claim_id)
    return lines, contradictions


class ReportParts(BaseModel):
    text: str
    citations: list[Citation]
    contradictions: list[Contradiction]
    safety: list[str]


def build_report(session: Session, kb: KnowledgeBase) -> ReportParts:
    report = _Report(session, kb)
    totals = compute_totals(session) or Totals()
    if session.red_flags:
        urgent = (f"You mentioned {', '.join(session.red_flags)}: if that is happening now, call your local "
                  f"emergency number or get urgent care. {report.cite('ref-urgent-signs')}")
        report.lines += [f"**First:** {urgent}", ""]
        report.safety.append(urgent)
    report.lines += ["# Your calcium, magnesium, vitamin D and K report", "", _who(session)]
    for nutrient in NUTRIENTS:
        report.section(NAME[nutrient][0].upper() + NAME[nutrient][1:], _nutrient_lines(report, totals, nutrient))
    report.section("Calcium to magnesium ratio", _ratio_lines(report, totals))
    report.section("Your medicines and conditions", _noted_lines(report))
    report.section("Your symptoms", _symptom_lines(report))
    report.section("Your lab results", _lab_lines(report))
    report.section("What is missing", _missing_lines(report))
    disagreements, contradictions = _disagreement_lines(report)
    report.section("What the sources agree and disagree on, for you", disagreements)
    source_ids = sorted({c.source for c in report.cited.values()}, key=lambda s: (s.startswith("ref-"), s))
    report.lines += ["", *sources_footer(source_ids, kb), "", DISCLAIMER]
    citations = [Citation.of(c) for c in report.cited.values()]
    return ReportParts(text="\n".join(report.lines).strip(), citations=citations, contradictions=contradictions,
                       safety=list(dict.fromkeys(report.safety)))
