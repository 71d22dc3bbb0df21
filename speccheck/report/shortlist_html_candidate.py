"""One candidate's section of the printed panel pack: at most a couple of A4 pages in a panel's words.

The decision and its reason; a row for each criterion the application meets,
does not meet or evidences (the verdict as a symbol and in words, the panel's
scores, and at most one passage quoted with where it stands: "supporting
statement, paragraph 3"); then, one line each, the criteria with no evidence
(with the words to look for), those assessed later and those the role's
audit leaves out; then what to explore at interview. No file paths, line
numbers or notes meant for whoever prepared the files.
"""

from __future__ import annotations

import re
from html import escape

from speccheck.report.shortlist_parts import (
    cell_label,
    counted_essentials,
    decision_reason,
    interview_notes,
    label,
    score_text,
    short_title,
)
from speccheck.results.shortlist import Cell, CriterionInfo, QuoteOut, RankedCandidate, RankedView, ShortlistReport

QUOTE_LIMIT = 200  # characters of a passage quoted
_SYMBOL = {"met": "✓", "not_met": "✗", "evidenced": "E", "no_evidence": "–", "deferred": "D"}
_VERDICT_PREFIX = re.compile(r"^(?:met|not met|evidenced|no evidence|deferred): ")
_HINT = "evidence addressing it, e.g. mentioning "


def anchor(candidate: RankedView) -> str:
    return f"c-{candidate.code}"


def page_name(candidate: RankedView) -> str:
    """The named page (CSS ``page:``) of a candidate's section, whose running header names them."""
    return f"cand-{candidate.code}"


def criterion_title(criterion: CriterionInfo) -> str:
    """'E01 Qualified Teacher Status ...': the id and a short title, as HTML."""
    return f"<b>{escape(criterion.id)}</b> {escape(short_title(criterion.text))}"


def candidate_section(
    candidate: RankedCandidate, criteria: dict[str, CriterionInfo], report: ShortlistReport
) -> list[str]:
    decision = candidate.decision.value
    out = [
        f'<section class="candidate" id="{anchor(candidate)}" data-candidate="{escape(candidate.candidate_id)}" '
        f'data-decision="{decision}">',
        f'<h2>#{candidate.rank} {escape(label(candidate))} <span class="decision {decision}">{decision.upper()}</span></h2>',
        f"<p><b>{escape(_sentence(decision_reason(candidate, report)))}</b></p>",
        f'<p class="facts">{escape("; ".join(_facts(candidate, report)))}.</p>',
    ]
    shown, missing, later, gone = _sort(candidate, criteria)
    if shown:
        out.append(
            '<table class="criteria"><colgroup><col class="crit"><col class="verdict"><col></colgroup>'
            "<thead><tr><th>Criterion</th><th>Verdict and panel</th>"
            "<th>Evidence, and where it is in the application</th></tr></thead><tbody>"
        )
        out.extend(_row(cell, criteria[cell.criterion_id]) for cell in shown)
        out.append("</tbody></table>")
    if missing:
        found = "; ".join(f"{criterion_title(criteria[c.criterion_id])}{_look_for(c)}" for c in missing)
        out.append(f'<p class="missing"><b>No evidence found</b> for {found}.</p>')
    if later:
        ids = ", ".join(escape(c.criterion_id) for c in later)
        out.append(f'<p class="muted">Assessed later (interview, task or reference): {ids}.</p>')
    if gone:
        ids = ", ".join(f'<s class="struck">{escape(c.criterion_id)}</s>' for c in gone)
        out.append(f'<p class="muted">Not decided on: the role\'s audit leaves out {ids} (see the summary).</p>')
    if candidate.panel_notes:
        out.append('<h3>Panel notes</h3><ul class="notes">')
        out.extend(f"<li>{escape(n.panellist)}: {escape(n.note)}</li>" for n in candidate.panel_notes)
        out.append("</ul>")
    notes = interview_notes(candidate)
    if notes:
        out.append('<h3>To explore at interview</h3><ul class="notes">')
        out.extend(f"<li>{escape(finding.message)}</li>" for finding in notes)
        out.append("</ul>")
    out.append("</section>")
    return out


def _facts(candidate: RankedCandidate, report: ShortlistReport) -> list[str]:
    facts = [
        f"essential criteria met or evidenced: {candidate.essential_met} of {counted_essentials(report)}",
        f"desirable score: {candidate.desirable_score:g}",
        f"panel total: {score_text(candidate.panel_total) or 'not scored'}",
    ]
    if candidate.machine_decision is not candidate.decision:
        facts.append(f"before panel scores: {candidate.machine_decision.value}")
    if candidate.scoring_panellists:
        facts.append("scored by " + ", ".join(candidate.scoring_panellists))
    if candidate.provisional and report.panellists:
        facts.append("provisional: fewer than two panellists' scores count")
    if candidate.conflicted_panellists:
        facts.append("conflict of interest: " + ", ".join(candidate.conflicted_panellists) + " (scores removed)")
    if candidate.redactions:
        facts.append(f"{candidate.redactions} personal detail(s) redacted")
    return facts


