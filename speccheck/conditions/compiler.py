"""Conditions -> durable_rules ruleset definitions, as plain data.

Pure: no engine import, no I/O. Each condition compiles to two rules over one
fact: ``C:<id>`` fires when the condition holds and ``N:<id>`` fires when it is
decided false (the negation pushed down to the comparisons, each of which only
matches a fact where its property is present). Neither firing means the facts
it needs are absent. This is three-valued (Kleene) logic decided entirely by
the engine.

Text matching never reaches the engine: each ``matches`` comparison becomes a
boolean *feature* property computed in Python before the fact is asserted.
An empty list is asserted as ``[""]`` (``EMPTY_LIST``): the engine's ``$iall``
never matches an empty list, so "does not contain" could not hold for one;
the empty-text item is never a value a condition may name.

Rulesets are sharded under the engine's limits (rules per ruleset, alpha
matches per fact, properties per fact).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from speccheck.conditions.ast import AllOf, Comparison, Condition, Not, facts_used, leaves
from speccheck.conditions.operators import OPERATORS, Pattern
from speccheck.core.errors import EngineLimitError

# durable_rules hangs above 512 rules per ruleset; we stay well under.
MAX_RULES_PER_RULESET = 200
# Error 303 above 64 alpha matches for one fact: budget comparisons per shard.
MAX_LEAVES_PER_SHARD = 60  # plus the anchor rule: 61
# Error 302 above 252 properties per fact (sid and the engine's id count too).
MAX_PROPERTIES_PER_FACT = 240
# Error 113 (ERR_EXPRESSION_LIMIT_EXCEEDED): each $and and $or of a rule adds two entries (the operator and its
# end) to the rule's expression sequence, which holds 31 (rete.c GET_EXPRESSION, MAX_SEQUENCE_EXPRESSIONS 32).
MAX_GROUPS_PER_RULE = 15

MET_PREFIX = "C:"
NOT_MET_PREFIX = "N:"
# Every ruleset carries a rule that matches every fact. durable_rules keeps a
# session for a fact no rule matched, and deleting such a session (with no
# handled fact in it) frees an invalid pointer: measured here as a segfault or
# "free(): invalid pointer" depending on heap layout. With the anchor rule every
# fact is handled, so delete_state is always safe and memory stays flat.
ANCHOR_RULE = "A:"
ANCHOR = {"all": [{"m": {"$ex": {"t": 1}}}]}
EMPTY_LIST = [""]


@dataclass(frozen=True)
class Feature:
    """A text test done in Python: does any text of ``fact`` match any pattern?"""

    name: str
    fact: str
    patterns: tuple[str, ...]


@dataclass
class _Features:
    """Assigns one feature name per distinct (fact, patterns) pair."""

    by_key: dict[tuple[str, tuple[str, ...]], Feature] = field(default_factory=dict)

    def get(self, leaf: Comparison) -> Feature:
        key = (leaf.fact, tuple(leaf.values()))
        if key not in self.by_key:
            self.by_key[key] = Feature(name=f"_x{len(self.by_key)}", fact=leaf.fact, patterns=key[1])
        return self.by_key[key]


@dataclass(frozen=True)
class RulesetDef:
    """One durable_rules ruleset: its rules and the fact properties they read."""

    name: str
    rules: dict[str, Pattern]  # rule name -> durable_rules rule
    properties: frozenset[str]
    leaf_count: int
    origins: dict[str, str] = field(default_factory=dict)  # rule name -> where it came from
    # the fact types (``t``) its rules fire on; None: any. A fact of another type fires nothing here.
    fact_types: frozenset[str] | None = None


@dataclass(frozen=True)
class Program:
    """A compiled spec: derivation rulesets, criterion rulesets, and Python features."""

    key: str
    strata: tuple[tuple[RulesetDef, ...], ...]  # derivation rulesets, lowest stratum first
    criteria: tuple[RulesetDef, ...]
    features: tuple[Feature, ...]
    fact_type: str = "cand"


@dataclass(frozen=True)
class Unit:
    """One thing to compile: a criterion or derivation id with its condition."""

    name: str
    condition: Condition
    origin: str  # where it came from, for limit errors (file or file#criterion)
    fact_type: str | None = None  # the fact type it fires on; default: the program's


def _property_of(leaf: Comparison, features: _Features) -> str:
    """The fact property a comparison's pattern reads: a feature for tests decided in Python."""
    return features.get(leaf).name if OPERATORS[leaf.operator].in_python else leaf.fact


