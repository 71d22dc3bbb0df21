"""Rule folders -> a rule library: derivations, checks, duty catalogues, vocabulary.

A library is loaded from the bundled ``rules/`` folder plus any folders a user
adds. Each file is loaded with positions; a bad file is a finding and the rest
of the library still loads. Library-wide problems (a rule id used twice, a file
name that differs from its id, a derivation reading an unknown fact) are
findings too, as are duty ids that a duty includes or a check tests (``duties_covered``) and no
catalogue defines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from speccheck.conditions.ast import leaves
from speccheck.conditions.typecheck import Catalogue, FactSpec, condition_findings
from speccheck.core.findings import Finding, Severity
from speccheck.core.literals import Needs, learn, needed
from speccheck.core.resources import bundled
from speccheck.files.document_words import merge_words
from speccheck.files.kinds import FileModel
from speccheck.files.loader import Loaded, decode, discover, load_text, read_bytes
from speccheck.files.rules import CheckRule, DerivationRule, DutyCatalogue, Vocabulary
from speccheck.text.variants import Variants

if TYPE_CHECKING:
    from speccheck.facts.candidate import Normaliser


@dataclass
class RuleLibrary:
    """Everything the rule folders define, with the findings from loading them."""

    derivations: list[DerivationRule] = field(default_factory=list)
    checks: list[CheckRule] = field(default_factory=list)
    duty_catalogues: list[DutyCatalogue] = field(default_factory=list)
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary(kind="vocabulary", version=1, id="empty"))
    files: dict[str, Loaded[FileModel]] = field(default_factory=dict)  # rule id -> its loaded file
    findings: list[Finding] = field(default_factory=list)
    # What each check rule's pattern needs (``core.literals``), read once when the library is built and kept
    # with it, so that a library read from the cache need not read its patterns again.
    needs: dict[str, Needs] = field(default_factory=dict)
    _normaliser: Normaliser | None = None
    _variants: Variants | None = None
    # The candidate facts conditions may test, worked out once (when the library is built, so a cached library
    # keeps them and a lint run needs none of the candidate modules).
    _candidate_facts: tuple[FactSpec, ...] | None = None
    # The vocabulary's synonym groups as stems, read once (when the library is built, so a cached library keeps
    # them): every criterion's query tries each group.
    _synonym_stems: dict[str, tuple[tuple[str, ...], ...]] | None = None

    def __getstate__(self) -> dict[str, object]:
        """What a pickle (the library cache) keeps: all but what the library makes for itself when asked, its
        variants table and normaliser (objects the cache would not unpickle), made again when next asked."""
        return {**self.__dict__, "_normaliser": None, "_variants": None}

    @property
    def normaliser(self) -> Normaliser:
        if self._normaliser is None:
            from speccheck.facts.candidate import Normaliser

            self._normaliser = Normaliser(self.vocabulary, self.variants)
        return self._normaliser

    @property
    def variants(self) -> Variants:
        """The vocabulary's variant forms, read as their canonical words: all an audit needs of the vocabulary
        (the normaliser also compiles every qualification and kind of post, which only candidates need)."""
        if self._variants is None:
            self._variants = Variants(self.vocabulary.variants)
        return self._variants

    @property
    def synonym_stems(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Each synonym group of the vocabulary as its wordings in stems, read with its variants."""
        if self._synonym_stems is None:
            from speccheck.text.retrieval import stemmed_groups

            self._synonym_stems = stemmed_groups(self.vocabulary.synonyms, self.variants)
        return self._synonym_stems

    def candidate_catalogue(self) -> Catalogue:
        """Candidate facts, base and derived, that criterion conditions may test."""
        if self._candidate_facts is None:
            from speccheck.facts.candidate import candidate_catalogue

            base = candidate_catalogue(self.vocabulary).facts()
            derived = [FactSpec(d.derives, "bool", d.label, derived_by=d.id) for d in self.derivations]
            self._candidate_facts = (*base, *derived)
        return Catalogue("candidate", list(self._candidate_facts))

    def rule_ids(self) -> list[str]:
        return sorted(
            [*(d.id for d in self.derivations), *(c.id for c in self.checks), *(d.id for d in self.duty_catalogues)]
        )


