"""HTML renderer of a shortlist: a self-contained panel pack, laid out to be printed on A4.

One file, no scripts, no external resources. What it prints, in order:

* the summary: the post, the meeting date and the panel; the role's audit
  errors and warnings, with the criteria they leave out of the decisions struck
  through; the decisions grouped (shortlist, review, reject), each candidate's
  reason in words; a signature block for the panel;
* the criteria and candidates: the matrix with criteria down the side (id, a
  marker for essential or desirable, a short title) and up to eight candidates
  across each block, so it stays legible in print and in greyscale (symbols, not
  colour alone, carry every verdict); the criteria assessed later; then scores
  to discuss, conflicts and panel agreement;
* one section per candidate, starting on a new page (``shortlist_html_candidate``).

``@page`` rules give A4 portrait pages a running header (the post, and the
section or candidate), and a footer "Confidential — shortlisting" and "Page x
of y": each candidate section is a named page whose header names the
candidate (their code in blind mode). Every candidate section and decision
row carries ``data-candidate`` and ``data-decision`` for machines; the matrix
links each candidate to their section, so a PDF keeps a destination per
candidate.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from speccheck.core.findings import Finding
from speccheck.report.shortlist_html_candidate import anchor, candidate_section, criterion_title
from speccheck.report.shortlist_html_style import style_sheet
from speccheck.report.shortlist_parts import (
    DECISION_HEADING,
    DECISION_MEANING,
    counted_essentials,
    decision_reason,
    judged,
    label,
    later,
    left_out,
    score_text,
    short_title,
)
from speccheck.report.shortlist_stream import CandidatePart, Piece, Write, joined
from speccheck.results.evaluation import judged_as_at
from speccheck.results.shortlist import CellView, CriterionInfo, RankedCandidate, RankedView, ShortlistReport

PER_BLOCK = 8  # candidates across one block of the matrix (A4 portrait)
BLANK_SIGNATURES = 3  # signature lines when no panel is named
PRINT_SYMBOL = {"met": "✓", "not_met": "✗", "evidenced": "E", "no_evidence": "–", "deferred": "D"}


def render(report: ShortlistReport, **_: object) -> str:
    return joined(Stream, report)


def piece(candidate: RankedCandidate, frame: ShortlistReport) -> str:
    """A candidate's section."""
    return "\n".join(candidate_section(candidate, {c.id: c for c in frame.criteria}, frame))


class Stream:
    """The summary and the matrix (from the rows), then a section a candidate as it comes, then the end."""

    wants_model = False

    def __init__(self, write: Write, **_: object) -> None:
        self.write = write
        self.piece: Piece | None = piece

    def start(self, frame: ShortlistReport, rows: Sequence[RankedView]) -> None:
        head = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>Shortlisting pack: {escape(frame.role_title)}</title>",
            f"<style>{style_sheet(frame, rows)}</style>",
            "</head>",
            "<body>",
            '<section class="summary" id="summary">',
            *_heading(frame, rows),
            *_audit(frame),
            *_decisions(frame, rows),
            *_panel(frame),
            *_signatures(frame),
            *_problems(frame.findings),
            "</section>",
            *_matrix(frame, rows),
        ]
        self.write("\n".join(head) + "\n")

    def add(self, part: CandidatePart, piece: str | None) -> None:
        assert piece is not None
        self.write(piece + "\n")

    def finish(self) -> None:
        self.write("</body>\n</html>\n")


def _heading(report: ShortlistReport, rows: Sequence[RankedView]) -> list[str]:
    meeting = str(report.meeting_date) if report.meeting_date else "____________________"
    panel = ", ".join(escape(p) for p in report.panel) or "not named (write the names below)"
    out = [
        "<header>",
        f"<h1>Shortlisting pack: {escape(report.role_title)}</h1>",
        '<table class="facts">',
        f"<tr><th>Meeting date</th><td>{escape(meeting)}</td></tr>",
        f"<tr><th>Panel</th><td>{panel}</td></tr>",
        f"<tr><th>Applications</th><td>{len(rows)}, {escape(judged_as_at(report.as_of, report.as_of_from))}</td></tr>",
        f"<tr><th>Panel scores</th><td>0 to {report.scale_max}; {report.pass_mark} or more meets a criterion</td></tr>",
        "</table>",
        "</header>",
    ]
    if report.anonymised:
        out.append(
            '<p class="banner blind">Blind shortlisting: candidates appear as codes; personal details are withheld '
            "and redacted from quoted text.</p>"
        )
    if report.provisional:
        out.append(f'<p class="banner provisional">Provisional: {escape(report.provisional_reason or "")}.</p>')
    return out


