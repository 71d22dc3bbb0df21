"""The rule library cache: the same library from the cache as from the files, and nothing it cannot trust.

A hit is the library the files give; a changed rule file, a new version or changed code is a miss; an entry
that is truncated, corrupt, foreign, unreadable, not the user's or where others could write is ignored and
written again, never a crash and never a different library; entries are written whole.
"""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speccheck.core import atomic, literals
from speccheck.library import cache, loading
from speccheck.library.loading import RuleLibrary, load_library

RULE = """\
kind: rule
version: 1
type: check
id: my-check
title: {title}
category: clarity
severity: info
applies_to: [all]
scope: criterion
when: {{fact: text, matches: ['5\\* rating']}}
message: m
source: [{{doc: D, para: '1', provenance: UNVERIFIED, note: n}}]
rationale: r
fix: f
examples: {{}}
"""


def _summary(library: RuleLibrary) -> tuple[Any, ...]:
    """Everything a library holds, as plain values."""
    return (
        [d.model_dump() for d in library.derivations],
        [c.model_dump() for c in library.checks],
        [c.model_dump() for c in library.duty_catalogues],
        library.vocabulary.model_dump(),
        {k: (v.path, v.located.data, v.located.values, v.located.keys) for k, v in library.files.items() if v.located},
        [f.model_dump() for f in library.findings],
        library.needs,
    )


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "my-check.yaml").write_text(RULE.format(title="first"))
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "speccheck"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per library built from its files (a miss); a hit builds nothing."""
    made: list[int] = []
    built = loading._built

    def counting(*args: Any) -> RuleLibrary:
        made.append(1)
        return built(*args)

    monkeypatch.setattr(loading, "_built", counting)
    return made


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{cache.PREFIX}*{cache.SUFFIX}"))


def test_a_hit_is_the_library_the_files_give(pack: Path, folder: Path, builds: list[int]) -> None:
    fresh = load_library([pack])
    first = load_library([pack], cache=folder)
    again = load_library([pack], cache=folder)
    assert len(builds) == 2  # without the cache, then the miss that wrote the entry; the third was a hit
    assert _summary(again) == _summary(first) == _summary(fresh)
    assert again.rule_ids() == fresh.rule_ids() and "my-check" in again.rule_ids()
    assert len(_entries(folder)) == 1


def test_a_hit_teaches_what_its_patterns_need(pack: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What each check pattern needs is kept with the library, so a hit does not read the patterns again."""
    load_library([pack], cache=folder)
    monkeypatch.setattr(literals, "_KNOWN", {})
    monkeypatch.setattr(literals, "_read", lambda pattern: pytest.fail(f"read {pattern} again"))
    library = load_library([pack], cache=folder)
    assert library.needs["5\\* rating"] == {"5* rating"} == literals.needed("5\\* rating")
    assert len(library.needs) > 200


def test_the_cache_folder_is_made_private_and_entries_are_the_users_alone(pack: Path, folder: Path) -> None:
    load_library([pack], cache=folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (entry,) = _entries(folder)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == [entry.name]  # nothing half-written left beside it


def test_a_changed_rule_file_is_a_miss(pack: Path, folder: Path, builds: list[int]) -> None:
    load_library([pack], cache=folder)
    (pack / "my-check.yaml").write_text(RULE.format(title="second"))
    changed = load_library([pack], cache=folder)
    assert [c.title for c in changed.checks if c.id == "my-check"] == ["second"]
    assert len(builds) == 2 and len(_entries(folder)) == 2
    (pack / "my-check.yaml").write_text(RULE.format(title="first"))  # back as it was: the first entry again
    assert [c.title for c in load_library([pack], cache=folder).checks if c.id == "my-check"] == ["first"]
    assert len(builds) == 2


def test_a_new_rule_file_or_another_folder_is_a_miss(pack: Path, folder: Path, builds: list[int]) -> None:
    load_library([pack], cache=folder)
    (pack / "other-check.yaml").write_text(RULE.format(title="other").replace("my-check", "other-check"))
    assert "other-check" in load_library([pack], cache=folder).rule_ids()
    assert "my-check" not in load_library([], cache=folder).rule_ids()
    assert len(builds) == 3


def test_another_version_or_changed_code_is_a_miss(
    pack: Path, folder: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_library([pack], cache=folder)
    monkeypatch.setattr(cache, "__version__", "99.0.0")
    load_library([pack], cache=folder)
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "another checkout")
    load_library([pack], cache=folder)
    assert len(builds) == 3 and len(_entries(folder)) == 3


def test_a_missing_folder_or_an_unreadable_rule_file_is_never_cached(
    pack: Path, folder: Path, builds: list[int]
) -> None:
    missing = load_library([pack / "nowhere"], cache=folder)
    assert any(f.rule_id == "file-missing" for f in missing.findings)
    os.mkfifo(pack / "pipe.yaml")  # found as a rule file, refused when read
    unreadable = load_library([pack], cache=folder)
    assert any(f.position and f.position.path.endswith("pipe.yaml") for f in unreadable.findings)
    load_library([pack], cache=folder)
    assert len(builds) == 3 and _entries(folder) == []


def _cached(pack: Path, folder: Path) -> Path:
    load_library([pack], cache=folder)
    (entry,) = _entries(folder)
    return entry


def _truncate(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])


