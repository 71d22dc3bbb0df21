"""The text view of a rules verify run: a line an example, the rule file problems, then the totals."""

from __future__ import annotations

from speccheck.core.findings import Finding, Position, Severity
from speccheck.report import RENDERERS
from speccheck.results.verify import ExampleOutcome, VerifyReport


def test_verify_text_marks_each_example_and_counts() -> None:
    good = ExampleOutcome(rule_id="r", kind="pass", name="quiet", ok=True, expected=0, got=0)
    bad = ExampleOutcome(rule_id="r", kind="fail", name="fires", ok=False, expected=1, got=0, detail="nothing")
    problem = Finding(
        rule_id="schema", severity=Severity.ERROR, message="bad", position=Position(path="x.yaml", line=2, col=3)
    )
    report = VerifyReport(rules=["r"], examples=[good, bad], findings=[problem])
    assert RENDERERS["text"](report) == (
        "PASS  r  pass: quiet\n"
        "FAIL  r  fail: fires  (expected 1, got 0: nothing)\n"
        "FAIL  x.yaml:2:3: error [schema] bad\n"
        "1 rule(s), 2 example(s): 1 passed, 1 failed; 1 problem(s) in rule files\n"
    )
