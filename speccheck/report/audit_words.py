"""An audit in people's words, shared by the human formats (terminal, Markdown): how a duty was found
covered, a standards framework as one line, and every source a report shows (for the provenance legend)."""

from __future__ import annotations

from speccheck.core.findings import SourceRef
from speccheck.results.audit import AuditReport, Coverage, CoverageRow, duty_label
from speccheck.results.citations import cite_in_words, document, provenance_words, without_internal_refs


def _words(words: list[str]) -> str:
    return " + ".join(f"“{w}”" for w in words)


def how_in_words(row: CoverageRow) -> str:
    """How a duty was found covered: named in the role file, or the words that matched."""
    if row.status != "covered":
        return "no statement covers it"
    if row.method == "covers":
        return "named in the role file" + (f" (its words match too: {_words(row.matched)})" if row.matched else "")
    return f"matched {_words(row.matched)}"


def standards_line(coverage: Coverage) -> str:
    """A standards framework in one line: how many are covered, and the words of those that are not."""
    missing = [duty_label(row.text) for row in coverage.rows if row.status != "covered"]
    line = f"{coverage.covered} of {coverage.total} covered by the job description or person specification"
    return line + (f"; not covered: {'; '.join(missing)}" if missing else "")


def row_sources(coverage: Coverage) -> tuple[str | None, list[str]]:
    """The rows' sources in words: said once for the table when every row cites the same document, edition and
    provenance (each row then gives its paragraph), else in full on each row."""
    sources = [row.source for row in coverage.rows]
    shared = {(s.doc, s.edition, s.provenance) for s in sources}
    if len(shared) != 1 or not all(s.para for s in sources):
        return None, [cite_in_words(s) for s in sources]
    first = sources[0]
    common = ", ".join(p for p in (document(first), without_internal_refs(first.edition or "")) if p)
    paras = [without_internal_refs(s.para or "") for s in sources]
    return (
        f"{common} ({provenance_words(first.provenance)})",
        [f"para {p}" if p[:1].isdigit() else p for p in paras],
    )


NOT_CHECKED = "duty coverage not checked: the role has no job description (see the findings)"


def audit_sources(report: AuditReport) -> list[SourceRef]:
    """Every source the report shows: findings, coverage rows, standards frameworks."""
    sources = [source for finding in report.all_findings() for source in finding.sources]
    for role in report.roles:
        sources += [row.source for table in role.coverage for row in table.rows]
        sources += [source for table in role.standards for source in table.sources]
    return sources
