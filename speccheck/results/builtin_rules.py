"""The catalogue of built-in finding ids: every finding speccheck reports without a rule file.

Loading, linting, suppressions, the configuration, evaluation and the
shortlist's inputs report their findings under these ids. ``rules list``,
``rules show`` and the README's rule table document them, SARIF and JUnit
describe them, and a test fails when the code emits an id that is neither here
nor a rule file's.
"""

from __future__ import annotations

from speccheck.core.findings import Severity
from speccheck.results.rules import RuleInfo

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_UNREADABLE = "A file that cannot be read as YAML is not checked at all; the other files still are."

# Per category, rule id -> (default severity, what it checks, why it matters, what to do).
_Entries = dict[str, tuple[Severity, str, str, str]]

_FILE: _Entries = {
    "file-missing": (
        _E,
        "A path given does not exist",
        "A misspelt path would otherwise lint nothing and pass.",
        "check the path",
    ),
    "file-unreadable": (_E, "A file cannot be read", _UNREADABLE, "check the path and permissions"),
    "file-too-large": (
        _E,
        "A file is over the 2 MiB limit",
        "Spec files are small; a huge file is a mistake or an attack.",
        "split the file",
    ),
    "file-encoding": (_E, "A file is not UTF-8 text", _UNREADABLE, "save the file as UTF-8"),
    "file-empty": (_E, "A file is empty", "An empty file defines nothing.", "add kind: and version: and the content"),
    "file-not-mapping": (
        _E,
        "The top level is not a mapping",
        "Every speccheck file is a mapping starting with kind: and version:.",
        "start the file with kind: and version:",
    ),
    "file-kind": (
        _E,
        "A file has no kind, an unknown kind, or the wrong kind",
        "kind: says which schema a file is checked against.",
        "use kind: role, candidate, rule, duties or vocabulary",
    ),
    "yaml-syntax": (_E, "YAML syntax error", _UNREADABLE, "correct the YAML at this place"),
    "yaml-alias": (
        _E,
        "YAML anchors, aliases or merge keys",
        "Aliases allow exponential expansion ('billion laughs') and hide what a file says.",
        "write the value out in full",
    ),
    "yaml-character": (_E, "A character YAML does not allow", _UNREADABLE, "remove the control character"),
    "yaml-multiple-documents": (
        _E,
        "More than one YAML document in a file",
        "One file holds one role, candidate or rule.",
        "split the documents into separate files",
    ),
    "yaml-too-deep": (
        _E,
        "Nesting deeper than 40 levels",
        "Deep nesting is a mistake or an attack on the parser.",
        "flatten the structure",
    ),
    "yaml-key": (_E, "A mapping key that is not plain text", "Keys are field names.", "use plain text keys"),
    "yaml-duplicate-key": (
        _E,
        "A key appears twice in one mapping",
        "YAML parsers silently keep one of the two values; which one differs between tools.",
        "remove or rename one of the two keys",
    ),
    "yaml-value": (
        _E,
        "A value YAML cannot read (an impossible date, a bad tag)",
        _UNREADABLE,
        "write a valid value, e.g. a date as YYYY-MM-DD",
    ),
    "schema": (
        _E,
        "A field is unknown, missing or of the wrong type",
        "The file must match its JSON Schema (schemas/) for any check to mean something.",
        "correct the field; see the JSON Schema",
    ),
    "condition": (
        _E,
        "A condition tests an unknown fact or compares the wrong type",
        "The engine compares mismatched types as text and would give silently wrong verdicts.",
        "use a fact and operator from the condition language reference",
    ),
    "engine-limit": (
        _E,
        "A condition would cross a limit of the rule engine",
        "durable_rules fails or hangs beyond its limits; speccheck refuses before that.",
        "split the condition into smaller criteria or derived facts",
    ),
    "rule-file-name": (
        _E,
        "A rule file is not named after its id",
        "The file name is how people find a rule.",
        "name the file after the rule id",
    ),
    "rule-duplicate-id": (
        _E,
        "Two rule files share an id",
        "Findings and waivers name rules by id.",
        "give each rule a unique id",
    ),
    "rule-duplicate-fact": (
        _E,
        "Two derivation rules derive the same fact",
        "A fact must have one definition.",
        "derive each fact in one rule (use any: for alternatives)",
    ),
    "rule-unknown-fact": (
        _E,
        "An equivalent route stands in for a fact that does not exist",
        "A misspelt equivalent_for: name protects no criterion, and the route's holders are failed on title.",
        "name a candidate fact (speccheck rules docs --facts lists them)",
    ),
    "unknown-duty-id": (
        _E,
        "A duty's covers:, a catalogue duty's includes: or a check's duties_covered test names a duty no catalogue defines",
        "A misspelt id covers nothing, so the duty it meant is reported missing or the check always fires.",
        "use an id from rules/duties/ or rules/standards/",
    ),
}