def _merge_vocabulary(parts: list[Vocabulary]) -> Vocabulary:
    if not parts:
        return Vocabulary(kind="vocabulary", version=1, id="empty")
    merged = parts[0].model_dump(by_alias=True)
    words = parts[0].documents
    for part in parts[1:]:
        words = merge_words(words, part.documents)
        data = part.model_dump(by_alias=True)
        for key in ("qualifications", "role_kinds"):
            for name, family in data[key].items():
                if name not in merged[key]:
                    merged[key][name] = family
                    continue
                into = merged[key][name]
                for part_name in ("patterns", "unless", "source"):
                    into[part_name] = into[part_name] + [p for p in family[part_name] if p not in into[part_name]]
        for name, scope in data["scopes"].items():
            merged["scopes"].setdefault(name, scope)
        for key in ("variants", "synonyms"):
            for name, forms in data[key].items():
                merged[key][name] = merged[key].get(name, []) + [f for f in forms if f not in merged[key].get(name, [])]
        for key in (
            "teaching_role_kinds",
            "leadership_role_kinds",
            "senior_role_kinds",
            "early_years_role_kinds",
            "further_education_role_kinds",
            "source",
            "generic_words",
        ):
            merged[key] = merged[key] + [v for v in data[key] if v not in merged[key]]
    merged["documents"] = words.model_dump(by_alias=True) if words else None
    return Vocabulary.model_validate(merged)


def load_library(
    folders: list[Path] | None = None, *, include_bundled: bool = True, cache: Path | None = None
) -> RuleLibrary:
    """Load the bundled rules and any extra folders into one library.

    With ``cache``, a folder, the library is read from there when its rule files, folders and speccheck are as
    they were when it was kept, and kept there otherwise (``speccheck.library.cache``); the library is the same
    either way. A folder that is missing or a rule file that cannot be read is never cached."""
    roots = ([bundled("rules")] if include_bundled else []) + list(folders or [])
    paths, missing = discover(roots)
    # profiles are configuration, read by the audit
    files = [(path, *read_bytes(path, str(path))) for path in paths if path.parent.name != "profiles"]
    key = None
    if cache is not None and not missing and all(raw is not None for _, raw, _ in files):
        from speccheck.library.cache import library_key, read_cached

        key = library_key(roots, [(str(path), raw) for path, raw, _ in files if raw is not None])
        cached = read_cached(cache, key, RuleLibrary)
        if cached is not None:
            learn(cached.needs)
            return cached
    library = _built(files, missing)
    if cache is not None and key is not None:
        from speccheck.library.cache import write_cached

        write_cached(cache, key, library)
    return library


def _built(files: list[tuple[Path, bytes | None, list[Finding]]], missing: list[Finding]) -> RuleLibrary:
    """The library of the rule files as read (each path with its bytes, or the findings saying why it was not
    read), with the findings of the folders that were not found."""
    library = RuleLibrary()
    vocabularies: list[Vocabulary] = []
    library.findings.extend(missing)
    for path, raw, unread in files:
        loaded = _loaded(path, raw, unread)
        library.findings.extend(loaded.findings)
        model = loaded.model
        if model is None:
            continue
        rule_id = getattr(model, "id", None)
        if isinstance(model, (DerivationRule, CheckRule, DutyCatalogue, Vocabulary)):
            if rule_id != path.stem:
                library.findings.append(
                    Finding(
                        rule_id="rule-file-name",
                        severity=Severity.ERROR,
                        message=f'rule id "{rule_id}" differs from its file name "{path.stem}"',
                        position=loaded.position(("id",)),
                        fix="name the file after the rule id",
                    )
                )
            if rule_id in library.files:
                library.findings.append(
                    Finding(
                        rule_id="rule-duplicate-id",
                        severity=Severity.ERROR,
                        message=f'rule id "{rule_id}" is defined twice (also in {library.files[rule_id].path})',
                        position=loaded.position(("id",)),
                        fix="give each rule a unique id",
                    )
                )
                continue
            library.files[str(rule_id)] = loaded
        if isinstance(model, DerivationRule):
            library.derivations.append(model)
        elif isinstance(model, CheckRule):
            library.checks.append(model)
        elif isinstance(model, DutyCatalogue):
            library.duty_catalogues.append(model)
        elif isinstance(model, Vocabulary):
            vocabularies.append(model)
        else:
            library.findings.append(
                Finding(
                    rule_id="file-kind",
                    severity=Severity.ERROR,
                    message=f"a rule folder holds a {getattr(model, 'kind', '?')} file",
                    position=loaded.position(("kind",)),
                    fix="keep roles and candidates out of rule folders",
                )
            )
    library.vocabulary = _merge_vocabulary(vocabularies)
    library.needs = {
        pattern: needed(pattern)
        for rule in library.checks
        for leaf, _ in leaves(rule.when)
        if leaf.operator == "matches"
        for pattern in leaf.values()
    }
    library.findings.extend(_check_derivations(library))
    library.findings.extend(_check_duty_references(library))
    library.synonym_stems  # noqa: B018 (read now, so that a cached library keeps it)
    return library


