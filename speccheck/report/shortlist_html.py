"""HTML renderer of a shortlist: a self-contained panel pack to read on screen or print.

One file, no scripts, no external resources: a summary (decisions, the
candidates x criteria matrix as a heatmap, scores to discuss, panel
agreement, conflicts), then one page per candidate with each criterion's
verdict, the panel's scores and the evidence quoted. Print CSS starts each
candidate on a new page and keeps the colours. Every candidate section and
matrix row carries ``data-candidate`` and ``data-decision`` for machines.
"""

from __future__ import annotations

from html import escape

from speccheck.report.shortlist_parts import (
    DECISION_FILL,
    VERDICT_FILL,
    VERDICT_LABEL,
    cell_text,
    label,
    score_text,
)
from speccheck.results.evaluation import judged_as_at
from speccheck.results.shortlist import Cell, CriterionInfo, RankedCandidate, ShortlistReport

_CSS = (
    """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #c8c8c8; }
* { box-sizing: border-box; }
body { font: 13px/1.45 "Segoe UI", Arial, Helvetica, sans-serif; color: var(--ink); margin: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 22px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 3px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
p.meta, .muted { color: var(--muted); }
.banner { padding: 6px 10px; margin: 8px 0; border-left: 6px solid; font-weight: 600; }
.banner.blind { border-color: #6b3fa0; background: #efe7f8; }
.banner.provisional { border-color: #c98a00; background: #fff3d1; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--rule); padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #f2f2f2; }
table.matrix { font-size: 11px; }
table.matrix th, table.matrix td { padding: 2px 4px; }
table.matrix td.v { text-align: center; font-weight: 600; min-width: 17px; padding: 2px 1px; }
table.matrix th.crit { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; padding: 4px 1px; }
table.matrix td.who { max-width: 150px; }
table.matrix th.crit.essential { background: #e1e1e1; }
table.matrix td.num { text-align: right; }
td.decision, span.decision { font-weight: 700; }
.decision.shortlist { background: #"""
    + DECISION_FILL["shortlist"]
    + """; }
.decision.review { background: #"""
    + DECISION_FILL["review"]
    + """; }
.decision.reject { background: #"""
    + DECISION_FILL["reject"]
    + """; }
span.decision { padding: 1px 8px; border-radius: 3px; }
"""
    + "".join(f".v.{verdict} {{ background: #{fill}; }}\n" for verdict, fill in VERDICT_FILL.items())
    + """
.legend span.v { display: inline-block; padding: 1px 8px; margin-right: 6px; border: 1px solid var(--rule); }
table.criteria { width: 100%; }
table.criteria td.crit { width: 26%; }
table.criteria td.verdict { width: 11%; }
table.criteria td.panel { width: 17%; }
blockquote { margin: 4px 0 4px 0; padding: 3px 8px; border-left: 3px solid #8aa; background: #f7f9f9; }
blockquote cite { color: var(--muted); font-style: normal; font-size: 11px; }
.discuss { color: #a40000; font-weight: 600; }
section.candidate { margin-top: 28px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 11px; }
  table.matrix { font-size: 9px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.candidate { break-before: page; page-break-before: always; }
  tr, blockquote { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""
)


def render(report: ShortlistReport, **_: object) -> str:
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>Shortlisting pack: {escape(report.role_title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>Shortlisting pack: {escape(report.role_title)}</h1>",
        f'<p class="meta">Role file {escape(report.role_path)}; applications {escape(judged_as_at(report.as_of, report.as_of_from))}; '
        f"panel scale 0&ndash;{report.scale_max}, pass mark {report.pass_mark}.</p>",
    ]
    if report.anonymised:
        out.append(
            '<p class="banner blind">Blind shortlisting: candidates appear as codes; personal details are withheld and redacted from quoted text.</p>'
        )
    if report.provisional:
        out.append(f'<p class="banner provisional">Provisional: {escape(report.provisional_reason or "")}.</p>')
    counts = ", ".join(f"{n} {d}" for d, n in report.decisions.items())
    panel = ", ".join(escape(p) for p in report.panellists) or "none"
    out.append(f"<p>{len(report.candidates)} candidates: {counts}. Panel: {panel}.</p>")
    out.append("</header>")
    out.extend(_matrix(report))
    out.extend(_discussion(report))
    out.extend(_agreement(report))
    out.extend(_conflicts(report))
    if report.findings:
        out.append('<section id="findings"><h2>Left out of the ranking, and score sheet problems</h2><ul>')
        for finding in report.findings:
            where = f"{escape(str(finding.position))}: " if finding.position else ""
            out.append(
                f"<li>{where}{escape(finding.severity.value)} [{escape(finding.rule_id)}] {escape(finding.message)}</li>"
            )
        out.append("</ul></section>")
    criteria = {c.id: c for c in report.criteria}
    for candidate in report.candidates:
        out.extend(_candidate(candidate, criteria, report))
    out.extend(["</body>", "</html>", ""])
    return "\n".join(out)


def _matrix(report: ShortlistReport) -> list[str]:
    out = ['<section id="summary">', "<h2>Summary matrix</h2>", '<table class="matrix">', "<thead><tr>"]
    out.append(
        '<th>#</th><th>Candidate</th><th>Decision</th><th title="essential criteria met or evidenced">Ess.</th>'
        '<th title="desirable score">Des.</th><th title="panel total">Panel</th>'
    )
    for criterion in report.criteria:
        out.append(
            f'<th class="crit {criterion.level.value}" title="{escape(criterion.text)}">{escape(criterion.id)}</th>'
        )
    out.append("</tr></thead>")
    out.append("<tbody>")
    for candidate in report.candidates:
        out.append(f'<tr data-candidate="{escape(candidate.candidate_id)}" data-decision="{candidate.decision.value}">')
        out.append(
            f'<td class="num">{candidate.rank}</td>'
            f'<td class="who"><a href="#{_anchor(candidate)}">{escape(label(candidate))}</a></td>'
            f'<td class="decision {candidate.decision.value}">{candidate.decision.value}</td>'
            f'<td class="num">{candidate.essential_met}</td>'
            f'<td class="num">{candidate.desirable_score:g}</td>'
            f'<td class="num">{score_text(candidate.panel_total)}</td>'
        )
        for cell in candidate.cells:
            title = f"{cell.criterion_id}: {VERDICT_LABEL[cell.verdict.value]}"
            if cell.verdict is not cell.machine_verdict:
                title += f" (machine: {VERDICT_LABEL[cell.machine_verdict.value]})"
            out.append(f'<td class="v {cell.verdict.value}" title="{escape(title)}">{escape(cell_text(cell))}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    legend = "".join(f'<span class="v {v}">{VERDICT_LABEL[v]}</span>' for v in VERDICT_FILL)
    out.append(
        f'<p class="legend">{legend}<br><span class="muted">M met, X not met, E evidenced (a person must judge), '
        "- no evidence, D deferred to interview, task or reference; a number is the panel score; "
        "? means scores differ by 2 or more; shaded headings are essential criteria.</span></p>"
    )
    out.append(f'<p class="muted">Order: {escape(report.tie_order)}.</p>')
    out.append("</section>")
    return out


def _discussion(report: ShortlistReport) -> list[str]:
    if not report.discussion:
        return []
    out = ['<section id="discussion">', "<h2>To discuss: scores differ by 2 points or more</h2>", "<table>"]
    out.append("<thead><tr><th>Candidate</th><th>Criterion</th><th>Scores</th><th>Moderated</th></tr></thead><tbody>")
    for item in report.discussion:
        scores = ", ".join(f"{escape(s.panellist)}: {s.score}" for s in item.scores)
        agreed = (
            f"{item.moderated.score} &ndash; {escape(item.moderated.reason)}"
            if item.moderated
            else '<span class="discuss">not yet</span>'
        )
        out.append(
            f"<tr><td>{escape(item.candidate)}</td><td>{escape(item.criterion_id)}</td><td>{scores}</td><td>{agreed}</td></tr>"
        )
    out.append("</tbody></table></section>")
    return out


def _agreement(report: ShortlistReport) -> list[str]:
    agreement = report.agreement
    overall = f"{agreement.alpha:.2f}" if agreement.alpha is not None else f"undefined ({escape(agreement.note or '')})"
    out = ['<section id="agreement">', "<h2>Panel agreement</h2>"]
    out.append(
        f"<p>Krippendorff's alpha ({agreement.metric}) over {agreement.units} scored item(s): <b>{overall}</b>. "
        "1 is full agreement, 0 no better than chance; below 0.667 the panel reads a criterion differently.</p>"
    )
    scored = [c for c in agreement.criteria if c.units]
    if scored:
        out.append("<table><thead><tr><th>Criterion</th><th>Alpha</th><th>Candidates scored</th></tr></thead><tbody>")
        for item in scored:
            alpha = (
                f"{item.alpha:.2f}"
                if item.alpha is not None
                else f'<span class="muted">&ndash; {escape(item.note or "")}</span>'
            )
            css = ' class="discuss"' if item.alpha is not None and item.alpha < 0.667 else ""
            out.append(f"<tr><td>{escape(item.criterion_id)}</td><td{css}>{alpha}</td><td>{item.units}</td></tr>")
        out.append("</tbody></table>")
    out.append("</section>")
    return out


def _conflicts(report: ShortlistReport) -> list[str]:
    if not report.conflicts:
        return []
    out = [
        '<section id="conflicts">',
        "<h2>Conflicts of interest</h2>",
        "<p>These panellists' scores for these candidates are removed.</p><ul>",
    ]
    for conflict in report.conflicts:
        reason = f": {escape(conflict.reason)}" if conflict.reason else ""
        out.append(f"<li>{escape(conflict.panellist)} &ndash; {escape(conflict.candidate)}{reason}</li>")
    out.append("</ul></section>")
    return out


def _anchor(candidate: RankedCandidate) -> str:
    return f"c-{candidate.code}"


def _candidate(candidate: RankedCandidate, criteria: dict[str, CriterionInfo], report: ShortlistReport) -> list[str]:
    essentials = sum(1 for c in report.criteria if c.level.value == "essential" and c.application_stage)
    out = [
        f'<section class="candidate" id="{_anchor(candidate)}" data-candidate="{escape(candidate.candidate_id)}" data-decision="{candidate.decision.value}">',
        f'<h2>{candidate.rank}. {escape(label(candidate))} <span class="decision {candidate.decision.value}">{candidate.decision.value.upper()}</span></h2>',
        f"<p>{escape(candidate.decision_reason)}.</p>",
    ]
    facts = [
        f"essential criteria met or evidenced: {candidate.essential_met} of {essentials}",
        f"desirable score: {candidate.desirable_score:g}",
        f"panel total: {score_text(candidate.panel_total) or 'not scored'}",
    ]
    if candidate.machine_decision is not candidate.decision:
        facts.append(f"decision from the application alone: {candidate.machine_decision.value}")
    if candidate.scoring_panellists:
        facts.append("scored by " + ", ".join(candidate.scoring_panellists))
    if candidate.provisional and report.panellists:
        facts.append("provisional: fewer than two panellists' scores count")
    if candidate.conflicted_panellists:
        facts.append("conflict of interest: " + ", ".join(candidate.conflicted_panellists) + " (scores removed)")
    if candidate.redactions:
        facts.append(f"{candidate.redactions} personal detail(s) redacted")
    if not report.anonymised:
        facts.append(f"file {candidate.path}")
    out.append(f'<p class="meta">{escape("; ".join(facts))}.</p>')
    out.append(
        '<table class="criteria"><thead><tr><th>Criterion</th><th>Verdict</th><th>Panel</th><th>Evidence and explanation</th></tr></thead><tbody>'
    )
    later = [c for c in candidate.cells if c.verdict.value == "deferred" and not c.scores and c.moderated is None]
    for cell in candidate.cells:
        if cell not in later:
            out.append(_criterion_row(cell, criteria[cell.criterion_id]))
    out.append("</tbody></table>")
    if later:
        ids = ", ".join(escape(c.criterion_id) for c in later)
        out.append(f'<p class="muted">Assessed later (interview, task or reference), not at shortlisting: {ids}.</p>')
    if candidate.findings:
        out.append("<h3>Notes on this application</h3><ul>")
        for finding in candidate.findings:
            where = f"line {finding.position.line}: " if finding.position else ""
            out.append(f"<li>{where}{escape(finding.message)}</li>")
        out.append("</ul>")
    out.append("</section>")
    return out


def _criterion_row(cell: Cell, criterion: CriterionInfo) -> str:
    verdict = VERDICT_LABEL[cell.verdict.value]
    if cell.verdict is not cell.machine_verdict:
        verdict += f"<br><small>machine: {VERDICT_LABEL[cell.machine_verdict.value]}</small>"
    panel: list[str] = [
        f"{escape(s.panellist)}: {s.score}" + (f" <small>({escape(s.note)})</small>" if s.note else "")
        for s in cell.scores
    ]
    if cell.moderated is not None:
        panel.append(f"<b>moderated {cell.moderated.score}</b> <small>({escape(cell.moderated.reason)})</small>")
    elif cell.panel_score is not None:
        panel.append(f"<b>panel score {score_text(cell.panel_score)}</b>")
    if cell.discuss:
        panel.append('<span class="discuss">scores differ by 2+: discuss</span>')
    body = [escape(cell.summary)]
    for quote in cell.evidence[:3]:
        cite = escape(quote.where) if quote.where else f"line {quote.line}"
        body.append(f"<blockquote>&ldquo;{escape(quote.text)}&rdquo; <cite>{cite}</cite></blockquote>")
    if len(cell.evidence) > 3:
        body.append(f'<span class="muted">and {len(cell.evidence) - 3} more passage(s)</span>')
    if cell.needs and cell.verdict.value in ("not_met", "no_evidence"):
        body.append(f'<br><span class="muted">{escape(cell.needs)}</span>')
    heading = f"<b>{escape(criterion.id)}</b> <small>{criterion.level.value}, {escape(criterion.category.replace('_', ' '))}</small><br>{escape(criterion.text)}"
    return (
        f'<tr><td class="crit">{heading}</td><td class="verdict v {cell.verdict.value}">{verdict}</td>'
        f'<td class="panel">{"<br>".join(panel)}</td><td>{"".join(body)}</td></tr>'
    )
