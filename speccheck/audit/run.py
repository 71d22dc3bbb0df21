"""Role x rule library -> duty and standards coverage, and audit findings.

Coverage: for each duty catalogue in force for the role (its post type, its
school's governance, the role's date), each duty is covered by the statements
that name it in ``covers:`` (always wins) or whose words match the duty's terms
(``speccheck.audit.coverage``), or it is missing. Statutory catalogues report each
missing duty; standards catalogues (``framework_kind: standard``) fill a
separate table and report what is missing as information.

Checks: every check rule that applies to the post type and is in force on the
role's date is compiled into durable_rules and run over one fact for the role,
one per criterion and one per duty; each firing is a finding at its place in
the file. Text tests (``matches``) are decided in Python before the facts are
asserted; dates reach the engine as ``yyyymmdd`` numbers, never as strings.

The date a role is judged at is ``--as-of`` when given, else the role's
``issued`` date. A profile (``speccheck.library.profiles``) may switch rules off and
change severities.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from speccheck.audit.coverage import CatalogueMatcher, Hit, statements, tokens
from speccheck.conditions.checking import Catalogue, FactSpec, check, leaves
from speccheck.conditions.compiler import MET_PREFIX, Program, Unit, compile_program
from speccheck.conditions.engine import engine_for
from speccheck.core.errors import SpeccheckError
from speccheck.core.findings import (
    Finding,
    Position,
    Severity,
    sorted_findings,
)
from speccheck.evaluate.features import feature_values
from speccheck.facts.candidate import Facts, TextItem, engine_values
from speccheck.files.loader import Loaded
from speccheck.files.role import POST_TYPE_JOB_ROLES, Role
from speccheck.files.rules import CheckRule, DutyCatalogue, Profile
from speccheck.library.loading import RuleLibrary
from speccheck.library.profiles import apply_profile, severity_for
from speccheck.results.audit import AuditReport, Coverage, CoverageRow, CoveringStatement, RoleAudit, severity_summary

ROLE_FACTS = [
    FactSpec("post_type", "string", "post type"),
    FactSpec("governance", "string", "school governance"),
    FactSpec("religious_character", "string", "religious character"),
    FactSpec("has_religious_character", "bool", "a designated religious character"),
    FactSpec("issued_year", "number", "year issued"),
    FactSpec("issued_date", "number", "date judged at (yyyymmdd)"),
    FactSpec("duty_count", "number", "number of duties"),
    FactSpec("criteria_count", "number", "number of criteria"),
    FactSpec("essential_count", "number", "number of essential criteria"),
    FactSpec("criteria_categories", "list", "criteria headings"),
    FactSpec("title", "text", "the post title"),
    FactSpec("criteria_text", "text", "the person specification"),
    FactSpec("essential_text", "text", "the essential criteria"),
    FactSpec("duties_text", "text", "the job description"),
    FactSpec("references_text", "text", "documents the role refers to"),
    FactSpec("jd_text", "text", "the job description, school information and advert statements"),
    FactSpec("all_text", "text", "the whole role file"),
    FactSpec("safeguarding_statement", "text", "the advertised safeguarding statement"),
    FactSpec("shortlisting_panel_size", "number", "people who shortlist"),
    FactSpec("safer_recruitment_trained_panel_member", "bool", "a panel member with safer recruitment training"),
    FactSpec("application_form", "bool", "an application form"),
    FactSpec("online_search_notice", "bool", "notice of online searches"),
    FactSpec("self_declaration", "bool", "a self-declaration by shortlisted candidates"),
    FactSpec("references_before_interview", "bool", "references before interview"),
]
CRITERION_FACTS = [
    FactSpec("level", "string", "level"),
    FactSpec("category", "string", "heading"),
    FactSpec("assessed_by", "list", "assessment methods"),
    FactSpec("assessed_by_count", "number", "number of assessment methods"),
    FactSpec("has_condition", "bool", "a machine condition"),
    FactSpec("application_stage", "bool", "assessable from the application"),
    FactSpec("used_for_shortlisting", "bool", "used to shortlist"),
    FactSpec("near_duplicate_of", "list", "earlier criteria it nearly repeats"),
    FactSpec("near_duplicate_count", "number", "number of earlier criteria it nearly repeats"),
    FactSpec("post_type", "string", "post type"),
    FactSpec("issued_date", "number", "date judged at (yyyymmdd)"),
    FactSpec("school_has_religious_character", "bool", "a school with a designated religious character"),
    FactSpec("text", "text", "the criterion"),
]
DUTY_FACTS = [
    FactSpec("covers", "list", "statutory duties named"),
    FactSpec("covers_count", "number", "number of statutory duties named"),
    FactSpec("post_type", "string", "post type"),
    FactSpec("issued_date", "number", "date judged at (yyyymmdd)"),
    FactSpec("text", "text", "the duty"),
]
CATALOGUES = {
    "role": Catalogue("role", ROLE_FACTS),
    "criterion": Catalogue("criterion", CRITERION_FACTS),
    "duty": Catalogue("duty", DUTY_FACTS),
}

# Criteria whose word sets overlap this much (Jaccard) are near-duplicates.
NEAR_DUPLICATE = 0.8


def _applies(applies_to: list[Any], post_type: str) -> bool:
    return "all" in applies_to or any(getattr(p, "value", p) == post_type for p in applies_to)


def judged_at(role: Role, as_of: dt.date | None) -> dt.date | None:
    """The date guidance is judged at: ``as_of`` when given, else the role's issued date."""
    return as_of or role.issued


