"""Pure renderers: a report in, text (or a file's bytes) out. One registry of formats; CLI choices come from its keys.

Each format names its file suffix and, for every report kind it renders, the
module that renders it. A module is imported only when its format is used, so
``speccheck lint -f parsable`` never imports rich, ``--help`` imports no
renderer, and building the command line never imports openpyxl. A shortlist
``--output`` file picks its format by suffix. What every findings format reads
from a report (findings, suppressions, files, rules) is in ``contents``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from speccheck.report.shortlist_stream import ShortlistStream, Write
    from speccheck.results.report import Report

FINDINGS_REPORTS = ("evaluation", "audit", "lint")  # the kinds every findings format renders
_CHECKED = (*FINDINGS_REPORTS, "verify")


@dataclass(frozen=True)
class Renderer:
    """A format: what it is for, its file suffix, and the module that renders each report kind it takes."""

    description: str
    extension: str
    modules: Mapping[str, str]

    def renders(self, kind: str) -> bool:
        return kind in self.modules

    def __call__(self, report: Report, *, color: bool = False, width: int = 80, **options: object) -> str | bytes:
        """The report in this format.

        Colour and width matter to the text format only; ``options`` are the view's switches
        (``terminal``, ``details``, ``show_suppressed``, ``docs_url``), each read by the formats it concerns
        and ignored by the others.
        """
        render: Callable[..., str | bytes] = importlib.import_module(self.modules[report.kind]).render
        return render(report, color=color, width=width, **options)

    def stream(self, write: Write, **options: object) -> ShortlistStream:
        """A shortlist in this format written as it is made (``shortlist_stream``): through ``write``, piece
        by piece; ``options`` as for a call."""
        stream: ShortlistStream = importlib.import_module(self.modules["shortlist"]).Stream(write, **options)
        return stream


def _each(module: str, kinds: tuple[str, ...]) -> dict[str, str]:
    return dict.fromkeys(kinds, module)


RENDERERS: dict[str, Renderer] = {
    "text": Renderer(
        "for people: on a terminal grouped by file at its width; elsewhere 80 columns (lint: a line a finding)",
        "txt",
        {
            **_each("speccheck.report.terminal", FINDINGS_REPORTS),
            "verify": "speccheck.report.verify_text",
            "shortlist": "speccheck.report.terminal_shortlist",
        },
    ),
    "json": Renderer(
        "the report as JSON (schemas/report.schema.json)",
        "json",
        {**_each("speccheck.report.json_report", _CHECKED), "shortlist": "speccheck.report.shortlist_json"},
    ),
    "parsable": Renderer(
        "one line a finding: path:line:col: severity [rule-id] message",
        "parsable",
        _each("speccheck.report.parsable", _CHECKED),
    ),
    "sarif": Renderer(
        "SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDEs)",
        "sarif",
        _each("speccheck.report.sarif", FINDINGS_REPORTS),
    ),
    "junit": Renderer(
        "JUnit XML: a test case per finding (failing at or above --fail-on) and one per clean file",
        "xml",
        _each("speccheck.report.junit", _CHECKED),
    ),
    "github": Renderer(
        "GitHub Actions workflow-command annotations", "github", _each("speccheck.report.github", _CHECKED)
    ),
    "markdown": Renderer(
        "a summary for a pull-request comment or job summary", "md", _each("speccheck.report.markdown", _CHECKED)
    ),
    "csv": Renderer(
        "the ranked grid, one row a candidate, for a spreadsheet",
        "csv",
        {"shortlist": "speccheck.report.shortlist_csv"},
    ),
    "html": Renderer(
        "a self-contained panel pack to read on screen or print",
        "html",
        {"shortlist": "speccheck.report.shortlist_html"},
    ),
    "xlsx": Renderer(
        "a workbook: the grid, one sheet a candidate, scores to discuss, agreement",
        "xlsx",
        {"shortlist": "speccheck.report.shortlist_xlsx"},
    ),
}


def renderers_for(*kinds: str) -> dict[str, Renderer]:
    """The formats that render every one of ``kinds``, in registry order."""
    return {name: renderer for name, renderer in RENDERERS.items() if all(renderer.renders(k) for k in kinds)}


def suffixes(kind: str) -> list[str]:
    """The output file suffixes of a report kind's formats, sorted: ``.csv``, ``.html``, ..."""
    return sorted("." + renderer.extension for renderer in renderers_for(kind).values())


def for_suffix(suffix: str, kind: str) -> Renderer | None:
    """The format of a report kind an output file's suffix (any case) names, or None."""
    return next((r for r in renderers_for(kind).values() if "." + r.extension == suffix.lower()), None)
