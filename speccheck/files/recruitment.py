"""The recruitment section of a role file: how the post is recruited, and what its advert and candidate pack say.

Every field is optional. A check reads only what the file gives: the checks of
the advert run only when ``recruitment.advert`` is given, and a role without it
gets one note that the advert was not checked.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from speccheck.core.model import StrictModel as _Strict

# Pre-employment checks: DfE Teaching Vacancies' pre_employment_check_sets (domain.md §6.2, V-PRIMARY) first,
# then the other pre-appointment checks KCSIE Part three lists (domain.md §4 kcsie.checks.list, V-SECONDARY).
PreEmploymentCheck = Literal[
    "enhanced_dbs_check",
    "childrens_barred_list",
    "identity_check",
    "right_to_work_in_uk",
    "professional_qualifications",
    "mental_and_physical_fitness",
    "overseas_checks",
    "references",
    "employment_history",
    "prohibition_from_teaching",
    "section_128",
    "childcare_disqualification",
]

# DfE Teaching Vacancies working patterns (domain.md §6.1, V-PRIMARY; job share is a flag there now).
WorkingPattern = Literal["full_time", "part_time", "job_share"]


class Pay(_Strict):
    """The pay the advert states."""

    range: str | None = Field(
        default=None,
        min_length=1,
        description=(
            "The pay range as advertised, e.g. 'L8-L12' for a leadership post: the range the board set "
            "(the leadership spine points were removed in 2014; L-points remain as reference points)."
        ),
    )
    text: str | None = Field(
        default=None, min_length=1, description="The pay as the advert words it, e.g. 'L8-L12 (£X to £Y)'."
    )
    year: int | None = Field(
        default=None,
        ge=2000,
        le=2100,
        description=(
            "The pay year the figures are for, by the year it starts (teachers' pay years start on 1 September): "
            "2025 for September 2025 to August 2026."
        ),
    )


class Advert(_Strict):
    """What the advert and candidate pack tell applicants, as far as the checks of an advert need it."""

    text: str | None = Field(
        default=None,
        min_length=1,
        description=(
            "The wording of the advert and candidate pack as published, or the parts of it about safeguarding, "
            "checks, pay and working patterns; the checks look for what an advert should say in it."
        ),
    )
    pay: Pay | None = Field(default=None, description="The pay the advert states.")
    working_patterns: list[WorkingPattern] = Field(
        default_factory=list,
        description="Working patterns the post is open to, as Teaching Vacancies lists them: full_time, part_time, job_share.",
    )
    flexible_working: str | None = Field(
        default=None,
        min_length=1,
        description="What the advert says about flexible working (part time, job share, flexible hours), in its words.",
    )
    adjustments: str | None = Field(
        default=None,
        min_length=1,
        description=(
            "What the advert says about adjustments to the application and selection process for disabled "
            "applicants, in its words."
        ),
    )
    pre_employment_checks: list[PreEmploymentCheck] = Field(
        default_factory=list,
        description=(
            "The pre-employment checks the advert or pack says the successful candidate will undergo: "
            "enhanced_dbs_check, childrens_barred_list, identity_check, right_to_work_in_uk, "
            "professional_qualifications, mental_and_physical_fitness, overseas_checks (Teaching Vacancies), "
            "references, employment_history, prohibition_from_teaching, section_128 (management posts in academies "
            "and independent schools), childcare_disqualification."
        ),
    )


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
            'essential_criteria: every essential criterion is used to shortlist ("candidates who do not meet '
            'the essential criteria will not be shortlisted"); marked_criteria: only criteria with shortlisting: true.'
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
        default=None,
        description="The school's statement of its commitment to safeguarding, as advertised (the advert checks read it too).",
    )
    advert: Advert | None = Field(
        default=None,
        description=(
            "What the advert and candidate pack tell applicants: safeguarding checks, pay, working patterns, "
            "adjustments. Without it the advert is not checked (one note says so)."
        ),
    )
