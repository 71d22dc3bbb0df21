"""Spec files -> one lint report: load, condition and audit findings, configured and with suppressions applied.

Each file is read once; its findings come from the loader (YAML, schema), the
condition checks (rule files and criteria) and, for role files, the audit
checks run through the engine (imported only when a role file is met, so
linting other files starts fast, as the importer is only when a document is) under the audit profile (``speccheck.library.profiles``:
rules it disables do not run, its severities apply). The configuration then sets
each finding's severity (``rules:``, per-glob ``overrides:``), inline comments and
waivers suppress what a team has accepted, and the report keeps the suppressed
findings with their reasons. Many files are linted in worker processes.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from speccheck.conditions.typecheck import condition_findings
from speccheck.core.findings import Finding, Position, Severity, SourceRef, sorted_findings
from speccheck.documents import DOCUMENT_SUFFIXES
from speccheck.files.kinds import FileModel
from speccheck.files.loader import YAML_SUFFIXES, Loaded, discover, is_kind, load_text, read_text
from speccheck.files.role import Role
from speccheck.files.rules import CheckRule, DerivationRule, Profile
from speccheck.library.loading import RuleLibrary
from speccheck.lint.config import META_CATEGORIES, LintConfig, inside
from speccheck.lint.suppress import Candidate, Directive, apply_inline, apply_waivers, directives
from speccheck.results.lint import LintReport, Summary, SuppressedFinding
from speccheck.rulebook.descriptors import rule_infos

# Categories of rules that never report on a linted file (the configuration, candidates at evaluation, the shortlist's
# sheets, rule-pack tests): left out of the report's rule list, so JUnit has no test case for them per file.
NOT_ON_FILES = frozenset({"config", "candidate", "shortlist", "verify"})
# Categories of rules that report only on imported documents: listed only when a document is linted.
DOCUMENT_CATEGORIES = frozenset({"document", "import"})
# Below this many files a worker pool costs more than it saves.
PARALLEL_MIN_FILES = 64


def shown_path(path: Path, base_dir: Path | None) -> str:
    """The path as findings show it: relative to ``base_dir`` when inside it, with forward slashes."""
    return _shown(path, path.resolve(), base_dir.resolve() if base_dir is not None else None)


def _shown(path: Path, resolved: Path, base: Path | None) -> str:
    """``shown_path`` of a path resolved already, against a resolved ``base``."""
    relative = inside(resolved, base) if base is not None else None
    return path.as_posix() if relative is None else relative


# --------------------------------------------------------------------------- one file


@dataclass(frozen=True)
class FileResult:
    """One file's findings and the suppression comments in it."""

    shown: str
    findings: list[Finding]
    directives: list[Directive]


def _rule_findings(loaded: Loaded[FileModel], library: RuleLibrary) -> list[Finding]:
    model = loaded.model
    if isinstance(model, DerivationRule):
        catalogue = library.candidate_catalogue()
    elif isinstance(model, CheckRule):
        from speccheck.facts.scopes import CATALOGUES

        catalogue = CATALOGUES[model.scope]
    else:
        return []
    return condition_findings(
        model.when,
        catalogue,
        at=("when",),
        locate=loaded.position,
        fix="use a fact and operator from the condition language reference",
    )


def _role_findings(loaded: Loaded[Role], library: RuleLibrary, profile: Profile | None) -> list[Finding]:
    """The criterion conditions checked and compiled as far as the engine's limits (no evaluation plans), and the audit."""
    # Imported here: the engine and the audit are needed only when a role file is linted.
    from speccheck.audit.run import audit_findings
    from speccheck.library.programs import role_program

    _, problems = role_program(loaded, library)
    return [*problems, *audit_findings(loaded, library, profile=profile)]


def check_file(path: Path, library: RuleLibrary, *, shown: str, profile: Profile | None = None) -> FileResult:
    """All findings for one file and its suppression comments; never raises for bad input.

    A Word, PDF or text document is imported first (a role or an application form, as its sections say) and
    its findings point into the document; any other file that is not YAML or JSON is a finding."""
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return _check_document(path, library, shown=shown, profile=profile)
    if suffix not in YAML_SUFFIXES and path.is_file():
        from speccheck.importing.run import not_importable

        return FileResult(shown, [not_importable(shown)], [])
    text, findings = read_text(path, shown)
    if text is None:
        return FileResult(shown, findings, [])
    loaded = load_text(text, shown)
    findings = list(loaded.findings)
    if is_kind(loaded, Role):
        findings.extend(_role_findings(loaded, library, profile))
    else:
        findings.extend(_rule_findings(loaded, library))
    found, problems = directives(text, shown, loaded.located)
    at_file = Position(path=shown, line=1, col=1)
    findings = [f if f.position else f.model_copy(update={"position": at_file}) for f in findings]
    return FileResult(shown, findings + problems, found)


