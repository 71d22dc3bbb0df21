"""The decision record of a shortlist run, and checking a re-run against it.

A record says exactly what a shortlist was made from and what it was: the
sha256 of the role file, of every rule file, of every candidate file and of
every score sheet and moderation file; the speccheck, durable_rules and Python
versions; the arguments (so ``--verify`` can re-run it); and the sha256 of
the shortlist itself (its JSON form) with the ranking. In blind mode candidate
files are named by code and arguments that would name a candidate are
replaced, so the record can be given to the panel too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from speccheck import __version__
from speccheck.core.findings import Finding, Position, Severity
from speccheck.core.resources import bundled
from speccheck.files.loader import discover, read_bytes
from speccheck.files.role import AsOfFrom
from speccheck.results.shortlist import RankedView

RECORD_KIND = "shortlist-record"
RECORDED_FILE_BYTES = 64 * 1024 * 1024  # an applicants CSV may be larger than a spec file


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FileHash(_Frozen):
    path: str = Field(description="File as given (a code for candidate files in blind mode).")
    sha256: str | None = Field(description="sha256 of the bytes read; null if the file could not be read.")


class Arguments(_Frozen):
    """The command that made the shortlist, enough to run it again."""

    role: str
    candidates: list[str]
    scores: list[str] = Field(default_factory=list)
    moderated: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)
    as_of: dt.date
    as_of_from: AsOfFrom = Field(
        default="given", description="Where as_of came from: given (--as-of), the role's closing_date, or today."
    )
    anonymise: bool = False
    panel: list[str] = Field(default_factory=list, description="The shortlisting panel given with --panel.")
    meeting_date: dt.date | None = Field(default=None, description="The meeting date given with --meeting-date.")


class Ranked(_Frozen):
    rank: int
    candidate: str = Field(description="Candidate id (code in blind mode).")
    decision: str


class Versions(_Frozen):
    speccheck: str
    durable_rules: str
    python: str


class Record(_Frozen):
    """What a shortlist was made from, and what it was."""

    kind: Literal["shortlist-record"] = Field(default="shortlist-record", description="Always 'shortlist-record'.")
    version: Literal[1] = Field(default=1, description="Record format version; another is refused.")
    versions: Versions
    arguments: Arguments
    arguments_redacted: bool = Field(
        default=False, description="An argument named a candidate and was replaced by its code."
    )
    blind_key: str | None = Field(
        default=None,
        description="The secret this run's candidate codes are keyed with (new for every run); "
        "--verify and --codes-from reuse it. Whoever holds it and the ids can link codes to ids.",
    )
    role: FileHash
    rules: list[FileHash]
    candidates: list[FileHash]
    score_sheets: list[FileHash]
    moderation: list[FileHash]
    result_sha256: str = Field(description="sha256 of the shortlist as JSON.")
    ranking: list[Ranked]


def versions() -> Versions:
    try:
        durable = metadata.version("durable-rules")
    except metadata.PackageNotFoundError:  # pragma: no cover - the engine is a dependency
        durable = "unknown"
    return Versions(speccheck=__version__, durable_rules=durable, python=platform.python_version())


def file_hash(path: Path, shown: str | None = None) -> FileHash:
    """sha256 of a file's bytes, or null if it cannot be read."""
    raw, _ = read_bytes(path, str(path), RECORDED_FILE_BYTES)
    digest = hashlib.sha256(raw).hexdigest() if raw is not None else None
    return FileHash(path=shown if shown is not None else str(path), sha256=digest)


def rule_hashes(folders: list[Path]) -> list[FileHash]:
    """Every file of the bundled rules (as rules/...) and of each extra folder (as given)."""
    hashes: list[FileHash] = []
    root = bundled("rules")
    paths, _ = discover([root])
    hashes.extend(file_hash(p, "rules/" + p.relative_to(root).as_posix()) for p in paths)
    for folder in folders:
        found, _ = discover([folder])
        hashes.extend(file_hash(p) for p in found)
    return hashes


def ranking_of(rows: Sequence[RankedView]) -> list[Ranked]:
    """The record's ranking: each candidate's rank, id (code in blind mode) and decision, in rank order."""
    return [Ranked(rank=c.rank, candidate=c.candidate_id, decision=c.decision.value) for c in rows]


