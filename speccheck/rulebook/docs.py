"""What each rule is, for people and tools: descriptors, the Markdown catalogue, the README table, rule-pack tests.

Every finding speccheck can report has a ``RuleInfo``: the rule files of a
library (checks, duty catalogues, derivations) and the built-in checks of the
loader, the linter and suppressions. ``rules list`` / ``rules show`` /
``rules docs`` print them, SARIF carries them as ``tool.driver.rules``, and the
README's rule table is generated from them (a test keeps it from drifting).
``verify_pack`` runs the examples of a user's own rule pack, as
``conftest verify`` does for OPA policies.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from speccheck.core.findings import (
    Finding,
    Position,
    Severity,
    sorted_findings,
)
from speccheck.core.resources import bundled
from speccheck.files.rules import CheckRule, DerivationRule, Example
from speccheck.library.loading import RuleLibrary
from speccheck.results.rules import RuleInfo
from speccheck.results.verify import ExampleOutcome, VerifyReport

README_BEGIN = "<!-- rules:begin -->"
README_END = "<!-- rules:end -->"


def _builtin(rule_id: str, category: str, severity: Severity, title: str, rationale: str, fix: str) -> RuleInfo:
    return RuleInfo(
        id=rule_id, title=title, kind="built-in", category=category, severity=severity, rationale=rationale, fix=fix
    )


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_UNREADABLE = "A file that cannot be read as YAML is not checked at all; the other files still are."

BUILTIN_RULES: tuple[RuleInfo, ...] = (
    _builtin(
        "file-missing",
        "file",
        _E,
        "A path given does not exist",
        "A misspelt path would otherwise lint nothing and pass.",
        "check the path",
    ),
    _builtin("file-unreadable", "file", _E, "A file cannot be read", _UNREADABLE, "check the path and permissions"),
    _builtin(
        "file-too-large",
        "file",
        _E,
        "A file is over the 2 MiB limit",
        "Spec files are small; a huge file is a mistake or an attack.",
        "split the file",
    ),
    _builtin("file-encoding", "file", _E, "A file is not UTF-8 text", _UNREADABLE, "save the file as UTF-8"),
    _builtin(
        "file-empty",
        "file",
        _E,
        "A file is empty",
        "An empty file defines nothing.",
        "add kind: and version: and the content",
    ),
    _builtin(
        "file-not-mapping",
        "file",
        _E,
        "The top level is not a mapping",
        "Every speccheck file is a mapping starting with kind: and version:.",
        "start the file with kind: and version:",
    ),
    _builtin(
        "file-kind",
        "file",
        _E,
        "A file has no kind, an unknown kind, or the wrong kind",
        "kind: says which schema a file is checked against.",
        "use kind: role, candidate, rule, duties or vocabulary",
    ),
    _builtin("yaml-syntax", "file", _E, "YAML syntax error", _UNREADABLE, "correct the YAML at this place"),
    _builtin(
        "yaml-alias",
        "file",
        _E,
        "YAML anchors, aliases or merge keys",
        "Aliases allow exponential expansion ('billion laughs') and hide what a file says.",
        "write the value out in full",
    ),
    _builtin(
        "yaml-character", "file", _E, "A character YAML does not allow", _UNREADABLE, "remove the control character"
    ),
    _builtin(
        "yaml-multiple-documents",
        "file",
        _E,
        "More than one YAML document in a file",
        "One file holds one role, candidate or rule.",
        "split the documents into separate files",
    ),
    _builtin(
        "yaml-too-deep",
        "file",
        _E,
        "Nesting deeper than 40 levels",
        "Deep nesting is a mistake or an attack on the parser.",
        "flatten the structure",
    ),
    _builtin(
        "yaml-key", "file", _E, "A mapping key that is not plain text", "Keys are field names.", "use plain text keys"
    ),
    _builtin(
        "yaml-duplicate-key",
        "file",
        _E,
        "A key appears twice in one mapping",
        "YAML parsers silently keep one of the two values; which one differs between tools.",
        "remove or rename one of the two keys",
    ),
    _builtin(
        "yaml-value",
        "file",
        _E,
        "A value YAML cannot read (an impossible date, a bad tag)",
        _UNREADABLE,
        "write a valid value, e.g. a date as YYYY-MM-DD",
    ),
    _builtin(
        "schema",
        "file",
        _E,
        "A field is unknown, missing or of the wrong type",
        "The file must match its JSON Schema (schemas/) for any check to mean something.",
        "correct the field; see the JSON Schema",
    ),
    _builtin(
        "condition",
        "file",
        _E,
        "A condition tests an unknown fact or compares the wrong type",
        "The engine compares mismatched types as text and would give silently wrong verdicts.",
        "use a fact and operator from the condition language reference",
    ),
    _builtin(
        "engine-limit",
        "file",
        _E,
        "A condition would cross a limit of the rule engine",
        "durable_rules fails or hangs beyond its limits; speccheck refuses before that.",
        "split the condition into smaller criteria or derived facts",
    ),
    _builtin(
        "rule-file-name",
        "file",
        _E,
        "A rule file is not named after its id",
        "The file name is how people find a rule.",
        "name the file after the rule id",
    ),
    _builtin(
        "rule-duplicate-id",
        "file",
        _E,
        "Two rule files share an id",
        "Findings and waivers name rules by id.",
        "give each rule a unique id",
    ),
    _builtin(
        "rule-duplicate-fact",
        "file",
        _E,
        "Two derivation rules derive the same fact",
        "A fact must have one definition.",
        "derive each fact in one rule (use any: for alternatives)",
    ),
    _builtin(
        "unknown-duty-id",
        "file",
        _E,
        "A duty's covers: names a statutory duty no catalogue defines",
        "A misspelt covers: id covers nothing, and the duty it meant is reported missing.",
        "use an id from rules/duties/ or rules/standards/",
    ),
    _builtin(
        "rule-examples",
        "verify",
        _E,
        "A rule file lacks a pass or a fail example",
        "A rule's examples are its tests; rules verify runs them.",
        "add examples that must not fire (pass) and must fire (fail)",
    ),
    _builtin(
        "unknown-criterion",
        "candidate",
        _W,
        "Evidence names a criterion the role does not have",
        "Reported by evaluate: the evidence cannot count towards any criterion.",
        "correct the criterion id in the evidence",
    ),
    _builtin(
        "employment-gap",
        "candidate",
        _I,
        "An unexplained gap in employment",
        "Reported by evaluate: safer recruitment asks panels to explore gaps.",
        "explore the gap at interview",
    ),
    _builtin(
        "candidate-duplicate-id",
        "candidate",
        _E,
        "Two applications in a batch share an id",
        "Reported by shortlist: a ranking needs one entry per application.",
        "give each application its own id",
    ),
    _builtin(
        "record-invalid",
        "candidate",
        _E,
        "A decision record cannot be read",
        "Reported by shortlist --verify: only an unchanged record can be re-run.",
        "give the file written by --record, unchanged",
    ),
    _builtin(
        "suppression-syntax",
        "suppression",
        _W,
        "A suppression comment cannot be read",
        "A comment meant to suppress that does not parse suppresses nothing.",
        "write # speccheck: disable=RULE-ID -- reason",
    ),
    _builtin(
        "suppression-no-reason",
        "suppression",
        _W,
        "A suppression or waiver gives no reason",
        "An accepted finding needs a reason a reviewer can check.",
        "add the reason after -- (comment) or as reason: (waiver)",
    ),
    _builtin(
        "suppression-unknown-rule",
        "suppression",
        _W,
        "A suppression names an unknown rule",
        "A misspelt rule id suppresses nothing.",
        "check the id with speccheck rules list",
    ),
    _builtin(
        "suppression-unused",
        "suppression",
        _I,
        "A suppression comment matches no finding",
        "Stale suppressions hide future findings.",
        "remove it",
    ),
    _builtin(
        "waiver-expired",
        "suppression",
        _W,
        "A waiver has passed its expiry date",
        "Waivers are temporary; an expired one suppresses nothing.",
        "fix the findings, or renew the waiver with a reason",
    ),
    _builtin(
        "waiver-unused",
        "suppression",
        _I,
        "A waiver matches no finding in the files linted",
        "Stale waivers hide future findings.",
        "remove the waiver",
    ),
    _builtin(
        "config-unknown-key",
        "config",
        _E,
        "The configuration has an unknown key",
        "A misspelt option would otherwise be ignored silently.",
        "correct or remove the key",
    ),
    _builtin(
        "config-unknown-rule",
        "config",
        _W,
        "The configuration names an unknown rule",
        "A misspelt rule id configures nothing.",
        "check the id with speccheck rules list",
    ),
    _builtin(
        "config-baseline-missing",
        "config",
        _W,
        "The configured baseline file does not exist",
        "Its waivers cannot apply.",
        "run speccheck baseline, or remove the baseline key",
    ),
)


def _shown(path: str, base: Path | None) -> str:
    """A rule file's path: bundled rules as rules/..., wherever speccheck is installed; others relative to ``base``."""
    resolved = Path(path).resolve()
    for root in (bundled("rules").resolve().parent, base.resolve() if base is not None else None):
        if root is not None and resolved.is_relative_to(root):
            return resolved.relative_to(root).as_posix()
    return Path(path).as_posix()