def _sort(
    candidate: RankedCandidate, criteria: dict[str, CriterionInfo]
) -> tuple[list[Cell], list[Cell], list[Cell], list[Cell]]:
    """The cells shown in full, those with no evidence, those assessed later, and those left out."""
    shown: list[Cell] = []
    missing: list[Cell] = []
    later: list[Cell] = []
    gone: list[Cell] = []
    for cell in candidate.cells:
        scored = bool(cell.scores) or cell.moderated is not None
        if cell.left_out:
            gone.append(cell)
        elif not criteria[cell.criterion_id].application_stage and not scored:
            later.append(cell)
        elif cell.verdict.value == "no_evidence" and not scored:
            missing.append(cell)
        else:
            shown.append(cell)
    return shown, missing, later, gone


def _look_for(cell: Cell) -> str:
    needs = cell.needs or ""
    if needs.startswith(_HINT):
        return f' <span class="muted">(look for: {escape(needs[len(_HINT) :])})</span>'
    if needs and not needs.startswith("evidence addressing it"):
        return f' <span class="muted">({escape(needs)})</span>'
    return ""


def _row(cell: Cell, criterion: CriterionInfo) -> str:
    level = criterion.level.value
    mark = "●" if level == "essential" else "○"
    verdict = f'<span class="sym">{_SYMBOL[cell.verdict.value]}</span> {escape(cell_label(cell))}'
    if cell.verdict is not cell.machine_verdict:
        verdict += "<br><small>by panel score</small>"
    elif cell.verdict.value == "evidenced":
        verdict += "<br><small>for the panel to judge</small>"
    panel = _panel(cell)
    return (
        f'<tr class="{level}"><td class="crit">{mark} <b>{escape(criterion.id)}</b> {escape(criterion.text)}</td>'
        f'<td class="verdict {cell.verdict.value}">{verdict}{"<br>" + panel if panel else ""}</td>'
        f"<td>{_evidence(cell)}{_notes(cell)}</td></tr>"
    )


def _panel(cell: Cell) -> str:
    """The panel's scores in one line ("Okafor 3, Patel 2"), then the panel score or the agreed one."""
    parts: list[str] = []
    if cell.scores:
        parts.append(", ".join(f"{escape(s.panellist)} {s.score}" for s in cell.scores))
    if cell.moderated is not None:
        parts.append(f"<b>agreed {cell.moderated.score}</b>")
    elif cell.panel_score is not None:
        parts.append(f"<b>panel {score_text(cell.panel_score)}</b>")
    if cell.discuss:
        parts.append('<span class="discuss">differ by 2+: discuss</span>')
    return f"<small>{'; '.join(parts)}</small>" if parts else ""


def _notes(cell: Cell) -> str:
    """The panellists' notes, and the reason for an agreed score, after the evidence."""
    notes = [f"{escape(s.panellist)}: {escape(s.note)}" for s in cell.scores if s.note]
    if cell.moderated is not None:
        notes.append(f"agreed: {escape(cell.moderated.reason)}")
    return f'<div class="pnotes">{"<br>".join(notes)}</div>' if notes else ""


def _evidence(cell: Cell) -> str:
    """Why, in words, and at most one passage with where it stands; evidence the panel already judged by
    its own reading is quoted all the same."""
    summary = _VERDICT_PREFIX.sub("", cell.summary)
    body: list[str] = []
    by_condition = cell.machine_verdict.value in ("met", "not_met")
    if by_condition or "equivalent route" in summary or "working towards" in summary:
        body.append(escape(_first_upper(summary)))
    if cell.evidence and not (by_condition and cell.verdict.value == "met"):
        body.append(_quote(cell.evidence[0], len(cell.evidence) - 1))
    if cell.needs and cell.verdict.value == "not_met" and cell.needs not in cell.summary:
        body.append(f'<small class="muted">{escape(_first_upper(cell.needs))}</small>')
    return " ".join(body)


def _quote(quote: QuoteOut, more: int) -> str:
    text = " ".join(quote.text.split())
    if len(text) > QUOTE_LIMIT:
        text = text[: QUOTE_LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    where = escape(quote.where or "the application")
    if more:
        where += f"; {more} more passage{'s' if more > 1 else ''}"
    return f"<blockquote>&ldquo;{escape(text)}&rdquo; <cite>({where})</cite></blockquote>"


def _sentence(text: str) -> str:
    """Text as a sentence: a capital first, a full stop last (not after an ellipsis)."""
    text = _first_upper(text)
    return text if text.endswith((".", "…")) else text + "."


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]
