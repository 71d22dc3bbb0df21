"""Files -> validated models, or findings at ``path:line:col`` saying what is wrong.

Loading never raises for bad input: every problem (unreadable file, size cap,
bytes that are not UTF-8, YAML syntax, duplicate keys, aliases, wrong kind,
schema errors) becomes a ``Finding`` with a position and a fix, and the caller
carries on with the other files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeGuard, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from speccheck.core.findings import Finding, Position, Severity
from speccheck.core.reading import ReadProblem, read_capped
from speccheck.core.yamlpos import Located, YamlProblem, parse
from speccheck.documents import SEARCHED_SUFFIXES
from speccheck.files.candidate import PERSONAL_FIELDS
from speccheck.files.kinds import FILE_KINDS, FileModel, RuleFile
from speccheck.files.rules import CheckRule, DerivationRule

MAX_FILE_BYTES = 2 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml", ".json")

M = TypeVar("M", bound=BaseModel)


@lru_cache(maxsize=1)
def _rule_adapter() -> TypeAdapter[DerivationRule | CheckRule]:
    """The validator of rule files, built when the first one is read (a cached rule library needs none)."""
    return TypeAdapter(RuleFile)


@dataclass
class Loaded(Generic[M]):
    """One file's outcome: the model (None if it could not be loaded) and its findings."""

    path: str
    model: M | None
    located: Located | None = None
    findings: list[Finding] = field(default_factory=list)
    # A file imported from a document: the place in the document of each item (by its location in the data).
    places: dict[tuple[str | int, ...], Position] | None = None

    def position(self, loc: tuple[str | int, ...], *, key: bool = False) -> Position:
        """The position of a field of this file; for an imported document, the place of the item it belongs to."""
        if self.places is not None:
            for length in range(len(loc), -1, -1):
                if loc[:length] in self.places:
                    return self.places[loc[:length]]
        line, col = self.located.position(loc, key=key) if self.located else (1, 1)
        return Position(path=self.path, line=line, col=col)


def _finding(path: str, rule_id: str, message: str, line: int = 1, col: int = 1, fix: str | None = None) -> Finding:
    return Finding(
        rule_id=rule_id,
        severity=Severity.ERROR,
        message=message,
        position=Position(path=path, line=line, col=col),
        fix=fix,
    )


def read_text(path: Path, shown: str) -> tuple[str | None, list[Finding]]:
    """Read a regular file as UTF-8 text within the size cap, or say why not."""
    raw, findings = read_bytes(path, shown)
    if raw is None:
        return None, findings
    return decode(raw, shown)


def read_bytes(path: Path, shown: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, list[Finding]]:
    """A regular file's bytes within the size cap, or a finding saying why not (``core.reading``)."""
    try:
        return read_capped(path, limit), []
    except ReadProblem as problem:
        return None, [_finding(shown, problem.rule_id, problem.message, fix=problem.fix)]