def in_force(applies_from: dt.date | None, applies_until: dt.date | None, day: dt.date | None) -> bool:
    """Whether guidance with these dates is in force on ``day``; undated roles get current guidance."""
    if day is None:
        return applies_until is None
    return (applies_from is None or day >= applies_from) and (applies_until is None or day < applies_until)


def _yyyymmdd(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def _word_set(text: str) -> frozenset[str]:
    return frozenset(t.word for t in tokens(text))


def near_duplicates(texts: list[str], threshold: float = NEAR_DUPLICATE) -> list[list[int]]:
    """For each text, the earlier texts whose word sets overlap it by at least ``threshold`` (Jaccard)."""
    sets = [_word_set(t) for t in texts]
    result: list[list[int]] = []
    for index, words in enumerate(sets):
        earlier = []
        for other in range(index):
            union = words | sets[other]
            if union and len(words & sets[other]) / len(union) >= threshold:
                earlier.append(other)
        result.append(earlier)
    return result


def role_facts(role: Role, as_of: dt.date | None) -> dict[tuple[str, str], Facts]:
    """Typed facts for the role, each criterion and each duty, judged at ``as_of`` or the issued date."""
    texts_by_subject: dict[tuple[str, str], Facts] = {}
    day = judged_at(role, as_of)
    religious = (role.school.religious_character or "none").strip().lower()
    has_religious = religious not in ("", "none", "no")
    role_values: dict[str, Any] = {
        "post_type": role.post_type.value,
        "has_religious_character": has_religious,
        "duty_count": len(role.duties),
        "criteria_count": len(role.criteria),
        "essential_count": sum(1 for c in role.criteria if c.level.value == "essential"),
        "criteria_categories": sorted({c.category.value for c in role.criteria}),
        "religious_character": religious,
    }
    if role.school.governance:
        role_values["governance"] = role.school.governance
    if day:
        role_values["issued_year"] = day.year
        role_values["issued_date"] = _yyyymmdd(day)
    recruitment = role.recruitment
    statement: list[TextItem] = []
    if recruitment is not None:
        for name in (
            "shortlisting_panel_size",
            "safer_recruitment_trained_panel_member",
            "application_form",
            "online_search_notice",
            "self_declaration",
            "references_before_interview",
        ):
            value = getattr(recruitment, name)
            if value is not None:
                role_values[name] = value
        if recruitment.safeguarding_statement:
            statement = [TextItem(recruitment.safeguarding_statement, ("recruitment", "safeguarding_statement"))]
    title = [TextItem(role.title, ("title",))]
    criteria = [TextItem(c.text, ("criteria", i, "text")) for i, c in enumerate(role.criteria)]
    duties = [TextItem(d.text, ("duties", i, "text")) for i, d in enumerate(role.duties)]
    references = [TextItem(r, ("references", i)) for i, r in enumerate(role.references)]
    school = [TextItem(role.school.context, ("school", "context"))] if role.school.context else []
    people = [TextItem(t, ("responsible_to", i)) for i, t in enumerate(role.responsible_to)] + [
        TextItem(t, ("responsible_for", i)) for i, t in enumerate(role.responsible_for)
    ]
    jd = title + references + statement + school + people + duties
    texts_by_subject[("role", "role")] = Facts(
        values=role_values,
        texts={
            "title": title,
            "criteria_text": criteria,
            "essential_text": [
                item for item, c in zip(criteria, role.criteria, strict=False) if c.level.value == "essential"
            ],
            "duties_text": duties,
            "references_text": references,
            "jd_text": jd,
            "all_text": jd + criteria,
            "safeguarding_statement": statement,
        },
    )
    shortlist_all_essential = recruitment is not None and recruitment.shortlist_on == "essential_criteria"
    duplicates = near_duplicates([c.text for c in role.criteria])
    for index, criterion in enumerate(role.criteria):
        values: dict[str, Any] = {
            "level": criterion.level.value,
            "category": criterion.category.value,
            "assessed_by": sorted(a.value for a in criterion.assessed_by),
            "assessed_by_count": len(criterion.assessed_by),
            "has_condition": criterion.condition is not None,
            "application_stage": criterion.application_stage,
            "near_duplicate_of": [role.criteria[i].id for i in duplicates[index]],
            "near_duplicate_count": len(duplicates[index]),
            "post_type": role.post_type.value,
            "school_has_religious_character": has_religious,
        }
        if criterion.shortlisting is not None:
            values["used_for_shortlisting"] = criterion.shortlisting
        elif recruitment is not None and recruitment.shortlist_on is not None:
            values["used_for_shortlisting"] = shortlist_all_essential and criterion.level.value == "essential"
        if day:
            values["issued_date"] = _yyyymmdd(day)
        texts_by_subject[("criterion", str(index))] = Facts(values=values, texts={"text": [criteria[index]]})
    for index, duty in enumerate(role.duties):
        values = {"covers": sorted(duty.covers), "covers_count": len(duty.covers), "post_type": role.post_type.value}
        if day:
            values["issued_date"] = _yyyymmdd(day)
        texts_by_subject[("duty", str(index))] = Facts(values=values, texts={"text": [duties[index]]})
    return texts_by_subject


@dataclass(frozen=True)
class CompiledChecks:
    program: Program
    checks: dict[str, CheckRule]
    # rule id -> names of the features its non-negated ``matches`` tests set (for {match} and positions)
    positive_features: dict[str, tuple[str, ...]]


def compile_checks(checks: list[CheckRule]) -> CompiledChecks:
    """Compile check rules; each fires on facts of its scope."""
    units = [Unit(name=c.id, condition=c.when, origin=f"rules/{c.category}/{c.id}", fact_type=c.scope) for c in checks]
    program = compile_program(units, [], fact_type="role", decide_false=False)
    by_key = {(f.fact, f.patterns): f.name for f in program.features}
    positive: dict[str, tuple[str, ...]] = {}
    for rule in checks:
        names = [
            by_key[(leaf.fact, tuple(leaf.values()))]
            for leaf, loc in leaves(rule.when)
            if leaf.operator == "matches" and "not" not in loc
        ]
        positive[rule.id] = tuple(names)
    return CompiledChecks(program=program, checks={c.id: c for c in checks}, positive_features=positive)


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


def _folded(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _format(
    template: str, role: Role, subject: Any, *, day: dt.date | None, match: str | None, duplicates: list[str]
) -> str:
    values = {
        "role.title": role.title,
        "role.post_type": role.post_type.value,
        "role.date": day.isoformat() if day else "an unknown date",
        "match": match or "",
    }
    if subject is not None:
        kind = "criterion" if hasattr(subject, "level") else "duty"
        values[f"{kind}.id"] = subject.id
        values[f"{kind}.text"] = " ".join(subject.text.split())
        values["criterion.near_duplicate_of"] = ", ".join(duplicates)
    return re.sub(r"\{([a-z_.]+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _how(hit: Hit) -> str:
    if hit.method == "covers":
        return "covers:"
    words = " + ".join(f"“{w}”" for w in hit.words)
    return f"matched {words}" if hit.method == "terms" else f"matched pattern {words}"


def _with_words(hit: Hit, matcher: CatalogueMatcher, duty_id: str) -> Hit:
    """For a statement named in covers:, the words that would also have matched (shown, not needed)."""
    if hit.method != "covers":
        return hit
    found = matcher.matchers[duty_id].match(hit.statement.text)
    return Hit(hit.statement, "covers", found.words) if found else hit


def _table_position(role: Role, loaded: Loaded[Role], catalogue: DutyCatalogue) -> Position:
    for part in catalogue.search:
        if getattr(role, part):
            return loaded.position((part,), key=True)
    return loaded.position(("title",))


def duty_coverage(
    role: Role,
    catalogue: DutyCatalogue,
    loaded: Loaded[Role],
    *,
    severity: Severity | None = None,
) -> tuple[Coverage, list[Finding]]:
    """Which duties of one catalogue the role covers, and findings for the missing ones."""
    severity = severity or catalogue.severity
    matcher = CatalogueMatcher(catalogue)
    found = statements(role, catalogue.search)
    post_type = role.post_type.value
    rows = []
    missing: list[Any] = []
    for duty in catalogue.duties:
        if not _applies(list(duty.applies_to), post_type):
            continue
        hits = [_with_words(h, matcher, duty.id) for h in matcher.hits(duty, found)]
        if hits:
            first = hits[0]
            rows.append(
                CoverageRow(
                    duty_id=duty.id,
                    text=duty.text,
                    source=duty.source,
                    status="covered",
                    covered_by=[h.statement.id for h in hits],
                    how=_how(first),
                    method=first.method,
                    matched=list(first.words),
                    statements=[
                        CoveringStatement(
                            kind=h.statement.kind,
                            id=h.statement.id,
                            text=_folded(h.statement.text),
                            method=h.method,
                            matched=list(h.words),
                            position=loaded.position(h.statement.loc),
                        )
                        for h in hits
                    ],
                )
            )
        else:
            rows.append(CoverageRow(duty_id=duty.id, text=duty.text, source=duty.source, status="missing"))
            missing.append(duty)
    position = _table_position(role, loaded, catalogue)
    where = " or ".join("job description" if s == "duties" else "person specification" for s in catalogue.search)
    findings = []
    if missing and not found:
        # Nothing to search: one finding says so, rather than one per duty (no-duties-section says why).
        findings.append(
            Finding(
                rule_id=catalogue.id,
                severity=severity,
                message=f"{catalogue.framework}: the role has no {where}, so none of its {len(rows)} duties is covered",
                position=position,
                fix="add the job description under duties:, one statement per duty",
                sources=tuple(catalogue.source) or (missing[0].source,),
            )
        )
    elif catalogue.report == "summary" and missing:
        findings.append(
            Finding(
                rule_id=catalogue.id,
                severity=severity,
                message=(
                    f"{catalogue.framework}: {len(missing)} of {len(rows)} not covered by the {where}: "
                    + ", ".join(d.id for d in missing)
                ),
                position=position,
                fix="if the post should meet them, say how in the duties or criteria (or name them with covers:)",
                sources=tuple(catalogue.source) or tuple(d.source for d in missing[:1]),
            )
        )
    else:
        for duty in missing:
            findings.append(
                Finding(
                    rule_id=catalogue.id,
                    severity=severity,
                    message=f'{catalogue.framework}: no {"duty statement" if catalogue.search == ["duties"] else "statement"} covers "{duty.id}" ({duty.text})',
                    position=position,
                    fix=f"add a duty statement for it, or name it with covers: {duty.id}",
                    sources=(duty.source,),
                )
            )
    table = Coverage(
        catalogue_id=catalogue.id,
        framework=catalogue.framework,
        rows=rows,
        kind=catalogue.framework_kind,
        severity=severity.value,
        covered=sum(1 for r in rows if r.status == "covered"),
        total=len(rows),
        note=catalogue.notes.get(role.post_type),
        sources=list(catalogue.source),
    )
    return table, findings


def catalogue_applies(catalogue: DutyCatalogue, role: Role, day: dt.date | None) -> bool:
    """Whether a catalogue is in force for the role: post type, school governance, date."""
    post_type = role.post_type.value
    if not any(_applies(list(d.applies_to), post_type) for d in catalogue.duties):
        return False
    if catalogue.governance and role.school.governance not in catalogue.governance:
        return False
    return in_force(catalogue.applies_from, catalogue.applies_until, day)


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
    post_type = role.post_type.value
    day = judged_at(role, as_of)
    disabled = set(profile.disable) if profile else set()
    findings: list[Finding] = []
    coverage: list[Coverage] = []
    standards: list[Coverage] = []
    for catalogue in sorted(library.duty_catalogues, key=lambda c: c.id):
        if catalogue.id in disabled or not catalogue_applies(catalogue, role, day):
            continue
        severity = severity_for(profile, catalogue.id, catalogue.severity)
        table, missing = duty_coverage(role, catalogue, loaded, severity=severity)
        (standards if catalogue.framework_kind == "standard" else coverage).append(table)
        findings.extend(missing)
    findings.extend(_unknown_covers(role, loaded, library))
    checks = [
        c
        for c in library.checks
        if c.id not in disabled
        and _applies(list(c.applies_to), post_type)
        and in_force(c.applies_from, c.applies_until, day)
    ]
    if checks:
        findings.extend(_run_checks(role, loaded, checks, as_of))
    if profile is not None:
        findings = apply_profile(findings, profile)
    findings = sorted_findings(findings)
    return RoleAudit(
        role_id=role.id or loaded.path.rsplit("/", 1)[-1].rsplit(".", 1)[0],
        title=role.title,
        path=loaded.path,
        post_type=post_type,
        as_of=day,
        coverage=coverage,
        findings=findings,
        issued=role.issued,
        job_roles=list(role.job_roles) or list(POST_TYPE_JOB_ROLES.get(role.post_type, ())),
        standards=standards,
        severity_counts=severity_summary(findings),
    )


def _unknown_covers(role: Role, loaded: Loaded[Role], library: RuleLibrary) -> list[Finding]:
    """A covers: id that no catalogue defines is a mistake the coverage table would hide."""
    known = {d.id for c in library.duty_catalogues for d in c.duties}
    findings = []
    for index, duty in enumerate(role.duties):
        for position, name in enumerate(duty.covers):
            if name not in known:
                findings.append(
                    Finding(
                        rule_id="unknown-duty-id",
                        severity=Severity.ERROR,
                        message=f'duty "{duty.id}" covers "{name}", which no duty catalogue defines',
                        position=loaded.position(("duties", index, "covers", position)),
                        fix="use an id from rules/duties/ or rules/standards/",
                    )
                )
    return findings


_COMPILED: dict[tuple[str, ...], CompiledChecks] = {}


def _role_position(rule: CheckRule, role: Role, loaded: Loaded[Role]) -> Position:
    if rule.at is not None and (getattr(role, rule.at) or rule.at == "title"):
        return loaded.position((rule.at,), key=rule.at != "title")
    return loaded.position(("criteria",), key=True) if role.criteria else loaded.position(("title",))


def _run_checks(role: Role, loaded: Loaded[Role], checks: list[CheckRule], as_of: dt.date | None) -> list[Finding]:
    key = tuple(sorted(c.model_dump_json() for c in checks))
    compiled = _COMPILED.get(key)
    if compiled is None:
        try:
            compiled = _COMPILED[key] = compile_checks(checks)
        except SpeccheckError as exc:
            return [Finding(rule_id="engine-limit", severity=Severity.ERROR, message=exc.message, fix=exc.hint)]
    day = judged_at(role, as_of)
    subjects = role_facts(role, as_of)
    facts = []
    hits_by_subject: dict[tuple[str, str], dict[str, tuple[TextItem, str]]] = {}
    for (scope, ref), subject_facts in subjects.items():
        features, hits = feature_values(compiled.program, subject_facts, closed_world=True)
        hits_by_subject[(scope, ref)] = hits
        values = engine_values(subject_facts)
        values.update(features)
        facts.append({**values, "t": scope, "ref": ref})
    findings = []
    seen: set[tuple[str, str, str]] = set()
    for rule_name, fact in engine_for(compiled.program).run_facts(facts):
        rule_id = rule_name[len(MET_PREFIX) :]
        scope, ref = fact["t"], str(fact["ref"])
        if (rule_id, scope, ref) in seen:
            continue  # $or branches fire once each
        seen.add((rule_id, scope, ref))
        rule = compiled.checks[rule_id]
        hits = hits_by_subject.get((scope, ref), {})
        first = next((hits[name] for name in compiled.positive_features.get(rule_id, ()) if name in hits), None)
        subject: Any = None
        duplicates: list[str] = []
        if scope == "criterion":
            subject = role.criteria[int(ref)]
            position = loaded.position(("criteria", int(ref), "text"))
            duplicates = list(subjects[(scope, ref)].values.get("near_duplicate_of", []))
        elif scope == "duty":
            subject = role.duties[int(ref)]
            position = loaded.position(("duties", int(ref), "text"))
        else:
            position = loaded.position(first[0].loc) if first else _role_position(rule, role, loaded)
        findings.append(
            Finding(
                rule_id=rule.id,
                severity=rule.severity,
                message=_format(
                    rule.message, role, subject, day=day, match=first[1] if first else None, duplicates=duplicates
                ),
                position=position,
                fix=rule.fix,
                sources=tuple(rule.source),
            )
        )
    return findings


def audit(
    loaded_roles: list[Loaded[Role]],
    library: RuleLibrary,
    *,
    as_of: dt.date | None = None,
    profile: Profile | None = None,
) -> AuditReport:
    """Audit several roles; roles that failed to load contribute their findings."""
    audits = []
    findings: list[Finding] = []
    for loaded in loaded_roles:
        if loaded.model is None:
            findings.extend(loaded.findings)
            continue
        audits.append(audit_role(loaded, library, as_of=as_of, profile=profile))
    findings = sorted_findings(findings)
    everything = findings + [f for a in audits for f in a.findings]
    return AuditReport(
        roles=audits,
        findings=findings,
        profile=profile.id if profile else None,
        as_of=as_of,
        severity_counts=severity_summary(everything),
    )
