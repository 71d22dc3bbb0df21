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
    """Post types. Where DfE Teaching Vacancies has a job role for the post, the value is its key.

    ``executive_headteacher``, ``head_of_school``, ``leading_practitioner`` and
    ``middle_leader`` have no Teaching Vacancies key of their own (see
    ``POST_TYPE_JOB_ROLES``); ``support_staff`` stands for every support role.
    """

    HEADTEACHER = "headteacher"
    EXECUTIVE_HEADTEACHER = "executive_headteacher"
    HEAD_OF_SCHOOL = "head_of_school"
    DEPUTY_HEADTEACHER = "deputy_headteacher"
    ASSISTANT_HEADTEACHER = "assistant_headteacher"
    LEADING_PRACTITIONER = "leading_practitioner"
    MIDDLE_LEADER = "middle_leader"
    HEAD_OF_YEAR_OR_PHASE = "head_of_year_or_phase"
    HEAD_OF_DEPARTMENT_OR_CURRICULUM = "head_of_department_or_curriculum"
    SENDCO = "sendco"
    OTHER_LEADERSHIP = "other_leadership"
    TEACHER = "teacher"
    SUPPORT_STAFF = "support_staff"


# DfE Teaching Vacancies Vacancy::JOB_ROLES keys (domain.md §6.1, V-PRIMARY; 10 is unused there).
JobRole = Literal[
    "teacher", "headteacher", "deputy_headteacher", "assistant_headteacher", "head_of_year_or_phase",
    "head_of_department_or_curriculum", "teaching_assistant", "higher_level_teaching_assistant",
    "education_support", "sendco", "administration_hr_data_and_finance",
    "catering_cleaning_and_site_management", "it_support", "pastoral_health_and_welfare",
    "other_leadership", "other_support", "leadership_and_management",
    "business_support_administration_and_corporate_services", "student_support_learning_and_progress",
    "marketing_and_communications", "apprenticeships_and_commercial_services",
]

# Teaching Vacancies job role -> speccheck post type. Support roles share one post type.
JOB_ROLE_POST_TYPE: dict[str, PostType] = {
    "teacher": PostType.TEACHER,
    "headteacher": PostType.HEADTEACHER,
    "deputy_headteacher": PostType.DEPUTY_HEADTEACHER,
    "assistant_headteacher": PostType.ASSISTANT_HEADTEACHER,
    "head_of_year_or_phase": PostType.HEAD_OF_YEAR_OR_PHASE,
    "head_of_department_or_curriculum": PostType.HEAD_OF_DEPARTMENT_OR_CURRICULUM,
    "sendco": PostType.SENDCO,
    "other_leadership": PostType.OTHER_LEADERSHIP,
    "leadership_and_management": PostType.OTHER_LEADERSHIP,
}
# When a vacancy lists several job roles, the most senior decides the post type.
JOB_ROLE_SENIORITY = (
    "headteacher", "deputy_headteacher", "assistant_headteacher", "other_leadership",
    "leadership_and_management", "sendco", "head_of_department_or_curriculum", "head_of_year_or_phase", "teacher",
)
# speccheck post type -> the Teaching Vacancies job roles a vacancy for it would carry.
POST_TYPE_JOB_ROLES: dict[PostType, tuple[str, ...]] = {
    PostType.HEADTEACHER: ("headteacher",),
    # "a headteacher who is responsible for more than one school" (domain.md §1.5)
    PostType.EXECUTIVE_HEADTEACHER: ("headteacher",),
    # not defined in the STPCD; advertised as a leadership role other than the three statutory ones
    PostType.HEAD_OF_SCHOOL: ("other_leadership",),
    PostType.DEPUTY_HEADTEACHER: ("deputy_headteacher",),
    PostType.ASSISTANT_HEADTEACHER: ("assistant_headteacher",),
    # a teacher on the leading practitioner pay range (domain.md §1.4)
    PostType.LEADING_PRACTITIONER: ("teacher",),
    PostType.MIDDLE_LEADER: ("head_of_year_or_phase", "head_of_department_or_curriculum"),
    PostType.HEAD_OF_YEAR_OR_PHASE: ("head_of_year_or_phase",),
    PostType.HEAD_OF_DEPARTMENT_OR_CURRICULUM: ("head_of_department_or_curriculum",),
    PostType.SENDCO: ("sendco",),
    PostType.OTHER_LEADERSHIP: ("other_leadership",),
    PostType.TEACHER: ("teacher",),
    PostType.SUPPORT_STAFF: ("other_support",),
}


