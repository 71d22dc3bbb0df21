"""Pydantic models of every user file: role, candidate, rule, duty catalogue, vocabulary.

The condition language lives here too, because it is part of the file formats:
its models are the engine-neutral intermediate form the compiler turns into
durable_rules rulesets. Every field carries a description, which the exported
JSON Schemas give to editors.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from speccheck.findings import Severity, SourceRef

FORMAT_VERSION = 1
MAX_PATTERN_LENGTH = 200
# Property names the engine adapter uses itself; a fact may not take them.
RESERVED_FACTS = frozenset({"t", "sid", "id", "ref"})
# durable_rules reads numbers as doubles and cannot parse exponent notation:
# thresholds stay in a range where every value is exact and printed plainly.
MAX_NUMBER = 1e12
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"
FACT_PATTERN = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --------------------------------------------------------------------------- conditions

Scalar = Union[bool, int, float, str]


class Comparison(_Strict):
    """A test on one fact. Exactly one operator key is given."""

    fact: str = Field(pattern=FACT_PATTERN, description="Name of the fact tested, e.g. years_teaching.")
    gte: float | None = Field(default=None, alias=">=", description="Fact is at least this number.")
    gt: float | None = Field(default=None, alias=">", description="Fact is more than this number.")
    lte: float | None = Field(default=None, alias="<=", description="Fact is at most this number.")
    lt: float | None = Field(default=None, alias="<", description="Fact is less than this number.")
    eq: Scalar | None = Field(default=None, alias="==", description="Fact equals this value.")
    ne: Scalar | None = Field(default=None, alias="!=", description="Fact is present and differs from this value.")
    has: str | list[str] | None = Field(
        default=None,
        description="List fact contains this value (or any of these values).",
    )
    matches: str | list[str] | None = Field(
        default=None,
        description=(
            "Text fact contains a match for this case-insensitive regular expression "
            "(or any of these); matched in Python, never by the engine."
        ),
    )
    exists: bool | None = Field(default=None, description="true: the fact is present; false: it is absent.")

    @model_validator(mode="after")
    def _one_operator(self) -> Comparison:
        given = [name for name in OPERATORS if getattr(self, name) is not None]
        if len(given) != 1:
            names = ", ".join(OPERATOR_SYMBOLS[n] for n in OPERATORS)
            found = ", ".join(OPERATOR_SYMBOLS[n] for n in given) or "none"
            raise ValueError(f"a comparison needs exactly one operator of {names}; found {found}")
        return self

    @field_validator("has", "matches")
    @classmethod
    def _non_empty_list(cls, value: str | list[str] | None) -> str | list[str] | None:
        if isinstance(value, list) and not value:
            raise ValueError("give at least one value")
        for item in [value] if isinstance(value, str) else value or []:
            if not item:
                raise ValueError("values must not be empty text")
        return value

    @field_validator("fact")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_FACTS:
            raise ValueError(f'"{value}" is reserved; choose another fact name')
        return value

    @field_validator("gte", "gt", "lte", "lt", "eq", "ne")
    @classmethod
    def _plain_number(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if value != value or abs(value) >= MAX_NUMBER:
                raise ValueError(f"numbers must be between -{MAX_NUMBER:.0f} and {MAX_NUMBER:.0f}")
            if round(value, 4) != value:
                raise ValueError("numbers may have at most 4 decimal places")
        return value

    @field_validator("matches")
    @classmethod
    def _valid_patterns(cls, value: str | list[str] | None) -> str | list[str] | None:
        for pattern in [value] if isinstance(value, str) else value or []:
            if len(pattern) > MAX_PATTERN_LENGTH:
                raise ValueError(f"pattern is longer than {MAX_PATTERN_LENGTH} characters")
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f'pattern "{pattern}" is not a valid regular expression: {exc}') from None
        return value

    @property
    def operator(self) -> str:
        """The internal name of the one operator given (gte, has, matches ...)."""
        return next(name for name in OPERATORS if getattr(self, name) is not None)

    @property
    def value(self) -> Any:
        return getattr(self, self.operator)

    def values(self) -> list[str]:
        """The operand of ``has`` / ``matches`` as a list."""
        value = self.value
        return [value] if isinstance(value, str) else list(value)


OPERATORS = ("gte", "gt", "lte", "lt", "eq", "ne", "has", "matches", "exists")
OPERATOR_SYMBOLS = {
    "gte": ">=", "gt": ">", "lte": "<=", "lt": "<", "eq": "==", "ne": "!=",
    "has": "has", "matches": "matches", "exists": "exists",
}


class AllOf(_Strict):
    """True when every listed condition is true."""

    all: list[Condition] = Field(min_length=1, description="Conditions that must all hold.")


class AnyOf(_Strict):
    """True when at least one listed condition is true."""

    any: list[Condition] = Field(min_length=1, description="Conditions of which one must hold.")


class Not(_Strict):
    """True when the inner condition is decided false."""

    not_: Condition = Field(alias="not", description="The condition to negate.")


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return {AllOf: "all", AnyOf: "any", Not: "not", Comparison: "fact"}.get(type(value))
    if isinstance(value, dict):
        for key in ("all", "any", "not", "fact"):
            if key in value:
                return key
    return None


Condition = Annotated[
    Union[
        Annotated[AllOf, Tag("all")],
        Annotated[AnyOf, Tag("any")],
        Annotated[Not, Tag("not")],
        Annotated[Comparison, Tag("fact")],
    ],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="a condition needs one of the keys all, any, not or fact",
    ),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()


# --------------------------------------------------------------------------- role files


class PostType(str, Enum):
    """Post types; the first group maps to DfE Teaching Vacancies job roles."""

    HEADTEACHER = "headteacher"
    EXECUTIVE_HEADTEACHER = "executive_headteacher"
    HEAD_OF_SCHOOL = "head_of_school"
    DEPUTY_HEADTEACHER = "deputy_headteacher"
    ASSISTANT_HEADTEACHER = "assistant_headteacher"
    LEADING_PRACTITIONER = "leading_practitioner"
    MIDDLE_LEADER = "middle_leader"
    SENDCO = "sendco"
    TEACHER = "teacher"


class Level(str, Enum):
    ESSENTIAL = "essential"
    DESIRABLE = "desirable"


class Category(str, Enum):
    QUALIFICATIONS = "qualifications"
    EXPERIENCE = "experience"
    KNOWLEDGE = "knowledge"
    SKILLS = "skills"
    PERSONAL_QUALITIES = "personal_qualities"
    SAFEGUARDING = "safeguarding"
    OTHER = "other"


class Assessment(str, Enum):
    APPLICATION = "application"
    INTERVIEW = "interview"
    TASK = "task"
    REFERENCE = "reference"
    CERTIFICATE = "certificate"


APPLICATION_STAGE = frozenset({Assessment.APPLICATION, Assessment.CERTIFICATE})

Phase = Literal["nursery", "primary", "secondary", "sixth_form_or_college", "through", "special"]
KeyStage = Literal["early_years", "ks1", "ks2", "ks3", "ks4", "ks5"]


class School(_Strict):
    """The school (or schools) the post serves."""

    name: str | None = Field(default=None, description="School name.")
    phases: list[Phase] = Field(default_factory=list, description="Phases the school covers.")
    governance: Literal["maintained", "academy", "free_school", "independent", "other"] | None = Field(
        default=None, description="Maintained schools must follow the STPCD; academies may adopt it."
    )
    religious_character: str | None = Field(
        default=None, description="Designated religious character, e.g. 'catholic'; omit or 'none' if none."
    )
    context: str | None = Field(default=None, description="Free text: size, setting, specialism.")


class Duty(_Strict):
    """A job description statement."""

    id: str = Field(pattern=ID_PATTERN, description="Stable id, e.g. D3.")
    text: str = Field(min_length=1, description="The duty as written in the job description.")
    covers: list[str] = Field(
        default_factory=list,
        description="Ids of statutory duties this statement explicitly covers, e.g. stpcd.deputy.major_role.policies.",
    )


class Criterion(_Strict):
    """One essential or desirable criterion of the person specification."""

    id: str = Field(pattern=ID_PATTERN, description="Stable id, e.g. E1 or D4.")
    text: str = Field(min_length=1, description="The criterion as written in the person specification.")
    level: Level = Field(description="essential or desirable.")
    category: Category = Field(description="Which heading of the person specification it sits under.")
    assessed_by: list[Assessment] = Field(
        default_factory=list,
        description="How it is assessed: application, interview, task, reference, certificate.",
    )
    condition: Condition | None = Field(
        default=None, description="A machine-decidable condition over candidate facts, if there is one."
    )
    keywords: list[str] = Field(
        default_factory=list,
        description="Words or phrases that show an application addresses this criterion (evidence matching).",
    )
    weight: float = Field(default=1.0, ge=0, description="Weight when ranking by desirable criteria.")

    @property
    def application_stage(self) -> bool:
        """Whether it can be judged from the written application (for shortlisting)."""
        return bool(set(self.assessed_by) & APPLICATION_STAGE)


class Scoring(_Strict):
    """The panel's scoring scale."""

    scale_max: int = Field(default=3, ge=1, le=10, description="Highest score; the scale starts at 0.")
    pass_mark: int = Field(default=2, ge=0, description="A score at or above this meets the criterion.")


