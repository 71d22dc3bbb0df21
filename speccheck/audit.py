"""Role x rule library -> statutory duty coverage and audit findings.

Coverage: for each duty catalogue that applies to the post type, each
statutory duty is covered by a job description statement that names it in
``covers:`` (always wins) or whose text matches one of the duty's patterns, or
it is missing. Checks: every check rule that applies to the post type is
compiled into durable_rules and run over one fact for the role, one per
criterion and one per duty; each firing is a finding at its place in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from speccheck.catalogue import RuleLibrary
from speccheck.compiler import MET_PREFIX, Program, Unit, compile_program
from speccheck.conditions import Catalogue, FactSpec, check
from speccheck.engine import engine_for
from speccheck.errors import SpeccheckError
from speccheck.evaluate import feature_values
from speccheck.facts import Facts, TextItem, engine_values
from speccheck.findings import Finding, Severity, SourceRef, sorted_findings
from speccheck.loader import Loaded
from speccheck.models import CheckRule, DutyCatalogue, Role

ROLE_FACTS = [
    FactSpec("post_type", "string", "post type"),
    FactSpec("governance", "string", "school governance"),
    FactSpec("religious_character", "string", "religious character"),
    FactSpec("has_religious_character", "bool", "a designated religious character"),
    FactSpec("issued_year", "number", "year issued"),
    FactSpec("duty_count", "number", "number of duties"),
    FactSpec("criteria_count", "number", "number of criteria"),
    FactSpec("essential_count", "number", "number of essential criteria"),
    FactSpec("criteria_categories", "list", "criteria headings"),
    FactSpec("title", "text", "the post title"),
    FactSpec("criteria_text", "text", "the person specification"),
    FactSpec("essential_text", "text", "the essential criteria"),
    FactSpec("duties_text", "text", "the job description"),
    FactSpec("references_text", "text", "documents the role refers to"),
]
CRITERION_FACTS = [
    FactSpec("level", "string", "level"),
    FactSpec("category", "string", "heading"),
    FactSpec("assessed_by", "list", "assessment methods"),
    FactSpec("assessed_by_count", "number", "number of assessment methods"),
    FactSpec("has_condition", "bool", "a machine condition"),
    FactSpec("application_stage", "bool", "assessable from the application"),
    FactSpec("text", "text", "the criterion"),
]
DUTY_FACTS = [
    FactSpec("covers", "list", "statutory duties named"),
    FactSpec("covers_count", "number", "number of statutory duties named"),
    FactSpec("text", "text", "the duty"),
]
CATALOGUES = {
    "role": Catalogue("role", ROLE_FACTS),
    "criterion": Catalogue("criterion", CRITERION_FACTS),
    "duty": Catalogue("duty", DUTY_FACTS),
}


class CoverageRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    duty_id: str = Field(description="Statutory duty id.")
    text: str = Field(description="The statutory duty.")
    source: SourceRef = Field(description="Where it is set out.")
    status: str = Field(description="covered or missing.")
    covered_by: list[str] = Field(default_factory=list, description="Job description statement ids that cover it.")
    how: str | None = Field(default=None, description="'covers:' or the words that matched.")


class Coverage(BaseModel):
    model_config = ConfigDict(frozen=True)

    catalogue_id: str = Field(description="Duty catalogue id.")
    framework: str = Field(description="Framework name.")
    rows: list[CoverageRow] = Field(description="One row per duty.")


class RoleAudit(BaseModel):
    model_config = ConfigDict(frozen=True)

    role_id: str = Field(description="Role id.")
    title: str = Field(description="Post title.")
    path: str = Field(description="Role file.")
    post_type: str = Field(description="Post type.")
    as_of: dt.date | None = Field(default=None, description="Date guidance is judged at.")
    coverage: list[Coverage] = Field(default_factory=list, description="Statutory duty coverage tables.")
    findings: list[Finding] = Field(default_factory=list, description="Audit findings.")


class AuditReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str = Field(default="audit", description="Always 'audit'.")
    roles: list[RoleAudit] = Field(description="One entry per role that could be loaded.")
    findings: list[Finding] = Field(default_factory=list, description="Load findings of files that could not be audited.")


def _applies(applies_to: list[Any], post_type: str) -> bool:
    return "all" in applies_to or any(getattr(p, "value", p) == post_type for p in applies_to)


def role_facts(role: Role, as_of: dt.date | None) -> dict[tuple[str, str], Facts]:
    """Typed facts for the role, each criterion and each duty; and their texts for matching."""
    texts_by_subject: dict[tuple[str, str], Facts] = {}
    issued = role.issued or as_of
    religious = (role.school.religious_character or "none").strip().lower()
    role_values: dict[str, Any] = {
        "post_type": role.post_type.value,
        "has_religious_character": religious not in ("", "none", "no"),
        "duty_count": len(role.duties),
        "criteria_count": len(role.criteria),
        "essential_count": sum(1 for c in role.criteria if c.level.value == "essential"),
        "criteria_categories": sorted({c.category.value for c in role.criteria}),
        "religious_character": religious,
    }
    if role.school.governance:
        role_values["governance"] = role.school.governance
    if issued:
        role_values["issued_year"] = issued.year
    role_texts = Facts(
        values=role_values,
        texts={
            "title": [TextItem(role.title, ("title",))],
            "criteria_text": [TextItem(c.text, ("criteria", i, "text")) for i, c in enumerate(role.criteria)],
            "essential_text": [
                TextItem(c.text, ("criteria", i, "text")) for i, c in enumerate(role.criteria) if c.level.value == "essential"
            ],
            "duties_text": [TextItem(d.text, ("duties", i, "text")) for i, d in enumerate(role.duties)],
            "references_text": [TextItem(r, ("references", i)) for i, r in enumerate(role.references)],
        },
    )
    texts_by_subject[("role", "role")] = role_texts
    for index, criterion in enumerate(role.criteria):
        texts_by_subject[("criterion", str(index))] = Facts(
            values={
                "level": criterion.level.value,
                "category": criterion.category.value,
                "assessed_by": sorted(a.value for a in criterion.assessed_by),
                "assessed_by_count": len(criterion.assessed_by),
                "has_condition": criterion.condition is not None,
                "application_stage": criterion.application_stage,
            },
            texts={"text": [TextItem(criterion.text, ("criteria", index, "text"))]},
        )
    for index, duty in enumerate(role.duties):
        texts_by_subject[("duty", str(index))] = Facts(
            values={"covers": sorted(duty.covers), "covers_count": len(duty.covers)},
            texts={"text": [TextItem(duty.text, ("duties", index, "text"))]},
        )
    return texts_by_subject


@dataclass(frozen=True)
class CompiledChecks:
    program: Program
    checks: dict[str, CheckRule]


def compile_checks(checks: list[CheckRule]) -> CompiledChecks:
    """Compile check rules; each fires on facts of its scope."""
    units = [Unit(name=c.id, condition=c.when, origin=f"rules/{c.category}/{c.id}", fact_type=c.scope) for c in checks]
    program = compile_program(units, [], fact_type="role", decide_false=False)
    return CompiledChecks(program=program, checks={c.id: c for c in checks})


def check_findings(library: RuleLibrary) -> list[Finding]:
    """Type-check every check rule's condition against its scope's facts."""
    findings = []
    for rule in library.checks:
        loaded = library.files.get(rule.id)
        for loc, message in check(rule.when, CATALOGUES[rule.scope]):
            findings.append(
                Finding(
                    rule_id="condition",
                    severity=Severity.ERROR,
                    message=f'rule "{rule.id}": {message}',
                    position=loaded.position(("when", *loc)) if loaded else None,
                    fix="use a fact of the rule's scope (README: audit facts)",
                )
            )
    return findings


def _format(template: str, role: Role, subject: Any) -> str:
    values = {"role.title": role.title, "role.post_type": role.post_type.value}
    if subject is not None:
        kind = "criterion" if hasattr(subject, "level") else "duty"
        values[f"{kind}.id"] = subject.id
        values[f"{kind}.text"] = " ".join(subject.text.split())
    return re.sub(r"\{([a-z_.]+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _match_duty(patterns: list[str], text: str) -> str | None:
    for pattern in patterns:
        found = re.search(pattern, text, re.IGNORECASE)
        if found:
            return found.group(0)
    return None


def duty_coverage(role: Role, catalogue: DutyCatalogue, loaded: Loaded[Role]) -> tuple[Coverage, list[Finding]]:
    """Which statutory duties the job description covers, and a finding per missing one."""
    rows = []
    findings = []
    post_type = role.post_type.value
    for duty in catalogue.duties:
        if not _applies(list(duty.applies_to), post_type):
            continue
        explicit = [d.id for d in role.duties if duty.id in d.covers]
        if explicit:
            rows.append(CoverageRow(duty_id=duty.id, text=duty.text, source=duty.source, status="covered", covered_by=explicit, how="covers:"))
            continue
        matched = [(d.id, m) for d in role.duties for m in [_match_duty(duty.match, d.text)] if m]
        if matched:
            rows.append(
                CoverageRow(
                    duty_id=duty.id,
                    text=duty.text,
                    source=duty.source,
                    status="covered",
                    covered_by=[d for d, _ in matched],
                    how="matched “" + matched[0][1] + "”",
                )
            )
            continue
        rows.append(CoverageRow(duty_id=duty.id, text=duty.text, source=duty.source, status="missing"))
        findings.append(
            Finding(
                rule_id=catalogue.id,
                severity=catalogue.severity,
                message=f'{catalogue.framework}: no duty statement covers "{duty.id}" ({duty.text})',
                position=loaded.position(("duties",), key=True) if role.duties else loaded.position(("title",)),
                fix=f"add a duty statement for it, or name it with covers: {duty.id}",
                sources=(duty.source,),
            )
        )
    return Coverage(catalogue_id=catalogue.id, framework=catalogue.framework, rows=rows), findings


def audit_role(loaded: Loaded[Role], library: RuleLibrary, *, as_of: dt.date | None = None) -> RoleAudit:
    """Audit one loaded role: coverage tables and findings, sorted."""
    role = loaded.model
    assert role is not None
    post_type = role.post_type.value
    findings: list[Finding] = []
    coverage = []
    for catalogue in library.duty_catalogues:
        if any(_applies(list(d.applies_to), post_type) for d in catalogue.duties):
            table, missing = duty_coverage(role, catalogue, loaded)
            coverage.append(table)
            findings.extend(missing)
    checks = [c for c in library.checks if _applies(list(c.applies_to), post_type)]
    if checks:
        findings.extend(_run_checks(role, loaded, checks, as_of))
    return RoleAudit(
        role_id=role.id or loaded.path.rsplit("/", 1)[-1].rsplit(".", 1)[0],
        title=role.title,
        path=loaded.path,
        post_type=post_type,
        as_of=role.issued or as_of,
        coverage=coverage,
        findings=sorted_findings(findings),
    )


_COMPILED: dict[tuple[str, ...], CompiledChecks] = {}


def _run_checks(role: Role, loaded: Loaded[Role], checks: list[CheckRule], as_of: dt.date | None) -> list[Finding]:
    key = tuple(sorted(c.model_dump_json() for c in checks))
    compiled = _COMPILED.get(key)
    if compiled is None:
        try:
            compiled = _COMPILED[key] = compile_checks(checks)
        except SpeccheckError as exc:
            return [Finding(rule_id="engine-limit", severity=Severity.ERROR, message=exc.message, fix=exc.hint)]
    subjects = role_facts(role, as_of)
    facts = []
    for (scope, ref), subject in subjects.items():
        features, _ = feature_values(compiled.program, subject, closed_world=True)
        values = engine_values(subject)
        values.update(features)
        facts.append({**values, "t": scope, "ref": ref})
    findings = []
    seen: set[tuple[str, str, str]] = set()
    for rule_name, fact in engine_for(compiled.program).run_facts(facts):
        rule_id = rule_name[len(MET_PREFIX):]
        scope, ref = fact["t"], str(fact["ref"])
        if (rule_id, scope, ref) in seen:
            continue  # $or branches fire once each
        seen.add((rule_id, scope, ref))
        rule = compiled.checks[rule_id]
        subject: Any = None
        if scope == "criterion":
            subject = role.criteria[int(ref)]
            position = loaded.position(("criteria", int(ref), "text"))
        elif scope == "duty":
            subject = role.duties[int(ref)]
            position = loaded.position(("duties", int(ref), "text"))
        else:
            position = loaded.position(("criteria",), key=True) if role.criteria else loaded.position(("title",))
        findings.append(
            Finding(
                rule_id=rule.id,
                severity=rule.severity,
                message=_format(rule.message, role, subject),
                position=position,
                fix=rule.fix,
                sources=tuple(rule.source),
            )
        )
    return findings


def audit(loaded_roles: list[Loaded[Role]], library: RuleLibrary, *, as_of: dt.date | None = None) -> AuditReport:
    """Audit several roles; roles that failed to load contribute their findings."""
    audits = []
    findings: list[Finding] = []
    for loaded in loaded_roles:
        if loaded.model is None:
            findings.extend(loaded.findings)
            continue
        audits.append(audit_role(loaded, library, as_of=as_of))
    return AuditReport(roles=audits, findings=sorted_findings(findings))
