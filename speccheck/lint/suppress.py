"""Suppressions with accountability: inline ``# speccheck: disable=`` comments and config waivers.

An inline comment names the rules it silences and, after ``--``, why::

    - id: E3   # speccheck: disable=fixed-years-experience -- the post needs QTS plus induction
    # speccheck: disable-file=no-assessment-method -- legacy role, rewritten in 2026

On a line with content it covers that line; alone on a line it covers the next
line; on the first line of a list item (a criterion, a duty) it covers the
whole item. ``disable-file`` covers the file. A waiver in the configuration
covers a rule in the files its glob matches, until its expiry date.

A suppression without a reason still suppresses, and is itself a warning; an
expired waiver suppresses nothing and is reported; a suppression that matches
nothing is reported so it can be removed. Every suppressed finding is kept, with
the suppression that silenced it, for the summary and for SARIF.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from speccheck.core.findings import Finding, Position, Severity
from speccheck.core.yamlpos import Located
from speccheck.lint.config import Waiver
from speccheck.results.lint import SuppressedFinding, Suppression

MARKER = "speccheck:"
_COMMENT = re.compile(r"(?:^|(?<=\s))#\s*speccheck:(?P<body>.*)$")
_ACTION = re.compile(r"^\s*(?P<action>disable-file|disable)\s*=\s*(?P<rules>[^\s].*?)\s*$")
_RULE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


@dataclass(frozen=True)
class Directive:
    """One inline ``# speccheck: disable`` comment and the lines it covers."""

    rules: tuple[str, ...]
    reason: str | None
    position: Position
    first: int
    last: int
    file_wide: bool = False

    def covers(self, finding: Finding) -> bool:
        if finding.rule_id not in self.rules:
            return False
        if self.file_wide:
            return True
        pos = finding.position
        return pos is not None and self.first <= pos.line <= self.last

    def suppression(self) -> Suppression:
        return Suppression(kind="inline", reason=self.reason, position=self.position)


def _meta(rule_id: str, severity: Severity, message: str, position: Position | None, fix: str) -> Finding:
    return Finding(rule_id=rule_id, severity=severity, message=message, position=position, fix=fix)


# --------------------------------------------------------------------------- inline comments


def directives(text: str, shown: str, located: Located | None) -> tuple[list[Directive], list[Finding]]:
    """The disable comments in a file's text, and findings about malformed ones."""
    if MARKER not in text:
        return [], []
    lines = text.splitlines()
    found: list[Directive] = []
    problems: list[Finding] = []
    items: list[tuple[int, int]] | None = None
    for number, line in enumerate(lines, start=1):
        match = _COMMENT.search(line)
        if match is None:
            continue
        col = match.start() + 1
        position = Position(path=shown, line=number, col=col)
        body, _, reason = match.group("body").partition("--")
        action = _ACTION.match(body)
        rules = tuple(r.strip() for r in action.group("rules").split(",") if r.strip()) if action else ()
        if action is None or not rules or not all(_RULE_ID.match(r) for r in rules):
            problems.append(
                _meta(
                    "suppression-syntax",
                    Severity.WARNING,
                    f'cannot read suppression comment "{line[match.start() :].strip()}"',
                    position,
                    "write # speccheck: disable=RULE-ID[,RULE-ID] -- reason",
                )
            )
            continue
        reason_text = reason.strip() or None
        if action.group("action") == "disable-file":
            found.append(Directive(rules, reason_text, position, 1, len(lines), file_wide=True))
            continue
        target = number
        if not line[: match.start()].strip():  # a comment alone on its line covers the next line
            target = _next_content_line(lines, number)
        if items is None:
            items = _item_ranges(located)
        first, last = target, target
        for start, end in items:
            if start == target:
                last = max(last, end)
        found.append(Directive(rules, reason_text, position, first, last))
    return found, problems


