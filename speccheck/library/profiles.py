"""Audit profiles: which rules run, and at what severity, on top of the rule files' own.

A profile is a file ``kind: profile`` in a ``profiles/`` folder of a rule
library (``rules/profiles/default.yaml``, ``strict.yaml``, or a trust's own
under ``--rules DIR``). It may ``extends:`` another profile by name or by a
path relative to itself; its ``severity:`` overrides and ``disable:`` list are
laid over the one it extends (``enable:`` switches a disabled id back on).
``load_profile`` returns the profile with its whole chain folded in, so a
caller (audit, lint) only needs ``apply_profile`` and the ``disable`` list.
"""

from __future__ import annotations

from pathlib import Path

from speccheck.core.errors import SpeccheckError
from speccheck.core.findings import Finding, Severity
from speccheck.core.reading import is_file, is_folder
from speccheck.core.resources import bundled
from speccheck.files.loader import load_file, of_kind
from speccheck.files.rules import DEFAULT_PROFILE, Profile

MAX_CHAIN = 16


def profile_folders(rule_folders: list[Path] | None = None) -> list[Path]:
    """Where named profiles are looked up: each extra rule folder's ``profiles/`` first, then the bundled one."""
    return [folder / "profiles" for folder in rule_folders or []] + [bundled("rules") / "profiles"]


def available_profiles(rule_folders: list[Path] | None = None) -> list[str]:
    """Names of the profiles that can be given by name."""
    names: set[str] = set()
    for folder in profile_folders(rule_folders):
        if is_folder(folder):
            names.update(p.stem for p in folder.glob("*.yaml"))
    return sorted(names)


def looks_like_path(name_or_path: str) -> bool:
    """A profile argument is a path when it has a YAML or JSON suffix or a folder separator; else it is a name."""
    return Path(name_or_path).suffix in (".yaml", ".yml", ".json") or "/" in name_or_path or "\\" in name_or_path


def _find(name_or_path: str, folders: list[Path], relative_to: Path | None) -> Path:
    candidate = Path(name_or_path)
    if looks_like_path(name_or_path):
        for path in ([relative_to / candidate] if relative_to and not candidate.is_absolute() else []) + [candidate]:
            if is_file(path):
                return path
        raise SpeccheckError(
            f'profile file "{name_or_path}" not found', hint="give a profile name or a path to a profile file"
        )
    for folder in folders:
        for suffix in (".yaml", ".yml"):
            path = folder / f"{name_or_path}{suffix}"
            if is_file(path):
                return path
    names = ", ".join(available_profiles([f.parent for f in folders[:-1]])) or "none"
    raise SpeccheckError(f'no profile named "{name_or_path}"', hint=f"profiles: {names}; or give a path")


def _read(path: Path) -> Profile:
    loaded = load_file(path)
    if loaded.model is None:
        first = loaded.findings[0] if loaded.findings else None
        where = str(first.position) if first and first.position else str(path)
        raise SpeccheckError(
            first.message if first else "not a profile", where=where, hint=first.fix if first else None
        )
    profile = of_kind(loaded, Profile)
    if profile.model is None:  # a file of another kind, reported at the path the profile was given as
        raise SpeccheckError(profile.findings[-1].message, where=str(path))
    if profile.model.id != path.stem:
        raise SpeccheckError(
            f'profile id "{profile.model.id}" differs from its file name "{path.stem}"',
            where=str(profile.position(("id",))),
        )
    return profile.model


def load_profile(name_or_path: str = DEFAULT_PROFILE, *, rule_folders: list[Path] | None = None) -> Profile:
    """The profile ``name_or_path`` with everything it extends folded in.

    A name is looked up in each ``--rules`` folder's ``profiles/`` and then in
    the bundled ``rules/profiles/``; anything with a slash or a YAML suffix is
    a path. Raises ``SpeccheckError`` (a usage error) when a profile is missing,
    invalid, or the chain of ``extends:`` loops.
    """
    folders = profile_folders(rule_folders)
    chain: list[Profile] = []
    seen: set[Path] = set()
    path = _find(name_or_path, folders, None)
    while True:
        resolved = path.resolve()
        if resolved in seen or len(chain) >= MAX_CHAIN:
            raise SpeccheckError("profiles extend each other in a loop", where=str(path))
        seen.add(resolved)
        profile = _read(path)
        chain.append(profile)
        if profile.extends is None:
            break
        path = _find(profile.extends, folders, path.parent)
    severity: dict[str, Severity] = {}
    disabled: list[str] = []
    for profile in reversed(chain):  # the base first, each extension over it
        severity.update(profile.severity)
        disabled = [d for d in disabled if d not in profile.enable] + [d for d in profile.disable if d not in disabled]
    top = chain[0]
    return top.model_copy(
        update={"severity": dict(sorted(severity.items())), "disable": sorted(disabled), "enable": []}
    )


def load_checked_profile(
    name_or_path: str, *, rule_folders: list[Path] | None, known: list[str], where: str | None = None
) -> Profile:
    """``load_profile``, refusing a profile that names ids none of the ``known`` rules has.

    ``where`` is the place that named the profile (the configuration's
    ``profile:`` key): any error about the profile is reported there when given.
    """
    try:
        profile = load_profile(name_or_path, rule_folders=rule_folders)
    except SpeccheckError as exc:
        raise SpeccheckError(exc.message, where=where or exc.where, hint=exc.hint) from None
    unknown = unknown_ids(profile, known)
    if unknown:
        raise SpeccheckError(
            f'profile "{profile.id}" names rules that are not loaded: {", ".join(unknown)}',
            where=where,
            hint="check the ids, or add the rule folder with --rules",
        )
    return profile


def severity_for(profile: Profile | None, rule_id: str, default: Severity) -> Severity:
    """The severity a rule's findings get under ``profile``."""
    if profile is None:
        return default
    return profile.severity.get(rule_id, default)


def apply_profile(findings: list[Finding], profile: Profile) -> list[Finding]:
    """Findings with the profile's severities, without those of disabled rules (order kept)."""
    disabled = set(profile.disable)
    result = []
    for finding in findings:
        if finding.rule_id in disabled:
            continue
        severity = profile.severity.get(finding.rule_id)
        result.append(
            finding
            if severity is None or severity is finding.severity
            else finding.model_copy(update={"severity": severity})
        )
    return result


def unknown_ids(profile: Profile, known: list[str]) -> list[str]:
    """Ids the profile names that no loaded rule or catalogue has (a typo, or a pack not loaded)."""
    named = set(profile.severity) | set(profile.disable)
    return sorted(named - set(known))
