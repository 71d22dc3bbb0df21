"""The one renderer registry (speccheck/report/__init__.py): formats by name, the report kinds each renders, suffixes."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from speccheck.report import FINDINGS_REPORTS, RENDERERS, for_suffix, renderers_for, suffixes


def test_findings_reports_share_one_set_of_formats() -> None:
    expected = ["github", "json", "junit", "markdown", "parsable", "sarif", "text"]
    for kind in FINDINGS_REPORTS:
        assert sorted(renderers_for(kind)) == expected
    assert list(renderers_for(*FINDINGS_REPORTS)) == [
        "text",
        "json",
        "parsable",
        "sarif",
        "junit",
        "github",
        "markdown",
    ]


def test_shortlist_outputs_are_chosen_by_suffix() -> None:
    assert suffixes("shortlist") == [".csv", ".html", ".json", ".txt", ".xlsx"]
    assert for_suffix(".XLSX", "shortlist") is RENDERERS["xlsx"]
    assert for_suffix(".txt", "shortlist") is RENDERERS["text"]
    assert for_suffix(".pdf", "shortlist") is None
    assert for_suffix("", "shortlist") is None
    assert for_suffix(".csv", "lint") is None


@pytest.mark.parametrize(("name", "kind"), [(n, k) for n, r in sorted(RENDERERS.items()) for k in sorted(r.modules)])
def test_every_registered_module_has_a_render_function(name: str, kind: str) -> None:
    assert callable(importlib.import_module(RENDERERS[name].modules[kind]).render)


def test_the_registry_imports_no_renderer() -> None:
    code = "import sys, speccheck.report; print(sorted(m for m in sys.modules if m.startswith(('speccheck.', 'rich', 'openpyxl'))))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['speccheck.report']"
