"""JSON Schemas exported from the file and report models, for editors and machine checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from speccheck.core.atomic import write_atomic
from speccheck.files.candidate import Candidate
from speccheck.files.kinds import RuleFile
from speccheck.files.role import Role
from speccheck.files.rules import DutyCatalogue, Profile, Vocabulary
from speccheck.results.audit import AuditReport
from speccheck.results.evaluation import EvaluationReport
from speccheck.results.lint import LintReport

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _schema(target: Any, title: str, description: str) -> dict[str, object]:
    adapter = TypeAdapter(target)
    schema = adapter.json_schema(by_alias=True)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://speccheck.invalid/schemas/{title}.schema.json",
        "title": title,
        "description": description,
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schemas() -> dict[str, dict[str, object]]:
    """File name -> schema, for every user file kind and the JSON report."""
    report = EvaluationReport | AuditReport | LintReport
    return {
        "role.schema.json": _schema(Role, "role", "A post: job description duties and person specification criteria."),
        "candidate.schema.json": _schema(Candidate, "candidate", "An application for a post."),
        "rule.schema.json": _schema(RuleFile, "rule", "A speccheck rule: a derivation or an audit check."),
        "duties.schema.json": _schema(DutyCatalogue, "duties", "A catalogue of statutory duties for coverage audits."),
        "vocabulary.schema.json": _schema(Vocabulary, "vocabulary", "Normalisation tables for candidate facts."),
        "profile.schema.json": _schema(Profile, "profile", "An audit profile: severity overrides and disabled rules."),
        "report.schema.json": _schema(report, "report", "The JSON output of speccheck evaluate, audit and lint."),
    }


def render(schema: dict[str, object]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def export(folder: Path) -> list[Path]:
    """Write every schema into ``folder`` (each file whole, via a temporary file)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        write_atomic(path, render(schema))
        written.append(path)
    return written