_VERIFY: _Entries = {
    "rule-examples": (
        _E,
        "A rule file lacks a pass or a fail example",
        "A rule's examples are its tests; rules verify runs them.",
        "add examples that must not fire (pass) and must fire (fail)",
    ),
}

_CANDIDATE: _Entries = {
    "unknown-criterion": (
        _W,
        "Evidence names a criterion the role does not have",
        "Reported by evaluate: the evidence cannot count towards any criterion.",
        "correct the criterion id in the evidence",
    ),
    "employment-gap": (
        _I,
        "A gap in employment of over 3 months, unexplained or explained by a break",
        "Reported by evaluate with each gap's dates and each break's reason: safer recruitment asks panels to "
        "look for gaps and the reasons given for them.",
        "explore the gaps at interview",
    ),
    "candidate-duplicate-id": (
        _E,
        "Two applications in a batch share an id",
        "Reported by shortlist: a ranking needs one entry per application.",
        "give each application its own id",
    ),
    "candidate-id-reserved": (
        _E,
        "An application's id is written like a blind candidate code (A- and five letters or digits)",
        "Reported by shortlist: codes are the panel's names for candidates; an application whose id looked like "
        "another's code could take that candidate's panel scores.",
        "give an id that does not look like a code",
    ),
    "record-invalid": (
        _E,
        "A decision record cannot be read",
        "Reported by shortlist --verify: only an unchanged record can be re-run.",
        "give the file written by --record, unchanged",
    ),
}