def compile_condition(condition: Condition, features: _Features, *, negated: bool = False) -> Pattern:
    """A condition as one durable_rules pattern on a single fact (``negated``: decided false)."""
    if isinstance(condition, Comparison):
        return OPERATORS[condition.operator].compile(_property_of(condition, features), condition.value, negated)
    if isinstance(condition, Not):
        return compile_condition(condition.not_, features, negated=not negated)
    children = condition.all if isinstance(condition, AllOf) else condition.any
    parts = [compile_condition(child, features, negated=negated) for child in children]
    if len(parts) == 1:
        return parts[0]
    conjunctive = isinstance(condition, AllOf) != negated  # De Morgan
    return {"$and" if conjunctive else "$or": parts}


def _typed(pattern: Pattern, fact_type: str) -> Pattern:
    return {"$and": [{"t": fact_type}, pattern]}


@dataclass(frozen=True)
class _CompiledUnit:
    name: str
    rules: dict[str, Pattern]  # rule name -> durable_rules rule
    properties: frozenset[str]
    leaf_count: int
    origin: str
    fact_type: str


def _compile_unit(unit: Unit, features: _Features, default_type: str, *, both: bool) -> _CompiledUnit:
    fact_type = unit.fact_type or default_type
    comparisons = list(leaves(unit.condition))
    properties = {_property_of(leaf, features) for leaf, _ in comparisons}
    rules = {MET_PREFIX + unit.name: {"all": [{"m": _typed(compile_condition(unit.condition, features), fact_type)}]}}
    if both:
        negated = compile_condition(unit.condition, features, negated=True)
        rules[NOT_MET_PREFIX + unit.name] = {"all": [{"m": _typed(negated, fact_type)}]}
    groups = max(_groups(rule) for rule in rules.values())
    if groups > MAX_GROUPS_PER_RULE:
        raise EngineLimitError(
            f"condition nests {groups - 1} all, any and list groups; the engine can take at most "
            f"{MAX_GROUPS_PER_RULE - 1} in one condition",
            where=unit.origin,
            hint="split it into smaller criteria or derived facts",
        )
    leaf_count = sum(OPERATORS[leaf.operator].size(leaf.value) for leaf, _ in comparisons)
    return _CompiledUnit(unit.name, rules, frozenset(properties), leaf_count * len(rules), unit.origin, fact_type)


def _groups(pattern: object) -> int:
    """How many $and and $or objects a compiled rule holds, anywhere in it."""
    if isinstance(pattern, dict):
        own = sum(1 for key in pattern if key in ("$and", "$or"))
        return own + sum(_groups(value) for value in pattern.values())
    if isinstance(pattern, list):
        return sum(_groups(item) for item in pattern)
    return 0


def _shard(units: list[_CompiledUnit], prefix: str, first: int = 0) -> tuple[RulesetDef, ...]:
    """Pack compiled units into rulesets that stay under the engine's limits, numbered from ``first``."""
    shards: list[list[_CompiledUnit]] = []
    current: list[_CompiledUnit] = []
    for unit in units:
        if unit.leaf_count > MAX_LEAVES_PER_SHARD:
            raise EngineLimitError(
                f"condition has {unit.leaf_count // len(unit.rules)} comparisons; the engine can match at most "
                f"{MAX_LEAVES_PER_SHARD // 2} in one condition",
                where=unit.origin,
                hint="split it into smaller criteria or derived facts",
            )
        if len(unit.properties) > MAX_PROPERTIES_PER_FACT:
            raise EngineLimitError(
                f"condition reads {len(unit.properties)} facts; the engine allows {MAX_PROPERTIES_PER_FACT} per fact",
                where=unit.origin,
                hint="split it into derived facts",
            )
        trial = [*current, unit]
        if current and (
            sum(u.leaf_count for u in trial) > MAX_LEAVES_PER_SHARD
            or sum(len(u.rules) for u in trial) > MAX_RULES_PER_RULESET
            or len(frozenset().union(*(u.properties for u in trial))) > MAX_PROPERTIES_PER_FACT
        ):
            shards.append(current)
            trial = [unit]
        current = trial
    if current:
        shards.append(current)
    result = []
    for index, members in enumerate(shards, start=first):
        rules: dict[str, Pattern] = {ANCHOR_RULE: ANCHOR}
        origins: dict[str, str] = {}
        for unit in members:
            rules.update(unit.rules)
            origins.update({name: unit.origin for name in unit.rules})
        result.append(
            RulesetDef(
                name=f"{prefix}{index}",
                rules=rules,
                properties=frozenset().union(*(u.properties for u in members)),
                leaf_count=sum(u.leaf_count for u in members) + 1,
                origins=origins,
                fact_types=frozenset(u.fact_type for u in members),
            )
        )
    return tuple(result)


