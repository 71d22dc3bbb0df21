"""Qualifications awarded recently: the codes held that the application dates within the role's window.

A year in the window's first year counts (a year alone cannot say which side of the day an award fell); a
code with no year is not shown to be recent, and its note says so, so a panel can ask for the date.
"""

from __future__ import annotations

from collections.abc import Callable

from speccheck.facts.employment import Judged
from speccheck.facts.values import Facts
from speccheck.files.candidate import Candidate

CodesOf = Callable[[str], set[str]]  # the qualification codes a name says are held


def _award_years(candidate: Candidate, codes_of: CodesOf) -> dict[str, list[int | None]]:
    """The years each qualification code held was awarded in, as the application dates them (None: no year)."""
    found: dict[str, list[int | None]] = {}
    status = candidate.professional_status
    if status is not None and status.qualified_teacher_status == "yes":
        found.setdefault("QTS", []).append(status.qualified_teacher_status_year)
    if status is not None and status.qtls:
        found.setdefault("QTLS", []).append(None)
    for qualification in candidate.qualifications or []:
        for code in codes_of(qualification.name):
            found.setdefault(code, []).append(qualification.year)
    for training in candidate.training_and_cpds or []:
        if training.completed:
            for code in codes_of(training.name):
                found.setdefault(code, []).append(training.year_awarded)
    return found


def recent_qualifications(candidate: Candidate, codes_of: CodesOf, judged: Judged, facts: Facts) -> None:
    """Codes held and awarded within the recent window, by year: a year the window starts in counts (a year alone
    cannot say which side of the day an award fell); a code with no year is not shown to be recent, and says so."""
    held = facts.values.get("qualifications")
    if not isinstance(held, list):
        return
    first, last = judged.recent_from.year, judged.as_of.year
    recent: list[str] = []
    notes: list[str] = []
    earlier: list[str] = []
    later: list[str] = []
    undated: list[str] = []
    for code, years in sorted(_award_years(candidate, codes_of).items()):
        if code not in held:
            continue
        dated = sorted({y for y in years if y is not None})
        within = [y for y in dated if first <= y <= last]
        before = [y for y in dated if y < first]
        if within:
            recent.append(code)
            notes.append(f"{code} {within[-1]}")
        elif before:
            earlier.append(f"{code} {before[-1]}")
        elif dated:
            later.append(f"{code} {dated[0]}")
        else:
            undated.append(code)
    left_out = [f"{', '.join(undated)}: no year given, so not shown to be recent"] if undated else []
    if earlier:
        left_out.append(f"{', '.join(earlier)}: awarded before {judged.before_window}")
    if later:
        left_out.append(f"{', '.join(later)}: dated after the date judged at ({judged.as_of})")
    facts.values["recent_qualifications"] = recent
    facts.notes["recent_qualifications"] = notes
    facts.left_out["recent_qualifications"] = left_out
