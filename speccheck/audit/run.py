"""Role x rule library -> an audit report: duty and standards coverage, and findings, per role.

A role is judged at ``--as-of`` when given, else at its ``issued`` date; the
catalogues and check rules in force then (``speccheck.audit.applies``) are
applied: coverage tables and missing duties from ``speccheck.audit.duties``,
check rule findings from ``speccheck.audit.checks`` (whose ``duties_covered``
fact comes from the coverage tables' own matcher). A profile
(``speccheck.library.profiles``) may switch rules off and change severities.
"""

from __future__ import annotations

import datetime as dt

from speccheck.audit.applies import catalogue_applies, check_applies
from speccheck.audit.checks import run_checks, tested_duties
from speccheck.audit.coverage import covered_duty_ids
from speccheck.audit.duties import duty_coverage, unknown_covers
from speccheck.core.findings import Finding, sorted_findings
from speccheck.facts.role_subjects import judged_at
from speccheck.files.loader import Loaded
from speccheck.files.role import POST_TYPE_JOB_ROLES, Role
from speccheck.files.rules import Profile
from speccheck.library.loading import RuleLibrary
from speccheck.library.profiles import apply_profile, severity_for
from speccheck.results.audit import AuditReport, Coverage, RoleAudit, severity_summary


def _coverage(
    loaded: Loaded[Role], library: RuleLibrary, *, day: dt.date | None, profile: Profile | None
) -> tuple[list[Coverage], list[Coverage], list[Finding]]:
    """Statutory coverage tables, standards tables, and findings for what they miss."""
    role = loaded.model
    assert role is not None
    disabled = set(profile.disable) if profile else set()
    findings: list[Finding] = []
    coverage: list[Coverage] = []
    standards: list[Coverage] = []
    for catalogue in sorted(library.duty_catalogues, key=lambda c: c.id):
        if catalogue.framework_kind == "shared":
            continue  # found through the rows that include its duties, and through check rules
        if catalogue.id in disabled or not catalogue_applies(catalogue, role, day):
            continue
        severity = severity_for(profile, catalogue.id, catalogue.severity)
        table, missing = duty_coverage(
            role,
            catalogue,
            loaded,
            severity=severity,
            variants=library.normaliser.variants,
            library=library.duty_catalogues,
        )
        (standards if catalogue.framework_kind == "standard" else coverage).append(table)
        findings.extend(missing)
    return coverage, standards, findings


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
    disabled = set(profile.disable) if profile else set()
    coverage, standards, findings = _coverage(loaded, library, day=day, profile=profile)
    findings.extend(unknown_covers(role, loaded, library))
    checks = [c for c in library.checks if c.id not in disabled and check_applies(c, role, day)]
    if checks:
        wanted = tested_duties(checks)
        covered = (
            covered_duty_ids(role, library.duty_catalogues, library.normaliser.variants, wanted) if wanted else None
        )
        findings.extend(run_checks(role, loaded, checks, as_of, covered=covered))
    if profile is not None:
        findings = apply_profile(findings, profile)
    findings = sorted_findings(findings)
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
    )


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