def _loaded(path: Path, raw: bytes | None, unread: list[Finding]) -> Loaded[FileModel]:
    """One rule file loaded from its bytes, as ``load_file`` loads it from the file."""
    shown = str(path)
    text, findings = decode(raw, shown) if raw is not None else (None, unread)
    if text is None:
        return Loaded(path=shown, model=None, findings=findings)
    return load_text(text, shown)


def _check_duty_references(library: RuleLibrary) -> list[Finding]:
    """A duty's ``includes`` and a check's ``duties_covered`` test must name catalogue duties; an included duty
    includes nothing itself (one level, so what covers a row is plain to read)."""
    duties = {d.id: d for c in library.duty_catalogues for d in c.duties}
    findings = []
    for catalogue in library.duty_catalogues:
        loaded = library.files.get(catalogue.id)
        for index, duty in enumerate(catalogue.duties):
            for position, name in enumerate(duty.includes):
                if name in duties and not duties[name].includes:
                    continue
                problem = "which no duty catalogue defines" if name not in duties else "which includes others itself"
                findings.append(
                    Finding(
                        rule_id="unknown-duty-id",
                        severity=Severity.ERROR,
                        message=f'duty "{duty.id}" includes "{name}", {problem}',
                        position=loaded.position(("duties", index, "includes", position)) if loaded else None,
                        fix="include a duty of a shared catalogue (rules/duties/, framework_kind: shared)",
                    )
                )
    for rule in library.checks:
        loaded = library.files.get(rule.id)
        for leaf, _ in leaves(rule.when):
            if leaf.fact != "duties_covered" or leaf.operator != "has":
                continue
            for name in leaf.values():
                if name not in duties:
                    findings.append(
                        Finding(
                            rule_id="unknown-duty-id",
                            severity=Severity.ERROR,
                            message=f'rule "{rule.id}" tests duties_covered for "{name}", which no duty catalogue defines',
                            position=loaded.position(("when",)) if loaded else None,
                            fix="name a duty id from rules/duties/ or rules/standards/",
                        )
                    )
    return findings


def _check_derivations(library: RuleLibrary) -> list[Finding]:
    catalogue = library.candidate_catalogue()
    findings = []
    derived_by: dict[str, str] = {}
    for rule in library.derivations:
        loaded = library.files.get(rule.id)
        if rule.derives in derived_by:
            findings.append(
                Finding(
                    rule_id="rule-duplicate-fact",
                    severity=Severity.ERROR,
                    message=f'fact "{rule.derives}" is derived by both "{derived_by[rule.derives]}" and "{rule.id}"',
                    position=loaded.position(("derives",)) if loaded else None,
                    fix="derive each fact in one rule (use any: for alternatives)",
                )
            )
        derived_by[rule.derives] = rule.id
        findings += condition_findings(
            rule.when,
            catalogue,
            at=("when",),
            locate=loaded.position if loaded else None,
            fix="use a fact and operator from the condition language reference",
        )
        for index, fact in enumerate(rule.equivalent_for):
            if fact not in catalogue:
                findings.append(
                    Finding(
                        rule_id="rule-unknown-fact",
                        severity=Severity.ERROR,
                        message=f'equivalent route "{rule.id}" stands in for "{fact}", which is not a candidate fact',
                        position=loaded.position(("equivalent_for", index)) if loaded else None,
                        fix="name a candidate fact (speccheck rules docs --facts lists them)",
                    )
                )
    return findings
