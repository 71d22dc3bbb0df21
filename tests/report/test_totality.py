"""Renderers are total: every format renders every report kind built by strategies, and machine formats stay parseable and valid."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speccheck.core.findings import Finding, Position, Severity, SourceRef
from speccheck.files.role import Level
from speccheck.report import FINDINGS_REPORTS, renderers_for
from speccheck.results.audit import AuditReport, Coverage, CoverageRow, RoleAudit
from speccheck.results.evaluation import (
    CandidateResult,
    CriterionResult,
    Decision,
    EvaluationReport,
    Explanation,
    Verdict,
)
from speccheck.results.lint import LintReport, Summary, SuppressedFinding, Suppression
from speccheck.results.rules import RuleInfo
from speccheck.results.verify import ExampleOutcome, VerifyReport
from tests import sarif_schema

DATA = Path(__file__).resolve().parents[1] / "data"

text = st.text(max_size=40)
words = st.text(alphabet="abcdefghij-._ /|*<>`\\[]#:,%\n\r\t\x00\x01é", min_size=1, max_size=20)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1))
positions = st.builds(Position, path=words, line=st.integers(1, 10**6), col=st.integers(1, 10**4))
sources = st.builds(
    SourceRef,
    doc=text,
    edition=st.none() | text,
    para=st.none() | text,
    provenance=st.sampled_from(["V-PRIMARY", "V-SECONDARY", "UNVERIFIED"]),
    note=st.none() | text,
)
findings = st.builds(
    Finding,
    rule_id=words,
    severity=st.sampled_from(list(Severity)),
    message=text,
    position=st.none() | positions,
    fix=st.none() | text,
    sources=st.lists(sources, max_size=2).map(tuple),
)
suppressions = st.builds(
    Suppression,
    kind=st.sampled_from(["inline", "waiver"]),
    reason=st.none() | text,
    owner=st.none() | text,
    expires=st.none() | dates,
    position=st.none() | positions,
)
rule_infos = st.builds(
    RuleInfo,
    id=words,
    title=text,
    kind=st.sampled_from(["check", "duties", "built-in"]),
    category=words,
    severity=st.none() | st.sampled_from(list(Severity)),
    rationale=text,
    fix=st.none() | text,
    sources=st.lists(sources, max_size=2).map(tuple),
    path=st.none() | words,
)


@st.composite
def lint_reports(draw: st.DrawFn) -> LintReport:
    found = draw(st.lists(findings, max_size=6))
    files = draw(st.lists(words, max_size=4))
    suppressed = draw(st.lists(st.builds(SuppressedFinding, finding=findings, suppression=suppressions), max_size=3))
    fail_on = draw(st.sampled_from(list(Severity)))
    rules = draw(st.lists(rule_infos, max_size=4, unique_by=lambda r: r.id))
    return LintReport(
        files=files,
        findings=found,
        suppressed=suppressed,
        rules=rules,
        summary=Summary.of(len(files), found, len(suppressed), fail_on),
    )


rows = st.builds(
    CoverageRow,
    duty_id=words,
    text=text,
    source=sources,
    status=st.sampled_from(["covered", "missing"]),
    covered_by=st.lists(words, max_size=2),
    how=st.none() | text,
)
audits = st.builds(
    AuditReport,
    roles=st.lists(
        st.builds(
            RoleAudit,
            role_id=words,
            title=text,
            path=words,
            post_type=words,
            as_of=st.none() | dates,
            coverage=st.lists(
                st.builds(Coverage, catalogue_id=words, framework=text, rows=st.lists(rows, max_size=3)), max_size=2
            ),
            findings=st.lists(findings, max_size=3),
        ),
        max_size=2,
    ),
    findings=st.lists(findings, max_size=2),
)
results = st.builds(
    CriterionResult,
    criterion_id=words,
    text=text,
    level=st.sampled_from(list(Level)),
    category=words,
    assessed_by=st.lists(words, max_size=2),
    verdict=st.sampled_from(list(Verdict)),
    explanation=st.builds(Explanation, summary=text),
)
evaluations = st.builds(
    EvaluationReport,
    role_id=words,
    role_title=text,
    role_path=words,
    as_of=dates,
    candidates=st.lists(
        st.builds(
            CandidateResult,
            candidate_id=words,
            name=st.none() | text,
            path=words,
            decision=st.sampled_from(list(Decision)),
            decision_reason=text,
            results=st.lists(results, max_size=3),
            essential_met=st.integers(0, 50),
            desirable_score=st.floats(0, 100),
            findings=st.lists(findings, max_size=2),
        ),
        max_size=2,
    ),
    findings=st.lists(findings, max_size=2),
)
verifies = st.builds(
    VerifyReport,
    rules=st.lists(words, max_size=3),
    examples=st.lists(
        st.builds(
            ExampleOutcome,
            rule_id=words,
            kind=st.sampled_from(["pass", "fail"]),
            name=text,
            ok=st.booleans(),
            expected=st.none() | st.integers(),
            got=st.none() | st.integers(),
            detail=text,
            path=st.none() | words,
        ),
        max_size=4,
    ),
    findings=st.lists(findings, max_size=2),
)
REPORTS = {"lint": lint_reports(), "audit": audits, "evaluation": evaluations}
RENDERERS = renderers_for(*FINDINGS_REPORTS)


def check_machine_format(fmt: str, out: str, report: Any) -> None:
    if fmt == "json":
        assert json.loads(out)["kind"] == report.kind
    elif fmt == "sarif":
        if sarif_schema.SHARED_SCHEMA.exists():
            sarif_schema.validator().validate(json.loads(out))
    elif fmt == "junit":
        ET.fromstring(out)
    elif fmt == "github":
        lines = out.splitlines()  # every line break Python knows, not only the runner's CR and LF
        assert all(line.startswith("::") for line in lines[:-1]) and lines[-1].startswith("speccheck: ")
    elif fmt == "parsable":
        assert len(out.splitlines()) == len([f for f in report.findings]) or report.kind != "lint"


CASES = [(fmt, kind) for fmt in sorted(RENDERERS) for kind in sorted(REPORTS)]


@pytest.mark.parametrize(("fmt", "kind"), CASES)
def test_renderers_are_total(fmt: str, kind: str) -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(report=REPORTS[kind])
    def check(report: Any) -> None:
        out = RENDERERS[fmt](report, color=False, width=100)
        assert isinstance(out, str)
        check_machine_format(fmt, out, report)

    check()


VIEWS = {
    "terminal": {"terminal": True},
    "details": {"terminal": True, "details": True, "show_suppressed": True},
    "links": {
        "docs_url": "https://example.org/speccheck/",
        "documented": frozenset({"schema"}),
        "show_suppressed": True,
    },
}


@pytest.mark.parametrize(("fmt", "kind", "view"), [(f, k, v) for f, k in CASES for v in sorted(VIEWS)])
def test_renderers_are_total_in_every_view(fmt: str, kind: str, view: str) -> None:
    """Each switch of the view (a terminal, details, suppressed findings listed, SARIF's links) keeps every format total."""

    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(report=REPORTS[kind])
    def check(report: Any) -> None:
        out = RENDERERS[fmt](report, color=False, width=60, **VIEWS[view])
        assert isinstance(out, str)
        check_machine_format(fmt, out, report)
        if fmt == "junit":
            names = [(c.get("classname"), c.get("name")) for c in ET.fromstring(out).iter("testcase")]
            assert len(names) == len(set(names))

    check()


@pytest.mark.parametrize("fmt", ["json", "junit", "markdown"])
@settings(max_examples=25, deadline=None)
@given(report=verifies)
def test_verify_formats_are_total(fmt: str, report: VerifyReport) -> None:
    out = RENDERERS[fmt](report)
    if fmt == "junit":
        names = [(c.get("classname"), c.get("name")) for c in ET.fromstring(out).iter("testcase")]
        assert len(names) == len(set(names))
    elif fmt == "json":
        assert json.loads(out)["kind"] == "verify"


MARKUP = "Head [/] of [bold]School"


def test_lint_text_shows_markup_characters_as_text() -> None:
    finding = Finding(
        rule_id="schema", severity=Severity.ERROR, message=MARKUP, position=Position(path="a[/]b.yaml", line=1, col=1)
    )
    item = SuppressedFinding(
        finding=finding, suppression=Suppression(kind="inline", reason=MARKUP, position=finding.position)
    )
    report = LintReport(
        files=["a[/]b.yaml"], findings=[finding], suppressed=[item], summary=Summary.of(1, [finding], 1, Severity.ERROR)
    )
    out = RENDERERS["text"](report, color=False, width=100)
    assert "a[/]b.yaml" in out and "[bold]" in out


def test_audit_text_shows_markup_characters_as_text() -> None:
    role = RoleAudit(role_id="r", title=MARKUP, path="r.yaml", post_type="headteacher")
    out = RENDERERS["text"](AuditReport(roles=[role]), color=False, width=100)
    assert MARKUP in out


def test_audit_text_shows_markup_in_coverage_as_text() -> None:
    row = CoverageRow(
        duty_id="d1", text="t", source=SourceRef(doc="d", provenance="V-PRIMARY"), status="covered", covered_by=["[/]"]
    )
    coverage = Coverage(catalogue_id="c", framework="f", rows=[row])
    role = RoleAudit(role_id="r", title="t", path="r.yaml", post_type="headteacher", coverage=[coverage])
    out = RENDERERS["text"](AuditReport(roles=[role]), color=False, width=100)
    assert "[/]" in out