class Role(_Strict):
    """A post: job description duties and person specification criteria."""

    kind: Literal["role"] = Field(description="Always 'role'.")
    version: Literal[1] = Field(description="File format version.")
    id: str | None = Field(default=None, pattern=ID_PATTERN, description="Stable id; defaults to the file name.")
    title: str = Field(min_length=1, description="Post title as advertised.")
    post_type: PostType = Field(description="Which statutory post the role is.")
    issued: dt.date | None = Field(
        default=None, description="Date the role was issued; guidance is judged as in force then."
    )
    school: School = Field(default_factory=School, description="The school and its context.")
    responsible_to: list[str] = Field(default_factory=list, description="Who the postholder answers to.")
    responsible_for: list[str] = Field(default_factory=list, description="Who or what the postholder leads.")
    duties: list[Duty] = Field(default_factory=list, description="Job description statements.")
    criteria: list[Criterion] = Field(default_factory=list, description="Person specification criteria.")
    scoring: Scoring = Field(default_factory=Scoring, description="Panel scoring scale and pass mark.")
    references: list[str] = Field(
        default_factory=list,
        description="Frameworks or documents the role refers to, e.g. 'National Standards of Excellence for Headteachers 2015'.",
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> Role:
        for label, items in (("duty", self.duties), ("criterion", self.criteria)):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f'{label} id "{item.id}" is used twice')
                seen.add(item.id)
        if self.scoring.pass_mark > self.scoring.scale_max:
            raise ValueError("scoring.pass_mark is above scoring.scale_max")
        return self