def decode(raw: bytes, shown: str) -> tuple[str | None, list[Finding]]:
    """Decode UTF-8 (a BOM is allowed), reporting the first bad byte's position."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            _finding(
                shown,
                "file-encoding",
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                line,
                col,
                fix="save the file as UTF-8",
            )
        ]
    if "\x00" in text:
        return None, [
            _finding(
                shown, "file-encoding", "file contains NUL bytes; it looks binary", fix="give a YAML or JSON text file"
            )
        ]
    return text, []


def parse_text(text: str, shown: str) -> tuple[Located | None, list[Finding]]:
    """Parse YAML text into located data, or findings."""
    try:
        located = parse(text)
    except YamlProblem as problem:
        return None, [_finding(shown, problem.rule_id, problem.message, problem.line, problem.col, problem.fix)]
    if located.data is None:
        return None, [
            _finding(
                shown, "file-empty", "file is empty", fix="add the file's content, starting with kind: and version:"
            )
        ]
    if not isinstance(located.data, dict):
        line, col = located.position(())
        return None, [
            _finding(
                shown,
                "file-not-mapping",
                "the top level must be a mapping of keys to values",
                line,
                col,
                fix="start the file with kind: and version:",
            )
        ]
    return located, []


def _describe_error(error: ErrorDetails, data_loc: tuple[str | int, ...]) -> tuple[str, str, bool]:
    """Turn a pydantic error, at its place in the data, into (message, fix, position-at-key)."""
    loc = ".".join(str(part) for part in data_loc if not str(part).startswith("function-"))
    kind = error["type"]
    if kind == "extra_forbidden":
        name = data_loc[-1]
        return f'unknown field "{name}"', "remove it or check its spelling against the schema", True
    if kind == "missing":
        return f'missing required field "{data_loc[-1]}"', "add the field", True
    value = error.get("input")
    personal = any(part in PERSONAL_FIELDS for part in data_loc)
    quotable = isinstance(value, (str, int, float, bool)) and not personal and len(repr(value)) < 60
    shown = repr(value) if quotable else None
    text = error["msg"]
    if text.startswith("Value error, "):
        text = text[len("Value error, ") :]
    message = f"{loc}: {text[:1].lower()}{text[1:]}" if loc else text[:1].lower() + text[1:]
    if shown is not None and kind not in ("value_error",):
        message += f" (found {shown})"
    return message, "correct the value; see the JSON Schema in schemas/", False


def validation_findings(exc: ValidationError, loaded: Loaded[M]) -> list[Finding]:
    """Map each pydantic error to a finding at the place in the file it concerns."""
    findings = []
    data = loaded.located.data if loaded.located else None
    for error in exc.errors(include_url=False):
        loc = _data_loc(error["loc"], data)
        message, fix, at_key = _describe_error(error, loc)
        position = loaded.position(loc[:-1]) if error["type"] == "missing" else loaded.position(loc, key=at_key)
        findings.append(Finding(rule_id="schema", severity=Severity.ERROR, message=message, position=position, fix=fix))
    return findings


def _data_loc(loc: tuple[str | int, ...], data: Any) -> tuple[str | int, ...]:
    """Keep only the parts of a pydantic location that walk the real data."""
    result: list[str | int] = []
    node = data
    parts = list(loc)
    while parts:
        part = parts.pop(0)
        inside = (isinstance(node, dict) and isinstance(part, str) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        )
        if inside:
            result.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not parts:
            result.append(part)  # a missing or unknown key of this mapping
        # else: a union tag or alias name that is not in the data; skip it
    return tuple(result)


def load_data(located: Located, shown: str) -> Loaded[FileModel]:
    """Validate parsed data against the model its ``kind:`` names."""
    loaded: Loaded[FileModel] = Loaded(path=shown, model=None, located=located)
    data = located.data
    kind = data.get("kind")
    known = sorted([*FILE_KINDS, "rule"])
    if kind is None:
        loaded.findings.append(
            _finding(shown, "file-kind", "file has no kind:", 1, 1, fix=f"add kind: one of {', '.join(known)}")
        )
        return loaded
    if not isinstance(kind, str):
        line, col = located.position(("kind",))
        loaded.findings.append(
            _finding(shown, "file-kind", "kind: must be a word", line, col, fix=f"use one of {', '.join(known)}")
        )
        return loaded
    if kind != "rule" and kind not in FILE_KINDS:
        line, col = located.position(("kind",))
        loaded.findings.append(
            _finding(shown, "file-kind", f'unknown kind "{kind}"', line, col, fix=f"use one of {', '.join(known)}")
        )
        return loaded
    try:
        if kind == "rule":
            loaded.model = _rule_adapter().validate_python(data)
        else:
            loaded.model = FILE_KINDS[kind].model_validate(data)
    except ValidationError as exc:
        loaded.findings.extend(validation_findings(exc, loaded))
    return loaded


def load_text(text: str, shown: str) -> Loaded[FileModel]:
    """Parse and validate one file's text."""
    located, findings = parse_text(text, shown)
    if located is None:
        return Loaded(path=shown, model=None, findings=findings)
    return load_data(located, shown)


