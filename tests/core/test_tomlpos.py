"""Positions of keys in TOML text, for findings about [tool.speccheck] in pyproject.toml."""

from __future__ import annotations

from speccheck.core.tomlpos import locate_toml


def test_toml_locator() -> None:
    located = locate_toml(
        '[tool.speccheck]\nprofile = "x"\n[tool.speccheck.rules]\n"a-b" = "off"\n[[tool.speccheck.overrides]]\nfiles = []\n',
        ("tool", "speccheck"),
    )
    assert located.position(("profile",), key=True) == (2, 1)
    assert located.position(("rules", "a-b"), key=True) == (4, 1)
    assert located.position(("overrides", 0, "files"), key=True) == (6, 1)
    assert located.position(("profile",)) == (2, 11)
