"""Role files: a post, its duties (job description) and its person specification."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Literal

from pydantic import (
    Field,
    model_validator,
)

from speccheck.conditions.ast import Condition
from speccheck.core.model import StrictModel as _Strict
from speccheck.files.recruitment import Recruitment

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"

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
    "teacher",
    "headteacher",
    "deputy_headteacher",
    "assistant_headteacher",
    "head_of_year_or_phase",
    "head_of_department_or_curriculum",
    "teaching_assistant",
    "higher_level_teaching_assistant",
    "education_support",
    "sendco",
    "administration_hr_data_and_finance",
    "catering_cleaning_and_site_management",
    "it_support",
    "pastoral_health_and_welfare",
    "other_leadership",
    "other_support",
    "leadership_and_management",
    "business_support_administration_and_corporate_services",
    "student_support_learning_and_progress",
    "marketing_and_communications",
    "apprenticeships_and_commercial_services",
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
    "headteacher",
    "deputy_headteacher",
    "assistant_headteacher",
    "other_leadership",
    "leadership_and_management",
    "sendco",
    "head_of_department_or_curriculum",
    "head_of_year_or_phase",
    "teacher",
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
    closing_date: dt.date | None = Field(
        default=None,
        description="Closing date for applications; applications are judged as at it unless --as-of says otherwise.",
    )
    recent_years: int = Field(
        default=5,
        ge=1,
        le=50,
        description=(
            'What "recent" means for this post: within this many years before the date applications are judged at '
            "(recent posts held, recent qualifications)."
        ),
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
        default=None,
        description="The recruitment process and what the advert tells applicants, as far as the checks need them.",
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
        if self.issued is not None and self.closing_date is not None and self.closing_date < self.issued:
            raise ValueError(f"closing_date {self.closing_date} is before issued {self.issued}")
        return self


# Where the date applications are judged at came from: --as-of, the role's closing date, or the day of the run.
AsOfFrom = Literal["given", "closing_date", "today"]


def application_date(role: Role, given: dt.date | None, today: dt.date) -> tuple[dt.date, AsOfFrom]:
    """The date a role's applications are judged at, and where it came from: ``given`` (``--as-of``), else the
    role's closing date, else ``today`` (the caller reads the clock; this function never does)."""
    if given is not None:
        return given, "given"
    if role.closing_date is not None:
        return role.closing_date, "closing_date"
    return today, "today"
