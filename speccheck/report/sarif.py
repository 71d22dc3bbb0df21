"""SARIF 2.1.0 renderer, for GitHub code scanning and other SARIF viewers.

``tool.driver.rules`` carries every rule that ran, with its title, rationale,
fix and sources as help; each result points at its rule by id and index, at its
file (relative to ``%SRCROOT%``, the ``--base-dir``) by line and column, and
carries a stable partial fingerprint so alerts survive lines moving.
Suppressed findings are results with ``suppressions`` (inline comments are
``inSource``, waivers ``external``) so viewers show them as accepted.

Links: given ``docs_url`` (the absolute address of speccheck's source tree, which the CLI takes from
SPECCHECK_DOCS_URL or from where pip installed speccheck), each rule docs/rules.md documents (``documented``:
the bundled rules and the built-in checks) gets ``helpUri`` at its row there (``docs/rules.md#RULE-ID``),
and the driver ``informationUri`` the README. SARIF wants both absolute (GitHub refuses an upload whose
``helpUri`` is not), so without ``docs_url`` they are left out and ``help`` carries the same text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from urllib.parse import quote

from speccheck import __version__
from speccheck.core.findings import Finding, Position
from speccheck.report.contents import FindingsReport, findings_of, rules_of, suppressed_of
from speccheck.results.lint import Suppression
from speccheck.results.rules import RuleInfo

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _text(value: str) -> dict[str, str]:
    return {"text": value}


def _pascal(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in rule_id.replace(".", "-").replace("_", "-").split("-"))


def _help(info: RuleInfo) -> dict[str, str]:
    text = [info.rationale]
    markdown = [f"**{info.title}**", "", info.rationale]
    if info.fix:
        text.append(f"Fix: {info.fix}")
        markdown += ["", f"**Fix:** {info.fix}"]
    if info.sources:
        cites = [source.cite() for source in info.sources]
        text.append("Sources: " + "; ".join(cites))
        markdown += ["", "**Sources:**", ""] + [f"- {cite}" for cite in cites]
    return {"text": "\n".join(text), "markdown": "\n".join(markdown)}


RULES_DOC = "docs/rules.md"
README = "README.md"


def help_uri(docs_url: str, rule_id: str) -> str:
    """The address of a rule's row in docs/rules.md (its anchor is the rule id)."""
    return f"{docs_url}{RULES_DOC}#{quote(rule_id, safe='')}"


def descriptor(info: RuleInfo, *, docs_url: str | None = None) -> dict[str, object]:
    """A reportingDescriptor for one rule; with ``docs_url``, its help link."""
    entry: dict[str, object] = {
        "id": info.id,
        "name": _pascal(info.id),
        "shortDescription": _text(info.title),
        "fullDescription": _text(info.rationale),
        "help": _help(info),
    }
    if docs_url:
        entry["helpUri"] = help_uri(docs_url, info.id)
    if info.severity is not None:
        entry["defaultConfiguration"] = {"level": LEVEL[info.severity.value]}
    properties: dict[str, object] = {"category": info.category, "kind": info.kind, "tags": [info.category]}
    if info.sources:
        properties["sources"] = [source.model_dump(mode="json", exclude_none=True) for source in info.sources]
    if info.path:
        properties["file"] = info.path
    entry["properties"] = properties
    return entry


def _location(position: Position) -> dict[str, object]:
    path = position.path
    if path.startswith("/"):
        artifact = {"uri": "file://" + quote(path, safe="/")}
    else:
        artifact = {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}
    location: dict[str, object] = {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": position.line, "startColumn": position.col},
        }
    }
    if position.place:
        location["message"] = {"text": position.place}
    return location


def _suppression(suppression: Suppression) -> dict[str, object]:
    entry: dict[str, object] = {
        "kind": "inSource" if suppression.kind == "inline" else "external",
        "status": "accepted",
    }
    if suppression.reason:
        entry["justification"] = suppression.reason
    if suppression.position is not None:
        entry["location"] = _location(suppression.position)
    properties = {k: v for k, v in (("owner", suppression.owner), ("expires", suppression.expires)) if v is not None}
    if properties:
        entry["properties"] = {k: str(v) for k, v in properties.items()}
    return entry


def _fingerprint(finding: Finding, seen: dict[str, int]) -> str:
    """A hash of rule, file and message (not the line, which moves), numbered for repeats."""
    path = finding.position.path if finding.position else ""
    digest = hashlib.sha256(f"{finding.rule_id}\0{path}\0{finding.message}".encode()).hexdigest()[:32]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}:{seen[digest]}"


def _result(
    finding: Finding, index: dict[str, int], seen: dict[str, int], suppression: Suppression | None
) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index[finding.rule_id],
        "level": LEVEL[finding.severity.value],
        "message": _text(finding.message),
    }
    if finding.position is not None:
        result["locations"] = [_location(finding.position)]
    result["partialFingerprints"] = {"speccheckFinding/v1": _fingerprint(finding, seen)}
    if suppression is not None:
        result["suppressions"] = [_suppression(suppression)]
    if finding.fix:
        result["properties"] = {"fix": finding.fix}
    return result


def sarif(
    report: FindingsReport, *, docs_url: str | None = None, documented: Collection[str] = ()
) -> dict[str, object]:
    """The SARIF log as a dict; help links as the module says."""
    rules = rules_of(report)
    index = {info.id: i for i, info in enumerate(rules)}
    seen: dict[str, int] = {}
    entries: list[tuple[Finding, Suppression | None]] = [(finding, None) for finding in findings_of(report)]
    entries += [(item.finding, item.suppression) for item in suppressed_of(report)]
    entries.sort(key=lambda entry: (*entry[0].sort_key(), entry[1] is not None))
    driver: dict[str, object] = {"name": "speccheck", "version": __version__, "semanticVersion": __version__}
    if docs_url:
        driver["informationUri"] = docs_url + README
    driver["rules"] = [descriptor(info, docs_url=docs_url if info.id in documented else None) for info in rules]
    run: dict[str, object] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {
            SRCROOT: {"description": _text("The folder paths are relative to (speccheck --base-dir).")}
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding, index, seen, suppression) for finding, suppression in entries],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(
    report: FindingsReport, *, docs_url: str | None = None, documented: Collection[str] = (), **_: object
) -> str:
    return json.dumps(sarif(report, docs_url=docs_url, documented=documented), indent=2, ensure_ascii=False) + "\n"