def _audit(report: ShortlistReport) -> list[str]:
    """The role's audit errors and warnings, and the criteria left out, before anything is decided."""
    gone = left_out(report)
    if not report.audit and not gone:
        return []
    errors = sum(1 for f in report.audit if f.severity.value == "error")
    warnings = len(report.audit) - errors
    out = [
        '<section class="audit" id="audit">',
        "<h2>Before you shortlist: the role's audit</h2>",
        f"<p>The audit of this role found {errors} error(s) and {warnings} warning(s). "
        "Criteria struck through are left out of every decision, count and score in this pack: "
        "do not shortlist on them.</p>",
    ]
    if report.audit:
        out.append('<ul class="audit">')
        for finding in report.audit:
            out.append(f'<li><span class="sev">{escape(finding.severity.value)}</span> {escape(finding.message)}</li>')
        out.append("</ul>")
    if gone:
        out.append('<table class="left-out"><thead><tr><th>Left out</th><th>Why</th></tr></thead><tbody>')
        for criterion in gone:
            assert criterion.left_out is not None
            out.append(
                f'<tr><td class="struck"><s class="struck">{criterion_title(criterion)}</s></td>'
                f"<td>{escape(criterion.left_out.reason)}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append("</section>")
    return out


def _decisions(report: ShortlistReport, rows: Sequence[RankedView]) -> list[str]:
    total = counted_essentials(report)
    out = ['<section id="decisions">', "<h2>Decisions</h2>"]
    for decision in ("shortlist", "review", "reject"):
        group = [c for c in rows if c.decision.value == decision]
        out.append(
            f'<h3 class="decision {decision}">{DECISION_HEADING[decision]} ({len(group)}): '
            f"{escape(DECISION_MEANING[decision])}</h3>"
        )
        if not group:
            out.append('<p class="muted">None.</p>')
            continue
        out.append(
            '<table class="decisions"><thead><tr><th class="num">Rank</th><th>Candidate</th>'
            f'<th class="num">Essential (of {total})</th><th class="num">Desirable</th><th class="num">Panel</th>'
            "<th>Reason</th></tr></thead><tbody>"
        )
        for candidate in group:
            out.append(
                f'<tr data-candidate="{escape(candidate.candidate_id)}" data-decision="{decision}">'
                f'<td class="num">{candidate.rank}</td>'
                f'<td class="who"><a href="#{anchor(candidate)}">{escape(label(candidate))}</a></td>'
                f'<td class="num">{candidate.essential_met}</td><td class="num">{candidate.desirable_score:g}</td>'
                f'<td class="num">{score_text(candidate.panel_total) or "&ndash;"}</td>'
                f"<td>{escape(decision_reason(candidate, report))}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append(f'<p class="muted">Ranked by {escape(report.tie_order)}.</p>')
    out.append("</section>")
    return out


def _signatures(report: ShortlistReport) -> list[str]:
    names = list(report.panel) or [""] * BLANK_SIGNATURES
    out = [
        '<section id="signatures">',
        "<h2>Agreed by the panel</h2>",
        "<p>We agreed the decisions above on the evidence in the applications, against the person specification, "
        "and each of us declared any conflict of interest.</p>",
        '<table class="sign"><thead><tr><th>Name</th><th>Signature</th><th>Date</th></tr></thead><tbody>',
    ]
    out.extend(f'<tr><td class="name">{escape(n)}</td><td></td><td class="date"></td></tr>' for n in names)
    out.append("</tbody></table></section>")
    return out


def _problems(findings: list[Finding]) -> list[str]:
    """Applications left out of the pack, and score sheet problems: for whoever prepared it."""
    if not findings:
        return []
    out = [
        '<section id="findings"><h3>Not in this pack, or not counted: problems with the files</h3><ul class="notes">'
    ]
    for finding in findings:
        out.append(f"<li>{escape(_where(finding))}{escape(finding.message)}</li>")
    out.append("</ul></section>")
    return out


def _where(finding: Finding) -> str:
    """Where a problem is, in words: a row of a CSV file, a line of a YAML file, or a workbook's cell as it
    names itself (a position whose text is not ``path:line:col``)."""
    position = finding.position
    if position is None:
        return ""
    shown = str(position)
    if shown != f"{position.path}:{position.line}:{position.col}":
        return f"{shown}: "
    unit = "row" if position.path.lower().endswith(".csv") else "line"
    return f"{position.path}, {unit} {position.line}: "


def _matrix(report: ShortlistReport, candidates: Sequence[RankedView]) -> list[str]:
    rows = judged(report)
    out = ['<section class="matrix" id="matrix">', "<h2>Criteria and candidates</h2>"]
    for start in range(0, max(1, len(candidates)), PER_BLOCK):
        block = candidates[start : start + PER_BLOCK]
        out.extend(_block(report, rows, block))
    out.append(
        '<p class="legend"><b>✓</b> met &nbsp; <b>✗</b> not met &nbsp; <b>E</b> evidenced: the panel judges it '
        "&nbsp; <b>&ndash;</b> no evidence found &nbsp; a number is the panel score; <b>?</b> scores differ by 2 or "
        "more, to discuss. <b>●</b> essential (solid rule) &nbsp; <b>○</b> desirable (dashed rule).</p>"
    )
    deferred = later(report)
    if deferred:
        out.append("<h3>Assessed later, at interview, by task or by reference: not at shortlisting</h3>")
        out.append('<ul class="compact">')
        out.extend(f"<li>{criterion_title(c)}</li>" for c in deferred)
        out.append("</ul>")
    out.append("</section>")
    return out


def _block(report: ShortlistReport, rows: list[CriterionInfo], block: Sequence[RankedView]) -> list[str]:
    span = len(block) + 1
    out = ['<table class="matrix">', '<thead><tr><th class="crit">Criterion</th>']
    for candidate in block:
        out.append(f'<th><a href="#{anchor(candidate)}">#{candidate.rank}<br>{escape(candidate.candidate_id)}</a></th>')
    out.append("</tr></thead><tbody>")
    cells = [{cell.criterion_id: cell for cell in candidate.cells} for candidate in block]
    for level, heading in (("essential", "● Essential"), ("desirable", "○ Desirable")):
        chosen = [c for c in rows if c.level.value == level]
        if not chosen:
            continue
        out.append(f'<tr class="group"><th colspan="{span}">{heading}: judged from the application</th></tr>')
        for criterion in chosen:
            out.append(f'<tr class="{level}"><th class="crit">{_row_label(criterion)}</th>')
            out.extend(_matrix_cell(by_id[criterion.id]) for by_id in cells)
            out.append("</tr>")
    gone = left_out(report)
    if gone:
        out.append(f'<tr class="group"><th colspan="{span}">Left out by the role\'s audit: not decided on</th></tr>')
        for criterion in gone:
            assert criterion.left_out is not None
            out.append(
                f'<tr class="left"><th class="crit"><s class="struck">{_row_label(criterion)}</s></th>'
                f'<td colspan="{len(block)}">{escape(criterion.left_out.reason)}</td></tr>'
            )
    total = counted_essentials(report)
    out.append(f'<tr class="count"><th class="crit">Essential met or evidenced (of {total})</th>')
    out.extend(f"<td>{c.essential_met}</td>" for c in block)
    out.append('</tr><tr class="count"><th class="crit">Desirable score; panel total</th>')
    out.extend(f"<td>{c.desirable_score:g}; {score_text(c.panel_total) or '&ndash;'}</td>" for c in block)
    out.append('</tr><tr class="final"><th class="crit">Decision</th>')
    out.extend(f'<td class="decision {c.decision.value}">{c.decision.value}</td>' for c in block)
    out.append("</tr></tbody></table>")
    return out


def _row_label(criterion: CriterionInfo) -> str:
    mark = "●" if criterion.level.value == "essential" else "○"
    return f'<span class="mark">{mark}</span> <b>{escape(criterion.id)}</b> {escape(short_title(criterion.text, 56))}'


def _matrix_cell(cell: CellView) -> str:
    text = PRINT_SYMBOL[cell.verdict.value]
    if cell.panel_score is not None:
        text += score_text(cell.panel_score)
    if cell.discuss:
        text += "?"
    return f'<td class="{cell.verdict.value}">{escape(text)}</td>'


def _panel(report: ShortlistReport) -> list[str]:
    """Scores to discuss, conflicts of interest and the panel's agreement, when there are panel scores."""
    if not report.panellists:
        return []
    out = ['<section id="panel-scores">', "<h2>Panel scores</h2>"]
    if report.discussion:
        out.append("<h3>To discuss: scores differ by 2 points or more</h3>")
        out.append(
            "<table><thead><tr><th>Candidate</th><th>Criterion</th><th>Scores</th><th>Agreed</th></tr></thead><tbody>"
        )
        for item in report.discussion:
            scores = ", ".join(f"{escape(s.panellist)} {s.score}" for s in item.scores)
            agreed = (
                f"{item.moderated.score}: {escape(item.moderated.reason)}"
                if item.moderated
                else '<span class="discuss">not yet</span>'
            )
            out.append(
                f"<tr><td>{escape(item.candidate)}</td><td>{escape(item.criterion_id)}</td>"
                f"<td>{scores}</td><td>{agreed}</td></tr>"
            )
        out.append("</tbody></table>")
    if report.conflicts:
        out.append('<h3>Conflicts of interest: these scores are removed</h3><ul class="notes">')
        for conflict in report.conflicts:
            reason = f": {escape(conflict.reason)}" if conflict.reason else ""
            out.append(f"<li>{escape(conflict.panellist)} &ndash; {escape(conflict.candidate)}{reason}</li>")
        out.append("</ul>")
    out.extend(_agreement(report))
    out.append("</section>")
    return out


def _agreement(report: ShortlistReport) -> list[str]:
    agreement = report.agreement
    overall = (
        f"{agreement.alpha:.2f}" if agreement.alpha is not None else f"not measured ({escape(agreement.note or '')})"
    )
    out = [
        "<h3>How far the panel agreed</h3>",
        f"<p>Krippendorff's alpha over {agreement.units} scored item(s): <b>{overall}</b> "
        "(1 is full agreement, 0 no better than chance; below 0.67 the panel reads a criterion differently).</p>",
    ]
    low = [c for c in agreement.criteria if c.alpha is not None and c.alpha < 0.667]
    if low:
        words = ", ".join(f"{escape(c.criterion_id)} ({c.alpha:.2f})" for c in low if c.alpha is not None)
        out.append(f'<p class="discuss">Read differently by the panel: {words}.</p>')
    return out
