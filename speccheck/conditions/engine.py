"""The one door to durable_rules: load compiled programs, assert facts, read what fired.

Uses the engine's low-level session calls (``durable_rules_engine``), as
``shared/durable_rules.md`` §7 recommends: no Host timer threads, no Python
action objects, no swallowed exceptions. Each evaluation opens one session per
ruleset and deletes it in a ``finally:`` block, so memory stays flat and the
1,024-live-session limit is never approached. Rulesets are created once per
program (cached by content hash) and never re-registered under a used name.

Every engine error becomes an ``EngineLimitError`` or ``EngineError`` with a
plain message; nothing from the C extension reaches a user as a traceback.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from speccheck.core.errors import EngineLimitError, SpeccheckError

try:
    import durable_rules_engine as dre
except ImportError as exc:  # e.g. Python 3.13 built without the define: "undefined symbol: PyEval_CallObject"
    raise SpeccheckError(
        f"the durable_rules engine cannot be loaded: {exc}",
        hint=(
            "speccheck needs durable-rules 2.0.28 built for this Python (3.11 to 3.13); build it with "
            "CPPFLAGS='-O2 -DPyEval_CallObject=PyObject_CallObject' pip install --no-cache-dir --force-reinstall "
            "--no-binary durable-rules durable-rules==2.0.28"
        ),
    ) from exc

from speccheck.conditions.compiler import (
    ANCHOR,
    ANCHOR_RULE,
    MAX_PROPERTIES_PER_FACT,
    MAX_RULES_PER_RULESET,
    MET_PREFIX,
    NOT_MET_PREFIX,
    Program,
    RulesetDef,
)

MAX_LIVE_SESSIONS = 1000  # the engine fails with MemoryError at 1,025 per ruleset
MAX_CACHED_PROGRAMS = 32
_CREATE_ATTEMPTS = 3

# Engine return codes from assert_fact.
_OK, _NOT_HANDLED, _OBSERVED = 0, 1, 2

_ERROR_CODE = re.compile(r"error code: (\d+)")

_ENGINE_ERRORS = {
    204: "the engine could not read a number in a fact",
    302: "a fact has more properties than the engine allows (252)",
    303: "more than 64 conditions matched one fact at once",
    309: "the engine lost a session",
    501: "the engine rejected a text pattern",
    503: "a text pattern is too large for the engine",
}


class EngineError(SpeccheckError):
    """durable_rules failed in a way the compiler did not prevent (a bug to report)."""


@dataclass(frozen=True)
class Outcome:
    """What the engine decided for one subject: derived facts and fired rules."""

    derived: dict[str, bool]
    fired: frozenset[str]

    def met(self, name: str) -> bool | None:
        """True if ``C:name`` fired, False if ``N:name`` fired, None if neither."""
        if MET_PREFIX + name in self.fired:
            return True
        if NOT_MET_PREFIX + name in self.fired:
            return False
        return None


def engine_rules(rules: Any) -> Any:
    """Compiled rules as the engine is given them: ``$iany`` over an ``$or`` split into an ``$or`` of ``$iany``.

    durable_rules reads uninitialised memory for that shape (rete.c, createAlpha: the ``$or`` leaves a
    "forward" alpha node whose ``expression.right.type`` createForwardAlpha never sets, and the ``$iany`` branch
    then tests it): when the heap happens to hold 0x09 or 0x0C there, ``create_ruleset`` fails with error 102
    (unexpected type), so a list condition naming two values (``has: [QTS, QTLS]``) failed now and then, in
    long processes. "Some item equals a or b" is "some item equals a, or some item equals b". ``$iall`` over
    ``$or`` has the same fault and no such rewriting; the compiler never makes it, and it is refused.
    """
    if isinstance(rules, list):
        return [engine_rules(item) for item in rules]
    if not isinstance(rules, dict):
        return rules
    if len(rules) == 1 and ("$iany" in rules or "$iall" in rules):
        ((operator, body),) = rules.items()
        if isinstance(body, dict) and len(body) == 1:
            ((prop, inner),) = body.items()
            if isinstance(inner, dict) and "$or" in inner:
                if operator == "$iall":
                    raise EngineError(
                        "a list test of this shape ($iall over $or) would read uninitialised engine memory",
                        where=prop,
                        hint="please report this as a speccheck bug",
                    )
                return {"$or": [{"$iany": {prop: engine_rules(branch)}} for branch in inner["$or"]]}
    return {key: engine_rules(value) for key, value in rules.items()}


def _engine_failure(exc: Exception, where: str) -> SpeccheckError:
    match = _ERROR_CODE.search(str(exc))
    code = int(match.group(1)) if match else None
    if code in (302, 303):
        return EngineLimitError(
            _ENGINE_ERRORS[code], where=where, hint="split the criteria into smaller rule files or derived facts"
        )
    detail = _ENGINE_ERRORS.get(code or 0, str(exc))
    return EngineError(f"durable_rules error: {detail}", where=where, hint="please report this as a speccheck bug")


def _creation_failure(exc: Exception, definition: RulesetDef) -> SpeccheckError:
    """Say which criterion or rule the engine refused, by creating each rule on its own."""
    for name, rule in definition.rules.items():
        if name == ANCHOR_RULE:
            continue
        probe = f"{definition.name}_probe_{next(_Ruleset._names)}"
        try:
            handle = dre.create_ruleset(probe, json.dumps(engine_rules({ANCHOR_RULE: ANCHOR, name: rule})))
        except dre.error as inner:
            code = _ERROR_CODE.search(str(inner))
            detail = (
                "too many comparisons for the engine in one condition"
                if code and code.group(1) == "113"
                else str(inner)
            )
            return EngineLimitError(
                detail,
                where=definition.origins.get(name, name),
                hint="split the condition into smaller criteria or derived facts",
            )
        dre.delete_ruleset(handle)
    return _engine_failure(exc, definition.name)


class _Ruleset:
    """One created durable_rules ruleset and its session bookkeeping."""

    _names = itertools.count()

    def __init__(self, definition: RulesetDef) -> None:
        if len(definition.rules) > MAX_RULES_PER_RULESET:
            raise EngineLimitError(
                f"ruleset has {len(definition.rules)} rules; the engine hangs above 512 and speccheck allows "
                f"{MAX_RULES_PER_RULESET}",
                where=definition.name,
            )
        self.definition = definition
        # A fresh name every time: re-registering a name leaks the C ruleset.
        self.name = f"{definition.name}_{next(self._names)}"
        payload = json.dumps(engine_rules(definition.rules))
        for attempt in range(_CREATE_ATTEMPTS):
            try:
                self.handle = dre.create_ruleset(self.name, payload)
                break
            except dre.error as exc:
                # Error 102 (unexpected type) has been seen, rarely and only in long
                # test processes, for a definition that the next attempt accepts:
                # the same JSON cannot be of the wrong type, so it is retried.
                if attempt + 1 < _CREATE_ATTEMPTS and "error code: 102" in str(exc):
                    self.name = f"{definition.name}_{next(self._names)}"
                    continue
                raise _creation_failure(exc, definition) from None
        self.live = 0
        self._sids = itertools.count()

    def check(self, fact: dict[str, Any]) -> None:
        """Refuse a fact the engine would reject for its size, before any session opens."""
        if len(fact) > MAX_PROPERTIES_PER_FACT:
            raise EngineLimitError(
                f"fact has {len(fact)} properties; the engine allows 252",
                where=self.definition.name,
                hint="split the criteria into smaller rule files or derived facts",
            )

    def open(self) -> str:
        if self.live >= MAX_LIVE_SESSIONS:
            raise EngineLimitError(
                f"{self.live} sessions are open on one ruleset; the engine fails above 1,024",
                where=self.definition.name,
                hint="sessions must be deleted after each evaluation",
            )
        self.live += 1
        return str(next(self._sids))

    def close(self, sid: str, *, stored: bool) -> None:
        """End a session. Only a session holding a handled fact is deleted: the
        engine frees an invalid pointer deleting one that holds none, or one
        whose assert failed (error 303 leaves its state half-built)."""
        self.live -= 1
        if stored:
            dre.delete_state(self.handle, sid)

    def assert_fact(self, sid: str, fact: dict[str, Any]) -> list[str]:
        """Assert one fact in session ``sid``; return the raw messages of the actions it fired."""
        payload = json.dumps({"sid": sid, **fact})
        try:
            code, offset = dre.assert_fact(self.handle, payload)
        except dre.error as exc:
            raise _engine_failure(exc, self.definition.name) from None
        if code == _OBSERVED:
            return []  # the identical fact is already in this session: nothing new fires
        if code != _OK:
            # _NOT_HANDLED is the raw form of MessageNotHandledException. The
            # anchor rule matches every fact, so this means a broken ruleset.
            raise EngineError(
                f"durable_rules did not handle a fact (code {code})",
                where=self.definition.name,
                hint="please report this as a speccheck bug",
            )
        messages = []
        started = dre.start_action_for_state(self.handle, offset)
        message = started[1] if started else None
        while message:
            if not message.startswith('{"' + ANCHOR_RULE):
                messages.append(message)
            message = dre.complete_and_start_action(self.handle, offset)
        return messages

    def delete(self) -> None:
        dre.delete_ruleset(self.handle)


def _rule_name(message: str) -> str:
    # Messages look like {"C:E1":{"m":{...}}}; slicing avoids parsing JSON per action.
    return message[2 : message.index('"', 2)]


class Engine:
    """A compiled program loaded into durable_rules, reusable for many subjects."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self._strata: list[list[_Ruleset]] = []
        self._criteria: list[_Ruleset] = []
        try:
            for stratum in program.strata:
                self._strata.append([])
                for definition in stratum:
                    self._strata[-1].append(_Ruleset(definition))
            for definition in program.criteria:
                self._criteria.append(_Ruleset(definition))
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        for ruleset in [r for stratum in self._strata for r in stratum] + self._criteria:
            ruleset.delete()
        self._strata, self._criteria = [], []

    @staticmethod
    def _project(values: dict[str, Any], definition: RulesetDef, fact_type: str) -> dict[str, Any]:
        fact = {name: values[name] for name in definition.properties if name in values}
        fact["t"] = fact_type
        return fact

    def _fire(self, ruleset: _Ruleset, facts: list[dict[str, Any]]) -> list[str]:
        for fact in facts:
            ruleset.check(fact)
        sid = ruleset.open()
        stored = False
        try:
            messages: list[str] = []
            for fact in facts:
                messages.extend(ruleset.assert_fact(sid, fact))
                stored = True
            return messages
        except SpeccheckError:
            stored = False  # a failed assert leaves the session unsafe to delete
            raise
        finally:
            ruleset.close(sid, stored=stored)

    def derive(self, values: dict[str, Any]) -> dict[str, bool]:
        """Run derivation rules stratum by stratum (forward chaining); return the derived facts.

        A stratum's rules read only base facts and facts derived in lower
        strata, which are final by then; each derived fact is true when its
        ``C:`` rule fires, false when its ``N:`` rule fires, else absent.
        """
        derived: dict[str, bool] = {}
        current = dict(values)
        for stratum in self._strata:
            fresh: dict[str, bool] = {}
            for ruleset in stratum:
                fact = self._project(current, ruleset.definition, self.program.fact_type)
                for message in self._fire(ruleset, [fact]):
                    name = _rule_name(message)
                    fresh.setdefault(name[len(MET_PREFIX) :], name.startswith(MET_PREFIX))
            derived.update(fresh)
            current.update(fresh)
        return derived

    def run(self, values: dict[str, Any]) -> Outcome:
        """Evaluate one subject: derive facts, then fire criterion rules."""
        derived = self.derive(values)
        known = {**values, **derived}
        fired: set[str] = set()
        for ruleset in self._criteria:
            fact = self._project(known, ruleset.definition, self.program.fact_type)
            fired.update(_rule_name(m) for m in self._fire(ruleset, [fact]))
        return Outcome(derived=derived, fired=frozenset(fired))

    def run_facts(self, facts: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
        """Assert several typed facts in one session per ruleset; return (rule, fact) per firing.

        Used by audits, where one role has many criterion and duty facts. Each
        fact must carry ``t`` and a ``ref`` naming its subject (the engine owns ``id``).
        """
        results: list[tuple[str, dict[str, Any]]] = []
        for ruleset in self._criteria:
            types = ruleset.definition.fact_types
            properties = ruleset.definition.properties
            projected = []
            for fact in facts:
                if types is not None and fact["t"] not in types:
                    continue  # no rule here fires on a fact of its type
                shown = {k: v for k, v in fact.items() if k in properties}
                projected.append({**shown, "t": fact["t"], "ref": fact["ref"]})
            if not projected:
                continue
            for message in self._fire(ruleset, projected):
                body = json.loads(message)
                ((rule, payload),) = body.items()
                results.append((rule, payload["m"]))
        return results


_CACHE: OrderedDict[str, Engine] = OrderedDict()


def engine_for(program: Program) -> Engine:
    """The loaded engine for a program, created once per process and reused."""
    engine = _CACHE.get(program.key)
    if engine is not None:
        _CACHE.move_to_end(program.key)
        return engine
    engine = Engine(program)
    _CACHE[program.key] = engine
    while len(_CACHE) > MAX_CACHED_PROGRAMS:
        _, old = _CACHE.popitem(last=False)
        old.close()
    return engine
