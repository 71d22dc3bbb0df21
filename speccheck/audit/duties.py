"""Duty and standards coverage: which duties of a catalogue a role covers, and findings for those it misses.

For each duty catalogue in force for the role (``speccheck.audit.applies``),
each duty is covered by the statements that name it in ``covers:`` (always
wins) or whose words match the duty's terms (``speccheck.audit.coverage``), or
it is missing. Statutory catalogues report each missing duty (or a summary, as
the catalogue says); standards catalogues (``framework_kind: standard``) fill a
separate table; shared catalogues (``framework_kind: shared``) have no table, and
are found through the rows that include their duties and through check rules.
Findings name duties by their words (the ids go in the fix's role-file part). A
``covers:`` id no catalogue defines is a finding of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from speccheck.audit.applies import applies_to_post
from speccheck.audit.coverage import CatalogueMatcher, Hit, Statement, statements
from speccheck.core.findings import Finding, Position, Severity
from speccheck.files.loader import Loaded
from speccheck.files.role import Role
from speccheck.files.rules import DutyCatalogue, StatutoryDuty
from speccheck.library.loading import RuleLibrary
from speccheck.results.audit import Coverage, CoverageRow, CoveringStatement, duty_label
from speccheck.text.spacing import clipped
from speccheck.text.variants import NO_VARIANTS, Variants

STATEMENT_LIMIT = 200  # characters of a covering statement a table shows


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


def _covered_row(duty: StatutoryDuty, hits: list[Hit], loaded: Loaded[Role]) -> CoverageRow:
    first = hits[0]
    return CoverageRow(
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
                text=clipped(h.statement.text, STATEMENT_LIMIT),
                method=h.method,
                matched=list(h.words),
                position=loaded.position(h.statement.loc),
            )
            for h in hits
        ],
    )


def _rows(
    role: Role,
    catalogue: DutyCatalogue,
    loaded: Loaded[Role],
    found: list[Statement],
    variants: Variants,
    library: Sequence[DutyCatalogue],
) -> tuple[list[CoverageRow], list[StatutoryDuty]]:
    """One row per duty the post carries, and the duties no statement covers."""
    matcher = CatalogueMatcher(catalogue, variants=variants, library=library)
    rows = []
    missing: list[StatutoryDuty] = []
    for duty in _carried(catalogue, role):
        hits = [_with_words(h, matcher, duty.id) for h in matcher.hits(duty, found)]
        if hits:
            rows.append(_covered_row(duty, hits, loaded))
        else:
            rows.append(CoverageRow(duty_id=duty.id, text=duty.text, source=duty.source, status="missing"))
            missing.append(duty)
    return rows, missing


def _carried(catalogue: DutyCatalogue, role: Role) -> list[StatutoryDuty]:
    """The catalogue's duties the role's post carries."""
    post_type = role.post_type.value
    return [duty for duty in catalogue.duties if applies_to_post(duty.applies_to, post_type)]


def _missing_findings(
    catalogue: DutyCatalogue,
    missing: list[StatutoryDuty],
    *,
    total: int,
    searched: bool,
    position: Position,
    severity: Severity,
) -> list[Finding]:
    """Findings for the duties not covered, in their words: one per duty, a summary, or one saying there is
    nothing to search."""
    where = " or ".join("job description" if s == "duties" else "person specification" for s in catalogue.search)
    findings = []
    if missing and not searched:
        # Nothing to search: one finding says so, rather than one per duty.
        findings.append(
            Finding(
                rule_id=catalogue.id,
                severity=severity,
                message=f"{catalogue.framework}: the role has no {where}, so none of its {total} duties is covered",
                position=position,
                fix="add the job description: what the post-holder must do, one statement per duty "
                "(role file: `duties`)",
                sources=tuple(catalogue.source) or (missing[0].source,),
            )
        )
    elif catalogue.report == "summary" and missing:
        findings.append(
            Finding(
                rule_id=catalogue.id,
                severity=severity,
                message=(
                    f"{catalogue.framework}: {len(missing)} of {total} not covered by the {where}: "
                    + "; ".join(duty_label(d.text) for d in missing)
                ),
                position=position,
                fix=f"if the post should meet them, say how in the {where} "
                "(role file: `covers:` on a duty can name them: " + ", ".join(d.id for d in missing) + ")",
                sources=tuple(catalogue.source) or tuple(d.source for d in missing[:1]),
            )
        )
    else:
        statement = "duty statement" if catalogue.search == ["duties"] else "statement"
        for duty in missing:
            findings.append(
                Finding(
                    rule_id=catalogue.id,
                    severity=severity,
                    message=f'{catalogue.framework}: no {statement} covers "{" ".join(duty.text.split())}"',
                    position=position,
                    fix=f"add a {statement} to the {where} that says the post-holder does this "
                    f"(role file: `covers: [{duty.id}]` on a duty names it)",
                    sources=(duty.source,),
                )
            )
    return findings


def duty_coverage(
    role: Role,
    catalogue: DutyCatalogue,
    loaded: Loaded[Role],
    *,
    severity: Severity | None = None,
    variants: Variants = NO_VARIANTS,
    library: Sequence[DutyCatalogue] = (),
) -> tuple[Coverage, list[Finding]]:
    """Which duties of one catalogue the role covers, and findings for the missing ones (statements read
    with the vocabulary's ``variants``; duties a row includes found in ``library``'s catalogues)."""
    severity = severity or catalogue.severity
    found = statements(role, catalogue.search)
    rows, missing = _rows(role, catalogue, loaded, found, variants, library)
    findings = _missing_findings(
        catalogue,
        missing,
        total=len(rows),
        searched=bool(found),
        position=_table_position(role, loaded, catalogue),
        severity=severity,
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


def missing_duty_findings(
    role: Role,
    catalogue: DutyCatalogue,
    loaded: Loaded[Role],
    *,
    severity: Severity | None = None,
    variants: Variants = NO_VARIANTS,
    library: Sequence[DutyCatalogue] = (),
) -> list[Finding]:
    """``duty_coverage``'s findings alone, without the table (lint reports findings, not tables): the rows and
    the statements that cover each duty, with their words and places, are not built."""
    found = statements(role, catalogue.search)
    matcher = CatalogueMatcher(catalogue, variants=variants, library=library)
    carried = _carried(catalogue, role)
    return _missing_findings(
        catalogue,
        [duty for duty in carried if not matcher.hits(duty, found)],
        total=len(carried),
        searched=bool(found),
        position=_table_position(role, loaded, catalogue),
        severity=severity or catalogue.severity,
    )


def unknown_covers(role: Role, loaded: Loaded[Role], library: RuleLibrary) -> list[Finding]:
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