def _flip(entry: Path) -> None:
    data = bytearray(entry.read_bytes())
    data[-100] ^= 0x01
    entry.write_bytes(bytes(data))


def _empty(entry: Path) -> None:
    entry.write_bytes(b"")


def _garbage(entry: Path) -> None:
    entry.write_bytes(b"\x00\xff not a cache entry " * 100)


def _other_key(entry: Path) -> None:
    """A whole, well-formed entry of another key (another checkout's, say) under this name."""
    data = entry.read_bytes()
    payload = data[data.index(b"\n", len(cache.MAGIC)) + 1 :]
    entry.write_bytes(cache._header("0" * 64, payload) + payload)


def _group_writable(entry: Path) -> None:
    entry.chmod(0o664)


def _symlink(entry: Path) -> None:
    real = entry.with_name("elsewhere")
    entry.rename(real)
    entry.symlink_to(real)


def _folder(entry: Path) -> None:
    entry.unlink()
    entry.mkdir()


def _fifo(entry: Path) -> None:
    entry.unlink()
    os.mkfifo(entry)


@pytest.mark.parametrize(
    "spoil", [_truncate, _flip, _empty, _garbage, _other_key, _group_writable, _symlink, _folder, _fifo]
)
def test_a_spoiled_entry_is_ignored_and_the_library_loaded_from_its_files(
    spoil: Any, pack: Path, folder: Path, builds: list[int]
) -> None:
    fresh = _summary(load_library([pack]))
    spoil(_cached(pack, folder))
    assert _summary(load_library([pack], cache=folder)) == fresh
    assert len(builds) == 3  # the first load, the one that wrote the entry, and this miss


@pytest.mark.parametrize("spoil", [_truncate, _flip, _empty, _garbage, _other_key, _group_writable])
def test_a_spoiled_entry_is_written_again_whole(spoil: Any, pack: Path, folder: Path, builds: list[int]) -> None:
    spoil(_cached(pack, folder))
    load_library([pack], cache=folder)
    load_library([pack], cache=folder)
    assert len(builds) == 2  # the miss wrote it again; the last load was a hit


def test_an_entry_that_would_run_code_is_never_unpickled(pack: Path, folder: Path, tmp_path: Path) -> None:
    """Even with a right header (whoever wrote it knew the key), the unpickler resolves no callable."""
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[Any, ...]:
            return (os.mkdir, (str(marker),))

    entry = _cached(pack, folder)
    key = entry.name[len(cache.PREFIX) : -len(cache.SUFFIX)]
    for value in (Payload(), [Payload()], {"derivations": Payload()}):
        payload = pickle.dumps(value)
        entry.write_bytes(cache._header(key, payload) + payload)
        assert cache.read_cached(folder, key, RuleLibrary) is None
    assert not marker.exists()
    assert load_library([pack], cache=folder).rule_ids() == load_library([pack]).rule_ids()
    assert not marker.exists()


