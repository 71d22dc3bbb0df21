"""The fuzz harness (issue 13, item 2): mutated files of every kind through the command line, counting internal
errors (exit 3, or an exception out of ``main``), hangs (over ``HANG_SECONDS``) and crashes by a signal.

Each case is reproducible from its number and the run's seed: it picks a file
kind, a seed file of that kind and one to four mutations (``corpus``), writes
the files a command needs into a fresh folder and runs one command on them:
in this process through ``speccheck.cli.main`` (most cases), or in a
subprocess ``python -m speccheck`` (every ``SUBPROCESS_EVERY``-th case, where a
crash by a signal and a hang can be seen from outside). Any exit code but 3 is
an answer: findings (1) and usage errors (2) are what bad input should get.

    python -m tests.fuzz.harness --cases 10000 --seed 13 --jobs 2 [--save DIR]

prints one line per hundred cases and a summary; ``--save DIR`` keeps each
failing case (its files, command and output). ``tests/fuzz/test_fuzz.py`` runs
a few hundred cases in CI. Cases whose command reads only the bundled rules
reuse one loaded rule library per process (the slowest step, and identical for
every case); a case with its own rule folder loads it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz.corpus import KINDS, ROOT, Seed, mutate, seeds

HANG_SECONDS = 10
SUBPROCESS_EVERY = 20
ROLE = ROOT / "samples" / "roles" / "head-of-school-completed.yaml"
CANDIDATES = ROOT / "samples" / "candidates"
SHEETS = ROOT / "samples" / "scores" / "head-of-school"


@dataclass(frozen=True)
class Outcome:
    case: int
    kind: str
    command: list[str]
    how: str  # "in-process" or "subprocess"
    code: int | None  # exit code; None for a hang
    verdict: str  # "ok", "internal", "hang", "crash"
    seconds: float
    detail: str = ""


@dataclass
class Summary:
    cases: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    ways: Counter[str] = field(default_factory=Counter)
    failures: list[Outcome] = field(default_factory=list)
    slowest: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.cases += 1
        self.verdicts[outcome.verdict] += 1
        self.codes[str(outcome.code)] += 1
        self.kinds[outcome.kind] += 1
        self.ways[outcome.how] += 1
        self.slowest = max(self.slowest, outcome.seconds)
        if outcome.verdict != "ok":
            self.failures.append(outcome)

    def line(self) -> str:
        return (
            f"{self.cases} cases ({self.ways['in-process']} in-process, {self.ways['subprocess']} in subprocesses): "
            f"{self.verdicts['internal']} internal errors, {self.verdicts['hang']} hangs, "
            f"{self.verdicts['crash']} crashes; exit codes {dict(sorted(self.codes.items()))}; "
            f"slowest {self.slowest:.1f} s"
        )


# --------------------------------------------------------------------------- one case


def _outputs(
    rng: random.Random, folder: Path, suffixes: tuple[str, ...] = (".json", ".xlsx", ".html", ".csv", ".txt")
) -> list[str]:
    """One or two output files of the shortlist formats (every format is drawn, not all every time: speed)."""
    return [a for suffix in rng.sample(suffixes, rng.randint(1, 2)) for a in ("-o", str(folder / f"out{suffix}"))]


def _few(rng: random.Random, folder: Path) -> str:
    """A folder of two or three sample applications."""
    few = folder / "samples"
    few.mkdir(exist_ok=True)
    for sample in rng.sample(sorted(CANDIDATES.glob("*.yaml")), rng.randint(2, 3)):
        shutil.copy(sample, few / sample.name)
    return str(few)


def _case_files(case: int, seed: int, folder: Path) -> tuple[str, list[str]]:
    """Write case ``case``'s files into ``folder``; its kind and the command line to run."""
    rng = random.Random(f"{seed}:{case}")
    kind = KINDS[case % len(KINDS)]
    table = seeds()
    chosen: Seed = rng.choice(table[kind] or table["candidate"])
    if kind == "record":
        return kind, _record_case(rng, folder)
    text = mutate(rng, chosen)
    if kind == "role":
        path = _write(folder / chosen.name, text)
        outputs = _outputs(rng, folder)
        return kind, rng.choice(
            [
                ["lint", str(path), "--no-config", "-f", rng.choice(["parsable", "json", "sarif", "junit", "text"])],
                ["audit", str(path), "--profile", rng.choice(["default", "strict"])],
                ["evaluate", str(path), str(CANDIDATES / "strong-deputy.yaml"), "-f", rng.choice(["text", "json"])],
                ["shortlist", str(path), _few(rng, folder), "--anonymise", *outputs],
            ]
        )
    if kind in ("candidate", "candidate_json"):
        applications = folder / "applications"
        applications.mkdir()
        _write(applications / chosen.name, text)
        for other in sorted(CANDIDATES.glob("*.yaml"))[: rng.randint(0, 3)]:
            shutil.copy(other, applications / other.name)
        outputs = [
            a for suffix in (".json", ".xlsx", ".html", ".csv", ".txt") for a in ("-o", str(folder / f"o{suffix}"))
        ]
        return kind, rng.choice(
            [
                ["evaluate", str(ROLE), str(applications), "--color", rng.choice(["never", "always"])],
                ["lint", str(applications), "--no-config", "-f", "parsable"],
                [
                    "shortlist",
                    str(ROLE),
                    str(applications),
                    "--anonymise",
                    *outputs,
                    "--record",
                    str(folder / "r.json"),
                ],
                ["shortlist", str(ROLE), str(applications), "--color", "always"],
            ]
        )
    if kind == "rule":
        pack = folder / "pack" / "custom"
        pack.mkdir(parents=True)
        _write(pack / chosen.name, text)
        return kind, rng.choice(
            [
                ["lint", str(folder / "pack"), "--no-config"],
                ["audit", str(ROLE), "--rules", str(folder / "pack")],
                ["evaluate", str(ROLE), str(CANDIDATES / "no-qts.yaml"), "--rules", str(folder / "pack")],
                ["rules", "verify", str(folder / "pack")],
            ]
        )
    if kind in ("scores_csv", "scores_yaml", "moderation_csv", "moderation_yaml"):
        path = _write(folder / chosen.name, text)
        option = "--scores" if kind.startswith("scores") else "--moderated"
        sheets = [a for name in ("okafor.csv", "patel.csv") for a in ("--scores", str(SHEETS / name))]
        outputs = _outputs(rng, folder, (".xlsx", ".csv", ".html", ".json"))
        blind = ["--anonymise"] if rng.random() < 0.5 else []
        return kind, ["shortlist", str(ROLE), _few(rng, folder), *sheets, option, str(path), *outputs, *blind]
    if kind == "applicants_csv":
        path = _write(folder / chosen.name, text)
        outputs = _outputs(rng, folder, (".xlsx", ".json", ".csv"))
        return kind, ["shortlist", str(ROLE), str(path), "--anonymise", *outputs, "--jobs", "1"]
    # configuration: lint a small project with it, or write a baseline from it
    project = folder / "project"
    project.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "lint-project" / "roles" / "good.yaml", project / "good.yaml")
    config = _write(project / chosen.name, text)
    return kind, rng.choice(
        [
            ["lint", str(project), "--config", str(config), "--base-dir", str(project)],
            ["baseline", str(project), "--config", str(config), "--output", str(folder / "baseline.yaml")],
        ]
    )


