"""Rule library files: derivation and check rules, duty catalogues, profiles, vocabulary."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import (
    Field,
    field_validator,
    model_validator,
)

from speccheck.conditions.ast import FACT_PATTERN, RESERVED_FACTS, Condition
from speccheck.core.findings import Severity, SourceRef
from speccheck.core.model import StrictModel as _Strict
from speccheck.core.patterns import pattern_error
from speccheck.files.document_words import DocumentWords
from speccheck.files.role import ID_PATTERN, PostType

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
    equivalent_for: list[str] = Field(
        default_factory=list,
        description=(
            "Makes this an equivalent route: facts (such as senior_leadership_experience) a criterion may not be "
            "failed on when this holds. Such a criterion is 'evidenced — equivalent route, for the panel to judge' "
            "instead of not met (the seed-002 principle)."
        ),
    )
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
            "{duty.text}, {role.title}, {role.post_type}, {role.date}, {role.not_run_duties} and "
            "{role.not_run_criteria} (the checks that could not run for want of a job description, or of a person "
            "specification, or 'none'), {role.not_run} (both) and {match} (the words a matches test found) are "
            "filled in."
        )
    )
    message_every: str | None = Field(
        default=None,
        description=(
            "For a criterion or duty check: the message when it fires on every criterion (or duty) of a role, "
            "at least two, reported once at the section instead of once each; {count} is how many, and the "
            "role placeholders are filled in."
        ),
    )
    source: list[SourceRef] = Field(min_length=1, description="Document, edition, paragraph and provenance.")
    rationale: str = Field(description="Why it matters.")
    fix: str = Field(
        description=(
            "What to write in the document, in its own words; the role-file field it concerns may follow as "
            "'(role file: `field`)', which only machine formats show."
        )
    )
    examples: Examples = Field(description="Role fragments that must not / must be flagged.")
    applies_from: dt.date | None = Field(
        default=None, description="The check runs only for roles dated on or after this day (guidance in force)."
    )
    applies_until: dt.date | None = Field(
        default=None, description="The check runs only for roles dated before this day (guidance withdrawn)."
    )
    at: Literal["title", "duties", "criteria", "references", "school", "recruitment", "recruitment.advert"] | None = (
        Field(
            default=None,
            description=(
                "Where a role-scope finding points when no matched text locates it, if the role has that part "
                "(default: the criteria, or the title when there are none)."
            ),
        )
    )


# A term is one or more words; a word ending in * is a stem (monitor* matches monitoring,
# monitored); a word "@name" stands for any entry of the catalogue's synonym list of that name,
# alone ("@head") or inside a phrase ("absence of the @head").
_TERM_WORD = r"(@[a-z0-9_]+|[a-z0-9']+\*?)"
TERM_PATTERN = rf"^{_TERM_WORD}( {_TERM_WORD})*$"


def _check_terms(terms: list[str]) -> list[str]:
    for term in terms:
        if not re.match(TERM_PATTERN, term):
            raise ValueError(
                f'term "{term}" is not lower-case words (a word may end in * for a stem, or be "@synonyms")'
            )
    return terms


def synonym_names(term: str) -> list[str]:
    """The synonym lists a term uses: the names of its ``@name`` words."""
    return [word[1:] for word in term.split() if word.startswith("@")]


def _check_patterns(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        problem = pattern_error(pattern)
        if problem is not None:
            raise ValueError(f'pattern "{pattern}" is not a valid regular expression: {problem}')
    return patterns


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
    includes: list[str] = Field(
        default_factory=list,
        description=(
            "Ids of duties (usually of a shared catalogue) whose statements cover this duty too, matched first and "
            "with their own words: one definition, so this duty and the rules that test the other agree."
        ),
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
        return _check_patterns(value)

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
        if not self.terms and not self.alternatives and not self.match and not self.includes:
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
    framework: str = Field(
        description="Name shown in the coverage table, e.g. 'STPCD deputy and assistant headteacher duties'."
    )
    severity: Severity = Field(description="Severity of a missing duty.")
    duties: list[StatutoryDuty] = Field(min_length=1, description="The duties.")
    framework_kind: Literal["statutory", "standard", "shared"] = Field(
        default="statutory",
        description=(
            "statutory: duties the post carries (coverage); standard: a professional standard (standards coverage); "
            "shared: duties other catalogues include and check rules test (the duties_covered fact), with no "
            "coverage table of their own."
        ),
    )
    source: list[SourceRef] = Field(default_factory=list, description="The framework document(s).")
    rationale: str | None = Field(
        default=None, description="Why the coverage matters, and how far to trust the wording."
    )
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
    cited_as: list[str] = Field(
        default_factory=list,
        description=(
            "Case-insensitive regular expressions for how a role names the framework. A standards table is "
            "drawn for a role with a job description, or for one without that names the framework."
        ),
    )
    notes: dict[PostType, str] = Field(
        default_factory=dict,
        description="A note shown with the coverage table for a post type, e.g. how a post the framework does not define is mapped.",
    )

    @field_validator("cited_as")
    @classmethod
    def _valid_cited_as(cls, value: list[str]) -> list[str]:
        return _check_patterns(value)

    @field_validator("synonyms")
    @classmethod
    def _valid_synonyms(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, terms in value.items():
            if not re.match(r"^[a-z0-9_]+$", name):
                raise ValueError(f'synonym list name "{name}" must be lower-case letters, digits and _')
            if not terms:
                raise ValueError(f'synonym list "{name}" is empty')
            if any(synonym_names(t) for t in terms):
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
                for name in synonym_names(term):
                    if name not in self.synonyms:
                        raise ValueError(f'duty "{duty.id}" uses "@{name}" but the catalogue has no synonyms: {name}')
        return self


DEFAULT_PROFILE = "default"  # the profile audit and lint use when none is named


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
    enable: list[str] = Field(default_factory=list, description="Ids a profile it extends disabled, switched back on.")


class FamilyExamples(_Strict):
    """Wordings a family must read as itself (pass) and must not (fail); the tests run every one."""

    passing: list[str] = Field(default_factory=list, alias="pass", description="Wordings that name it.")
    failing: list[str] = Field(default_factory=list, alias="fail", description="Wordings that must not.")


class Family(_Strict):
    """The wordings that name one thing: a qualification, a kind of post."""

    label: str = Field(description="The thing in words, as explanations say it: 'assistant headteacher'.")
    patterns: list[str] = Field(
        min_length=1,
        description=(
            "Case-insensitive regular expressions over the text as the text layer reads it: lower-case words "
            "separated by single spaces, abbreviations and variants already read as their canonical words "
            "(variants:), no punctuation."
        ),
    )
    unless: list[str] = Field(
        default_factory=list,
        description="Regular expressions that stop a match in the same sentence ('principal teacher').",
    )
    source: list[SourceRef] = Field(default_factory=list, description="Where the wordings and equivalences come from.")
    examples: FamilyExamples = Field(default_factory=FamilyExamples, description="Wordings the tests run.")

    @field_validator("patterns", "unless")
    @classmethod
    def _compile(cls, patterns: list[str]) -> list[str]:
        return _check_patterns(patterns)


def _family(value: Any, name: str) -> Any:
    """A family may be written as a bare list of patterns (format of older rule folders)."""
    if isinstance(value, list):
        return {"label": name.replace("_", " "), "patterns": value}
    return value


class EvidenceScope(_Strict):
    """A scope a criterion can name (the whole school) that a sentence must show to address it."""

    criterion: list[str] = Field(min_length=1, description="Wordings that, in a criterion, name the scope.")
    sentence: list[str] = Field(min_length=1, description="Wordings that, in a sentence, show it.")


class Vocabulary(_Strict):
    """How applicants write qualifications, posts and the words of the trade: families, variants, synonyms."""

    kind: Literal["vocabulary"] = Field(description="Always 'vocabulary'.")
    version: Literal[1] = Field(description="File format version.")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Kebab-case id; equals the file name.")
    source: list[SourceRef] = Field(default_factory=list, description="Where the equivalences come from.")
    variants: dict[str, list[str]] = Field(
        default_factory=dict,
        description=(
            "Canonical wording -> the abbreviations and variant forms people write for it ('assistant headteacher': "
            "['aht', 'asst headteacher']). Every matcher reads the forms as the canonical words."
        ),
    )
    qualifications: dict[str, Family] = Field(
        default_factory=dict,
        description="Qualification code (QTS, NPQSL ...) -> the family of names that hold it.",
    )
    role_kinds: dict[str, Family] = Field(
        default_factory=dict,
        description="Kind of post (teacher, middle_leader, senior_leader ...) -> the family of job titles.",
    )
    teaching_role_kinds: list[str] = Field(
        default_factory=list, description="Role kinds whose time in a school counts as teaching experience."
    )
    leadership_role_kinds: list[str] = Field(
        default_factory=list, description="Role kinds whose time counts as leadership experience."
    )
    senior_role_kinds: list[str] = Field(
        default_factory=list, description="Role kinds whose time counts as senior leadership experience."
    )
    early_years_role_kinds: list[str] = Field(
        default_factory=list,
        description="Role kinds of early-years teaching (nursery, EYFS settings): counted apart from school teaching.",
    )
    further_education_role_kinds: list[str] = Field(
        default_factory=list,
        description="Role kinds of further-education teaching (colleges, adult learning): counted apart from schools.",
    )
    synonyms: dict[str, list[str]] = Field(
        default_factory=dict,
        description=(
            "Evidence synonyms: each group lists wordings of one idea ('governors': ['governing body', 'lgb']); "
            "a criterion using one of them is also addressed by the others."
        ),
    )
    scopes: dict[str, EvidenceScope] = Field(
        default_factory=dict,
        description=(
            "Scopes a criterion may name ('whole school'): a sentence addresses such a criterion only when it shows "
            "the scope too ('I raised standards in my own Year 6 class' does not address whole-school improvement)."
        ),
    )
    generic_words: list[str] = Field(
        default_factory=list,
        description="Words too general to show, alone, that a sentence addresses a criterion ('years', 'team').",
    )
    documents: DocumentWords | None = Field(
        default=None,
        description="How person specifications, job descriptions and application forms are worded (speccheck import).",
    )

    @model_validator(mode="before")
    @classmethod
    def _families(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in ("qualifications", "role_kinds"):
                table = data.get(key)
                if isinstance(table, dict):
                    data = {**data, key: {name: _family(value, name) for name, value in table.items()}}
        return data
