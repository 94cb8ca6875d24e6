"""The output: pydantic models, and the JSON Schema (draft 2020-12) generated from them.

`models/council-facts.schema.json` is this module's schema, committed; a test fails when
the two disagree, so the published contract never drifts from the code.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator, model_validator

from pipeline import SCHEMA_VERSION

SCHEMA_ID = f"https://council-facts.org/schema/council-facts-{SCHEMA_VERSION}.json"

_DECIMAL = r"^-?\d+(\.\d+)?$"
_ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"
_ISO_DATE = r"^\d{4}-\d{2}(-\d{2})?$"
_ISO_DURATION = r"^P(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(\d+H)?(\d+M)?(\d+S)?)?$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


MoneyRole = Literal[
    "contract_value", "annual_value", "total", "saving", "uplift", "grant", "budget", "threshold"
]
Bound = Literal["up_to", "over", "at_least", "approximately"]


class MoneyValue(_Model):
    amount: Annotated[str, Field(pattern=_DECIMAL, description="Whole units of the currency")]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code")]
    role: MoneyRole | None = None
    per_annum: bool = False
    bound: Bound | None = None
    table: TableContext | None = None


class TableContext(_Model):
    row: str
    column: str
    scale: Annotated[str, Field(pattern=_DECIMAL)]


DateRole = Literal["award", "start", "end", "decision", "extension", "publication", "meeting"]


class DateValue(_Model):
    date: Annotated[str, Field(pattern=_ISO_DATE)]
    precision: Literal["day", "month"]
    role: DateRole | None = None


class _Span(_Model):
    """Inclusive first and last days, the last never before the first."""

    start: Annotated[str, Field(pattern=_ISO_DAY)]
    end: Annotated[str, Field(pattern=_ISO_DAY)]

    @model_validator(mode="after")
    def _end_not_before_start(self) -> _Span:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")
        return self


class PeriodValue(_Span):
    kind: Literal["range", "financial_year", "academic_year", "quarter", "start_and_duration"]


class DurationValue(_Model):
    duration: Annotated[str, Field(pattern=_ISO_DURATION, min_length=3, description="ISO 8601 duration")]


OrganisationRole = Literal["provider", "council", "other"]


class OrganisationValue(_Model):
    name: str
    aliases: list[str] = []
    role: OrganisationRole


class LegislationValue(_Model):
    title: str
    year: int | None
    kind: Literal["act", "statutory_instrument"]
    section: str | None = None
    legislation_id: str | None = Field(default=None, description="legislation.gov.uk id, e.g. ukpga/2012/7")
    citation: str


class DutyValue(_Model):
    legislation: str
    holder: str | None = None
    duty: str | None = None


class PercentageValue(_Model):
    value: Annotated[str, Field(pattern=_DECIMAL)]
    kind: Literal["target", "achieved", "change"] | None = None
    unit: Literal["percent", "percentage_points"] = "percent"


class Mention(_Model):
    text: str
    start: int
    end: int
    page: int | None = None


class _FactBase(_Model):
    # type and value are narrowed by each fact model; declared here so they lead the JSON.
    type: str
    value: _Model
    id: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    text: str
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    page: int | None = None
    sentence: str
    component: str

    @model_validator(mode="after")
    def _offsets_in_order(self) -> _FactBase:
        if self.end < self.start:
            raise ValueError("a fact's end offset is before its start")
        return self


class MoneyFact(_FactBase):
    type: Literal["money"] = "money"
    value: MoneyValue


class DateFact(_FactBase):
    type: Literal["date"] = "date"
    value: DateValue


class PeriodFact(_FactBase):
    type: Literal["period"] = "period"
    value: PeriodValue


class DurationFact(_FactBase):
    type: Literal["duration"] = "duration"
    value: DurationValue


class OrganisationFact(_FactBase):
    type: Literal["organisation"] = "organisation"
    value: OrganisationValue
    mentions: list[Mention] = []


class LegislationFact(_FactBase):
    type: Literal["legislation"] = "legislation"
    value: LegislationValue


class DutyFact(_FactBase):
    type: Literal["duty"] = "duty"
    value: DutyValue


class PercentageFact(_FactBase):
    type: Literal["percentage"] = "percentage"
    value: PercentageValue


Fact = Annotated[
    MoneyFact | DateFact | PeriodFact | DurationFact | OrganisationFact | LegislationFact
    | DutyFact | PercentageFact,
    Field(discriminator="type"),
]
VALUE_MODELS: dict[str, type[_Model]] = {
    "money": MoneyValue, "date": DateValue, "period": PeriodValue, "duration": DurationValue,
    "organisation": OrganisationValue, "legislation": LegislationValue, "duty": DutyValue,
    "percentage": PercentageValue,
}


class Source(_Model):
    path: str | None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    bytes: int
    format: Literal["pdf", "html", "text"]
    pages: int | None
    characters: int


class Pipeline(_Model):
    name: Literal["council-facts"] = "council-facts"
    version: str
    schema_version: str = SCHEMA_VERSION


class ReferenceDate(_Model):
    date: Annotated[str, Field(pattern=_ISO_DAY)] | None
    origin: Literal["detected", "given", "meeting", "none"] = Field(
        description="detected in the text; given by the user; the day of the earliest meeting the document was "
                    "published for (council-facts watch), when its text shows no date; or none")
    text: str | None = None


ContractAction = Literal["award", "extension", "variation", "termination", "procurement", "other"]
_FACT_ID = r"^[0-9a-f]{16}$"


class ContractParty(_Model):
    name: str
    fact_id: Annotated[str, Field(pattern=_FACT_ID, description="the organisation fact")]


class ContractValue(_Model):
    amount: Annotated[str, Field(pattern=_DECIMAL, description="Whole units of the currency")]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    per_annum: bool = False
    kind: Literal["total", "annual"]
    fact_id: Annotated[str, Field(pattern=_FACT_ID)]


class ContractValueChange(_Model):
    amount: Annotated[str, Field(pattern=_DECIMAL, description="Signed: a reduction is negative")]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    fact_id: Annotated[str, Field(pattern=_FACT_ID)]


class ContractPeriod(_Span):
    fact_ids: list[Annotated[str, Field(pattern=_FACT_ID)]]


class ContractEvidence(_Model):
    fact_ids: list[Annotated[str, Field(pattern=_FACT_ID)]] = Field(description="every fact the record uses")
    sentences: list[str] = Field(description="the sentences that tie them together, in text order")
    start: Annotated[int, Field(ge=0, description="offset of the first sentence")]
    end: Annotated[int, Field(ge=0, description="offset of the end of the last sentence")]


class ContractRecord(_Model):
    """One award, extension, variation or termination of a contract, or a planned procurement
    whose value is stated, with the facts that make it up."""

    id: Annotated[str, Field(pattern=_FACT_ID)]
    action: ContractAction
    provider: ContractParty | None = None
    buyer: ContractParty | None = None
    value: ContractValue | None = None
    value_change: ContractValueChange | None = None
    period: ContractPeriod | None = None
    duration: Annotated[str, Field(pattern=_ISO_DURATION, min_length=3)] | None = None
    decision_date: Annotated[str, Field(pattern=_ISO_DATE)] | None = None
    subject: str | None = None
    legal_basis: list[Annotated[str, Field(pattern=_FACT_ID)]] = Field(
        default=[], description="legislation and duty facts the text ties to the contract")
    evidence: ContractEvidence


class DocumentFacts(_Model):
    source: Source
    pipeline: Pipeline
    reference_date: ReferenceDate
    facts: list[Fact]
    contracts: list[ContractRecord] = []

    @field_validator("facts")
    @classmethod
    def _in_text_order(cls, facts: list[Any]) -> list[Any]:
        keys = [(f.start, f.end) for f in facts]
        if keys != sorted(keys):
            raise ValueError("facts are not in text order")
        return facts

    def to_json(self) -> str:
        """The canonical serialisation: the same facts always give the same bytes."""
        from pipeline.output import document_json

        return document_json(self.model_dump(mode="json"))


def json_schema() -> dict[str, Any]:
    schema = TypeAdapter(DocumentFacts).json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "council-facts output",
        **schema,
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def fold_name(name: str) -> str:
    """Fold an organisation or title for comparison (FORMAT.md): case, punctuation, "the",
    and legal suffixes.

    >>> fold_name("The Change, Grow, Live Services Limited")
    'change grow live'
    """
    words = re.sub(r"[^\w\s]", " ", name.lower().replace("&", " and ")).split()
    suffixes = {"ltd", "limited", "plc", "llp", "cic", "services"}
    words = [w for w in words if w != "the"]
    while words and words[-1] in suffixes:
        words.pop()
    return " ".join(words)
