"""Spec files -> one lint report: load findings, condition checks and audit findings together."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from speccheck.audit import CATALOGUES, audit_role
from speccheck.catalogue import RuleLibrary
from speccheck.conditions import check
from speccheck.evaluate import compile_role
from speccheck.findings import Finding, Severity, sorted_findings
from speccheck.loader import Loaded, discover, load_file
from speccheck.models import CheckRule, DerivationRule, Role


class LintReport(BaseModel):
    """The outcome of ``speccheck lint``."""

    model_config = ConfigDict(frozen=True)

    kind: str = Field(default="lint", description="Always 'lint'.")
    files: list[str] = Field(description="Files checked, as shown in findings.")
    findings: list[Finding] = Field(description="Findings, sorted by file, line, column, severity.")

    def counts(self) -> dict[str, int]:
        """Findings per severity, every severity present."""
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts


def shown_path(path: Path, base_dir: Path | None) -> str:
    """The path as findings show it: relative to ``base_dir`` when inside it, with forward slashes."""
    if base_dir is not None:
        try:
            return path.resolve().relative_to(base_dir.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _rule_findings(loaded: Loaded[object], library: RuleLibrary) -> list[Finding]:
    model = loaded.model
    if isinstance(model, DerivationRule):
        problems = check(model.when, library.candidate_catalogue())
    elif isinstance(model, CheckRule):
        problems = check(model.when, CATALOGUES[model.scope])
    else:
        return []
    return [
        Finding(
            rule_id="condition",
            severity=Severity.ERROR,
            message=message,
            position=loaded.position(("when", *loc)),
            fix="use a fact and operator from the condition language reference",
        )
        for loc, message in problems
    ]


def lint_file(path: Path, library: RuleLibrary, *, shown: str) -> list[Finding]:
    """All findings for one file; never raises for bad input."""
    loaded = load_file(path, shown)
    findings = list(loaded.findings)
    model = loaded.model
    if isinstance(model, Role):
        _, problems = compile_role(loaded, library)  # type: ignore[arg-type]
        findings.extend(problems)
        findings.extend(audit_role(loaded, library).findings)  # type: ignore[arg-type]
    else:
        findings.extend(_rule_findings(loaded, library))
    return findings


def lint(paths: list[Path], library: RuleLibrary, *, base_dir: Path | None = None) -> LintReport:
    """Lint files and folders (recursively)."""
    files, missing = discover(paths)
    findings = list(missing)
    shown_files = []
    for path in files:
        shown = shown_path(path, base_dir)
        shown_files.append(shown)
        findings.extend(lint_file(path, library, shown=shown))
    return LintReport(files=sorted(shown_files), findings=sorted_findings(findings))
