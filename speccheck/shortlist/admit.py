"""Who a shortlist ranks: one application per candidate id, each with its blind code.

An application that could not be evaluated, a second use of an id and an id
written like a blind code are left out, each with a finding: no application
can take another's place, scores or code (``blind``). Every candidate gets
its code, every file left out a code of its own (for blind positions), and
the ranking learns every name a score sheet may use for a candidate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from speccheck.core.findings import Finding, Position, Severity
from speccheck.shortlist.blind import CODE_PREFIX, Identity, assign_codes, looks_like_code
from speccheck.shortlist.entries import Entry


@dataclass
class Admitted:
    """The applications of a run as the ranking sees them: admitted or left out, and their codes."""

    kept: list[Entry] = field(default_factory=list)  # evaluated, one per candidate id
    failed: list[Entry] = field(default_factory=list)  # not evaluated, or a second use of an id
    codes: dict[str, str] = field(default_factory=dict)  # candidate id -> blind code
    names: dict[str, str] = field(default_factory=dict)  # id or code, as a sheet may name it -> candidate id
    paths: dict[str, str] = field(default_factory=dict)  # file (or CSV file:row) -> code, for blind positions
    identities: list[Identity] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)  # (text, code) every blind text must replace


def admit(entries: Sequence[Entry], salt: str, findings: list[Finding]) -> Admitted:
    """Candidates that could be evaluated, one per id, with their codes. An id written like a blind code and a
    second use of an id are findings, and that application is left out: no application can claim another's code."""
    batch = Admitted()
    first_at: dict[str, str] = {}
    for item in entries:
        if item.candidate_id is None:
            batch.failed.append(item)
            continue
        key = item.candidate_id
        problem = _id_problem(key, first_at, Position(path=item.path, line=1, col=1))
        if problem is not None:
            batch.failed.append(item)
            findings.append(problem)
            continue
        first_at[key] = item.shown
        batch.kept.append(item)
    batch.codes = assign_codes(list(first_at), salt)
    for item in list(batch.kept):
        assert item.candidate_id is not None
        key = item.candidate_id
        code = batch.codes[key]
        if any(batch.names.get(name, key) != key for name in (key, code)):
            # Cannot happen while ids written like codes are refused; if it ever did, neither is ranked silently.
            batch.kept.remove(item)
            batch.failed.append(item)
            findings.append(
                Finding(
                    rule_id="candidate-id-reserved",
                    severity=Severity.ERROR,
                    message=f'candidate id "{key}" or its code "{code}" names another candidate too; this application is left out of the ranking',
                    position=Position(path=item.path, line=1, col=1),
                    fix="give each application its own id",
                )
            )
            continue
        batch.names[key] = key
        batch.names[code] = key
        batch.paths[item.shown] = code
        if item.identity is not None:
            batch.identities.append(item.identity)
        batch.extra.extend([(item.shown, code), (key, code)])
    failed_codes = assign_codes([item.shown for item in batch.failed], salt + ":file")
    for item in batch.failed:
        batch.paths[item.shown] = failed_codes[item.shown]
        batch.extra.append((item.shown, failed_codes[item.shown]))
    return batch


def _id_problem(key: str, first_at: dict[str, str], position: Position) -> Finding | None:
    """Why an application's id cannot be ranked, or None."""
    if looks_like_code(key):
        return Finding(
            rule_id="candidate-id-reserved",
            severity=Severity.ERROR,
            message=f'candidate id "{key}" is written like a blind candidate code; this application is left out of the ranking',
            position=position,
            fix=f"give an id that does not start {CODE_PREFIX} (codes are the panel's names for candidates)",
        )
    if key in first_at:
        return Finding(
            rule_id="candidate-duplicate-id",
            severity=Severity.ERROR,
            message=f'candidate id "{key}" is also used by {first_at[key]}; this application is left out of the ranking',
            position=position,
            fix="give each application its own id",
        )
    return None
