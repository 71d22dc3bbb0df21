"""One shortlist run: the role compiled and audited, the applications gathered and evaluated (in worker
processes for a large batch), panel scores read, the shortlist ranked, its outputs written and its decision
record made.

``shortlisting`` streams: as the applications are evaluated each one's detail
goes to the run's spool and only a compact entry stays; the ranking is built
from the entries; then ``Shortlisted.write`` builds each candidate in full, in
rank order, in the same workers, hands every output its piece and forgets it.
The main process's memory does not grow with the batch's explanations and
quotes, only with its entries (and with an output that keeps what it is
given: the workbook). ``make_shortlist`` does the same and returns the whole
report, for a caller that wants it all (a small batch, the demo, tests).

The role's audit gates the shortlist (``gate``): its errors and warnings open
every output, and the criteria it marks as possibly unlawful or unassessable
are left out of the decisions; with ``strict`` a role with audit errors is
not shortlisted at all.

The caller (the command line) loads the rule library, chooses the day to
judge by when none is given, and shows progress; this module never prints.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from speccheck.core.findings import Finding
from speccheck.evaluate.plans import compile_role
from speccheck.files.loader import discover, read_text
from speccheck.files.role import Role, application_date
from speccheck.files.rules import DEFAULT_PROFILE
from speccheck.importing.run import load_path
from speccheck.library.loading import RuleLibrary
from speccheck.library.profiles import load_profile
from speccheck.report.shortlist_stream import CandidatePart, Piece, ShortlistStream
from speccheck.results.shortlist import RankedCandidate, RankedView, ShortlistReport, Standing
from speccheck.shortlist.applicants import read_applicants
from speccheck.shortlist.batch import FileSource, RowSource, Setup, Source
from speccheck.shortlist.blind import assign_codes, redactor_for_all
from speccheck.shortlist.entries import Entry, evaluate_into
from speccheck.shortlist.gate import gate_role
from speccheck.shortlist.ranking import Ranking, code_salt, rank
from speccheck.shortlist.record import (
    Arguments,
    FileHash,
    Record,
    build_record,
    file_hash,
    ranking_of,
    rule_hashes,
)
from speccheck.shortlist.scores import read_sheets
from speccheck.shortlist.spool import Spool
from speccheck.shortlist.stream import write_outputs
from speccheck.shortlist.workers import Workers

SERIAL_BELOW = 16  # smaller batches are evaluated in this process: starting workers costs more

Advance = Callable[[int], None]  # called with how many applications just finished
Progress = Callable[[int], AbstractContextManager[Advance | None]]  # given the batch size, while it is evaluated


@dataclass(frozen=True, kw_only=True)
class ShortlistRequest:
    """What a shortlist is made from: the files, as given, and how to judge them."""

    role: Path
    candidates: tuple[Path, ...]  # candidate files, folders, or applicants CSV files
    scores: tuple[Path, ...] = ()
    moderated: tuple[Path, ...] = ()
    rules: tuple[Path, ...] = ()  # extra rule folders
    as_of: dt.date | None = None  # judge applications as at this day; default the role's closing date, else today
    today: dt.date
    anonymise: bool = False
    # The secret blind codes are keyed with: the command line makes a new one for every run (or takes a
    # record's, to keep its codes); None keys them by the role alone, for reproducible tests.
    blind_key: str | None = None
    jobs: int | None = None  # worker processes for a large batch; None: every core
    record: bool = True  # also build the decision record
    strict: bool = False  # refuse to shortlist a role whose audit finds errors
    panel: tuple[str, ...] = ()  # the shortlisting panel, for the pack (default: the panellists who scored)
    meeting_date: dt.date | None = None  # the shortlisting meeting, for the pack
    library_cache: Path | None = None  # where workers read the compiled rule library (speccheck.library.cache)


@dataclass(frozen=True)
class ShortlistRun:
    """A shortlist and, when asked for, its decision record."""

    report: ShortlistReport
    record: Record | None = None


@dataclass(frozen=True)
class Refused:
    """No shortlist: ``strict`` was asked for and the role's audit found errors (``findings``)."""

    findings: list[Finding]