def build_record(
    *,
    result: str,
    ranking: list[Ranked],
    arguments: Arguments,
    arguments_redacted: bool,
    blind_key: str | None = None,
    role: FileHash,
    rules: list[FileHash],
    candidates: list[FileHash],
    score_sheets: list[FileHash],
    moderation: list[FileHash],
) -> Record:
    return Record(
        versions=versions(),
        arguments=arguments,
        arguments_redacted=arguments_redacted,
        blind_key=blind_key,
        role=role,
        rules=rules,
        candidates=candidates,
        score_sheets=score_sheets,
        moderation=moderation,
        result_sha256=result,
        ranking=ranking,
    )


def render(record: Record) -> str:
    return record.model_dump_json(indent=2) + "\n"


def read_record(text: str, shown: str) -> tuple[Record | None, list[Finding]]:
    """A record from its JSON text, or a finding saying why not."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [
            Finding(
                rule_id="record-invalid",
                severity=Severity.ERROR,
                message=f"not JSON: {exc.msg}",
                position=Position(path=shown, line=exc.lineno, col=exc.colno),
                fix="give the file written by --record",
            )
        ]
    if not isinstance(data, dict) or data.get("kind") != RECORD_KIND:
        return None, [
            Finding(
                rule_id="record-invalid",
                severity=Severity.ERROR,
                message="not a shortlist decision record",
                position=Position(path=shown, line=1, col=1),
                fix="give the file written by --record",
            )
        ]
    try:
        return Record.model_validate(data), []
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        return None, [
            Finding(
                rule_id="record-invalid",
                severity=Severity.ERROR,
                message=f"{where}: {first['msg'].lower()}",
                position=Position(path=shown, line=1, col=1),
                fix="give the file written by --record, unchanged",
            )
        ]


def differences(old: Record, new: Record) -> list[str]:
    """What differs between a record and the record of its re-run; empty only when every field is the same.

    The re-run's result is compared whole: its sha256, and the ranking entry by entry (order, rank and
    decision), whatever the recorded sha256 says, so a record edited by hand does not verify."""
    found: list[str] = []
    for name in ("speccheck", "durable_rules", "python"):
        before, after = getattr(old.versions, name), getattr(new.versions, name)
        if before != after:
            found.append(f"{name} version: {before} then, {after} now")
    found.extend(_files("role", [old.role], [new.role]))
    found.extend(_files("rule file", old.rules, new.rules))
    found.extend(_files("candidate file", old.candidates, new.candidates))
    found.extend(_files("score sheet", old.score_sheets, new.score_sheets))
    found.extend(_files("moderation file", old.moderation, new.moderation))
    if old.result_sha256 != new.result_sha256:
        found.append(
            f"the shortlist differs (sha256 {old.result_sha256[:12]}... then, {new.result_sha256[:12]}... now)"
        )
    elif old.ranking != new.ranking:
        found.append("the recorded ranking is not the ranking its recorded sha256 stands for (was it edited?)")
    if old.ranking != new.ranking:
        found.extend(_ranking_changes(old.ranking, new.ranking) or ["  the same entries in another order"])
    compared = {"versions", "role", "rules", "candidates", "score_sheets", "moderation", "result_sha256", "ranking"}
    for name in Record.model_fields:
        if name not in compared and getattr(old, name) != getattr(new, name):
            found.append(f"the record's {name} differs from the re-run's")
    return found


def _ranking_changes(old: list[Ranked], new: list[Ranked]) -> list[str]:
    """Each candidate whose rank or decision differs between two rankings, by candidate."""
    found: list[str] = []
    before = {r.candidate: r for r in old}
    after = {r.candidate: r for r in new}
    for candidate in sorted(before.keys() | after.keys()):
        if candidate not in before:
            now = after[candidate]
            found.append(f"  {candidate}: not in the recorded shortlist; now rank {now.rank} ({now.decision})")
        elif candidate not in after:
            then = before[candidate]
            found.append(f"  {candidate}: rank {then.rank} ({then.decision}) then; not in the shortlist now")
        else:
            then, now = before[candidate], after[candidate]
            if (then.rank, then.decision) != (now.rank, now.decision):
                found.append(
                    f"  {candidate}: rank {then.rank} ({then.decision}) then, rank {now.rank} ({now.decision}) now"
                )
    return found


def _files(label: str, old: list[FileHash], new: list[FileHash]) -> list[str]:
    found: list[str] = []
    before = {f.path: f.sha256 for f in old}
    after = {f.path: f.sha256 for f in new}
    for path in sorted(before.keys() | after.keys()):
        if path not in after:
            found.append(f"{label} {path}: recorded, not read now")
        elif path not in before:
            found.append(f"{label} {path}: read now, not recorded")
        elif before[path] != after[path]:
            found.append(f"{label} {path}: changed since the record (sha256 differs)")
    return found
