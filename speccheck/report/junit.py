"""JUnit XML renderer, for CI test dashboards.

Findings reports (lint, audit, evaluation): one ``testsuite`` per file, and in
it one ``testcase`` per finding (classname the file, name ``line:col [rule-id]
message``, with ``file`` and ``line`` attributes): a ``failure`` when the finding
is at or above the run's ``--fail-on``, a passing case with the finding in its
``system-out`` below it. A file with no findings has one passing case, ``no
findings``. Suppressed findings are counted in their file's ``system-out``; with
``show_suppressed`` each is a skipped case with its reason. A verify report has
one suite per rule and one case per example. No timestamps or durations: the
output is deterministic.
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
    one_line,
    suppressed_of,
)
from speccheck.report.parsable import line
from speccheck.results.lint import SuppressedFinding
from speccheck.results.verify import ExampleOutcome, VerifyReport

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
NO_FILE = "(no file)"
NAME_LIMIT = 160  # characters of a test case name; the whole message is in the failure or system-out


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


def _totals(element: ET.Element, tests: int, failures: int, skipped: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", str(skipped))


def _path(finding: Finding) -> str:
    return finding.position.path if finding.position else NO_FILE


def _case(suite: ET.Element, path: str, name: str, finding: Finding | None) -> ET.Element:
    """A test case of one file: classname the file, and the file and line attributes CI tools link with."""
    attributes = {"classname": path, "name": name}
    if finding is not None and finding.position is not None:
        attributes |= {"file": path, "line": str(finding.position.line)}
    elif path != NO_FILE:
        attributes["file"] = path
    return _element(suite, "testcase", **attributes)


def _name(finding: Finding, used: dict[str, int]) -> str:
    """``line:col [rule] message``, cut to NAME_LIMIT characters, numbered when a file repeats it."""
    pos = finding.position
    name = one_line(f"{f'{pos.line}:{pos.col} ' if pos else ''}[{finding.rule_id}] {finding.message}")
    if len(name) > NAME_LIMIT:
        name = name[: NAME_LIMIT - 1] + "\u2026"
    used[name] = used.get(name, 0) + 1
    return name if used[name] == 1 else f"{name} ({used[name]})"


def _file_suite(
    root: ET.Element,
    path: str,
    found: list[Finding],
    quiet: list[SuppressedFinding],
    *,
    threshold: int,
    show_suppressed: bool,
) -> tuple[int, int, int]:
    """One file: a case per finding (failing at or above the threshold), else one passing case."""
    suite = _element(root, "testsuite", name=path)
    tests = failures = skipped = 0
    used: dict[str, int] = {}
    for finding in found:
        case = _case(suite, path, _name(finding, used), finding)
        tests += 1
        if finding.severity.rank >= threshold:
            failures += 1
            _element(case, "failure", _detail(finding), message=one_line(finding.message), type=finding.severity.value)
        else:
            _element(case, "system-out", _detail(finding))
    if not found:
        tests += 1
        clean = "no findings" + (f" ({len(quiet)} suppressed)" if quiet else "")
        _case(suite, path, clean, None)
    if show_suppressed:
        for item in quiet:
            case = _case(suite, path, _name(item.finding, used), item.finding)
            tests += 1
            skipped += 1
            reason = item.suppression.reason or "no reason given"
            _element(case, "skipped", message=one_line(f"suppressed ({item.suppression.kind}): {reason}"))
    elif quiet:
        _element(suite, "system-out", f"{len(quiet)} finding(s) suppressed; --show-suppressed lists them")
    _totals(suite, tests, failures, skipped)
    return tests, failures, skipped


def _findings_suites(report: FindingsReport, root: ET.Element, *, show_suppressed: bool) -> tuple[int, int, int]:
    threshold = fail_on_of(report).rank
    by_file: dict[str, list[Finding]] = defaultdict(list)
    quiet: dict[str, list[SuppressedFinding]] = defaultdict(list)
    for finding in findings_of(report):
        by_file[_path(finding)].append(finding)
    for item in suppressed_of(report):
        quiet[_path(item.finding)].append(item)
    files = sorted(set(checked_files(report)) | set(by_file) | set(quiet))
    totals = [0, 0, 0]
    for path in files:
        counts = _file_suite(
            root, path, by_file[path], quiet[path], threshold=threshold, show_suppressed=show_suppressed
        )
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
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


def render(report: FindingsReport, *, show_suppressed: bool = False, **_: object) -> str:
    root = ET.Element("testsuites", {"name": f"speccheck {report.kind}"})
    if isinstance(report, VerifyReport):
        totals = _verify_suites(report, root)
    else:
        totals = _findings_suites(report, root, show_suppressed=show_suppressed)
    _totals(root, *totals)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