# --------------------------------------------------------------------------- candidate files


class PersonalDetails(_Strict):
    """Personal data, kept apart so blind mode can withhold all of it."""

    first_name: str | None = Field(default=None, description="Given name.")
    last_name: str | None = Field(default=None, description="Family name.")
    previous_names: list[str] = Field(default_factory=list, description="Former names.")
    email: str | None = Field(default=None, description="Email address.")
    phone_number: str | None = Field(default=None, description="Telephone number.")
    address: str | None = Field(default=None, description="Postal address.")
    date_of_birth: dt.date | None = Field(default=None, description="Date of birth (never used in checks).")
    national_insurance_number: str | None = Field(default=None, description="NI number (never used in checks).")


class ProfessionalStatus(_Strict):
    """Teaching Vacancies' professional status section."""

    qualified_teacher_status: Literal["yes", "no", "on_track", "non_teacher"] | None = Field(
        default=None, description="Whether the applicant holds QTS."
    )
    qualified_teacher_status_year: int | None = Field(default=None, ge=1900, le=2100, description="Year QTS awarded.")
    teacher_reference_number: str | None = Field(
        default=None, pattern=r"^\d{7}$", description="7-digit teacher reference number."
    )
    is_statutory_induction_complete: bool | None = Field(default=None, description="Induction completed.")
    qtls: bool | None = Field(default=None, description="Holds Qualified Teacher Learning and Skills status.")
    set_membership: bool | None = Field(
        default=None, description="Current Society for Education and Training membership (QTLS parity needs it)."
    )


class Qualification(_Strict):
    """An academic or professional qualification."""

    category: Literal["gcse", "as_level", "a_level", "undergraduate", "postgraduate", "professional", "other"] | None = Field(
        default=None, description="Teaching Vacancies category (plus 'professional')."
    )
    name: str = Field(min_length=1, description="Qualification as the applicant wrote it, e.g. 'PGCE Secondary Science'.")
    subject: str | None = Field(default=None, description="Subject.")
    grade: str | None = Field(default=None, description="Grade or class.")
    institution: str | None = Field(default=None, description="Awarding institution.")
    year: int | None = Field(default=None, ge=1900, le=2100, description="Year awarded.")


class Training(_Strict):
    """Training or CPD."""

    name: str = Field(min_length=1, description="Course or programme, e.g. 'NPQSL'.")
    provider: str | None = Field(default=None, description="Provider.")
    year_awarded: int | None = Field(default=None, ge=1900, le=2100, description="Year completed.")
    completed: bool = Field(default=True, description="false while still in progress.")


