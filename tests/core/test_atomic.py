"""Output files are written whole or not at all, from text, bytes or text in pieces."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from speccheck.core.atomic import AtomicFile, write_atomic


def test_text_bytes_and_pieces_are_written_as_given(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a" / "text.txt", "é\r\nx\n")
    write_atomic(tmp_path / "bytes.bin", b"\x00\xff")
    write_atomic(tmp_path / "pieces.json", iter(["{", '"a": 1', "}\n"]))
    assert (tmp_path / "a" / "text.txt").read_bytes() == "é\r\nx\n".encode()
    assert (tmp_path / "bytes.bin").read_bytes() == b"\x00\xff"
    assert (tmp_path / "pieces.json").read_text() == '{"a": 1}\n'


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old\n")

    def pieces() -> Iterator[str]:
        yield "new"
        raise RuntimeError("the renderer failed")

    with pytest.raises(RuntimeError):
        write_atomic(target, pieces())
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.fixture(params=["unnamed", "named"])
def temporaries(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of writing: an unnamed temporary file where the system has one, a hidden named one elsewhere."""
    if request.param == "named":
        monkeypatch.setattr("speccheck.core.atomic._open_unnamed", lambda path: -1)
    return str(request.param)


def test_files_written_in_pieces_appear_whole_when_the_with_ends(tmp_path: Path, temporaries: str) -> None:
    from contextlib import ExitStack

    json_path, html_path = tmp_path / "out.json", tmp_path / "out" / "pack.html"
    with ExitStack() as files:
        json_file = files.enter_context(AtomicFile(json_path))
        html_file = files.enter_context(AtomicFile(html_path))
        for index in range(3):
            json_file.write(f"{index}\n")
            html_file.write(f"<p>{index}</p>".encode())
            assert not json_path.exists() and not html_path.exists()
    assert json_path.read_text() == "0\n1\n2\n"
    assert html_path.read_bytes() == b"<p>0</p><p>1</p><p>2</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "out.json"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["pack.html"]


def test_an_error_while_files_are_written_leaves_none_of_them(tmp_path: Path, temporaries: str) -> None:
    from contextlib import ExitStack

    (tmp_path / "out.json").write_text("old\n")
    with pytest.raises(RuntimeError), ExitStack() as files:
        first = files.enter_context(AtomicFile(tmp_path / "out.json"))
        second = files.enter_context(AtomicFile(tmp_path / "out.csv"))
        first.write("new")
        second.write("new")
        raise RuntimeError("the second output's renderer failed")
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert (tmp_path / "out.json").read_text() == "old\n"


def test_one_file_given_twice_is_written_once_whole(tmp_path: Path, temporaries: str) -> None:
    from contextlib import ExitStack

    with ExitStack() as files:
        for text in ("first\n", "second\n"):
            files.enter_context(AtomicFile(tmp_path / "out.txt")).write(text)
    assert (tmp_path / "out.txt").read_text() in ("first\n", "second\n")
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_folder_or_an_unwritable_place_is_a_user_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from speccheck.core.errors import SpeccheckError

    with pytest.raises(SpeccheckError, match="is a folder"):
        write_atomic(tmp_path, "x")

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("speccheck.core.atomic.os.open", refuse)
    with pytest.raises(SpeccheckError, match="Permission denied"):
        write_atomic(tmp_path / "out.json", "x")


def test_a_temporary_file_left_by_a_killed_writer_is_removed(tmp_path: Path) -> None:
    """SIGKILL cannot be handled: where the system has no unnamed temporary files, the next write cleans up."""
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    stale = tmp_path / f".report.json.{pid}.speccheck.tmp"
    stale.write_text('{"name": "Nadia Kellaway"}')
    mine = tmp_path / f".report.json.{__import__('os').getpid()}.speccheck.tmp"
    write_atomic(tmp_path / "report.json", "{}\n")
    assert not stale.exists() and not mine.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


SLOW_WRITER = """
import sys, time
from pathlib import Path
from speccheck.cli import _signals_end_the_run
from speccheck.core.atomic import AtomicFile, write_atomic

def pieces():
    yield '{"candidates": ['
    print("writing", flush=True)
    while True:
        time.sleep(0.05)
        yield '{"name": "Nadia Kellaway"},'

with _signals_end_the_run():
    write_atomic(Path(sys.argv[1]), pieces())
"""


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_mid_write_leaves_nothing_behind(tmp_path: Path, signal_name: str) -> None:
    import os
    import signal
    import subprocess
    import sys

    target = tmp_path / "out" / "report.json"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)], stdout=subprocess.PIPE, text=True, env=env
    ) as child:
        assert child.stdout is not None and child.stdout.readline().strip() == "writing"
        child.send_signal(getattr(signal, signal_name))
        assert child.wait(timeout=20) != 0
    assert list(target.parent.iterdir()) == []
