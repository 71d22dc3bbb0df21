"""Pure renderers: a report in, text out. One registry; CLI choices come from its keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Union

from speccheck.audit import AuditReport
from speccheck.evaluate import EvaluationReport
from speccheck.lint import LintReport
from speccheck.report import json_report, terminal

Report = Union[EvaluationReport, AuditReport, LintReport]
Renderer = Callable[..., str]

RENDERERS: dict[str, Renderer] = {
    "text": terminal.render,
    "json": json_report.render,
}
