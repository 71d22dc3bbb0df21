"""A lint report -> a baseline: one waiver per file and rule, so a team adopts speccheck and fails only on new findings.

Each waiver names the file exactly (glob characters escaped) and records how
many findings it accepts (``count``), so a new finding of the same rule in the
same file is still reported. Regenerating keeps the waivers of files that were
not linted this time. Findings about suppressions and the configuration are
never baselined.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Required, TypedDict

import yaml

from speccheck.core.findings import Finding
from speccheck.lint.config import META_CATEGORIES, Waiver
from speccheck.results.builtin_rules import BUILTIN_RULES

DEFAULT_REASON = "baseline: present when speccheck was adopted"
HEADER = (
    "# speccheck baseline: findings accepted when speccheck was adopted, so only new findings fail.\n"
    "# Written by `speccheck baseline`; paths are relative to the folder of the configuration file.\n"
    "# Fix these over time and run `speccheck baseline` again to shrink this file.\n"
)


class Entry(TypedDict, total=False):
    """One waiver as the baseline file writes it, keys in this order."""

    rule: Required[str]
    path: Required[str]
    count: int
    reason: str
    owner: str
    expires: dt.date


_META = {info.id for info in BUILTIN_RULES if info.category in META_CATEGORIES}


def escape_glob(path: str) -> str:
    """A path as a glob that matches only itself."""
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in path)


def waivers_for(
    findings: list[Finding], *, reason: str | None = None, owner: str | None = None, expires: dt.date | None = None
) -> list[Entry]:
    """One waiver per (file, rule) with the number of findings, sorted by file and rule."""
    counts = Counter(
        (finding.position.path, finding.rule_id)
        for finding in findings
        if finding.position is not None and finding.rule_id not in _META
    )
    waivers = []
    for (path, rule), count in sorted(counts.items()):
        entry: Entry = {
            "rule": rule,
            "path": escape_glob(path),
            "count": count,
            "reason": reason or DEFAULT_REASON,
        }
        if owner:
            entry["owner"] = owner
        if expires:
            entry["expires"] = expires
        waivers.append(entry)
    return waivers


def merge(existing: list[Waiver], new: list[Entry], linted: list[str]) -> list[Entry]:
    """The new waivers, plus the existing ones whose glob matches none of the files linted now."""
    kept = [_as_entry(w) for w in existing if not any(w.path.matches(path) for path in linted)]
    return sorted(kept + new, key=lambda entry: (entry["path"], entry["rule"]))


def _as_entry(waiver: Waiver) -> Entry:
    entry: Entry = {"rule": waiver.rule, "path": waiver.path.pattern}
    if waiver.count is not None:
        entry["count"] = waiver.count
    if waiver.reason is not None:
        entry["reason"] = waiver.reason
    if waiver.owner is not None:
        entry["owner"] = waiver.owner
    if waiver.expires is not None:
        entry["expires"] = waiver.expires
    return entry


class _FullValues(yaml.SafeDumper):
    """Writes every value out in full. The loader refuses YAML aliases, and one expiry date shared by several
    waivers would otherwise be written once with an anchor and then as aliases to it."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def render(waivers: list[Entry]) -> str:
    """The baseline file's text (``kind: waivers``)."""
    body: str = yaml.dump(
        {"kind": "waivers", "version": 1, "waivers": waivers},
        Dumper=_FullValues,
        sort_keys=False,
        allow_unicode=True,
        width=120,
    )
    return HEADER + body