def _record_case(rng: random.Random, folder: Path) -> list[str]:
    """A decision record, tampered with, given to --verify."""
    record = folder / "record.json"
    with _quiet():
        from speccheck.cli import main

        few = _few(rng, folder)
        main(["shortlist", str(ROLE), few, "--record", str(record), "-o", str(folder / "o.json")])
    data = json.loads(record.read_text())
    for _ in range(rng.randint(1, 3)):
        key = rng.choice(sorted(data))
        ranking = data.get("ranking")
        reversed_ranking = ranking[::-1] if isinstance(ranking, list) else []
        data[key] = rng.choice([None, 99, "x", [], {}, [{"rank": "1"}], reversed_ranking, "A-23456"])
    text = json.dumps(data)
    if rng.random() < 0.3:
        text = mutate(rng, Seed("record", "record.json", text))
    record.write_text(text, encoding="utf-8", errors="surrogatepass")
    return ["shortlist", "--verify", str(record), str(ROLE), few]


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


# --------------------------------------------------------------------------- running it


class _Hang(BaseException):
    """Raised by the alarm: a BaseException, so that main() does not take it for a bug in speccheck."""


@contextlib.contextmanager
def _quiet() -> Iterator[tuple[io.TextIOWrapper, io.TextIOWrapper]]:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        yield out, err


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


_LIBRARY: dict[tuple[str, ...], object] = {}


def _cache_the_bundled_library() -> None:
    """Load the bundled rule library once per process (a case with its own rule folder loads its own)."""
    from speccheck.cli import common
    from speccheck.library import loading

    real = loading.load_library

    def cached(folders: list[Path] | None = None, *, include_bundled: bool = True, cache: Path | None = None) -> object:
        if folders or not include_bundled:
            return real(folders, include_bundled=include_bundled, cache=cache)
        if () not in _LIBRARY:
            _LIBRARY[()] = real()
        return _LIBRARY[()]

    loading.load_library = cached  # type: ignore[assignment]
    del common  # the command line imports load_library where it is used: patching the module is enough