class Shortlisted:
    """A ranked batch whose outputs are still to be written (``write``, once); then its record."""

    def __init__(self, request: ShortlistRequest, ranking: Ranking, batch: _Batch) -> None:
        self.request = request
        self.ranking = ranking
        self._batch = batch
        self.record: Record | None = None

    @property
    def frame(self) -> ShortlistReport:
        """The shortlist without its candidates: its criteria, decisions, panel, findings."""
        return self.ranking.frame

    @property
    def standings(self) -> list[Standing]:
        return self.ranking.standings

    def write(self, outputs: Sequence[ShortlistStream]) -> None:
        """Every candidate to every output in rank order (and, when the request asks, the decision record)."""
        batch = self._batch
        digest = write_outputs(self.ranking, batch.pool, batch.spool, outputs, hashed=self.request.record)
        if digest is not None:
            self.record = _record(self.request, batch, self.frame, self.standings, digest)


@dataclass(frozen=True)
class _Batch:
    """What a run keeps of its batch for the outputs and the record."""

    pool: Workers
    spool: Spool
    entries: list[Entry]
    sources: list[Source]
    csv_files: list[Path]
    salt: str


@contextmanager
def shortlisting(
    request: ShortlistRequest, library: RuleLibrary, *, progress: Progress | None = None
) -> Iterator[tuple[Shortlisted | Refused | None, list[Finding]]]:
    """Compile and audit the role, evaluate every application, merge the panel's scores and rank; the workers
    and the spool stay open inside the ``with`` for the outputs (``Shortlisted.write``). When the role cannot
    be loaded or compiled, no run and the findings that say why; when ``strict`` and the role's audit finds
    errors, ``Refused``."""
    loaded_role = load_path(request.role, Role, library)
    if loaded_role.model is None:
        yield None, loaded_role.findings
        return
    compiled, problems = compile_role(loaded_role, library)
    if compiled is None:
        yield None, problems
        return
    gate = gate_role(loaded_role, library, profile=load_profile(DEFAULT_PROFILE, rule_folders=list(request.rules)))
    if request.strict and gate.errors:
        yield Refused(gate.errors), []
        return
    when, when_from = application_date(loaded_role.model, request.as_of, request.today)
    sources, findings, csv_files = gather_sources(request.candidates)
    sheets = read_sheets(request.scores, request.moderated)
    setup = Setup(
        str(request.role),
        str(request.role),
        tuple(str(r) for r in request.rules),
        when,
        str(request.library_cache) if request.library_cache is not None else None,
    )
    workers = 1 if len(sources) < SERIAL_BELOW else (request.jobs or os.cpu_count() or 1)
    with Spool() as spool, Workers(setup, min(workers, len(sources)), compiled) as pool:
        with (progress or _silent)(len(sources)) as advance:
            entries = evaluate_into(pool, sources, spool, identities=request.anonymise, progress=advance)
        salt = code_salt(compiled.role_id, request.blind_key)
        ranking = rank(
            compiled,
            entries,
            sheets,
            as_of=when,
            as_of_from=when_from,
            anonymise=request.anonymise,
            findings=findings,
            gate=gate,
            panel_members=list(request.panel),
            meeting_date=request.meeting_date,
            salt=salt,
        )
        yield Shortlisted(request, ranking, _Batch(pool, spool, entries, sources, csv_files, salt)), []


def make_shortlist(
    request: ShortlistRequest, library: RuleLibrary, *, progress: Progress | None = None
) -> tuple[ShortlistRun | Refused | None, list[Finding]]:
    """As ``shortlisting``, with the whole report (every candidate in full) and its record returned."""
    with shortlisting(request, library, progress=progress) as (made, problems):
        if not isinstance(made, Shortlisted):
            return made, problems
        whole = _Whole()
        made.write([whole])
        return ShortlistRun(made.frame.model_copy(update={"candidates": whole.candidates}), made.record), []