def _shard_by_type(units: list[_CompiledUnit], prefix: str) -> tuple[RulesetDef, ...]:
    """Units packed into rulesets of one fact type each (types in their first unit's order), so that a fact
    is asserted only where a rule can fire on it: an audit's criterion and duty facts are not asserted
    into its role rules."""
    by_type: dict[str, list[_CompiledUnit]] = {}
    for unit in units:
        by_type.setdefault(unit.fact_type, []).append(unit)
    shards: list[RulesetDef] = []
    for members in by_type.values():
        shards.extend(_shard(members, prefix, first=len(shards)))
    return tuple(shards)


def strata(derivations: list[Unit]) -> list[list[Unit]]:
    """Derivations grouped so that each reads only facts derived in lower strata.

    Running strata in order makes every derived fact final before any rule
    reads it, so even non-monotone tests (``exists: false`` on a derived fact)
    see the right value. Assumes no cycle (``find_cycle``).
    """
    derived = {unit.name: unit for unit in derivations}
    level: dict[str, int] = {}

    def depth(name: str) -> int:
        if name not in level:
            reads = [f for f in facts_used(derived[name].condition) if f in derived]
            level[name] = 1 + max((depth(f) for f in reads), default=-1)
        return level[name]

    groups: dict[int, list[Unit]] = {}
    for unit in derivations:
        groups.setdefault(depth(unit.name), []).append(unit)
    return [groups[k] for k in sorted(groups)]


def find_cycle(derivations: list[Unit]) -> list[str] | None:
    """A cycle among derived facts (each unit derives the fact named ``unit.name``), if any."""
    derived = {unit.name for unit in derivations}
    graph = {unit.name: [f for f in facts_used(unit.condition) if f in derived] for unit in derivations}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


# derivations (by their names, conditions' identities, origins and types) -> the units, and the
# derivations compiled by stratum with the features they named
_DERIVED: dict[
    tuple[object, ...], tuple[list[Unit], list[list[_CompiledUnit]], dict[tuple[str, tuple[str, ...]], Feature]]
] = {}
_DERIVED_KEPT = 64


def _compiled_derivations(derivations: list[Unit], fact_type: str) -> tuple[list[list[_CompiledUnit]], _Features]:
    """The derivations compiled stratum by stratum, and the features they named (a criterion's features are
    named after them). Compiled once per list of derivations: they are the rule library's, and every role of
    a run needs one of a few such lists. The units are kept with what was compiled, so an identity in the key
    is never another object's while it is cached; what is compiled is never changed after."""
    key = (fact_type, *((u.name, id(u.condition), u.origin, u.fact_type) for u in derivations))
    kept = _DERIVED.get(key)
    if kept is None:
        cycle = find_cycle(derivations)
        if cycle:
            raise EngineLimitError(
                "derived facts depend on each other in a cycle: " + " -> ".join(cycle),
                hint="break the cycle in the derivation rules",
            )
        features = _Features()
        stratified = [
            [_compile_unit(u, features, fact_type, both=True) for u in group] for group in strata(derivations)
        ]
        if len(_DERIVED) >= _DERIVED_KEPT:
            _DERIVED.clear()
        kept = _DERIVED[key] = (list(derivations), stratified, dict(features.by_key))
    return kept[1], _Features(dict(kept[2]))


def compile_program(
    criteria: list[Unit],
    derivations: list[Unit],
    *,
    fact_type: str = "cand",
    decide_false: bool = True,
) -> Program:
    """Compile criteria (and the derivations they may rely on) into a sharded program."""
    stratified, features = _compiled_derivations(derivations, fact_type)
    criterion_units = [_compile_unit(u, features, fact_type, both=decide_false) for u in criteria]
    body = json.dumps(
        [[[u.rules for u in group] for group in stratified], [u.rules for u in criterion_units], fact_type],
        sort_keys=True,
        default=str,
    )
    key = hashlib.sha256(body.encode()).hexdigest()[:16]
    return Program(
        key=key,
        strata=tuple(_shard(group, f"sc_{key}_d{level}_") for level, group in enumerate(stratified)),
        criteria=_shard_by_type(criterion_units, f"sc_{key}_c"),
        features=tuple(features.by_key.values()),
        fact_type=fact_type,
    )
