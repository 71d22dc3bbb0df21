"""JUnit XML renderer, for CI test dashboards.

Findings reports (lint, audit, evaluation): one ``testsuite`` per file and one
``testcase`` per file x rule (classname the file, name the rule id, so every
pair is unique). A test case fails when the rule found something at or above
the run's ``--fail-on``; findings below it are listed in ``system-out``; a case
whose only findings were suppressed is skipped, with the reason. A verify
report has one suite per rule and one case per example. No timestamps or
durations: the output is deterministic.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from speccheck.core.findings import Finding
from speccheck.report.contents import (
    FindingsReport,
    checked_files,
    fail_on_of,
    findings_of,
    rules_of,
    suppressed_of,
)
from speccheck.report.parsable import line
from speccheck.results.lint import SuppressedFinding
from speccheck.results.verify import ExampleOutcome, VerifyReport

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
NO_FILE = "(no file)"


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: clean(value) for key, value in attributes.items()})
    if text is not None:
        element.text = clean(text)
    return element


def _detail(finding: Finding) -> str:
    text = line(finding)
    if finding.fix:
        text += f"\n  fix: {finding.fix}"
    return text


def _suppressed_line(item: SuppressedFinding) -> str:
    reason = item.suppression.reason or "no reason given"
    return f"{line(item.finding)}\n  suppressed ({item.suppression.kind}): {reason}"


def _totals(element: ET.Element, tests: int, failures: int, skipped: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", str(skipped))


def _findings_suites(report: FindingsReport, root: ET.Element) -> tuple[int, int, int]:
    threshold = fail_on_of(report).rank
    by_case: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    quiet: dict[tuple[str, str], list[SuppressedFinding]] = defaultdict(list)
    for finding in findings_of(report):
        by_case[(finding.position.path if finding.position else NO_FILE, finding.rule_id)].append(finding)
    for item in suppressed_of(report):
        quiet[(item.finding.position.path if item.finding.position else NO_FILE, item.finding.rule_id)].append(item)
    rules = [info.id for info in rules_of(report)]
    files = sorted(set(checked_files(report)) | {path for path, _ in by_case} | {path for path, _ in quiet})
    totals = [0, 0, 0]
    for path in files:
        suite = _element(root, "testsuite", name=path)
        counts = [0, 0, 0]
        for rule in sorted(set(rules) | {r for p, r in by_case if p == path} | {r for p, r in quiet if p == path}):
            case = _element(suite, "testcase", classname=path, name=rule)
            found, accepted = by_case.get((path, rule), []), quiet.get((path, rule), [])
            failing = [f for f in found if f.severity.rank >= threshold]
            counts[0] += 1
            if failing:
                counts[1] += 1
                first = failing[0]
                _element(
                    case,
                    "failure",
                    "\n".join(_detail(f) for f in failing),
                    message=first.message,
                    type=first.severity.value,
                )
            elif accepted and not found:
                counts[2] += 1
                _element(
                    case, "skipped", message="suppressed: " + (accepted[0].suppression.reason or "no reason given")
                )
            notes = [_detail(f) for f in found if f not in failing] + [_suppressed_line(s) for s in accepted]
            if notes:
                _element(case, "system-out", "\n".join(notes))
        _totals(suite, *counts)
        totals = [a + b for a, b in zip(totals, counts, strict=False)]
    return totals[0], totals[1], totals[2]


def _verify_suites(report: VerifyReport, root: ET.Element) -> tuple[int, int, int]:
    totals = [0, 0, 0]
    by_rule: dict[str, list[ExampleOutcome]] = defaultdict(list)
    for outcome in report.examples:
        by_rule[outcome.rule_id].append(outcome)
    problems: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        problems[finding.position.path if finding.position else NO_FILE].append(finding)
    for rule in sorted(set(report.rules) | set(by_rule)):
        suite = _element(root, "testsuite", name=rule)
        counts = [0, 0, 0]
        used: dict[str, int] = {}
        for outcome in by_rule.get(rule, []):
            name = f"{outcome.kind}: {outcome.name}"
            used[name] = used.get(name, 0) + 1
            if used[name] > 1:
                name += f" ({used[name]})"
            case = _element(suite, "testcase", classname=rule, name=name, file=outcome.path or "")
            counts[0] += 1
            if not outcome.ok:
                counts[1] += 1
                detail = f"expected {outcome.expected!r}, got {outcome.got!r}" + (
                    f": {outcome.detail}" if outcome.detail else ""
                )
                _element(case, "failure", detail, message=detail, type="example")
        _totals(suite, *counts)
        totals = [a + b for a, b in zip(totals, counts, strict=False)]
    for path in sorted(problems):
        suite = _element(root, "testsuite", name=path)
        for index, finding in enumerate(problems[path], start=1):
            case = _element(suite, "testcase", classname=path, name=f"{finding.rule_id} ({index})")
            _element(case, "failure", _detail(finding), message=finding.message, type=finding.severity.value)
        _totals(suite, len(problems[path]), len(problems[path]), 0)
        totals = [totals[0] + len(problems[path]), totals[1] + len(problems[path]), totals[2]]
    return totals[0], totals[1], totals[2]


def render(report: FindingsReport, **_: object) -> str:
    root = ET.Element("testsuites", {"name": f"speccheck {report.kind}"})
    totals = _verify_suites(report, root) if isinstance(report, VerifyReport) else _findings_suites(report, root)
    _totals(root, *totals)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
