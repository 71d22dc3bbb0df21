"""Role x rule library -> an audit report: duty and standards coverage, and findings, per role.

A role is judged at ``--as-of`` when given, else at its ``issued`` date; the
catalogues and check rules in force then (``speccheck.audit.applies``) are
applied: coverage tables and missing duties from ``speccheck.audit.duties``,
check rule findings from ``speccheck.audit.checks`` (whose ``duties_covered``
fact comes from the coverage tables' own matcher). A profile
(``speccheck.library.profiles``) may switch rules off and change severities.

One finding per problem: on a role with no duties, the coverage tables and
checks that read the job description do not run (each would report the same
absence again); the role's ``not_run`` lists them, and the no-duties finding
names them (``{role.not_run_duties}`` in its message). Likewise the checks of
the person specification on a role with no criteria.
"""

from __future__ import annotations

import datetime as dt

from speccheck.audit.applies import (
    NO_JOB_DESCRIPTION,
    NO_PERSON_SPECIFICATION,
    catalogue_applies,
    catalogue_needs_duties,
    check_applies,
    check_needs_criteria,
    check_needs_duties,
)
from speccheck.audit.checks import run_checks, tested_duties
from speccheck.audit.coverage import covered_by_statement
from speccheck.audit.duties import duty_coverage, missing_duty_findings, unknown_covers
from speccheck.core.findings import Finding, sorted_findings
from speccheck.facts.role_subjects import judged_at
from speccheck.files.loader import Loaded
from speccheck.files.role import POST_TYPE_JOB_ROLES, Role
from speccheck.files.rules import CheckRule, Profile
from speccheck.library.loading import RuleLibrary
from speccheck.library.profiles import apply_profile, severity_for
from speccheck.results.audit import AuditReport, Coverage, NotRun, RoleAudit, severity_summary


def _coverage(
    loaded: Loaded[Role],
    library: RuleLibrary,
    *,
    day: dt.date | None,
    profile: Profile | None,
    tables: bool = True,
) -> tuple[list[Coverage], list[Coverage], list[Finding], list[NotRun]]:
    """Statutory coverage tables, standards tables, findings for what they miss, and the tables left out for
    want of a job description; without ``tables``, the findings alone (and no tables)."""
    role = loaded.model
    assert role is not None
    disabled = set(profile.disable) if profile else set()
    findings: list[Finding] = []
    coverage: list[Coverage] = []
    standards: list[Coverage] = []
    not_run: list[NotRun] = []
    for catalogue in sorted(library.duty_catalogues, key=lambda c: c.id):
        if catalogue.framework_kind == "shared":
            continue  # found through the rows that include its duties, and through check rules
        if catalogue.id in disabled or not catalogue_applies(catalogue, role, day):
            continue
        if catalogue_needs_duties(catalogue, role):
            name = f"coverage of the {catalogue.framework}"
            not_run.append(NotRun(id=catalogue.id, name=name, kind="coverage", reason=NO_JOB_DESCRIPTION))
            continue
        severity = severity_for(profile, catalogue.id, catalogue.severity)
        if not tables:
            findings += missing_duty_findings(
                role, catalogue, loaded, severity=severity, variants=library.variants, library=library.duty_catalogues
            )
            continue
        table, missing = duty_coverage(
            role,
            catalogue,
            loaded,
            severity=severity,
            variants=library.variants,
            library=library.duty_catalogues,
        )
        (standards if catalogue.framework_kind == "standard" else coverage).append(table)
        findings.extend(missing)
    statutory_first = {c.id: c.framework_kind != "statutory" for c in library.duty_catalogues}
    return coverage, standards, findings, sorted(not_run, key=lambda n: (statutory_first[n.id], n.id))


def _checks(
    role: Role, library: RuleLibrary, day: dt.date | None, profile: Profile | None
) -> tuple[list[CheckRule], list[NotRun]]:
    """The check rules to run on the role, and those that need the job description or the person
    specification it does not have (a check of each criterion is not listed: there is nothing to check)."""
    disabled = set(profile.disable) if profile else set()
    checks = [c for c in library.checks if c.id not in disabled and check_applies(c, role, day)]
    not_run: list[NotRun] = []
    for present, needs, reason in (
        (bool(role.duties), check_needs_duties, NO_JOB_DESCRIPTION),
        (bool(role.criteria), check_needs_criteria, NO_PERSON_SPECIFICATION),
    ):
        if present:
            continue
        skipped = [c for c in checks if needs(c)]
        not_run += [
            NotRun(id=c.id, name=_lower_first(c.title), kind="check", reason=reason)
            for c in skipped
            if c.scope == "role"
        ]
        checks = [c for c in checks if c not in skipped]
    return checks, not_run


