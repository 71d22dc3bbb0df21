"""Configuration: discovery upward, YAML and pyproject.toml, unknown keys as located findings, bad values as usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode, SpeccheckError
from speccheck.core.findings import Severity
from speccheck.lint.config import Glob, LintConfig, discover, load


def test_discovery_walks_up_and_stops_at_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    deep = repo / "a" / "b"
    deep.mkdir(parents=True)
    (repo / ".git").mkdir()
    assert discover(deep) is None
    (tmp_path / "speccheck.yaml").write_text("profile: strict\n")  # above the repository: not used
    assert discover(deep) is None
    (repo / "speccheck.yaml").write_text("profile: strict\n")
    assert discover(deep) == repo / "speccheck.yaml"
    (repo / "a" / ".speccheck.yaml").write_text("profile: minimal\n")
    assert discover(deep) == repo / "a" / ".speccheck.yaml"


def test_pyproject_counts_only_with_a_tool_speccheck_table(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert discover(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.speccheck]\nprofile = 'strict'\n")
    assert discover(tmp_path) == tmp_path / "pyproject.toml"
    config = load(tmp_path / "pyproject.toml")
    assert config.profile == "strict"


def test_yaml_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.speccheck]\nprofile = 'strict'\n")
    (tmp_path / "speccheck.yaml").write_text("profile: minimal\n")
    assert discover(tmp_path) == tmp_path / "speccheck.yaml"


def test_every_key_is_read(tmp_path: Path) -> None:
    (tmp_path / "speccheck.yaml").write_text(
        "profile: strict\n"
        "fail_on: warning\n"
        "rule_folders: [my-rules]\n"
        "rules: {fixed-years-experience: info, no-assessment-method: off}\n"
        "overrides:\n"
        "  - files: ['legacy/**']\n"
        "    rules: {safeguarding-criterion: warning}\n"
        "exclude: ['drafts/**']\n"
        "waivers:\n"
        "  - {rule: schema, path: 'old/*.yaml', reason: moving, owner: hr, expires: 2030-01-31, count: 2}\n"
    )
    config = load(tmp_path / "speccheck.yaml", shown="speccheck.yaml")
    assert config.findings == ()
    assert config.profile == "strict" and config.fail_on is Severity.WARNING
    assert config.rule_folders == (tmp_path.resolve() / "my-rules",)
    assert config.rules == {"fixed-years-experience": "info", "no-assessment-method": "off"}  # a bare off is not false
    assert config.setting("safeguarding-criterion", "legacy/a/role.yaml") == "warning"
    assert config.setting("safeguarding-criterion", "current/role.yaml") is None
    assert config.excluded(tmp_path / "drafts" / "x.yaml") and not config.excluded(tmp_path / "x.yaml")
    (waiver,) = config.waivers
    assert (waiver.rule, waiver.reason, waiver.owner, str(waiver.expires), waiver.count) == (
        "schema",
        "moving",
        "hr",
        "2030-01-31",
        2,
    )
    assert waiver.position is not None and (waiver.position.path, waiver.position.line) == ("speccheck.yaml", 10)


def test_unknown_keys_are_findings_at_their_position(tmp_path: Path) -> None:
    (tmp_path / "speccheck.yaml").write_text(
        "profile: recommended\nfail-on: warning\nwaivers:\n  - rule: schema\n    path: x.yaml\n    reasn: typo\n"
    )
    config = load(tmp_path / "speccheck.yaml", shown="speccheck.yaml")
    found = [(f.rule_id, f.severity, str(f.position), f.message) for f in config.findings]
    assert found == [
        (
            "config-unknown-key",
            Severity.ERROR,
            "speccheck.yaml:2:1",
            'unknown configuration key "fail-on"; did you mean "fail_on"?',
        ),
        (
            "config-unknown-key",
            Severity.ERROR,
            "speccheck.yaml:6:5",
            'unknown configuration key "reasn"; did you mean "reason"?',
        ),
    ]
    assert config.waivers[0].reason is None  # the rest of the configuration still applies


def test_unknown_keys_in_pyproject_are_located(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.speccheck]\nprofile = "recommended"\nfail-on = "warning"\n\n'
        '[[tool.speccheck.waivers]]\nrule = "schema"\npath = "a.yaml"\n\n[[tool.speccheck.waivers]]\nrule = "schema"\npth = "b.yaml"\n'
    )
    with pytest.raises(SpeccheckError) as error:  # the second waiver lacks its path: a usage error, located
        load(tmp_path / "pyproject.toml", shown="pyproject.toml")
    assert str(error.value).startswith("pyproject.toml:12:1: waivers.1.path: field required")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.speccheck]\nprofile = "recommended"\nfail-on = "warning"\n\n[[tool.speccheck.waivers]]\nrule = "schema"\npath = "a.yaml"\nreasn = "x"\n'
    )
    config = load(tmp_path / "pyproject.toml", shown="pyproject.toml")
    assert [str(f.position) for f in config.findings] == ["pyproject.toml:3:1", "pyproject.toml:8:1"]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("fail_on: fatal\n", "speccheck.yaml:1:10", "fail_on: input should be 'error', 'warning' or 'info'"),
        ("rules: {x: loud}\n", "speccheck.yaml:1:12", "rules.x: input should be 'error', 'warning', 'info' or 'off'"),
        ("waivers: [{rule: x, path: y, expires: soon}]\n", "speccheck.yaml:1:39", "waivers.0.expires"),
        ("- a list\n", "speccheck.yaml:1:1", "the configuration must be a mapping"),
        ("a: [\n", "speccheck.yaml:2:1", "YAML syntax error"),
    ],
)
def test_bad_values_are_usage_errors_with_positions(tmp_path: Path, text: str, where: str, message: str) -> None:
    (tmp_path / "speccheck.yaml").write_text(text)
    with pytest.raises(SpeccheckError) as error:
        load(tmp_path / "speccheck.yaml", shown="speccheck.yaml")
    assert str(error.value).startswith(f"{where}: ") and message in str(error.value)


def test_cli_exits_2_on_a_bad_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "speccheck.yaml").write_text("fail_on: fatal\n")
    (tmp_path / "r.yaml").write_text("kind: role\n")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "r.yaml"]) == ExitCode.USAGE
    assert "speccheck.yaml:1:10: fail_on" in capsys.readouterr().err
    assert main(["lint", "r.yaml", "--no-config", "-f", "parsable"]) == ExitCode.FINDINGS
    assert main(["lint", "r.yaml", "--config", "missing.yaml"]) == ExitCode.USAGE


def test_missing_baseline_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "speccheck.yaml").write_text("baseline: gone.yaml\n")
    config = load(tmp_path / "speccheck.yaml", shown="speccheck.yaml")
    assert [(f.rule_id, str(f.position)) for f in config.findings] == [
        ("config-baseline-missing", "speccheck.yaml:1:11")
    ]


def test_baseline_file_must_be_a_waivers_file(tmp_path: Path) -> None:
    (tmp_path / "speccheck.yaml").write_text("baseline: base.yaml\n")
    (tmp_path / "base.yaml").write_text("kind: waivers\nversion: 1\nwaivers: [{rule: schema, path: a.yaml, cont: 1}]\n")
    with pytest.raises(SpeccheckError, match=r"base\.yaml:3:"):
        load(tmp_path / "speccheck.yaml", shown="speccheck.yaml")


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("roles/*.yaml", "roles/a.yaml", True),
        ("roles/*.yaml", "roles/x/a.yaml", False),
        ("roles/**", "roles/x/a.yaml", True),
        ("roles/", "roles/x/a.yaml", True),
        ("**/*.yaml", "a.yaml", True),
        ("**/*.yaml", "x/y/a.yaml", True),
        ("./a.yaml", "a.yaml", True),
        ("a?.yaml", "ab.yaml", True),
        ("a?.yaml", "a/.yaml", False),
        ("[ab].yaml", "b.yaml", True),
        ("[!ab].yaml", "b.yaml", False),
        ("a[[]1].yaml", "a[1].yaml", True),
        ("a.yaml", "xa.yaml", False),
    ],
)
def test_globs(pattern: str, path: str, matches: bool) -> None:
    assert Glob.of(pattern).matches(path) is matches


def test_defaults_without_a_file() -> None:
    config = LintConfig()
    assert config.profile == "default" and config.fail_on is None and config.waivers == ()


def test_a_profile_path_is_relative_to_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "speccheck.yaml").write_text("profile: profiles/team.yaml\n")
    assert load(tmp_path / "speccheck.yaml").profile == str(tmp_path.resolve() / "profiles" / "team.yaml")


def test_an_unknown_profile_is_a_usage_error_at_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "speccheck.yaml").write_text("profile: nonsense\n")
    (tmp_path / "r.yaml").write_text("kind: role\n")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "r.yaml"]) == ExitCode.USAGE
    assert 'speccheck.yaml:1:10: no profile named "nonsense"' in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("rule_folders: [/usr]\n", "speccheck.yaml:1:16"),
        ("rule_folders: [ok, ../../elsewhere]\n", "speccheck.yaml:1:20"),
        ("baseline: /etc/passwd\n", "speccheck.yaml:1:11"),
        ("profile: ../outside/strict.yaml\n", "speccheck.yaml:1:10"),
    ],
)
def test_configured_paths_stay_inside_the_project(tmp_path: Path, text: str, where: str) -> None:
    """Issue 13: a repository's configuration could send lint to read /usr (over 120 s) or any file."""
    (tmp_path / "speccheck.yaml").write_text(text)
    with pytest.raises(SpeccheckError) as caught:
        load(tmp_path / "speccheck.yaml", shown="speccheck.yaml")
    assert caught.value.where == where and "outside" in caught.value.message


