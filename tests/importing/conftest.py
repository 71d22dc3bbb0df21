"""The hand-made documents, saved once a session, and printed to PDF once where LibreOffice is installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importing.fixtures import Expected, print_pdfs, save_all


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Expected]]:
    return save_all(tmp_path_factory.mktemp("documents"))


@pytest.fixture(scope="session")
def pdfs(documents: dict[str, tuple[Path, Expected]], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    printed = print_pdfs([path for path, _ in documents.values()], folder)
    if printed is None:
        pytest.skip("LibreOffice is not installed here (.ci/run installs it)")
    return {name: folder / f"{path.stem}.pdf" for name, (path, _) in documents.items()}
