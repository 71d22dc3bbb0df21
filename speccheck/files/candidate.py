"""Candidate files: one application, with personal details kept apart."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import (
    Field,
    model_validator,
)

from speccheck.core.model import StrictModel as _Strict
from speccheck.files.role import ID_PATTERN, KeyStage, Phase

# --------------------------------------------------------------------------- candidate files

# Fields whose values are personal data: a message about a value at or under one of them never quotes it
# (a schema error in a date of birth says the date is not valid, not what was written).
PERSONAL_FIELDS = frozenset({"personal_details", "teacher_reference_number", "declarations"})


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

    category: (
        Literal["gcse", "as_level", "a_level", "undergraduate", "postgraduate", "professional", "other"] | None
    ) = Field(default=None, description="Teaching Vacancies category (plus 'professional').")
    name: str = Field(
        min_length=1, description="Qualification as the applicant wrote it, e.g. 'PGCE Secondary Science'."
    )
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
    has_close_relationships: bool | None = Field(
        default=None, description="Close relationship with staff or governors."
    )
    has_right_to_work_in_uk: bool | None = Field(default=None, description="Right to work in the UK.")


class Candidate(_Strict):
    """An application for a post."""

    kind: Literal["candidate"] = Field(description="Always 'candidate'.")
    version: Literal[1] = Field(description="File format version.")
    id: str | None = Field(
        default=None,
        pattern=ID_PATTERN,
        description="Reference, e.g. an application number; defaults to the file name.",
    )
    personal_details: PersonalDetails = Field(default_factory=PersonalDetails, description="Withheld in blind mode.")
    professional_status: ProfessionalStatus | None = Field(default=None, description="QTS and related status.")
    qualifications: list[Qualification] | None = Field(default=None, description="Qualifications.")
    training_and_cpds: list[Training] | None = Field(default=None, description="Training and CPD.")
    employment_history: list[Employment] | None = Field(default=None, description="Dated employment history.")
    evidence: list[Evidence] = Field(default_factory=list, description="Evidence statements.")
    personal_statement: str | None = Field(default=None, description="Supporting statement.")
    declarations: Declarations | None = Field(default=None, description="Declarations.")
