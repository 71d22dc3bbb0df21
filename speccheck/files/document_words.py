"""The words the importer reads documents by: levels, marks, assessment codes, headings, post titles, proposals.

Part of a vocabulary file (``documents:`` in ``rules/vocabulary/documents.yaml``)
so a trust can add its own wording in a rule folder. Patterns are
case-insensitive regular expressions over the text as written, whitespace
collapsed; each table says what a wording means, never how the code uses it.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from speccheck.core.model import StrictModel as _Strict
from speccheck.files.role import Assessment, Category, Level, PostType


def _check(patterns: list[str]) -> list[str]:
    from speccheck.files.rules import _check_patterns

    return _check_patterns(patterns)


class ConditionProposal(_Strict):
    """A criterion wording the rule library can decide, and the condition the importer proposes for it."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Kebab-case id, shown in the proposal's comment.")
    patterns: list[str] = Field(
        default_factory=list,
        description="Criterion wordings (regular expressions); a number to compare may be captured as (?P<n>...).",
    )
    qualifications: list[str] = Field(
        default_factory=list,
        description="Or: qualification codes of the vocabulary; the criterion names one of them (its families' patterns).",
    )
    unless: list[str] = Field(default_factory=list, description="Wordings that stop the proposal in a criterion.")
    condition: dict[str, Any] = Field(
        description=(
            "The condition proposed, in the condition language; '{n}' stands for the captured number and "
            "'{codes}' for the qualification codes named."
        )
    )
    examples: dict[str, list[str]] = Field(
        default_factory=dict, description="pass: criteria that get the proposal; fail: criteria that must not."
    )

    @field_validator("patterns", "unless")
    @classmethod
    def _compile(cls, patterns: list[str]) -> list[str]:
        return _check(patterns)


class DocumentWords(_Strict):
    """How person specifications, job descriptions and application forms are worded."""

    levels: dict[Level, list[str]] = Field(
        default_factory=dict,
        description="Level -> wordings that say it: a column heading, a cell, a heading, a phrase.",
    )
    level_phrases: dict[Level, list[str]] = Field(
        default_factory=dict,
        description="Level -> wordings inside a criterion that say it ('should have', 'might have').",
    )
    marks: dict[str, list[str]] = Field(
        default_factory=dict,
        description="tick, cross, none -> what a cell of a level or assessment column holds when it is marked or not.",
    )
    assessment_codes: dict[str, Assessment] = Field(
        default_factory=dict, description="A code in an assessment column or key (A, I, R, AF ...) -> how it assesses."
    )
    assessment_words: dict[Assessment, list[str]] = Field(
        default_factory=dict, description="Assessment -> words that name it in a column heading, a key or a cell."
    )
    categories: dict[Category, list[str]] = Field(
        default_factory=dict, description="Category -> heading wordings of the person specification."
    )
    sections: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Section of a document (person_specification, job_description, duties, ...) -> heading wordings.",
    )
    fields: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Field (title, responsible_to, salary, closing_date ...) -> label wordings ('Reports to').",
    )
    post_types: dict[PostType, list[str]] = Field(
        default_factory=dict, description="Post type -> title wordings, tried in order of the file."
    )
    standing_text: list[str] = Field(
        default_factory=list, description="Wordings of text about the document itself, never a duty or criterion."
    )
    not_criteria: list[str] = Field(
        default_factory=list, description="Wordings of keys, notes, footers and headings that are never criteria."
    )
    proposals: list[ConditionProposal] = Field(
        default_factory=list, description="Criterion wordings and the conditions proposed for them."
    )

    @field_validator("standing_text", "not_criteria")
    @classmethod
    def _compile(cls, patterns: list[str]) -> list[str]:
        return _check(patterns)


def merge_words(base: DocumentWords | None, extra: DocumentWords | None) -> DocumentWords | None:
    """A rule folder's wordings added to the bundled ones (tables extended, lists appended)."""
    if base is None or extra is None:
        return base or extra
    merged = base.model_dump()
    for key, value in extra.model_dump().items():
        if isinstance(value, list):
            merged[key] = merged[key] + [v for v in value if v not in merged[key]]
        else:
            for name, forms in value.items():
                if isinstance(forms, list):
                    merged[key][name] = merged[key].get(name, []) + [
                        f for f in forms if f not in merged[key].get(name, [])
                    ]
                else:
                    merged[key][name] = forms
    return DocumentWords.model_validate(merged)