_SHORTLIST: _Entries = {
    "csv-syntax": (
        _E,
        "A CSV file (applicants, score or moderation sheet) cannot be read",
        "Reported by shortlist: no row of a sheet after the place it stops parsing can be used.",
        "save the sheet as CSV (comma separated)",
    ),
    "csv-empty": (
        _E,
        "The applicants CSV is empty",
        "Reported by shortlist: a sheet without a header row names no applicant.",
        "add a header row naming the columns",
    ),
    "csv-column": (
        _W,
        "An applicants CSV column is unknown or repeated; it is ignored",
        "Reported by shortlist: a misspelt column would otherwise drop evidence silently.",
        "use the column names the README lists (applicants CSV), once each",
    ),
    "score-sheet-empty": (
        _E,
        "A score sheet or moderation sheet is empty",
        "Reported by shortlist: an empty sheet holds no scores.",
        "add a header row naming the columns",
    ),
    "score-sheet-workbook": (
        _E,
        "A score sheet named .xlsx is not a workbook that can be read",
        "Reported by shortlist: none of its scores can be read.",
        "give the workbook speccheck scoresheet wrote, saved by Excel or LibreOffice",
    ),
    "score-sheet-header": (
        _E,
        "A score sheet's header row lacks a required column",
        "Reported by shortlist: without the column no row of the sheet can be read.",
        "name the columns in the first row",
    ),
    "score-sheet-column": (
        _E,
        "A score sheet column is repeated (an error) or unknown (a warning: it is ignored)",
        "Reported by shortlist: two columns of one name make every row ambiguous.",
        "keep one column of each name; check the spelling of the others",
    ),
    "score-missing-field": (
        _E,
        "A score or conflict row lacks a field it needs",
        "Reported by shortlist: a score without its panellist, candidate or criterion cannot count.",
        "give the field, or delete the row",
    ),
    "score-not-a-number": (
        _E,
        "A score is not a whole number",
        "Reported by shortlist: scores are points on the role's scale.",
        "give a whole number on the role's scale",
    ),
    "score-out-of-scale": (
        _E,
        "A score is outside the role's scale",
        "Reported by shortlist: a score off the scale would skew the panel score.",
        "give a score on the role's scale (default 0 to 3)",
    ),
    "score-unknown-candidate": (
        _E,
        "A score names a candidate who is not in the batch",
        "Reported by shortlist: the score cannot count towards anyone.",
        "use the candidate's id (or blind code) as the shortlist shows it",
    ),
    "score-unknown-criterion": (
        _E,
        "A score names a criterion the role does not have",
        "Reported by shortlist: the score cannot count towards any criterion.",
        "use a criterion id of the role",
    ),
    "score-left-out-criterion": (
        _W,
        "A score is given for a criterion the role's audit leaves out of the decisions",
        "Reported by shortlist: a criterion that may be unlawful, or that an application cannot show, is not decided on.",
        "do not score it; correct the person specification",
    ),
    "score-duplicate": (
        _E,
        "A panellist scores one candidate on one criterion twice, or a moderated score is given twice",
        "Reported by shortlist: the first score counts; a second one is left out.",
        "keep one score per panellist, candidate and criterion",
    ),
    "score-conflict-criterion": (
        _W,
        "A conflict of interest names a criterion",
        "Reported by shortlist: a conflict covers the whole candidate, so the criterion is ignored.",
        "leave the criterion empty (or *) on a conflict row",
    ),
    "score-conflict-removed": (
        _I,
        "Scores removed because their panellist declared a conflict of interest",
        "Reported by shortlist: a panellist with a conflict does not score that candidate.",
        "nothing to do: this records what the conflict removed",
    ),
    "moderation-missing-field": (
        _E,
        "A moderated score lacks a field, or the reason the panel agreed it",
        "Reported by shortlist: a moderated score replaces the panel's, so it needs its reason.",
        "give the field; a moderated score needs the reason the panel agreed it",
    ),
}

_SUPPRESSION: _Entries = {
    "suppression-syntax": (
        _W,
        "A suppression comment cannot be read",
        "A comment meant to suppress that does not parse suppresses nothing.",
        "write # speccheck: disable=RULE-ID -- reason",
    ),
    "suppression-no-reason": (
        _W,
        "A suppression or waiver gives no reason",
        "An accepted finding needs a reason a reviewer can check.",
        "add the reason after -- (comment) or as reason: (waiver)",
    ),
    "suppression-unknown-rule": (
        _W,
        "A suppression names an unknown rule",
        "A misspelt rule id suppresses nothing.",
        "check the id with speccheck rules list",
    ),
    "suppression-unused": (
        _I,
        "A suppression comment matches no finding",
        "Stale suppressions hide future findings.",
        "remove it",
    ),
    "waiver-expired": (
        _W,
        "A waiver has passed its expiry date",
        "Waivers are temporary; an expired one suppresses nothing.",
        "fix the findings, or renew the waiver with a reason",
    ),
    "waiver-unused": (
        _I,
        "A waiver matches no finding in the files linted",
        "Stale waivers hide future findings.",
        "remove the waiver",
    ),
}

_CONFIG: _Entries = {
    "config-unknown-key": (
        _E,
        "The configuration has an unknown key",
        "A misspelt option would otherwise be ignored silently.",
        "correct or remove the key",
    ),
    "config-unknown-rule": (
        _W,
        "The configuration names an unknown rule",
        "A misspelt rule id configures nothing.",
        "check the id with speccheck rules list",
    ),
    "config-baseline-missing": (
        _W,
        "The configured baseline file does not exist",
        "Its waivers cannot apply.",
        "run speccheck baseline, or remove the baseline key",
    ),
}


