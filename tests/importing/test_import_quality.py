"""Import quality on the labelled corpus (tests/bench/import/: documents restated from published person
specifications, job descriptions and application forms by someone who never read the importer), pinned.

tests/bench/import/measure_import.py prints the figures and every miss. The held-out quarter is measured once,
at the end of the import work (issue 11), and not here. Raise a floor when the figures rise; a fall is a
regression to explain. Goals on both formats: 97 % of criteria found with the right level, 95 % of
assessment methods right, at most 3 % spurious items, 95 % of duties.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from speccheck.library.loading import RuleLibrary

BENCH = Path(__file__).resolve().parents[1] / "bench" / "import"

FLOORS = {
    "criteria_recall": 1.0,
    "criteria_with_right_level": 0.989,
    "assessment_accuracy": 0.996,
    "duty_recall": 0.967,
    "employment_recall": 1.0,
    "qualification_recall": 0.916,
    "statement_paragraphs": 1.0,
}
SPURIOUS_CEILING = 0.045  # the goal is 0.03: not met yet


def _measure_module() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("import_measure", BENCH / "measure_import.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_import_quality_on_the_development_documents(tmp_path: Path, library: RuleLibrary) -> None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed here (.ci/run installs it)")
    module = _measure_module()
    built = module.build("dev", tmp_path)
    tallies = module.measure(built, library)
    for fmt, tally in tallies.items():
        figures = tally.figures()
        for name, floor in FLOORS.items():
            assert figures[name] >= floor, (fmt, name, figures[name], tally.misses)
        assert figures["spurious_items"] <= SPURIOUS_CEILING, (fmt, figures["spurious_items"], tally.misses)