class Employment(_Strict):
    """One entry of the employment history: a job, a break, or an education gap."""

    employment_type: Literal["job", "break", "education_gap"] = Field(
        default="job", description="job, break or education_gap (Teaching Vacancies)."
    )
    organisation: str | None = Field(default=None, description="Employer or school.")
    job_title: str | None = Field(default=None, description="Job title, e.g. 'Advanced Skills Teacher'.")
    main_duties: str | None = Field(default=None, description="Main duties as written.")
    responsibilities: list[str] = Field(default_factory=list, description="Responsibilities held in the post.")
    started_on: dt.date = Field(description="Start date.")
    ended_on: dt.date | None = Field(default=None, description="End date; omit for the current role.")
    is_current_role: bool = Field(default=False, description="Still in this post.")
    phases: list[Phase] = Field(default_factory=list, description="Phases taught in this post.")
    key_stages: list[KeyStage] = Field(default_factory=list, description="Key stages taught in this post.")
    subjects: list[str] = Field(default_factory=list, description="Subjects taught.")
    reason_for_leaving: str | None = Field(default=None, description="Reason for leaving.")
    reason_for_break: str | None = Field(default=None, description="For breaks and education gaps.")

    @model_validator(mode="after")
    def _dates(self) -> Employment:
        if self.ended_on is not None and self.ended_on < self.started_on:
            raise ValueError("ended_on is before started_on")
        if self.ended_on is None and not self.is_current_role and self.employment_type == "job":
            raise ValueError("a job with no ended_on must have is_current_role: true")
        return self


class Evidence(_Strict):
    """An evidence statement, optionally naming the criteria it addresses."""

    text: str = Field(min_length=1, description="What the applicant did, in their words.")
    criteria: list[str] = Field(default_factory=list, description="Criterion ids this evidence addresses.")


class Declarations(_Strict):
    """Safeguarding and other declarations (Teaching Vacancies)."""

    has_safeguarding_issue: bool | None = Field(default=None, description="Declares a safeguarding issue.")
    safeguarding_issue_details: str | None = Field(default=None, description="Details if declared.")
    has_close_relationships: bool | None = Field(default=None, description="Close relationship with staff or governors.")
    has_right_to_work_in_uk: bool | None = Field(default=None, description="Right to work in the UK.")


class Candidate(_Strict):
    """An application for a post."""

    kind: Literal["candidate"] = Field(description="Always 'candidate'.")
    version: Literal[1] = Field(description="File format version.")
    id: str | None = Field(default=None, pattern=ID_PATTERN, description="Reference, e.g. an application number; defaults to the file name.")
    personal_details: PersonalDetails = Field(default_factory=PersonalDetails, description="Withheld in blind mode.")
    professional_status: ProfessionalStatus | None = Field(default=None, description="QTS and related status.")
    qualifications: list[Qualification] | None = Field(default=None, description="Qualifications.")
    training_and_cpds: list[Training] | None = Field(default=None, description="Training and CPD.")
    employment_history: list[Employment] | None = Field(default=None, description="Dated employment history.")
    evidence: list[Evidence] = Field(default_factory=list, description="Evidence statements.")
    personal_statement: str | None = Field(default=None, description="Supporting statement.")
    declarations: Declarations | None = Field(default=None, description="Declarations.")


# --------------------------------------------------------------------------- rule files


class Example(_Strict):
    """A literal input a rule must (fail) or must not (pass) fire on."""

    name: str = Field(description="What the example shows.")
    input: dict[str, Any] = Field(description="A role or candidate fragment, merged over a minimal valid file.")
    expect: Any = Field(
        default=None,
        description="derivation: true, false or null (unknown); check: number of findings (pass: 0).",
    )


class Examples(_Strict):
    passing: list[Example] = Field(default_factory=list, alias="pass", description="Inputs the rule must not flag.")
    failing: list[Example] = Field(default_factory=list, alias="fail", description="Inputs the rule must flag.")