def _check_document(path: Path, library: RuleLibrary, *, shown: str, profile: Profile | None) -> FileResult:
    # Imported here: the importer (Word, PDF, the words it reads by) is needed only when a document is linted.
    from speccheck.importing.run import import_path

    imported = import_path(path, library, shown=shown)
    findings = list(imported.findings)
    loaded = imported.loaded
    if loaded is not None and is_kind(loaded, Role) and not any(f.rule_id == "import-nothing-found" for f in findings):
        findings.extend(_role_findings(loaded, library, profile))
    at_file = Position(path=shown, line=1, col=1)
    return FileResult(shown, [f if f.position else f.model_copy(update={"position": at_file}) for f in findings], [])


# --------------------------------------------------------------------------- many files


_WORKER: tuple[RuleLibrary, Profile | None] | None = None


def _init_worker(library: RuleLibrary, profile: Profile | None, parent: int) -> None:
    from speccheck.core.processes import end_with_parent

    global _WORKER
    end_with_parent(parent)
    _WORKER = (library, profile)


# A finding as a worker sends it: plain values, which the parent builds into a Finding again. Unpickling a
# Finding (a position and sources in it) costs about three times building one, and the parent does it for every
# finding of every file while the workers run.
_Sent = tuple[str, str, str, tuple[str, int, int, str | None] | None, str | None, tuple[SourceRef, ...]]


def _check_in_worker(job: tuple[Path, str]) -> tuple[str, list[_Sent], list[Directive]]:
    assert _WORKER is not None
    return _sent(check_file(job[0], _WORKER[0], shown=job[1], profile=_WORKER[1]))


def _sent(result: FileResult) -> tuple[str, list[_Sent], list[Directive]]:
    sent = [
        (
            f.rule_id,
            f.severity.value,
            f.message,
            None if f.position is None else (f.position.path, f.position.line, f.position.col, f.position.place),
            f.fix,
            f.sources,
        )
        for f in result.findings
    ]
    return result.shown, sent, result.directives


def _received(sent: tuple[str, list[_Sent], list[Directive]]) -> FileResult:
    shown, findings, found = sent
    return FileResult(
        shown,
        [
            Finding(
                rule_id=rule_id,
                severity=Severity(severity),
                message=message,
                position=None if at is None else Position(path=at[0], line=at[1], col=at[2], place=at[3]),
                fix=fix,
                sources=sources,
            )
            for rule_id, severity, message, at, fix, sources in findings
        ],
        found,
    )


def _check_all(
    jobs: list[tuple[Path, str]], library: RuleLibrary, profile: Profile | None, workers: int
) -> list[FileResult]:
    import multiprocessing

    from speccheck.core.processes import quiet_collector

    if workers <= 1 or len(jobs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        with quiet_collector():
            return [check_file(path, library, shown=shown, profile=profile) for path, shown in jobs]
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers inherit the loaded library and imports instead of paying for them again, and the
    # collector's settings (the library frozen out of its collections).
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(jobs) // (workers * 8))
    with (
        quiet_collector(),
        ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker, initargs=(library, profile, os.getpid())
        ) as pool,
    ):
        return [_received(sent) for sent in pool.map(_check_in_worker, jobs, chunksize=chunk)]


