"""A few hundred fuzz cases on every run (issue 13, item 2): mutated files of every kind through the command
line, in this process and in subprocesses; none may end in an internal error, a hang or a crash by a signal.
The long runs are ``python -m tests.fuzz.harness --cases 10000`` (the README gives the last one's figures)."""

from __future__ import annotations

import random

import pytest

from tests.fuzz.corpus import KINDS, seeds
from tests.fuzz.harness import SUBPROCESS_EVERY, _cache_the_bundled_library, run

CASES = 200


@pytest.mark.slow
def test_fuzz_cases_end_in_an_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from speccheck.library import loading

    monkeypatch.setattr(loading, "load_library", loading.load_library)  # undone after the test
    _cache_the_bundled_library()
    seed = random.Random().randrange(1_000_000)  # a new stretch of cases every run; the seed says which
    summary = run(range(CASES), seed)
    failures = [(o.case, o.kind, o.verdict, " ".join(o.command), o.detail[-800:]) for o in summary.failures]
    assert failures == [], f"seed {seed}: {summary.line()}"
    assert summary.ways["subprocess"] == CASES // SUBPROCESS_EVERY
    assert set(summary.kinds) == set(KINDS)


def test_every_kind_has_seeds() -> None:
    table = seeds()
    assert all(table[kind] for kind in KINDS if kind != "record")