class DerivationRule(_Strict):
    """Derives a boolean fact about a candidate from other facts (forward chaining)."""

    kind: Literal["rule"] = Field(description="Always 'rule'.")
    version: Literal[1] = Field(description="File format version.")
    type: Literal["derivation"] = Field(description="derivation")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Kebab-case id; equals the file name.")
    title: str = Field(description="One line saying what it derives.")
    derives: str = Field(pattern=FACT_PATTERN, description="Name of the boolean fact derived.")

    @field_validator("derives")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_FACTS:
            raise ValueError(f'"{value}" is reserved; choose another fact name')
        return value

    label: str = Field(description="The fact in words, used in explanations.")
    when: Condition = Field(description="When the fact is true; decided false when this is decided false.")
    source: list[SourceRef] = Field(default_factory=list, description="Sources for the equivalence it encodes.")
    rationale: str = Field(description="Why the derivation holds.")
    examples: Examples = Field(description="Candidate fragments with the value expected.")


CheckScope = Literal["role", "criterion", "duty"]


class CheckRule(_Strict):
    """An audit check over a role, each of its criteria, or each of its duties."""

    kind: Literal["rule"] = Field(description="Always 'rule'.")
    version: Literal[1] = Field(description="File format version.")
    type: Literal["check"] = Field(description="check")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Kebab-case id; equals the file name.")
    title: str = Field(description="One line saying what the check looks for.")
    category: str = Field(description="Folder it lives in: statutory, safer-recruitment, equality, clarity ...")
    severity: Severity = Field(description="Severity of its findings.")
    applies_to: list[PostType | Literal["all"]] = Field(min_length=1, description="Post types it applies to, or 'all'.")
    scope: CheckScope = Field(description="What one finding is about: the role, one criterion, one duty.")
    when: Condition = Field(description="The finding is raised when this holds.")
    message: str = Field(description="Message template; {criterion.id}, {criterion.text}, {duty.id}, {role.title} are filled in.")
    source: list[SourceRef] = Field(min_length=1, description="Document, edition, paragraph and provenance.")
    rationale: str = Field(description="Why it matters.")
    fix: str = Field(description="What to change.")
    examples: Examples = Field(description="Role fragments that must not / must be flagged.")


class StatutoryDuty(_Strict):
    """One statutory duty, with the words that show a job description covers it."""

    id: str = Field(pattern=ID_PATTERN, description="Stable id, e.g. stpcd.deputy.major_role.policies.")
    text: str = Field(description="The duty's wording (a quotation only where provenance says so).")
    applies_to: list[PostType] = Field(min_length=1, description="Post types that carry it.")
    match: list[str] = Field(
        min_length=1,
        description="Case-insensitive regular expressions; a duty statement matching one of them covers the duty.",
    )
    source: SourceRef = Field(description="Document, edition, paragraph and provenance.")

    @field_validator("match")
    @classmethod
    def _valid_patterns(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f'pattern "{pattern}" is not a valid regular expression: {exc}') from None
        return value


class DutyCatalogue(_Strict):
    """A framework's statutory duties for coverage audits."""

    kind: Literal["duties"] = Field(description="Always 'duties'.")
    version: Literal[1] = Field(description="File format version.")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Kebab-case id; equals the file name.")
    framework: str = Field(description="Name shown in the coverage table, e.g. 'STPCD deputy and assistant headteacher duties'.")
    severity: Severity = Field(description="Severity of a missing duty.")
    duties: list[StatutoryDuty] = Field(min_length=1, description="The duties.")


class Vocabulary(_Strict):
    """Normalisation tables used to build candidate facts: aliases and title patterns."""

    kind: Literal["vocabulary"] = Field(description="Always 'vocabulary'.")
    version: Literal[1] = Field(description="File format version.")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Kebab-case id; equals the file name.")
    source: list[SourceRef] = Field(default_factory=list, description="Where the equivalences come from.")
    qualifications: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Qualification code -> case-insensitive regexes over qualification and training names.",
    )
    role_kinds: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Role kind (teacher, middle_leader, senior_leader ...) -> regexes over job titles.",
    )
    teaching_role_kinds: list[str] = Field(
        default_factory=list, description="Role kinds whose time counts as teaching experience."
    )
    leadership_role_kinds: list[str] = Field(
        default_factory=list, description="Role kinds whose time counts as leadership experience."
    )
    senior_role_kinds: list[str] = Field(
        default_factory=list, description="Role kinds whose time counts as senior leadership experience."
    )


RuleFile = Annotated[
    Union[DerivationRule, CheckRule],
    Field(discriminator="type"),
]

FILE_KINDS: dict[str, type[BaseModel]] = {
    "role": Role,
    "candidate": Candidate,
    "duties": DutyCatalogue,
    "vocabulary": Vocabulary,
}