def test_a_configuration_over_the_size_cap_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    from speccheck.files.loader import MAX_FILE_BYTES

    (tmp_path / "speccheck.yaml").write_text("exclude:\n" + "  - 'x/**'\n" * (MAX_FILE_BYTES // 10 + 1))
    with pytest.raises(SpeccheckError, match="limit"):
        load(tmp_path / "speccheck.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "[project]\nname = 'x'\ntool = 1\n",  # `tool` is not a table
        "[tool]\nspeccheck = 1\n",
        "x = " + "[" * 100_000 + "]" * 100_000 + "\n[tool.speccheck]\n",  # nested past Python's recursion limit
    ],
    ids=["tool-not-table", "speccheck-not-table", "deep"],
)
def test_pyproject_shapes_that_are_not_tables_are_usage_errors(tmp_path: Path, text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    try:
        config = load(tmp_path / "pyproject.toml")
    except SpeccheckError as exc:
        assert exc.where is not None
    else:
        assert config.findings == ()


def test_a_glob_that_is_no_pattern_is_a_usage_error_at_its_place(tmp_path: Path) -> None:
    (tmp_path / "speccheck.yaml").write_text("exclude: ['ok/**', '[z-a]']\n")
    with pytest.raises(SpeccheckError) as caught:
        load(tmp_path / "speccheck.yaml", shown="speccheck.yaml")
    assert caught.value.where == "speccheck.yaml:1:20" and "[z-a]" in caught.value.message
    (tmp_path / "speccheck.yaml").write_text("waivers:\n  - {rule: schema, path: '[z-a]', reason: r}\n")
    with pytest.raises(SpeccheckError, match="cannot be used"):
        load(tmp_path / "speccheck.yaml", shown="speccheck.yaml")