class _Whole:
    """An output that keeps every candidate in full."""

    piece: Piece | None = None
    wants_model = True

    def __init__(self) -> None:
        self.candidates: list[RankedCandidate] = []

    def start(self, frame: ShortlistReport, rows: Sequence[RankedView]) -> None:
        return

    def add(self, part: CandidatePart, piece: str | None) -> None:
        assert part.candidate is not None
        self.candidates.append(part.candidate)

    def finish(self) -> None:
        return


def gather_sources(paths: Sequence[Path]) -> tuple[list[Source], list[Finding], list[Path]]:
    """Candidate sources in argument order (a CSV file becomes one source per row), the findings of
    files that cannot be read, and the CSV files read."""
    sources: list[Source] = []
    findings: list[Finding] = []
    csv_files: list[Path] = []
    for path in paths:
        if path.is_file() and path.suffix.lower() == ".csv":
            csv_files.append(path)
            text, problems = read_text(path, str(path))
            findings.extend(problems)
            if text is None:
                continue
            header, rows, problems = read_applicants(text, str(path))
            findings.extend(problems)
            if header is not None:
                sources.extend(RowSource(header, row) for row in rows)
            continue
        files, missing = discover([path], documents=True)
        findings.extend(missing)
        sources.extend(FileSource(str(p), str(p)) for p in files)
    return sources, findings, csv_files


def _silent(total: int) -> AbstractContextManager[Advance | None]:
    return nullcontext(None)


def _record(
    request: ShortlistRequest, batch: _Batch, frame: ShortlistReport, standings: Sequence[Standing], result: str
) -> Record:
    """The decision record: every input's sha256, the arguments (candidate paths by code in blind mode), the result."""
    entries = batch.entries
    file_codes = assign_codes([e.shown for e in entries], batch.salt + ":file")
    candidate_hashes = [
        FileHash(path=file_codes[e.shown] if request.anonymise else e.shown, sha256=e.sha256)
        for e, s in zip(entries, batch.sources, strict=True)
        if isinstance(s, FileSource)
    ]
    candidate_hashes += [file_hash(p) for p in batch.csv_files]
    candidates, redacted = _shown_candidates(request, entries, file_codes)
    return build_record(
        result=result,
        ranking=ranking_of(standings),
        arguments=Arguments(
            role=str(request.role),
            candidates=candidates,
            scores=[str(p) for p in request.scores],
            moderated=[str(p) for p in request.moderated],
            rules=[str(p) for p in request.rules],
            as_of=frame.as_of,
            as_of_from=frame.as_of_from,
            anonymise=request.anonymise,
            panel=list(request.panel),
            meeting_date=request.meeting_date,
        ),
        arguments_redacted=redacted,
        blind_key=request.blind_key,
        role=file_hash(request.role),
        rules=rule_hashes(list(request.rules)),
        candidates=sorted(candidate_hashes, key=lambda f: f.path),
        score_sheets=[file_hash(p) for p in request.scores],
        moderation=[file_hash(p) for p in request.moderated],
    )


def _shown_candidates(
    request: ShortlistRequest, evaluated: list[Entry], file_codes: dict[str, str]
) -> tuple[list[str], bool]:
    """The candidate arguments as the record gives them, and whether blind mode replaced any."""
    arguments = [str(p) for p in request.candidates]
    if not request.anonymise:
        return arguments, False
    by_path = {e.shown: file_codes[e.shown] for e in evaluated}
    everyone = redactor_for_all([e.identity for e in evaluated if e.identity is not None])
    shown = []
    redacted = False
    for argument in arguments:
        hidden = by_path.get(argument) or everyone.redact(argument)[0]
        redacted = redacted or hidden != argument
        shown.append(hidden)
    return shown, redacted
