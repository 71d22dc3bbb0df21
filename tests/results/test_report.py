"""The one report contract: every report gives all its findings sorted, counts them by severity, and says whether it fails."""

from __future__ import annotations

import datetime as dt

import pytest

from speccheck.core.findings import Finding, Position, Severity
from speccheck.results.audit import AuditReport, RoleAudit, severity_summary
from speccheck.results.evaluation import CandidateResult, Decision, EvaluationReport
from speccheck.results.lint import LintReport, Summary
from speccheck.results.report import Report, any_at_or_above, count_by_severity
from speccheck.results.shortlist import Agreement, RankedCandidate, ShortlistReport
from speccheck.results.verify import ExampleOutcome, VerifyReport


def finding(severity: Severity, path: str = "a.yaml", line: int = 1) -> Finding:
    return Finding(
        rule_id="r", severity=severity, message=severity.value, position=Position(path=path, line=line, col=1)
    )


ERROR_LATE = finding(Severity.ERROR, "z.yaml", 9)
WARNING = finding(Severity.WARNING, "b.yaml", 2)
INFO = finding(Severity.INFO, "a.yaml", 3)


def test_count_by_severity_names_every_severity_most_severe_first() -> None:
    assert list(count_by_severity([])) == [Severity.ERROR, Severity.WARNING, Severity.INFO]
    assert count_by_severity([INFO, INFO, WARNING]) == {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@pytest.mark.parametrize(
    ("threshold", "expected"), [(Severity.ERROR, False), (Severity.WARNING, True), (Severity.INFO, True)]
)
def test_any_at_or_above(threshold: Severity, expected: bool) -> None:
    assert any_at_or_above([INFO, WARNING], threshold) is expected


def test_severity_summary_is_the_count_as_json_writes_it() -> None:
    assert severity_summary([WARNING, INFO, INFO]) == {"error": 0, "warning": 1, "info": 2}


def _role(findings: list[Finding]) -> RoleAudit:
    return RoleAudit(role_id="r", title="Head", path="r.yaml", post_type="headteacher", findings=findings)


def _candidate(findings: list[Finding]) -> CandidateResult:
    return CandidateResult(
        candidate_id="C1",
        path="c.yaml",
        decision=Decision.REVIEW,
        decision_reason="why",
        results=[],
        essential_met=0,
        desirable_score=0.0,
        findings=findings,
    )


def _ranked(findings: list[Finding]) -> RankedCandidate:
    return RankedCandidate(
        rank=1,
        code="K1",
        candidate_id="C1",
        path="c.yaml",
        decision=Decision.REVIEW,
        machine_decision=Decision.REVIEW,
        decision_reason="why",
        essential_met=0,
        desirable_score=0.0,
        provisional=True,
        cells=[],
        findings=findings,
    )


def audit(run: list[Finding], inner: list[Finding]) -> AuditReport:
    return AuditReport(roles=[_role(inner)], findings=run)


def evaluation(run: list[Finding], inner: list[Finding]) -> EvaluationReport:
    return EvaluationReport(
        role_id="r",
        role_title="Head",
        role_path="r.yaml",
        as_of=dt.date(2025, 1, 1),
        candidates=[_candidate(inner)],
        findings=run,
    )


def shortlist(run: list[Finding], inner: list[Finding]) -> ShortlistReport:
    return ShortlistReport(
        role_id="r",
        role_title="Head",
        role_path="r.yaml",
        as_of=dt.date(2025, 1, 1),
        anonymised=False,
        scale_max=4,
        pass_mark=2,
        criteria=[],
        panellists=[],
        provisional=True,
        decisions={"review": 1},
        candidates=[_ranked(inner)],
        agreement=Agreement(alpha=None, units=0),
        findings=run,
    )


def lint(run: list[Finding], inner: list[Finding]) -> LintReport:
    found = run + inner
    return LintReport(files=["a.yaml"], findings=found, summary=Summary.of(1, found, 0, Severity.ERROR))


def verify(run: list[Finding], inner: list[Finding]) -> VerifyReport:
    return VerifyReport(rules=["r"], examples=[], findings=run + inner)


BUILDERS = {"audit": audit, "evaluation": evaluation, "shortlist": shortlist, "lint": lint, "verify": verify}


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_every_report_gives_all_its_findings_sorted_and_counted(kind: str) -> None:
    report: Report = BUILDERS[kind]([ERROR_LATE], [WARNING, INFO])
    assert report.kind == kind
    assert report.all_findings() == [INFO, WARNING, ERROR_LATE]
    assert report.counts() == {Severity.ERROR: 1, Severity.WARNING: 1, Severity.INFO: 1}


@pytest.mark.parametrize("kind", ["audit", "lint", "verify"])
def test_a_report_fails_on_any_of_its_findings_at_or_above_the_threshold(kind: str) -> None:
    report: Report = BUILDERS[kind]([], [WARNING])
    assert report.fails_at(Severity.WARNING) and report.fails_at(Severity.INFO)
    assert not report.fails_at(Severity.ERROR)


@pytest.mark.parametrize("kind", ["evaluation", "shortlist"])
def test_a_candidates_notes_are_part_of_its_verdict_not_a_failure_of_the_run(kind: str) -> None:
    notes: Report = BUILDERS[kind]([], [ERROR_LATE])
    assert not notes.fails_at(Severity.INFO)
    left_out: Report = BUILDERS[kind]([ERROR_LATE], [])
    assert left_out.fails_at(Severity.ERROR)


def test_a_verify_run_fails_when_an_example_does_not_do_what_it_expects() -> None:
    wrong = ExampleOutcome(rule_id="r", kind="fail", name="fires", ok=False, expected=1, got=0)
    assert VerifyReport(rules=["r"], examples=[wrong]).fails_at(Severity.ERROR)
    assert not VerifyReport(rules=["r"], examples=[wrong.model_copy(update={"ok": True})]).fails_at(Severity.ERROR)


def test_lint_summary_agrees_with_the_contract() -> None:
    report = lint([], [WARNING, INFO])
    assert report.summary.failed is report.fails_at(Severity.ERROR) is False
    assert [report.summary.error, report.summary.warning, report.summary.info] == list(report.counts().values())
    assert Summary.of(1, iter([WARNING]), 0, Severity.WARNING).failed