def rule_infos(library: RuleLibrary, *, base: Path | None = None, builtins: bool = True) -> list[RuleInfo]:
    """Every rule of the library (and the built-in checks), sorted by id; file paths relative to ``base``."""
    infos: list[RuleInfo] = list(BUILTIN_RULES) if builtins else []

    def path_of(rule_id: str) -> str | None:
        loaded = library.files.get(rule_id)
        return _shown(loaded.path, base) if loaded else None

    for check in library.checks:
        infos.append(
            RuleInfo(
                id=check.id,
                title=check.title,
                kind="check",
                category=check.category,
                severity=check.severity,
                applies_to=[str(getattr(p, "value", p)) for p in check.applies_to],
                scope=check.scope,
                rationale=" ".join(check.rationale.split()),
                fix=check.fix,
                sources=tuple(check.source),
                path=path_of(check.id),
            )
        )
    for catalogue in library.duty_catalogues:
        post_types = sorted({p.value for duty in catalogue.duties for p in duty.applies_to})
        sources = tuple({duty.source.cite(): duty.source for duty in catalogue.duties}.values())
        infos.append(
            RuleInfo(
                id=catalogue.id,
                title=f"Job description covers every duty of: {catalogue.framework}",
                kind="duties",
                category="statutory",
                severity=catalogue.severity,
                applies_to=post_types,
                scope="role",
                rationale=f"The statutory duties of the post ({len(catalogue.duties)} in this catalogue) should each be covered by a duty statement.",
                fix="add a duty statement for each missing duty, or name it with covers:",
                sources=sources,
                path=path_of(catalogue.id),
            )
        )
    for derivation in library.derivations:
        infos.append(
            RuleInfo(
                id=derivation.id,
                title=derivation.title,
                kind="derivation",
                category="derive",
                rationale=" ".join(derivation.rationale.split()),
                sources=tuple(derivation.source),
                path=path_of(derivation.id),
            )
        )
    return sorted(infos, key=lambda info: info.id)


