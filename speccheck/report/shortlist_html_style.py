"""The print style sheet of the panel pack: A4 pages, running headers and footers, and a look that holds in
greyscale (symbols and rules carry every meaning; colour only repeats it).

Every page has the post at the top left and "Confidential — shortlisting" and
"Page x of y" at the foot; the top right names the section, or, on a
candidate's pages, the candidate (a named page per candidate section). Text
from the files reaches the style sheet only as escaped CSS strings.
"""

from __future__ import annotations

from collections.abc import Sequence

from speccheck.report.shortlist_html_candidate import anchor, page_name
from speccheck.report.shortlist_parts import DECISION_FILL, VERDICT_FILL
from speccheck.results.shortlist import RankedView, ShortlistReport

_PAGE_TEXT = "font: 8pt Arial, Helvetica, sans-serif; color: #333;"
_CSS = (
    """
:root { --ink: #111; --muted: #555; --rule: #999; }
* { box-sizing: border-box; }
body { font: 10pt/1.35 Arial, Helvetica, "Liberation Sans", sans-serif; color: var(--ink); margin: 0 auto; max-width: 190mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 5mm 0 2mm; border-bottom: 1.5pt solid var(--ink); padding-bottom: 1mm; }
h3 { font-size: 10.5pt; margin: 3mm 0 1.5mm; }
p { margin: 1.5mm 0; }
.muted, small { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.6pt solid var(--rule); padding: 1mm 1.4mm; vertical-align: top; text-align: left; }
th { background: #eee; }
table.facts th { width: 34mm; }
.banner { padding: 1.5mm 3mm; margin: 2mm 0; border: 1pt solid var(--ink); border-left-width: 4pt; font-weight: 700; }
.banner.blind { background: #efe7f8; }
.banner.provisional { background: #fff3d1; }
section.audit { border: 1.2pt solid var(--ink); padding: 1mm 3mm 2mm; margin: 3mm 0; }
section.audit h2 { margin-top: 1mm; }
ul.audit { margin: 1mm 0; padding-left: 5mm; }
ul.audit li { margin: 0.8mm 0; }
.sev { font-weight: 700; text-transform: uppercase; font-size: 8pt; }
s.struck, .struck { text-decoration: line-through; text-decoration-thickness: 1pt; }
table.decisions td.num, table.decisions th.num { text-align: right; width: 9mm; white-space: nowrap; }
table.decisions td.who { width: 48mm; }
h3.decision { padding: 1mm 2mm; border: 0.8pt solid var(--ink); }
.decision.shortlist { background: #"""
    + DECISION_FILL["shortlist"]
    + """; }
.decision.review { background: #"""
    + DECISION_FILL["review"]
    + """; }
.decision.reject { background: #"""
    + DECISION_FILL["reject"]
    + """; }
span.decision { padding: 0 2mm; border: 0.8pt solid var(--ink); font-weight: 700; }
table.sign td { height: 11mm; }
table.sign td.name { width: 55mm; vertical-align: bottom; }
table.sign td.date { width: 35mm; }
table.matrix { font-size: 8pt; line-height: 1.2; margin-bottom: 2mm; table-layout: fixed; }
table.matrix th.crit { width: 92mm; font-weight: 400; background: #fff; }
table.matrix th.crit b { font-weight: 700; }
table.matrix thead th { text-align: center; font-size: 7.5pt; }
table.matrix thead th.crit { text-align: left; }
table.matrix thead th a { color: inherit; text-decoration: none; }
table.matrix td { text-align: center; font-weight: 700; font-size: 9pt; padding: 0.5mm 0.4mm; }
table.matrix th { padding: 0.5mm 1.2mm; }
table.matrix tr.group th { background: #ddd; font-weight: 700; text-align: left; }
table.matrix tr.essential th.crit { border-left: 2.2pt solid var(--ink); }
table.matrix tr.desirable th.crit { border-left: 1.4pt dashed var(--ink); }
table.matrix tr.count td, table.matrix tr.count th { font-weight: 400; font-size: 8pt; }
table.matrix tr.final td { font-size: 6.5pt; }
table.matrix tr.left td { font-weight: 400; font-size: 7.5pt; text-align: left; }
.mark { font-weight: 700; }
"""
    + "".join(f"table.matrix td.{verdict} {{ background: #{fill}; }}\n" for verdict, fill in VERDICT_FILL.items())
    + """
p.legend { font-size: 8pt; }
ul.compact { margin: 1mm 0; padding-left: 5mm; font-size: 8.5pt; columns: 2; column-gap: 6mm; }
ul.compact li { break-inside: avoid; }
table.criteria { font-size: 8pt; line-height: 1.25; table-layout: fixed; }
table.criteria td { padding: 0.8mm 1.2mm; }
p.missing { font-size: 8pt; line-height: 1.25; }
table.criteria col.crit { width: 64mm; }
table.criteria col.verdict { width: 29mm; }
div.pnotes { font-size: 7.5pt; color: var(--muted); margin-top: 0.5mm; }
table.criteria tr.essential td.crit { border-left: 2.2pt solid var(--ink); }
table.criteria tr.desirable td.crit { border-left: 1.4pt dashed var(--ink); }
td.verdict .sym { font-weight: 700; font-size: 10pt; }
"""
    + "".join(
        f"table.criteria td.verdict.{verdict} {{ background: #{fill}; }}\n" for verdict, fill in VERDICT_FILL.items()
    )
    + """
blockquote { margin: 0.5mm 0 0; padding: 0 2mm; border-left: 1.5pt solid #666; font-size: 7.5pt; }
blockquote cite { color: var(--muted); font-style: normal; font-size: 7.5pt; white-space: nowrap; }
.discuss { font-weight: 700; }
section.candidate h2 { margin-top: 0; }
section.candidate p.facts { font-size: 8.5pt; color: var(--muted); }
section.candidate ul.notes { margin: 1mm 0; padding-left: 5mm; font-size: 8.5pt; }
section.candidate p.muted { font-size: 8.5pt; }
@page { size: A4 portrait; margin: 15mm 12mm 14mm 12mm;
  @top-left { content: var(--post); """
    + _PAGE_TEXT
    + """ }
  @bottom-left { content: "Confidential \\2014  shortlisting"; """
    + _PAGE_TEXT
    + """ font-weight: 700; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); """
    + _PAGE_TEXT
    + """ }
}
@media print {
  body { max-width: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.candidate, section.matrix { break-before: page; }
  tr, blockquote, section#signatures, section.audit, h2, h3 { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""
)


def css_string(text: str) -> str:
    """A CSS string literal: every character but letters, digits and spaces escaped, so no text can end the
    string or the style sheet."""
    return '"' + "".join(ch if (ch.isalnum() and ch.isascii()) or ch == " " else f"\\{ord(ch):x} " for ch in text) + '"'


def style_sheet(report: ShortlistReport, rows: Sequence[RankedView]) -> str:
    """The running headers: the post on every page; the section, or the candidate, on the right."""
    post = css_string(report.role_title)
    rules = [
        _CSS.replace("var(--post)", post),
        f"@page {{ @top-right {{ content: {css_string('Summary')}; {_PAGE_TEXT} }} }}",
        f"@page matrix {{ @top-right {{ content: {css_string('Criteria and candidates')}; {_PAGE_TEXT} }} }}",
        "section.matrix { page: matrix; }",
    ]
    for candidate in rows:
        name = page_name(candidate)
        header = css_string(f"Candidate {candidate.candidate_id}")
        rules.append(f"@page {name} {{ @top-right {{ content: {header}; {_PAGE_TEXT} font-weight: 700; }} }}")
        rules.append(f"section#{anchor(candidate)} {{ page: {name}; }}")
    return "\n".join(rules)
