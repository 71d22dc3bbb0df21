"""One lint run: each file's findings (loader, conditions, role compilation and audit), and how many workers run them."""

from __future__ import annotations

import gc
import pickle
from pathlib import Path

from speccheck.core.findings import Finding, Position, Severity, SourceRef
from speccheck.library.loading import RuleLibrary
from speccheck.lint.run import (
    NOT_ON_FILES,
    PARALLEL_MIN_FILES,
    FileResult,
    _received,
    _sent,
    check_file,
    default_workers,
    lint,
    shown_path,
)

ROLE = """\
kind: role
version: 1
title: Deputy Headteacher
post_type: deputy_headteacher
criteria:
  - {id: E1, text: QTS, level: essential, category: qualifications, assessed_by: [certificate], condition: {fact: has_qts, '>=': 3}}
"""


def test_paths_are_shown_relative_to_the_base_folder(tmp_path: Path) -> None:
    inside = tmp_path / "roles" / "a.yaml"
    assert shown_path(inside, tmp_path) == "roles/a.yaml"
    assert shown_path(inside, tmp_path / "elsewhere") == inside.as_posix()
    assert shown_path(Path("b.yaml"), None) == "b.yaml"


def test_small_runs_use_no_worker_processes() -> None:
    assert default_workers(PARALLEL_MIN_FILES - 1) == 1
    assert default_workers(PARALLEL_MIN_FILES * 100) >= 1


def test_a_role_file_gets_condition_findings_at_their_place(tmp_path: Path, library: RuleLibrary) -> None:
    path = tmp_path / "role.yaml"
    path.write_text(ROLE)
    result = check_file(path, library, shown="role.yaml")
    conditions = [f for f in result.findings if f.rule_id == "condition"]
    assert conditions and all(str(f.position).startswith("role.yaml:6:") for f in conditions)
    assert all(f.position is not None for f in result.findings)


def test_the_report_lists_only_rules_that_report_on_files(tmp_path: Path, library: RuleLibrary) -> None:
    path = tmp_path / "role.yaml"
    path.write_text(ROLE)
    report = lint([path], library, base_dir=tmp_path)
    assert report.files == ["role.yaml"]
    assert report.rules and not {info.category for info in report.rules} & NOT_ON_FILES
    assert all(info.kind != "derivation" for info in report.rules)


def test_a_lint_in_workers_leaves_the_collector_as_it_was(tmp_path: Path, library: RuleLibrary) -> None:
    role = (Path(__file__).resolve().parents[2] / "samples" / "roles" / "deputy-head.yaml").read_text()
    paths = []
    for index in range(3):
        paths.append(tmp_path / f"role-{index}.yaml")
        paths[-1].write_text(role)
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    parallel = lint(paths, library, base_dir=tmp_path, workers=2)
    assert (gc.get_threshold(), gc.get_freeze_count()) == (thresholds, frozen)
    assert parallel == lint(paths, library, base_dir=tmp_path, workers=1)


def test_a_file_result_comes_back_from_a_worker_as_it_was() -> None:
    """Workers send findings as plain values (cheaper to unpickle); the parent builds the same findings."""
    source = SourceRef(doc="Equality Act 2010", edition="2010", para="section 19", provenance="V-PRIMARY")
    result = FileResult(
        "roles/a.yaml",
        [
            Finding(rule_id="a-rule", severity=Severity.ERROR, message="m", position=Position(path="a", line=2, col=3)),
            Finding(
                rule_id="b-rule",
                severity=Severity.INFO,
                message="n",
                position=Position(path="b.docx", line=4, col=1, place="page 2, table 1, row 4"),
                fix="do this",
                sources=(source,),
            ),
            Finding(rule_id="c-rule", severity=Severity.WARNING, message="o"),
        ],
        [],
    )
    assert _received(pickle.loads(pickle.dumps(_sent(result)))) == result


def test_a_path_resolves_as_path_resolve_does_with_its_folder_resolved_once(tmp_path: Path) -> None:
    """Links to files and to folders, relative paths and dot-dot: each the same as ``Path.resolve``."""
    from speccheck.lint.run import _resolved

    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.yaml").write_text("")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "b.yaml").symlink_to(tmp_path / "real" / "a.yaml")
    (tmp_path / "elsewhere.yaml").symlink_to(tmp_path / "real" / "a.yaml")
    paths = [
        tmp_path / "real" / "a.yaml",
        tmp_path / "linked" / "a.yaml",
        tmp_path / "real" / "b.yaml",
        tmp_path / "elsewhere.yaml",
        tmp_path / "real" / ".." / "real" / "a.yaml",
        Path("relative.yaml"),
        tmp_path / "real" / "missing.yaml",
    ]
    folders: dict[Path, Path] = {}
    assert [_resolved(p, folders) for p in paths] == [p.resolve() for p in paths]
