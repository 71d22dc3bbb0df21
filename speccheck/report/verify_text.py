"""Text renderer of a rules verify run: one line an example, PASS or FAIL, the rule file problems, then the totals."""

from __future__ import annotations

from speccheck.report.parsable import line as finding_line
from speccheck.results.verify import ExampleOutcome, VerifyReport


def _example(outcome: ExampleOutcome) -> str:
    mark = "PASS" if outcome.ok else "FAIL"
    text = f"{mark}  {outcome.rule_id}  {outcome.kind}: {outcome.name}"
    if not outcome.ok:
        detail = f": {outcome.detail}" if outcome.detail else ""
        text += f"  (expected {outcome.expected!r}, got {outcome.got!r}{detail})"
    return text


def render(report: VerifyReport, **_: object) -> str:
    lines = [_example(outcome) for outcome in report.examples]
    lines += ["FAIL  " + finding_line(finding) for finding in report.findings]
    failed = sum(1 for o in report.examples if not o.ok)
    lines.append(
        f"{len(report.rules)} rule(s), {len(report.examples)} example(s): {len(report.examples) - failed} passed, {failed} failed"
        + (f"; {len(report.findings)} problem(s) in rule files" if report.findings else "")
    )
    return "\n".join(lines) + "\n"