def test_a_well_formed_entry_of_another_kind_is_a_miss(folder: Path) -> None:
    cache.write_cached(folder, "k" * 64, {"not": "a library"})
    assert cache.read_cached(folder, "k" * 64, RuleLibrary) is None


def test_a_folder_or_an_entry_not_the_users_is_never_read_nor_written(
    pack: Path, folder: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = _cached(pack, folder)
    monkeypatch.setattr(cache, "_uid", lambda: os.getuid() + 1)  # as if another user owned folder and entry
    load_library([pack], cache=folder)
    assert len(builds) == 2
    before = entry.stat().st_mtime_ns
    assert _entries(folder) == [entry] and entry.stat().st_mtime_ns == before


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="giving a file away needs root")
def test_an_entry_owned_by_another_user_is_ignored(pack: Path, folder: Path, builds: list[int]) -> None:
    entry = _cached(pack, folder)
    os.chown(entry, 4242, 4242)
    load_library([pack], cache=folder)
    assert len(builds) == 2  # a miss; the entry was written again, as the user's own
    assert entry.stat().st_uid == os.getuid()


def test_a_folder_others_can_enter_is_not_used(pack: Path, folder: Path, builds: list[int]) -> None:
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    load_library([pack], cache=folder)
    load_library([pack], cache=folder)
    assert len(builds) == 2 and _entries(folder) == []


def test_a_cache_folder_that_cannot_be_made_is_no_cache(pack: Path, tmp_path: Path, builds: list[int]) -> None:
    (tmp_path / "file").write_text("")
    assert load_library([pack], cache=tmp_path / "file" / "speccheck").rule_ids() == load_library([pack]).rule_ids()


def test_a_write_that_fails_midway_leaves_no_entry(
    pack: Path, folder: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def half(self: atomic.AtomicFile, piece: str | bytes) -> None:
        data = piece.encode("utf-8") if isinstance(piece, str) else piece
        assert self._stream is not None
        self._stream.write(data[: len(data) // 2])
        raise atomic._cannot_write(self.path, OSError(28, "No space left on device"))

    monkeypatch.setattr(atomic.AtomicFile, "write", half)
    assert load_library([pack], cache=folder).rule_ids() == load_library([pack]).rule_ids()
    assert list(folder.iterdir()) == []
    monkeypatch.undo()
    load_library([pack], cache=folder)
    assert len(_entries(folder)) == 1


def test_only_the_newest_entries_are_kept(folder: Path) -> None:
    for number in range(cache.KEEP + 3):
        cache.write_cached(folder, f"{number:064d}", [number])
        os.utime(_entries(folder)[-1], ns=(number * 10**9, number * 10**9))
    kept = [p.name[len(cache.PREFIX) : -len(cache.SUFFIX)] for p in _entries(folder)]
    assert kept == [f"{n:064d}" for n in range(3, cache.KEEP + 3)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0), flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(1, 255))))
def test_a_damaged_entry_is_never_trusted(cut: int, flips: list[tuple[int, int]], tmp_path: Path) -> None:
    """Truncated anywhere, bytes changed anywhere: the entry is a miss (None), never an exception."""
    folder = tmp_path / "damaged"
    key = "d" * 64
    cache.write_cached(folder, key, RuleLibrary())
    entry = _entries(folder)[0]
    whole = entry.read_bytes()
    data = bytearray(whole[: cut % (len(whole) + 1)])
    for where, bits in flips:
        if data:
            data[where % len(data)] ^= bits
    entry.write_bytes(bytes(data))
    found = cache.read_cached(folder, key, RuleLibrary)
    assert found is None if bytes(data) != whole else isinstance(found, RuleLibrary)


def test_a_library_whose_words_were_read_before_it_is_kept_still_reads_back(folder: Path) -> None:
    """What a library makes for itself when asked (its variants table, its normaliser) is not kept: the cache
    keeps what the rule files give, which is all it will unpickle."""
    library = load_library()
    library.variants  # noqa: B018
    library.normaliser  # noqa: B018
    cache.write_cached(folder, "key", library)
    kept = cache.read_cached(folder, "key", RuleLibrary)
    assert kept is not None
    assert kept.synonym_stems == library.synonym_stems
    assert kept.normaliser.variants is kept.variants  # made again when asked
