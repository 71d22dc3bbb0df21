"""What every findings format reads from a report: files, threshold, rules and the count line, for each report type."""

from __future__ import annotations

import datetime as dt

from speccheck.core.findings import Finding, Position, Severity
from speccheck.report.contents import checked_files, count_words, fail_on_of, files_of, rules_of, suppressed_of
from speccheck.results.audit import AuditReport, RoleAudit
from speccheck.results.evaluation import CandidateResult, Decision, EvaluationReport
from speccheck.results.lint import LintReport, Summary, SuppressedFinding, Suppression
from speccheck.results.rules import RuleInfo
from speccheck.results.verify import VerifyReport


def finding(rule_id: str, severity: Severity, path: str) -> Finding:
    return Finding(rule_id=rule_id, severity=severity, message="m", position=Position(path=path, line=1, col=1))


def lint_report(fail_on: Severity = Severity.WARNING) -> LintReport:
    found = [finding("schema", Severity.ERROR, "bad.yaml")]
    hidden = SuppressedFinding(
        finding=finding("my-rule", Severity.WARNING, "quiet.yaml"), suppression=Suppression(kind="inline")
    )
    own = RuleInfo(id="my-rule", title="mine", kind="check", category="x", rationale="why")
    return LintReport(
        files=["bad.yaml", "good.yaml"],
        findings=found,
        suppressed=[hidden],
        rules=[own],
        summary=Summary.of(2, found, 1, fail_on),
    )


def test_lint_reads_its_own_files_suppressions_threshold_and_rules() -> None:
    report = lint_report()
    assert checked_files(report) == ["bad.yaml", "good.yaml"]
    assert files_of(report) == ["bad.yaml", "good.yaml", "quiet.yaml"]
    assert [s.finding.rule_id for s in suppressed_of(report)] == ["my-rule"]
    assert fail_on_of(report) is Severity.WARNING
    rules = rules_of(report)
    assert [r.id for r in rules] == ["my-rule", "schema"]
    assert rules[0].title == "mine" and rules[1].kind == "built-in"
    assert count_words(report) == "1 error, 0 warning, 0 info"


def test_audit_and_evaluation_cover_their_roles_and_candidates() -> None:
    role = RoleAudit(
        role_id="r",
        title="Head",
        path="r.yaml",
        post_type="headteacher",
        findings=[finding("vague", Severity.INFO, "r.yaml")],
    )
    audit = AuditReport(roles=[role], findings=[finding("file-missing", Severity.ERROR, "gone.yaml")])
    assert files_of(audit) == checked_files(audit) == ["gone.yaml", "r.yaml"]
    assert fail_on_of(audit) is Severity.ERROR and suppressed_of(audit) == []
    assert count_words(audit) == "1 error, 0 warning, 1 info"
    assert [r.id for r in rules_of(audit)] == ["file-missing", "vague"]
    candidate = CandidateResult(
        candidate_id="C1",
        path="c.yaml",
        decision=Decision.SHORTLIST,
        decision_reason="met",
        results=[],
        essential_met=1,
        desirable_score=0.0,
    )
    evaluation = EvaluationReport(
        role_id="r", role_title="Head", role_path="r.yaml", as_of=dt.date(2025, 1, 1), candidates=[candidate]
    )
    assert files_of(evaluation) == ["c.yaml", "r.yaml"]


def test_verify_covers_the_files_its_findings_name() -> None:
    report = VerifyReport(rules=["r"], examples=[], findings=[finding("schema", Severity.ERROR, "rules/r.yaml")])
    assert checked_files(report) == ["rules/r.yaml"]
    assert rules_of(report)[0].id == "schema"