def load_file(path: Path, shown: str | None = None) -> Loaded[FileModel]:
    """Read, parse and validate one file; never raises for bad input."""
    shown = shown if shown is not None else str(path)
    text, findings = read_text(path, shown)
    if text is None:
        return Loaded(path=shown, model=None, findings=findings)
    return load_text(text, shown)


def is_kind(loaded: Loaded[FileModel], model: type[M]) -> TypeGuard[Loaded[M]]:
    """Whether the file loaded as a ``model``."""
    return isinstance(loaded.model, model)


def of_kind(loaded: Loaded[FileModel], model: type[M]) -> Loaded[M]:
    """A loaded file narrowed to one kind: its model if it is a ``model``, else none and a finding at its ``kind:``."""
    if is_kind(loaded, model):
        return loaded
    if loaded.model is None:
        return Loaded(path=loaded.path, model=None, located=loaded.located, findings=loaded.findings)
    expected = model.__name__.lower()
    wrong = _finding(
        loaded.path,
        "file-kind",
        f'expected a {expected} file; found kind "{loaded.model.kind}"',
        *loaded.located.position(("kind",)) if loaded.located else (1, 1),
        fix=f"give a file with kind: {expected}",
    )
    return Loaded(path=loaded.path, model=None, located=loaded.located, findings=[*loaded.findings, wrong])


def load_as(path: Path, model: type[M], shown: str | None = None) -> Loaded[M]:
    """Load a file that must be of one kind (a role, a candidate)."""
    return of_kind(load_file(path, shown), model)


NOTHING_IN_FOLDER = "nothing to check"  # the message of a folder with no file to check (``require_inputs``)


def discover(paths: list[Path], *, documents: bool = False) -> tuple[list[Path], list[Finding]]:
    """Expand folders (recursively) into YAML/JSON files, sorted; a missing path, a folder that cannot be
    read (or a subfolder) and a folder with nothing to check are findings, never a silent pass.

    With ``documents``, folders are searched for Word, PDF and text documents too (``.docx``, ``.pdf``, ``.txt``)."""
    suffixes = YAML_SUFFIXES + (SEARCHED_SUFFIXES if documents else ())
    files: list[Path] = []
    findings: list[Finding] = []
    for path in paths:
        kind = _path_kind(path)
        if kind == "folder":
            before = len(findings)
            found = _walk(path, findings, suffixes)
            if not found and len(findings) == before:
                held = "spec file or document" if documents else ".yaml, .yml or .json file"
                findings.append(
                    _finding(
                        str(path),
                        "file-missing",
                        f"folder holds no {held}: {NOTHING_IN_FOLDER}",
                        fix="check the path",
                    )
                )
            files.extend(found)
        elif kind == "other":
            files.append(path)  # anything else is reported when it is read (a pipe, a device, no permission)
        else:
            findings.append(_finding(str(path), "file-missing", "no such file or folder", fix="check the path"))
    return files, findings


def _path_kind(path: Path) -> str:
    """ "folder", "missing" or "other" (a file, or anything that is reported when it is read)."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "missing"
    try:
        return "folder" if path.is_dir() else "other"
    except OSError:
        return "other" if mode else "missing"


def _walk(folder: Path, findings: list[Finding], suffixes: tuple[str, ...] = YAML_SUFFIXES) -> list[Path]:
    """The files under ``folder`` with one of ``suffixes``, sorted, hidden files and folders (and Word's
    "~$" lock files) left out; a folder that cannot be listed is a finding."""

    def unreadable(exc: OSError) -> None:
        shown = exc.filename if isinstance(exc.filename, str) else str(folder)
        findings.append(
            _finding(
                shown,
                "file-unreadable",
                f"cannot read folder: {exc.strerror or exc}",
                fix="check the path and permissions",
            )
        )

    found: list[Path] = []
    for root, folders, names in os.walk(folder, onerror=unreadable):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        base = Path(root)
        found.extend(
            base / name
            for name in names
            if not name.startswith((".", "~$")) and os.path.splitext(name)[1].lower() in suffixes
        )
    return sorted(found)