def post_type_for_job_roles(job_roles: list[str]) -> PostType | None:
    """The speccheck post type of a Teaching Vacancies vacancy with these job roles."""
    for job_role in JOB_ROLE_SENIORITY:
        if job_role in job_roles:
            return JOB_ROLE_POST_TYPE[job_role]
    return PostType.SUPPORT_STAFF if job_roles else None


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
    shortlisting: bool | None = Field(
        default=None,
        description=(
            "true: the panel uses this criterion to shortlist; false: it does not. "
            "Omitted: as recruitment.shortlist_on says."
        ),
    )

    @property
    def application_stage(self) -> bool:
        """Whether it can be judged from the written application (for shortlisting)."""
        return bool(set(self.assessed_by) & APPLICATION_STAGE)


class Recruitment(_Strict):
    """How the post is recruited: what the role file can show of the safer-recruitment process."""

    shortlisting_panel_size: int | None = Field(
        default=None, ge=1, description="How many people carry out the shortlisting (KCSIE: at least two)."
    )
    safer_recruitment_trained_panel_member: bool | None = Field(
        default=None, description="At least one interviewer has completed safer recruitment training."
    )
    shortlist_on: Literal["essential_criteria", "marked_criteria"] | None = Field(
        default=None,
        description=(
            "essential_criteria: every essential criterion is used to shortlist (\"candidates who do not meet "
            "the essential criteria will not be shortlisted\"); marked_criteria: only criteria with shortlisting: true."
        ),
    )
    application_form: bool | None = Field(
        default=None, description="Applicants complete an application form (a CV alone is not accepted)."
    )
    online_search_notice: bool | None = Field(
        default=None, description="Shortlisted candidates are told that an online search may be carried out."
    )
    self_declaration: bool | None = Field(
        default=None, description="Shortlisted candidates complete a self-declaration before interview."
    )
    references_before_interview: bool | None = Field(
        default=None, description="References are taken up before interview where possible."
    )
    safeguarding_statement: str | None = Field(
        default=None, description="The school's statement of its commitment to safeguarding, as advertised."
    )


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
    post_type: PostType = Field(  # type: ignore[assignment]  # None only until _post_type_from_job_roles fills it
        default=None,
        description="Which post the role is; may be omitted when job_roles (Teaching Vacancies) is given.",
    )
    job_roles: list[JobRole] = Field(
        default_factory=list,
        description=(
            "DfE Teaching Vacancies job roles of the vacancy (e.g. deputy_headteacher); "
            "without post_type, the most senior decides it."
        ),
    )
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
    recruitment: Recruitment | None = Field(
        default=None, description="The recruitment process, as far as safer-recruitment checks need it."
    )

    @model_validator(mode="before")
    @classmethod
    def _post_type_from_job_roles(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("post_type") is None and isinstance(data.get("job_roles"), list):
            roles = [r for r in data["job_roles"] if isinstance(r, str)]
            post_type = post_type_for_job_roles(roles)
            if post_type is not None:
                data = {**data, "post_type": post_type.value}
        return data

    @model_validator(mode="after")
    def _unique_ids(self) -> Role:
        if self.post_type is None:
            raise ValueError("give post_type, or job_roles as Teaching Vacancies lists them")
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
    message: str = Field(
        description=(
            "Message template; {criterion.id}, {criterion.text}, {criterion.near_duplicate_of}, {duty.id}, "
            "{duty.text}, {role.title}, {role.post_type}, {role.date} and {match} (the words a matches test found) "
            "are filled in."
        )
    )
    source: list[SourceRef] = Field(min_length=1, description="Document, edition, paragraph and provenance.")
    rationale: str = Field(description="Why it matters.")
    fix: str = Field(description="What to change.")
    examples: Examples = Field(description="Role fragments that must not / must be flagged.")
    applies_from: dt.date | None = Field(
        default=None, description="The check runs only for roles dated on or after this day (guidance in force)."
    )
    applies_until: dt.date | None = Field(
        default=None, description="The check runs only for roles dated before this day (guidance withdrawn)."
    )
    at: Literal["title", "duties", "criteria", "references", "school", "recruitment"] | None = Field(
        default=None,
        description=(
            "Where a role-scope finding points when no matched text locates it "
            "(default: the criteria, or the title when there are none)."
        ),
    )


# A term is one or more words; a word ending in * is a stem (monitor* matches monitoring,
# monitored); "@name" stands for the catalogue's synonym list of that name.
TERM_PATTERN = r"^(@[a-z0-9_]+|[a-z0-9']+\*?( [a-z0-9']+\*?)*)$"


def _check_terms(terms: list[str]) -> list[str]:
    for term in terms:
        if not re.match(TERM_PATTERN, term):
            raise ValueError(
                f'term "{term}" is not lower-case words (a word may end in * for a stem) or "@synonyms"'
            )
    return terms


class DutyExamples(_Strict):
    """Job description statements that must (pass) or must not (fail) cover the duty, without covers:."""

    passing: list[str] = Field(default_factory=list, alias="pass", description="Statements that cover the duty.")
    failing: list[str] = Field(default_factory=list, alias="fail", description="Statements that do not (decoys).")


class StatutoryDuty(_Strict):
    """One statutory duty or standard, with the words that show a job description covers it."""

    id: str = Field(pattern=ID_PATTERN, description="Stable id, e.g. stpcd.deputy.major_role.policies.")
    text: str = Field(description="The duty's wording (a quotation only where provenance says so).")
    applies_to: list[PostType] = Field(min_length=1, description="Post types that carry it.")
    terms: list[list[str]] = Field(
        default_factory=list,
        description=(
            "Groups of terms: one sentence of one statement covers the duty when every group has a term in it. "
            "A term is lower-case words, a word ending in * is a stem, '@name' is a synonym list of the catalogue."
        ),
    )
    alternatives: list[list[list[str]]] = Field(
        default_factory=list,
        description="Further sets of groups of terms; a sentence matching any one set (or terms) covers the duty.",
    )
    unless: list[str] = Field(
        default_factory=list, description="Terms that stop a sentence from covering the duty (decoys)."
    )
    within: int | None = Field(
        default=None,
        ge=1,
        description="The words found for all groups must lie in a stretch of at most this many words (default: the sentence).",
    )
    match: list[str] = Field(
        default_factory=list,
        description="Case-insensitive regular expressions, tried when no terms match; a statement matching one covers the duty.",
    )
    source: SourceRef = Field(description="Document, edition, paragraph and provenance.")
    examples: DutyExamples = Field(
        default_factory=DutyExamples, description="Statements the matcher must and must not accept; the tests run them."
    )

    @field_validator("match")
    @classmethod
    def _valid_patterns(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f'pattern "{pattern}" is not a valid regular expression: {exc}') from None
        return value

    @field_validator("terms")
    @classmethod
    def _valid_groups(cls, value: list[list[str]]) -> list[list[str]]:
        for group in value:
            if not group:
                raise ValueError("a group of terms must not be empty")
            _check_terms(group)
        return value

    @field_validator("alternatives")
    @classmethod
    def _valid_alternatives(cls, value: list[list[list[str]]]) -> list[list[list[str]]]:
        for groups in value:
            if not groups:
                raise ValueError("an alternative needs at least one group of terms")
            cls._valid_groups(groups)
        return value

    def term_sets(self) -> list[list[list[str]]]:
        """``terms`` and each of ``alternatives``: sets of groups, any of which may match."""
        return ([self.terms] if self.terms else []) + list(self.alternatives)

    @field_validator("unless")
    @classmethod
    def _valid_unless(cls, value: list[str]) -> list[str]:
        return _check_terms(value)

    @model_validator(mode="after")
    def _some_matcher(self) -> StatutoryDuty:
        if not self.terms and not self.alternatives and not self.match:
            raise ValueError("give terms: (or match: patterns) so a statement can be found to cover the duty")
        return self


SearchPart = Literal["duties", "criteria"]


def _job_description_only() -> list[SearchPart]:
    return ["duties"]


class DutyCatalogue(_Strict):
    """A framework's statutory duties (or standards) for coverage audits."""

    kind: Literal["duties"] = Field(description="Always 'duties'.")
    version: Literal[1] = Field(description="File format version.")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Kebab-case id; equals the file name.")
    framework: str = Field(description="Name shown in the coverage table, e.g. 'STPCD deputy and assistant headteacher duties'.")
    severity: Severity = Field(description="Severity of a missing duty.")
    duties: list[StatutoryDuty] = Field(min_length=1, description="The duties.")
    framework_kind: Literal["statutory", "standard"] = Field(
        default="statutory",
        description="statutory: duties the post carries (coverage); standard: a professional standard (standards coverage).",
    )
    source: list[SourceRef] = Field(default_factory=list, description="The framework document(s).")
    rationale: str | None = Field(default=None, description="Why the coverage matters, and how far to trust the wording.")
    search: list[SearchPart] = Field(
        default_factory=_job_description_only,
        description="What covers a duty: job description statements, person specification criteria, or both.",
    )
    report: Literal["each", "summary"] = Field(
        default="each", description="each: one finding per missing duty; summary: one finding listing them."
    )
    synonyms: dict[str, list[str]] = Field(
        default_factory=dict, description="Named synonym lists; '@name' in a group of terms stands for the list."
    )
    applies_from: dt.date | None = Field(
        default=None, description="The framework applies to roles dated on or after this day."
    )
    applies_until: dt.date | None = Field(
        default=None, description="The framework applies to roles dated before this day (it was replaced then)."
    )
    governance: list[Literal["maintained", "academy", "free_school", "independent", "other"]] = Field(
        default_factory=list, description="Only for schools of these kinds (empty: any school)."
    )
    notes: dict[PostType, str] = Field(
        default_factory=dict,
        description="A note shown with the coverage table for a post type, e.g. how a post the framework does not define is mapped.",
    )

    @field_validator("synonyms")
    @classmethod
    def _valid_synonyms(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, terms in value.items():
            if not re.match(r"^[a-z0-9_]+$", name):
                raise ValueError(f'synonym list name "{name}" must be lower-case letters, digits and _')
            if not terms:
                raise ValueError(f'synonym list "{name}" is empty')
            if any(t.startswith("@") for t in terms):
                raise ValueError(f'synonym list "{name}" may not refer to another list')
            _check_terms(terms)
        return value

    @model_validator(mode="after")
    def _known_synonyms_and_ids(self) -> DutyCatalogue:
        seen: set[str] = set()
        for duty in self.duties:
            if duty.id in seen:
                raise ValueError(f'duty id "{duty.id}" is used twice')
            seen.add(duty.id)
            for term in [t for groups in duty.term_sets() for group in groups for t in group] + duty.unless:
                if term.startswith("@") and term[1:] not in self.synonyms:
                    raise ValueError(f'duty "{duty.id}" uses "{term}" but the catalogue has no synonyms: {term[1:]}')
        return self


class Profile(_Strict):
    """An audit profile: which rules run and at what severity, on top of the rule files' own."""

    kind: Literal["profile"] = Field(description="Always 'profile'.")
    version: Literal[1] = Field(description="File format version.")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Kebab-case id; equals the file name.")
    title: str = Field(description="One line saying what the profile is for.")
    extends: str | None = Field(
        default=None, description="Profile this one builds on: a name (e.g. default) or a path relative to this file."
    )
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Rule or duty-catalogue id -> the severity its findings get."
    )
    disable: list[str] = Field(default_factory=list, description="Rule or duty-catalogue ids that do not run.")
    enable: list[str] = Field(
        default_factory=list, description="Ids a profile it extends disabled, switched back on."
    )


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
    "profile": Profile,
}