def _lower_first(title: str) -> str:
    """'The job description sets out ...' as part of a sentence (an initialism like 'STPCD' is kept)."""
    first = title.split(" ", 1)[0]
    return title if first.isupper() else title[:1].lower() + title[1:]


def audit_role(
    loaded: Loaded[Role],
    library: RuleLibrary,
    *,
    as_of: dt.date | None = None,
    profile: Profile | None = None,
) -> RoleAudit:
    """Audit one loaded role: coverage tables and findings, sorted, with the profile applied."""
    role = loaded.model
    assert role is not None
    day = judged_at(role, as_of)
    coverage, standards, missing, not_run = _coverage(loaded, library, day=day, profile=profile)
    findings, not_run = _findings(loaded, library, as_of=as_of, profile=profile, missing=missing, not_run=not_run)
    return RoleAudit(
        role_id=role.id or loaded.path.rsplit("/", 1)[-1].rsplit(".", 1)[0],
        title=role.title,
        path=loaded.path,
        post_type=role.post_type.value,
        as_of=day,
        coverage=coverage,
        findings=findings,
        issued=role.issued,
        job_roles=list(role.job_roles) or list(POST_TYPE_JOB_ROLES.get(role.post_type, ())),
        standards=standards,
        severity_counts=severity_summary(findings),
        not_run=not_run,
    )


def audit_findings(
    loaded: Loaded[Role],
    library: RuleLibrary,
    *,
    as_of: dt.date | None = None,
    profile: Profile | None = None,
) -> list[Finding]:
    """``audit_role``'s findings, without its coverage tables: what lint reports of a role."""
    role = loaded.model
    assert role is not None
    day = judged_at(role, as_of)
    _, _, missing, not_run = _coverage(loaded, library, day=day, profile=profile, tables=False)
    return _findings(loaded, library, as_of=as_of, profile=profile, missing=missing, not_run=not_run)[0]


def _findings(
    loaded: Loaded[Role],
    library: RuleLibrary,
    *,
    as_of: dt.date | None,
    profile: Profile | None,
    missing: list[Finding],
    not_run: list[NotRun],
) -> tuple[list[Finding], list[NotRun]]:
    """The coverage's findings (``missing``) with the rest of the audit's, the profile applied, sorted; and
    ``not_run`` with the check rules that cannot run on the role."""
    role = loaded.model
    assert role is not None
    findings = [*missing, *unknown_covers(role, loaded, library)]
    checks, skipped = _checks(role, library, judged_at(role, as_of), profile)
    not_run = [*not_run, *skipped]
    if checks:
        wanted = tested_duties(checks)
        covered = covered_by_statement(role, library.duty_catalogues, library.variants, wanted) if wanted else None
        findings.extend(
            run_checks(role, loaded, checks, as_of, covered=covered, not_run=not_run, variants=library.variants)
        )
    if profile is not None:
        findings = apply_profile(findings, profile)
    return sorted_findings(findings), not_run


def audit(
    loaded_roles: list[Loaded[Role]],
    library: RuleLibrary,
    *,
    as_of: dt.date | None = None,
    profile: Profile | None = None,
    extra_findings: list[Finding] | None = None,
) -> AuditReport:
    """Audit several roles; roles that failed to load contribute their findings, then ``extra_findings``
    (paths that could not be read), as the run's own."""
    audits = []
    findings: list[Finding] = []
    for loaded in loaded_roles:
        if loaded.model is None:
            findings.extend(loaded.findings)
            continue
        audits.append(audit_role(loaded, library, as_of=as_of, profile=profile))
    findings = sorted_findings(findings) + list(extra_findings or [])
    everything = findings + [f for a in audits for f in a.findings]
    return AuditReport(
        roles=audits,
        findings=findings,
        profile=profile.id if profile else None,
        as_of=as_of,
        severity_counts=severity_summary(everything),
    )
