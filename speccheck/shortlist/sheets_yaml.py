"""Score sheets and moderation files written as YAML (or JSON) -> rows and findings at ``path:line:col``."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from speccheck.files.loader import Loaded, parse_text, validation_findings
from speccheck.files.scores import ModerationFile, ScoreSheet
from speccheck.shortlist.sheets import MODERATION_COLUMNS, Conflict, ModeratedRow, ScoreRow, Sheets, sheet_finding

M = TypeVar("M", bound=BaseModel)


def parse_scores_yaml(text: str, shown: str) -> Sheets:
    """One YAML score sheet."""
    sheets = Sheets()
    loaded = _validated(text, shown, ScoreSheet, "scores", sheets)
    if loaded is None or loaded.model is None:
        return sheets
    sheet = loaded.model
    for index, conflict in enumerate(sheet.conflicts):
        panellist = conflict.panellist or sheet.panellist
        position = loaded.position(("conflicts", index))
        if panellist is None:
            sheets.findings.append(
                sheet_finding(
                    "score-missing-field",
                    "conflict has no panellist",
                    position,
                    "give panellist: at the top of the sheet",
                )
            )
            continue
        sheets.conflicts.append(Conflict(panellist, conflict.candidate, conflict.reason, position))
    for index, item in enumerate(sheet.scores):
        panellist = item.panellist or sheet.panellist
        position = loaded.position(("scores", index))
        if panellist is None:
            sheets.findings.append(
                sheet_finding(
                    "score-missing-field", "score has no panellist", position, "give panellist: at the top of the sheet"
                )
            )
            continue
        where = {name: loaded.position(("scores", index, name)) for name in ("candidate", "criterion", "score", "note")}
        sheets.scores.append(
            ScoreRow(panellist, item.candidate, item.criterion, item.score, item.note, position, where)
        )
    return sheets


def parse_moderation_yaml(text: str, shown: str) -> Sheets:
    """One YAML moderation file."""
    sheets = Sheets()
    loaded = _validated(text, shown, ModerationFile, "moderation", sheets)
    if loaded is None or loaded.model is None:
        return sheets
    for index, item in enumerate(loaded.model.moderated):
        where = {name: loaded.position(("moderated", index, name)) for name in MODERATION_COLUMNS}
        sheets.moderated.append(
            ModeratedRow(
                item.candidate, item.criterion, item.score, item.reason, loaded.position(("moderated", index)), where
            )
        )
    return sheets


def _validated(text: str, shown: str, model: type[M], kind: str, sheets: Sheets) -> Loaded[M] | None:
    """The file parsed and validated as ``model``; None, with the findings added to ``sheets``, if it is not one."""
    located, findings = parse_text(text, shown)
    sheets.findings.extend(findings)
    if located is None:
        return None
    loaded: Loaded[M] = Loaded(path=shown, model=None, located=located)
    found = located.data.get("kind")
    if found != kind:
        sheets.findings.append(
            sheet_finding(
                "file-kind",
                f'expected a {kind} file; found kind "{found}"'
                if found is not None
                else f"file has no kind: (expected {kind})",
                loaded.position(("kind",)),
                f"start the file with kind: {kind} and version: 1",
            )
        )
        return None
    try:
        loaded.model = model.model_validate(located.data)
    except ValidationError as exc:
        sheets.findings.extend(validation_findings(exc, loaded))
        return None
    return loaded
