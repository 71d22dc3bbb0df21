"""Output files are written whole or not at all, from text, bytes or text in pieces."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from speccheck.core.atomic import write_atomic


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