def default_workers(files: int) -> int:
    """Worker processes for ``files`` files: one per CPU, none for small runs."""
    if files < PARALLEL_MIN_FILES:
        return 1
    return max(1, min(os.cpu_count() or 1, files // (PARALLEL_MIN_FILES // 2)))


def lint(
    paths: list[Path],
    library: RuleLibrary,
    *,
    base_dir: Path | None = None,
    config: LintConfig | None = None,
    profile: Profile | None = None,
    as_of: dt.date | None = None,
    fail_on: Severity | None = None,
    workers: int | None = 1,
) -> LintReport:
    """Lint files and folders (recursively).

    ``profile`` is the audit profile (``speccheck.library.profiles.load_profile``);
    ``as_of`` is the day waiver expiry is judged at (no waiver expires when it
    is None); ``fail_on`` overrides the configuration's; ``workers`` None picks
    one process per CPU for large runs.
    """
    config = config or LintConfig()
    files, missing = discover(paths, documents=True)
    jobs, relatives = _placed(files, config, base_dir)
    infos = rule_infos(library, base=base_dir)
    category = {info.id: info.category for info in infos}
    known = set(category)
    results = _check_all(jobs, library, profile, default_workers(len(jobs)) if workers is None else workers)

    disabled = set(profile.disable) if profile else set()
    active = {i.id for i in infos if i.id not in disabled and config.rules.get(i.id) != "off"}
    kept: list[Candidate] = []
    suppressed: list[SuppressedFinding] = []
    meta: list[Finding] = [*config.findings, *_unknown_rules(config, known)]
    for relative, result in zip(relatives, results, strict=False):
        # Findings about suppressions and the configuration can be neither configured nor suppressed.
        meta.extend(f for f in result.findings if category.get(f.rule_id) in META_CATEGORIES)
        plain = [f for f in result.findings if category.get(f.rule_id) not in META_CATEGORIES]
        configured = [f for f in (_configured(f, config, relative) for f in plain) if f is not None]
        remaining, silenced, about = apply_inline(configured, result.directives, known=known, active=active)
        suppressed.extend(silenced)
        meta.extend(about)
        kept.extend(Candidate(f, relative) for f in remaining)
    kept.extend(Candidate(f, None) for f in missing)
    remaining, silenced, about = apply_waivers(
        kept,
        config.all_waivers,
        as_of=as_of or dt.date.min,
        known=known,
        active=active,
        linted=[r for r in relatives if r is not None],
    )
    suppressed.extend(silenced)
    findings = sorted_findings([*remaining, *meta, *about])
    threshold = fail_on or config.fail_on or Severity.ERROR
    shown_files = sorted(shown for _, shown in jobs)
    documents = any(Path(f).suffix.lower() not in YAML_SUFFIXES for f in shown_files)  # once, not once a rule
    return LintReport(
        files=shown_files,
        findings=findings,
        suppressed=sorted(suppressed, key=lambda s: s.finding.sort_key()),
        rules=[i for i in infos if i.id in active and i.kind != "derivation" and _on_files(i.category, documents)],
        config=shown_path(config.path, base_dir) if config.path else None,
        profile=profile.id if profile else None,
        summary=Summary.of(len(shown_files), findings, len(suppressed), threshold),
    )


def _placed(
    files: list[Path], config: LintConfig, base_dir: Path | None
) -> tuple[list[tuple[Path, str]], list[str | None]]:
    """The files to lint (not excluded, not the configuration or baseline itself), each with the path findings
    show and its path relative to the configuration's folder; every path is resolved once (a thousand files
    resolved seven times each took a quarter of a second before any was read)."""
    own = {p.resolve() for p in (config.path, config.baseline) if p is not None}
    root = config.root.resolve()
    base = base_dir.resolve() if base_dir is not None else None
    jobs: list[tuple[Path, str]] = []
    relatives: list[str | None] = []
    folders: dict[Path, Path] = {}
    for path in files:
        resolved = _resolved(path, folders)
        relative = inside(resolved, root)
        if resolved in own or config.excluded_at(relative):
            continue
        jobs.append((path, _shown(path, resolved, base)))
        relatives.append(relative)
    return jobs, relatives


def _resolved(path: Path, folders: dict[Path, Path]) -> Path:
    """``path.resolve()``, with each folder resolved once (``folders`` keeps them): a file that is not a link is
    its resolved folder and its name."""
    if path.name in ("", ".", "..") or path.is_symlink():
        return path.resolve()
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = path.parent.resolve()
    return folder / path.name


def _on_files(category: str, documents: bool) -> bool:
    """Whether rules of a category can report on the files linted: document rules only when ``documents``
    (a document is among them)."""
    if category in NOT_ON_FILES:
        return False
    if category in DOCUMENT_CATEGORIES:
        return documents
    return True


def _configured(finding: Finding, config: LintConfig, relative: str | None) -> Finding | None:
    """The finding at its configured severity (over the profile's); None when a setting turns its rule off."""
    setting = config.setting(finding.rule_id, relative)
    if setting is None:
        return finding
    if setting == "off":
        return None
    return finding.model_copy(update={"severity": Severity(setting)})


def _unknown_rules(config: LintConfig, known: set[str]) -> list[Finding]:
    return [
        Finding(
            rule_id="config-unknown-rule",
            severity=Severity.WARNING,
            message=f'configuration names unknown rule "{rule}"',
            position=position,
            fix="check the id with speccheck rules list",
        )
        for rule, position in config.configured_rule_ids()
        if rule not in known
    ]