def examples_of(library: RuleLibrary, rule_id: str) -> dict[str, list[Example]]:
    """The pass and fail examples of a rule file (empty for built-ins and duty catalogues)."""
    rules: list[CheckRule | DerivationRule] = [*library.checks, *library.derivations]
    rule = next((r for r in rules if r.id == rule_id), None)
    if rule is None:
        return {"pass": [], "fail": []}
    return {"pass": list(rule.examples.passing), "fail": list(rule.examples.failing)}


# --------------------------------------------------------------------------- Markdown


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def rule_section(info: RuleInfo, examples: dict[str, list[Example]] | None = None) -> str:
    """One rule as a Markdown section: what, why, where it comes from, what to do, examples."""
    lines = [f"### `{info.id}`", "", f"**{info.title}**", ""]
    facts = [f"kind: {info.kind}", f"category: {info.category}"]
    if info.severity is not None:
        facts.append(f"severity: {info.severity.value}")
    if info.scope:
        facts.append(f"scope: {info.scope}")
    if info.applies_to:
        facts.append("applies to: " + ", ".join(info.applies_to))
    if info.path:
        facts.append(f"file: `{info.path}`")
    lines += ["- " + fact for fact in facts] + [""]
    lines += [f"Why: {info.rationale}", ""]
    if info.fix:
        lines += [f"Fix: {info.fix}", ""]
    if info.sources:
        lines += (
            ["Sources:", ""]
            + [f"- {source.cite()}" + (f" — {source.note}" if source.note else "") for source in info.sources]
            + [""]
        )
    for kind in ("pass", "fail"):
        for example in (examples or {}).get(kind, []):
            expect = (
                ""
                if example.expect is None and info.kind == "check"
                else f" (expect: {yaml.safe_dump(example.expect).splitlines()[0]})"
            )
            body = yaml.safe_dump(example.input, sort_keys=False, allow_unicode=True, width=100).rstrip() or "{}"
            lines += [
                f"Example, must {'not fire' if kind == 'pass' else 'fire'}: {example.name}{expect}",
                "",
                "```yaml",
                body,
                "```",
                "",
            ]
    return "\n".join(lines)


