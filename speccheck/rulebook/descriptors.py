"""Every rule as a descriptor for people and tools: the rule files of a library and the built-in finding ids.

``rules list`` and ``rules show`` print these descriptors, SARIF carries them
as ``tool.driver.rules``, lint reports the rules it ran with them, and the
Markdown catalogue and the README's rule table are written from them.
"""

from __future__ import annotations

from pathlib import Path

from speccheck.core.resources import bundled
from speccheck.files.rules import CheckRule, DerivationRule, Example
from speccheck.library.loading import RuleLibrary
from speccheck.results.builtin_rules import BUILTIN_RULES
from speccheck.results.rules import RuleInfo


def shown_rule_path(path: str, base: Path | None) -> str:
    """A rule file's path: bundled rules as rules/..., wherever speccheck is installed; others relative to ``base``."""
    return _shown(path, _roots(base))


def _roots(base: Path | None) -> tuple[Path, ...]:
    """The folders a rule path is shown relative to, resolved: the bundled rules' parent, then ``base``."""
    return (bundled("rules").resolve().parent, *((base.resolve(),) if base is not None else ()))


def _shown(path: str, roots: tuple[Path, ...], folders: dict[Path, Path] | None = None) -> str:
    """``path`` as shown; ``folders`` keeps each folder resolved, so that a file that is not a symbolic link
    is resolved as its resolved folder and its name (what ``Path.resolve`` gives, without walking the folder's
    path again for every rule file in it)."""
    given = Path(path)
    if folders is not None and given.is_absolute() and not given.is_symlink():
        if given.parent not in folders:
            folders[given.parent] = given.parent.resolve()
        resolved = folders[given.parent] / given.name
    else:
        resolved = given.resolve()
    for root in roots:
        if resolved.is_relative_to(root):
            return resolved.relative_to(root).as_posix()
    return Path(path).as_posix()


def rule_infos(library: RuleLibrary, *, base: Path | None = None, builtins: bool = True) -> list[RuleInfo]:
    """Every rule of the library (and the built-in checks), sorted by id; file paths relative to ``base``."""
    infos: list[RuleInfo] = list(BUILTIN_RULES) if builtins else []

    roots = _roots(base)  # resolved once: lint shows the path of every rule
    folders: dict[Path, Path] = {}

    def path_of(rule_id: str) -> str | None:
        loaded = library.files.get(rule_id)
        return _shown(loaded.path, roots, folders) if loaded else None

    for check in library.checks:
        infos.append(
            RuleInfo(
                id=check.id,
                title=check.title,
                kind="check",
                category=check.category,
                severity=check.severity,
                applies_to=[str(getattr(p, "value", p)) for p in check.applies_to],
                scope=check.scope,
                rationale=" ".join(check.rationale.split()),
                fix=check.fix,
                sources=tuple(check.source),
                path=path_of(check.id),
            )
        )
    for catalogue in library.duty_catalogues:
        post_types = sorted({p.value for duty in catalogue.duties for p in duty.applies_to})
        sources = tuple({duty.source.cite(): duty.source for duty in catalogue.duties}.values())
        kind = catalogue.framework_kind
        shared, standard = kind == "shared", kind == "standard"
        if shared:
            title = f"Duties other rules use: {catalogue.framework}"
            rationale = (
                f"Duties defined once ({len(catalogue.duties)} in this catalogue): coverage rows that include "
                "them and check rules that test them (duties_covered) use the one matcher, so they agree. "
                "No coverage table of its own."
            )
            fix = "add a duty statement for it, or name it with covers:"
        elif standard:
            # professional standards are guidance, not statutory duties: they are labelled as what they are
            title = f"Job description and person specification speak to each standard of: {catalogue.framework}"
            rationale = " ".join((catalogue.rationale or "").split()) or (
                f"The standards ({len(catalogue.duties)} in this catalogue) are guidance for the post."
            )
            fix = "where a standard matters for the post, say in a duty or criterion how the postholder meets it"
        else:
            title = f"Job description covers every duty of: {catalogue.framework}"
            rationale = (
                f"The statutory duties of the post ({len(catalogue.duties)} in this catalogue) should each be "
                "covered by a duty statement."
            )
            fix = "add a duty statement for each missing duty, or name it with covers:"
        infos.append(
            RuleInfo(
                id=catalogue.id,
                title=title,
                kind="duties",
                category="shared" if shared else "standards" if standard else "statutory",
                severity=catalogue.severity,
                applies_to=post_types,
                scope="role",
                rationale=rationale,
                fix=fix,
                sources=sources,
                path=path_of(catalogue.id),
            )
        )
    for derivation in library.derivations:
        infos.append(
            RuleInfo(
                id=derivation.id,
                title=derivation.title,
                kind="derivation",
                category="derive",
                rationale=" ".join(derivation.rationale.split()),
                sources=tuple(derivation.source),
                path=path_of(derivation.id),
            )
        )
    return sorted(infos, key=lambda info: info.id)


def examples_of(library: RuleLibrary, rule_id: str) -> dict[str, list[Example]]:
    """The pass and fail examples of a rule file (empty for built-ins and duty catalogues)."""
    rules: list[CheckRule | DerivationRule] = [*library.checks, *library.derivations]
    rule = next((r for r in rules if r.id == rule_id), None)
    if rule is None:
        return {"pass": [], "fail": []}
    return {"pass": list(rule.examples.passing), "fail": list(rule.examples.failing)}