_DOCUMENT_UNREAD = "A document that cannot be read is not checked at all; the other files still are."
_DOCUMENT: _Entries = {
    "file-not-importable": (
        _E,
        "A file is neither a spec file nor a document speccheck can import",
        "A file given to check that is neither would otherwise be passed over without a word.",
        "give a .yaml, .yml or .json file, or a .docx, .pdf, .txt or .md document",
    ),
    "document-too-large": (
        _E,
        "A document is over the 20 MiB limit",
        "Job descriptions, person specifications and application forms are small; a huge file is a mistake or an attack.",
        "give the document on its own",
    ),
    "document-encrypted": (
        _E,
        "A Word document or PDF is password-protected",
        _DOCUMENT_UNREAD,
        "save a copy without the password",
    ),
    "document-old-format": (
        _E,
        "A Word 97-2003 document (.doc)",
        _DOCUMENT_UNREAD,
        "open it in Word and save it as a Word Document (.docx)",
    ),
    "document-damaged": (
        _E,
        "A document is damaged or not what its name says",
        _DOCUMENT_UNREAD,
        "open it and save it again",
    ),
    "document-archive-bomb": (
        _E,
        "A Word document unpacks to far more than its size (a zip bomb)",
        "Unpacking it would exhaust memory; it is refused before anything is unpacked.",
        "open it in Word and save it again",
    ),
    "document-too-many-pages": (
        _E,
        "A PDF has more than 60 pages",
        "Reading it would take too long; a job description, person specification or application form is far shorter.",
        "give the pages that hold them",
    ),
    "document-no-text": (
        _E,
        "A document has no text: it is scanned or empty",
        _DOCUMENT_UNREAD,
        "give the document as Word or as a PDF saved from Word, or run text recognition on the scan",
    ),
}
_IMPORT: _Entries = {
    "import-failed": (
        _E,
        "speccheck could not read a document's layout (a bug)",
        "One document the importer trips on must not stop the others being checked.",
        "report it with the document",
    ),
    "import-nothing-found": (
        _E,
        "An imported document holds no duties, criteria or application sections",
        "A role or application with nothing in it would check nothing and pass.",
        "give the job description, person specification or completed application form",
    ),
    "import-post-type-unsure": (
        _W,
        "The post type of an imported role is a guess",
        "The post type decides which statutory duties an audit expects.",
        "set post_type: to the post the role is",
    ),
    "import-level-ambiguous": (
        _W,
        "A criterion's level depends on something ('essential for primary, desirable for secondary')",
        "A criterion has one level; which was meant decides whether a candidate can be rejected on it.",
        "give one level for this post, or split the criterion",
    ),
    "import-level-missing": (
        _W,
        "Imported criteria have no level in the document",
        "Without a level they are imported as essential, which may reject candidates the school would not.",
        "mark each criterion essential or desirable",
    ),
    "import-record-incomplete": (
        _W,
        "A post in an imported employment history has no readable start date",
        "Years of experience are counted from dated posts; the post is kept as text.",
        "give the post's start date (month and year)",
    ),
}


def _category(category: str, entries: _Entries) -> tuple[RuleInfo, ...]:
    return tuple(
        RuleInfo(
            id=rule_id,
            title=title,
            kind="built-in",
            category=category,
            severity=severity,
            rationale=rationale,
            fix=fix,
        )
        for rule_id, (severity, title, rationale, fix) in entries.items()
    )


BUILTIN_RULES: tuple[RuleInfo, ...] = (
    *_category("file", _FILE),
    *_category("verify", _VERIFY),
    *_category("candidate", _CANDIDATE),
    *_category("shortlist", _SHORTLIST),
    *_category("suppression", _SUPPRESSION),
    *_category("config", _CONFIG),
    *_category("document", _DOCUMENT),
    *_category("import", _IMPORT),
)