def run_in_process(case: int, seed: int) -> Outcome:
    from speccheck.cli import main

    with tempfile.TemporaryDirectory(prefix="speccheck-fuzz-") as name:
        folder = Path(name)
        kind, command = _case_files(case, seed, folder)
        previous = signal.signal(signal.SIGALRM, _alarm)
        started = time.monotonic()
        signal.alarm(HANG_SECONDS)
        try:
            with _quiet() as (_out, err):
                try:
                    code: int | None = main(command)
                    verdict = "internal" if code == 3 else "ok"
                    detail = ""
                except _Hang:
                    code, verdict, detail = None, "hang", ""
                except SystemExit as exc:
                    code, verdict, detail = int(exc.code or 0), "internal", "SystemExit escaped main"
                except BaseException as exc:
                    code, verdict, detail = 3, "internal", f"{type(exc).__name__}: {exc}"
                err.flush()
                if verdict != "ok" and not detail:
                    err.seek(0)
                    detail = err.buffer.getvalue().decode("utf-8", "replace")[-3000:]  # type: ignore[attr-defined]
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        seconds = time.monotonic() - started
        if verdict == "ok" and seconds > HANG_SECONDS:
            verdict = "hang"
        return Outcome(case, kind, command, "in-process", code, verdict, seconds, detail)


def run_in_subprocess(case: int, seed: int) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="speccheck-fuzz-") as name:
        folder = Path(name)
        kind, command = _case_files(case, seed, folder)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
        started = time.monotonic()
        try:
            done = subprocess.run(
                [sys.executable, "-m", "speccheck", *command],
                capture_output=True,
                timeout=HANG_SECONDS * 2,  # start-up and imports are paid here too
                env=env,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Outcome(case, kind, command, "subprocess", None, "hang", time.monotonic() - started)
        seconds = time.monotonic() - started
        code = done.returncode
        verdict = "crash" if code < 0 else "internal" if code == 3 else "ok"
        detail = done.stderr.decode("utf-8", "replace")[-3000:] if verdict != "ok" else ""
        return Outcome(case, kind, command, "subprocess", code, verdict, seconds, detail)


def run_case(case: int, seed: int) -> Outcome:
    if case % SUBPROCESS_EVERY == SUBPROCESS_EVERY - 1:
        return run_in_subprocess(case, seed)
    return run_in_process(case, seed)


def _worker_init() -> None:
    import warnings

    warnings.simplefilter("ignore")
    _cache_the_bundled_library()


def _run_chunk(cases: list[int], seed: int) -> list[Outcome]:
    return [run_case(case, seed) for case in cases]


def run(cases: range, seed: int, *, jobs: int = 1, report: bool = False) -> Summary:
    summary = Summary()
    numbers = list(cases)
    chunks = [numbers[start : start + 25] for start in range(0, len(numbers), 25)]
    if jobs <= 1:
        results: Iterator[list[Outcome]] = (_run_chunk(chunk, seed) for chunk in chunks)
        for outcomes in results:
            _add(summary, outcomes, report)
        return summary
    import multiprocessing

    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_worker_init) as pool:
        for outcomes in pool.map(_run_chunk, chunks, [seed] * len(chunks)):
            _add(summary, outcomes, report)
    return summary


def _add(summary: Summary, outcomes: list[Outcome], report: bool) -> None:
    for outcome in outcomes:
        summary.add(outcome)
        if report and summary.cases % 100 == 0:
            print(summary.line(), flush=True)
        if report and outcome.verdict != "ok":
            print(f"  case {outcome.case} ({outcome.kind}, {outcome.how}): {outcome.verdict}", flush=True)


def _save(summary: Summary, seed: int, folder: Path) -> None:
    for outcome in summary.failures:
        target = folder / f"case-{outcome.case}"
        target.mkdir(parents=True, exist_ok=True)
        _case_files(outcome.case, seed, target)
        (target / "command.txt").write_text(" ".join(outcome.command) + "\n")
        (target / "outcome.txt").write_text(
            f"{outcome.verdict} {outcome.code} {outcome.seconds:.1f}s\n{outcome.detail}\n"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--first", type=int, default=0, help="the first case number")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--save", type=Path, help="keep each failing case in this folder")
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.jobs <= 1:
        _worker_init()
    summary = run(range(args.first, args.first + args.cases), args.seed, jobs=args.jobs, report=True)
    print(summary.line())
    print(f"by kind: {dict(sorted(summary.kinds.items()))}; {time.monotonic() - started:.0f} s")
    if args.save is not None and summary.failures:
        _save(summary, args.seed, args.save)
    return 1 if summary.failures else 0


if __name__ == "__main__":
    sys.exit(main())