def rules_table(infos: list[RuleInfo]) -> str:
    """The README's rule table: rule files first, then the built-in checks."""
    files = [i for i in infos if i.kind != "built-in"]
    builtins = [i for i in infos if i.kind == "built-in"]
    lines = [
        "| rule | kind | category | severity | applies to | what it checks | sources |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for info in files:
        severity = info.severity.value if info.severity else "-"
        applies = ", ".join(info.applies_to) or "-"
        sources = "; ".join(_cell(s.cite()) for s in info.sources) or "-"
        lines.append(
            f"| `{info.id}` | {info.kind} | {info.category} | {severity} | {_cell(applies)} | {_cell(info.title)} | {sources} |"
        )
    lines += [
        "",
        "Built-in checks (loader, linter, suppressions, configuration):",
        "",
        "| rule | category | severity | what it checks |",
        "| --- | --- | --- | --- |",
    ]
    for info in builtins:
        severity = info.severity.value if info.severity else "-"
        lines.append(f"| `{info.id}` | {info.category} | {severity} | {_cell(info.title)} |")
    return "\n".join(lines) + "\n"


def catalogue_markdown(library: RuleLibrary, *, base: Path | None = None) -> str:
    """The whole rule catalogue as one Markdown document."""
    infos = rule_infos(library, base=base)
    parts = ["# speccheck rules", "", "Generated by `speccheck rules docs`.", "", rules_table(infos), "## Rules", ""]
    for info in infos:
        parts.append(rule_section(info, examples_of(library, info.id)))
    return "\n".join(parts).rstrip() + "\n"


def update_readme(readme: str, table: str) -> str:
    """The README text with the generated table placed between the rule markers."""
    start = readme.index(README_BEGIN) + len(README_BEGIN)
    end = readme.index(README_END)
    return readme[:start] + "\n" + table + readme[end:]


# --------------------------------------------------------------------------- rule-pack tests


def verify_pack(library: RuleLibrary, folders: list[Path] | None, *, base: Path | None = None) -> VerifyReport:
    """Run the examples of the rules defined under ``folders`` (all rules when None)."""
    from speccheck.rulebook.verify import verify

    def inside(rule_id: str) -> bool:
        if folders is None:
            return True
        loaded = library.files.get(rule_id)
        if loaded is None:
            return False
        path = Path(loaded.path).resolve()
        return any(path.is_relative_to(folder.resolve()) for folder in folders)

    def shown(rule_id: str) -> str | None:
        loaded = library.files.get(rule_id)
        return _shown(loaded.path, base) if loaded else None

    every: list[DerivationRule | CheckRule] = [*library.derivations, *library.checks]
    rules = [r for r in every if inside(r.id)]
    selected = RuleLibrary(
        derivations=library.derivations,
        checks=[r for r in library.checks if inside(r.id)],
        duty_catalogues=[],
        vocabulary=library.vocabulary,
        files=library.files,
    )
    wanted = {r.id for r in rules}
    outcomes = [
        ExampleOutcome(
            rule_id=result.rule_id,
            kind=result.kind,
            name=result.name,
            ok=result.ok,
            expected=result.expected,
            got=result.got,
            detail=result.detail,
            path=shown(result.rule_id),
        )
        for result in verify(selected)
        if result.rule_id in wanted
    ]
    findings = [_reshown(f, base) for f in library.findings if folders is None or _under(f, folders)]
    for rule in rules:
        if not rule.examples.passing or not rule.examples.failing:
            loaded = library.files.get(rule.id)
            missing = " and ".join(
                k for k, v in (("pass", rule.examples.passing), ("fail", rule.examples.failing)) if not v
            )
            findings.append(
                Finding(
                    rule_id="rule-examples",
                    severity=Severity.ERROR,
                    message=f'rule "{rule.id}" has no {missing} example',
                    position=_reposition(loaded.position(("examples",), key=True), base) if loaded else None,
                    fix="add examples: a rule's examples are its tests",
                )
            )
    return VerifyReport(
        rules=sorted(r.id for r in rules),
        examples=sorted(outcomes, key=lambda o: (o.rule_id, o.kind != "pass", o.name)),
        findings=sorted_findings(findings),
    )


def _under(finding: Finding, folders: list[Path]) -> bool:
    if finding.position is None:
        return True
    path = Path(finding.position.path).resolve()
    return any(path.is_relative_to(folder.resolve()) for folder in folders)


def _reposition(position: Position, base: Path | None) -> Position:
    return position.model_copy(update={"path": _shown(position.path, base)})


def _reshown(finding: Finding, base: Path | None) -> Finding:
    if finding.position is None:
        return finding
    return finding.model_copy(update={"position": _reposition(finding.position, base)})
