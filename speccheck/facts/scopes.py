"""The one registry of fact scopes: what a condition may test about a candidate, a role, a criterion or a duty.

Candidate facts are read by criterion conditions and derivation rules; role,
criterion and duty facts by check rules, whose ``scope:`` names one of
``CHECK_SCOPES``. Each fact is listed once, where it is computed
(``speccheck.facts.candidate``, ``speccheck.facts.role``); this module gathers
them into scopes, gives the type-checker their catalogues, and gives the facts
reference (``speccheck.facts.reference``) its contents.
"""

from __future__ import annotations

from collections.abc import Sequence

from speccheck.conditions.typecheck import Catalogue
from speccheck.facts.fact import Fact, Scope
from speccheck.facts.role import CRITERION_FACTS, DUTY_FACTS, ROLE_FACTS
from speccheck.files.rules import DerivationRule, Vocabulary

ROLE = Scope("role", "the role file as a whole; one subject per role", ROLE_FACTS)
CRITERION = Scope("criterion", "one criterion of the person specification; one subject per criterion", CRITERION_FACTS)
DUTY = Scope("duty", "one statement of the job description; one subject per duty", DUTY_FACTS)

CHECK_SCOPES: dict[str, Scope] = {scope.name: scope for scope in (ROLE, CRITERION, DUTY)}
CATALOGUES: dict[str, Catalogue] = {name: scope.catalogue() for name, scope in CHECK_SCOPES.items()}


def derived_facts(derivations: Sequence[DerivationRule]) -> list[Fact]:
    """The boolean candidate facts derivation rules add."""
    return [
        Fact(rule.derives, "bool", rule.label, f"derived by the rule `{rule.id}`: {rule.title}", derived_by=rule.id)
        for rule in derivations
    ]


def candidate_scope(vocabulary: Vocabulary, derivations: Sequence[DerivationRule] = ()) -> Scope:
    """Candidate facts: the base facts, one per kind of post the vocabulary names, and the derived facts."""
    # Imported here: checking a role (the check scopes above) needs none of the candidate facts' modules.
    from speccheck.facts.candidate import CANDIDATE_FACTS, kind_facts

    facts = (*CANDIDATE_FACTS, *kind_facts(vocabulary), *derived_facts(derivations))
    return Scope("candidate", "one application; criterion conditions and derivation rules read it", facts)


def all_scopes(vocabulary: Vocabulary, derivations: Sequence[DerivationRule] = ()) -> list[Scope]:
    """Every scope, candidate first, then those check rules may name."""
    return [candidate_scope(vocabulary, derivations), *CHECK_SCOPES.values()]
