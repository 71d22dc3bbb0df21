"""Score sheets and moderation files written as CSV -> rows and findings at ``path:row:column``."""

from __future__ import annotations

from speccheck.core.csvrows import csv_records
from speccheck.core.findings import Finding, Position, Severity
from speccheck.shortlist.sheets import (
    CONFLICT_WORD,
    MODERATION_COLUMNS,
    SCORE_COLUMNS,
    Conflict,
    ModeratedRow,
    ScoreRow,
    Sheets,
    sheet_finding,
)

Cells = dict[str, str]  # column -> the cell's text, stripped
Where = dict[str, Position]  # column -> the cell's position


def parse_scores_csv(text: str, shown: str) -> Sheets:
    """One CSV score sheet."""
    sheets = Sheets()
    rows = _csv_rows(text, shown, sheets)
    columns, findings = _header(rows, shown, SCORE_COLUMNS, frozenset({"note"}))
    sheets.findings.extend(findings)
    if columns is None:
        return sheets
    for line, record in rows[1:]:
        if not any(cell.strip() for cell in record):
            continue
        values, where = _cells(record, columns, line, shown)
        position = Position(path=shown, line=line, col=1)
        if values["score"].lower() == CONFLICT_WORD:
            _conflict_row(values, where, position, sheets)
        else:
            _score_row(values, where, position, sheets)
    return sheets


def parse_moderation_csv(text: str, shown: str) -> Sheets:
    """One CSV moderation file."""
    sheets = Sheets()
    rows = _csv_rows(text, shown, sheets)
    columns, findings = _header(rows, shown, MODERATION_COLUMNS, frozenset())
    sheets.findings.extend(findings)
    if columns is None:
        return sheets
    for line, record in rows[1:]:
        if not any(cell.strip() for cell in record):
            continue
        values, where = _cells(record, columns, line, shown)
        empty = [name for name in MODERATION_COLUMNS if not values[name]]
        if empty:
            fix = (
                "a moderated score needs the reason the panel agreed it"
                if empty[0] == "reason"
                else f"give the {empty[0]}"
            )
            sheets.findings.append(
                sheet_finding("moderation-missing-field", f"moderated score has no {empty[0]}", where[empty[0]], fix)
            )
            continue
        score = parse_score(values["score"], where["score"])
        if isinstance(score, Finding):
            sheets.findings.append(score)
            continue
        sheets.moderated.append(
            ModeratedRow(
                values["candidate"],
                values["criterion"],
                score,
                values["reason"],
                Position(path=shown, line=line, col=1),
                where,
            )
        )
    return sheets


def _conflict_row(values: Cells, where: Where, position: Position, sheets: Sheets) -> None:
    """A row whose score is ``conflict``: a declared conflict of interest, or a finding."""
    empty = [name for name in ("panellist", "candidate") if not values[name]]
    if empty:
        sheets.findings.append(
            sheet_finding(
                "score-missing-field",
                f"conflict row has no {empty[0]}",
                where[empty[0]],
                f"give the {empty[0]}",
            )
        )
        return
    if values["criterion"] not in ("", "*"):
        sheets.findings.append(
            sheet_finding(
                "score-conflict-criterion",
                f'a conflict is declared for the whole candidate; criterion "{values["criterion"]}" is ignored',
                where["criterion"],
                "leave the criterion empty or write *",
                Severity.WARNING,
            )
        )
    sheets.conflicts.append(Conflict(values["panellist"], values["candidate"], values.get("note") or None, position))


def _score_row(values: Cells, where: Where, position: Position, sheets: Sheets) -> None:
    """A row giving one score, or a finding saying what it lacks."""
    empty = [name for name in ("panellist", "candidate", "criterion", "score") if not values[name]]
    if empty:
        sheets.findings.append(
            sheet_finding(
                "score-missing-field",
                f"row has no {empty[0]}",
                where[empty[0]],
                f"give the {empty[0]}, or delete the row",
            )
        )
        return
    score = parse_score(values["score"], where["score"])
    if isinstance(score, Finding):
        sheets.findings.append(score)
        return
    sheets.scores.append(
        ScoreRow(
            values["panellist"],
            values["candidate"],
            values["criterion"],
            score,
            values.get("note") or None,
            position,
            where,
        )
    )


def _csv_rows(text: str, shown: str, sheets: Sheets) -> list[tuple[int, list[str]]]:
    """CSV records with the 1-based line each starts on (a quoted field may span lines); a record that cannot
    be read is a finding, and the rows before it are still used."""
    rows, problem = csv_records(text)
    if problem is not None:
        sheets.findings.append(
            sheet_finding(
                "csv-syntax",
                f"cannot read the CSV from here on: {problem.message}",
                Position(path=shown, line=problem.line, col=1),
                "save the sheet as CSV (comma separated)",
            )
        )
    return rows


def _header(
    rows: list[tuple[int, list[str]]], shown: str, wanted: tuple[str, ...], optional: frozenset[str]
) -> tuple[dict[str, int] | None, list[Finding]]:
    """The column of each wanted name, or None with findings when the header cannot be used."""
    if not rows:
        return None, [
            sheet_finding(
                "score-sheet-empty",
                "the sheet is empty",
                Position(path=shown, line=1, col=1),
                "add a header row: " + ", ".join(wanted),
            )
        ]
    line, names = rows[0]
    columns: dict[str, int] = {}
    findings: list[Finding] = []
    for index, name in enumerate(names):
        key = name.strip().lower()
        if not key:
            continue
        if key not in wanted:
            findings.append(
                sheet_finding(
                    "score-sheet-column",
                    f'unknown column "{name.strip()}"; it is ignored',
                    Position(path=shown, line=line, col=index + 1),
                    "the columns are " + ", ".join(wanted),
                    Severity.WARNING,
                )
            )
        elif key in columns:
            findings.append(
                sheet_finding(
                    "score-sheet-column",
                    f'column "{key}" appears twice',
                    Position(path=shown, line=line, col=index + 1),
                    "keep one",
                )
            )
            return None, findings
        else:
            columns[key] = index
    missing = [name for name in wanted if name not in columns and name not in optional]
    if missing:
        findings.append(
            sheet_finding(
                "score-sheet-header",
                "the header row lacks the column(s) " + ", ".join(f'"{m}"' for m in missing),
                Position(path=shown, line=line, col=1),
                "the first row names the columns: " + ", ".join(wanted),
            )
        )
        return None, findings
    return columns, findings


def _cells(record: list[str], columns: dict[str, int], line: int, shown: str) -> tuple[Cells, Where]:
    values: Cells = {}
    where: Where = {}
    for name, index in columns.items():
        values[name] = record[index].strip() if index < len(record) else ""
        where[name] = Position(path=shown, line=line, col=index + 1)
    return values, where


def parse_score(raw: str, position: Position) -> int | Finding:
    """A whole-number score, or the finding that says it is not one."""
    try:
        number = float(raw)
    except ValueError:
        return sheet_finding(
            "score-not-a-number", f'score "{raw}" is not a number', position, "give a whole number on the role's scale"
        )
    if number != number or not number.is_integer():
        return sheet_finding(
            "score-not-a-number",
            f'score "{raw}" is not a whole number',
            position,
            "give a whole number on the role's scale",
        )
    return int(number)