def _next_content_line(lines: list[str], number: int) -> int:
    for index in range(number, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index + 1
    return number


def _item_ranges(located: Located | None) -> list[tuple[int, int]]:
    """First and last line of every mapping that is a list item (criteria, duties, conditions)."""
    if located is None:
        return []
    starts = {path: pos[0] for path, pos in located.values.items() if path and isinstance(path[-1], int)}
    last: dict[tuple[str | int, ...], int] = dict(starts)
    for table in (located.values, located.keys):
        for path, (line, _) in table.items():
            for depth in range(1, len(path)):
                prefix = path[:depth]
                if prefix in last and line > last[prefix]:
                    last[prefix] = line
    return [(starts[path], last[path]) for path in starts]


def apply_inline(
    findings: list[Finding], found: list[Directive], *, known: set[str], active: set[str]
) -> tuple[list[Finding], list[SuppressedFinding], list[Finding]]:
    """Split one file's findings into kept and suppressed; findings about the directives themselves."""
    kept: list[Finding] = []
    suppressed: list[SuppressedFinding] = []
    used: set[tuple[int, str]] = set()
    for finding in findings:
        directive = next((d for d in found if d.covers(finding)), None)
        if directive is None:
            kept.append(finding)
            continue
        used.add((id(directive), finding.rule_id))
        suppressed.append(SuppressedFinding(finding=finding, suppression=directive.suppression()))
    meta: list[Finding] = []
    for directive in found:
        meta.extend(_reason_and_rules(directive.reason, directive.rules, directive.position, known, "comment"))
        for rule in directive.rules:
            if rule in active and (id(directive), rule) not in used:
                meta.append(
                    _meta(
                        "suppression-unused",
                        Severity.INFO,
                        f'suppression of "{rule}" matches no finding',
                        directive.position,
                        "remove it from the comment",
                    )
                )
    return kept, suppressed, meta


def _reason_and_rules(
    reason: str | None, rules: Iterable[str], position: Position | None, known: set[str], what: str
) -> list[Finding]:
    meta = []
    if reason is None:
        meta.append(
            _meta(
                "suppression-no-reason",
                Severity.WARNING,
                f'{"suppression" if what == "comment" else "waiver"} of "{", ".join(rules)}" gives no reason',
                position,
                f"say why after -- in the {what}" if what == "comment" else "add reason: to the waiver",
            )
        )
    for rule in rules:
        if rule not in known:
            meta.append(
                _meta(
                    "suppression-unknown-rule",
                    Severity.WARNING,
                    f'suppression names unknown rule "{rule}"',
                    position,
                    "check the id with speccheck rules list",
                )
            )
    return meta


# --------------------------------------------------------------------------- waivers


@dataclass(frozen=True)
class Candidate:
    """A finding with its path relative to the configuration's folder (None when outside it)."""

    finding: Finding
    relative: str | None


def apply_waivers(
    candidates: list[Candidate],
    waivers: Iterable[Waiver],
    *,
    as_of: dt.date,
    known: set[str],
    active: set[str],
    linted: list[str],
) -> tuple[list[Finding], list[SuppressedFinding], list[Finding]]:
    """Apply waivers in order; each finding is waived by the first live waiver that matches it.

    ``linted`` are the linted files relative to the configuration's folder: a
    waiver is reported unused only when its glob matches one of them, so a
    pre-commit run on a few files does not flag the waivers of the others.
    """
    kept: list[Finding] = []
    suppressed: list[SuppressedFinding] = []
    meta: list[Finding] = []
    waivers = list(waivers)
    used = [0] * len(waivers)
    expired_hits = [0] * len(waivers)
    for candidate in candidates:
        finding = candidate.finding
        path = (
            candidate.relative
            if candidate.relative is not None
            else (finding.position.path if finding.position else "")
        )
        chosen = None
        for index, waiver in enumerate(waivers):
            if waiver.rule != finding.rule_id or not waiver.path.matches(path):
                continue
            if waiver.expired(as_of):
                expired_hits[index] += 1
                continue
            if waiver.count is not None and used[index] >= waiver.count:
                continue
            chosen = index
            break
        if chosen is None:
            kept.append(finding)
            continue
        used[chosen] += 1
        waiver = waivers[chosen]
        suppressed.append(
            SuppressedFinding(
                finding=finding,
                suppression=Suppression(
                    kind="waiver",
                    reason=waiver.reason,
                    owner=waiver.owner,
                    expires=waiver.expires,
                    position=waiver.position,
                ),
            )
        )
    for index, waiver in enumerate(waivers):
        meta.extend(_reason_and_rules(waiver.reason, [waiver.rule], waiver.position, known, "waiver"))
        relevant = any(waiver.path.matches(path) for path in linted)
        if waiver.expired(as_of):
            owner = f" (owner: {waiver.owner})" if waiver.owner else ""
            meta.append(
                _meta(
                    "waiver-expired",
                    Severity.WARNING,
                    f'waiver of "{waiver.rule}" for "{waiver.path.pattern}" expired on {waiver.expires}{owner}; '
                    f"{expired_hits[index]} finding(s) it covered are reported again",
                    waiver.position,
                    "fix the findings, or renew the waiver with a new expiry date and a reason",
                )
            )
        elif relevant and used[index] == 0 and waiver.rule in active:
            meta.append(
                _meta(
                    "waiver-unused",
                    Severity.INFO,
                    f'waiver of "{waiver.rule}" for "{waiver.path.pattern}" matches no finding',
                    waiver.position,
                    "remove the waiver: the findings it accepted are gone",
                )
            )
    return kept, suppressed, meta
