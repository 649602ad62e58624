"""The conversation's state and the engine's reply, as pydantic models that can be saved and resumed."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from knowledge.evidence.answers import Citation
from knowledge.evidence.contradictions import Contradiction
from knowledge.foods.lookup import FoodResult, Nutrients
from knowledge.intake.labs import LabValue
from knowledge.intake.mentions import Kind as MentionKind
from knowledge.intake.supplements import Dose
from knowledge.intake.targets import Nutrient, Sex

Step = Literal["profile", "diet", "supplements", "medications", "symptoms", "labs"]
STEPS: tuple[Step, ...] = ("profile", "diet", "supplements", "medications", "symptoms", "labs")
NUTRIENTS: tuple[Nutrient, ...] = ("calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k_ug")
HISTORY = 20  # turns that "undo" can take back


class Profile(BaseModel):
    age: int | None = None
    sex: Sex | None = None
    sex_declined: bool = False  # the person chose not to say: targets are shown for both
    pregnant: bool = False
    pregnancy_weeks: int | None = None
    postpartum_weeks: int | None = None  # weeks since the birth, when said ("6 wks postpartum")
    breastfeeding: bool = False
    postpartum: bool = False
    postmenopausal: bool = False
    trying_to_conceive: bool = False
    diet: list[str] = []  # eating patterns: "vegan", "no dairy" (labels from intake.toml [diet])


class FoodItem(BaseModel):
    """A food as logged. Frozen: a correction replaces the item, so a session's copy can share its foods."""

    model_config = ConfigDict(frozen=True)

    id: int
    result: FoodResult


class SupplementItem(BaseModel):
    id: int
    dose: Dose
    as_compound: bool = False  # the person said the stated weight is the compound, not elemental

    @property
    def amount(self) -> float | None:
        return self.dose.compound_amount if self.as_compound else self.dose.amount


class Noted(BaseModel):
    """A medicine, condition or symptom the person mentioned."""

    id: int
    kind: MentionKind
    key: str
    label: str
    said: str


class LabItem(BaseModel):
    id: int
    lab: LabValue


class Question(BaseModel):
    """A clarifying question waiting for an answer. The first choice is what is assumed meanwhile."""

    kind: Literal["food", "compound", "lab_unit", "dose", "label", "multivitamin", "frequency", "sex"]
    item: int  # the id of the item it is about (0 for the profile)
    text: str
    choices: list[str] = []  # what the person can answer, as shown
    values: list[str] = []  # what each choice means (a food id, "compound", a unit)
    repeated: bool = False  # asked again after a message that did not answer it; the next such drops it


class Session(BaseModel):
    version: Literal[1] = 1
    step: Step | None = "profile"
    answered: list[Step] = []
    profile: Profile = Profile()
    foods: list[FoodItem] = []
    supplements: list[SupplementItem] = []
    noted: list[Noted] = []
    labs: list[LabItem] = []
    questions: list[Question] = []
    red_flags: list[str] = []
    next_id: int = 1
    history: list[Session] = Field(default=[], exclude=True)  # earlier states, newest last, for "undo"

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def snapshot(self) -> Session:
        """A copy without the undo history, to change freely: everything deep-copied but the foods, which are
        frozen and shared (copying a long day's foods made each turn cost the length of the conversation)."""
        foods = self.foods
        copy = self.model_copy(update={"history": [], "foods": []}).model_copy(deep=True)
        copy.foods = list(foods)
        return copy

    def without_history(self) -> Session:
        """A shallow copy without the undo history, for keeping: sessions are never changed once replied to."""
        return self.model_copy(update={"history": []})

    @property
    def has_data(self) -> bool:
        return bool(self.foods or self.supplements)


class Totals(Nutrients):
    """Food and supplements together (the keys DESIGN.md names), with the split and what is missing."""

    ca_mg_ratio: float | None = None
    food: Nutrients = Nutrients()
    supplements: Nutrients = Nutrients()
    missing: dict[str, list[str]] = {}  # nutrient -> foods that have no value for it in SR28


class Reply(BaseModel):
    text: str
    step: Step | None
    foods: list[FoodResult] = []  # the foods understood in this turn
    totals: Totals | None = None
    citations: list[Citation] = []
    contradictions: list[Contradiction] = []
    safety: list[str] = []
    choices: list[str] = []  # quick replies for the question asked
    urgent: bool = False
    session: Session = Field(exclude=True)  # the state after this turn
