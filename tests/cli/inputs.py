"""Inputs the command tests share: a small role and candidate, and the lint project with a role that draws a warning."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1] / "data" / "lint-project"

ROLE = """\
kind: role
version: 1
title: Assistant Headteacher
post_type: assistant_headteacher
issued: 2025-01-15
duties:
  - {id: D1, text: Carry out the professional duties of a teacher, covers: [stpcd.deputy.carry_out_teacher_duties]}
  - {id: D2, text: Play a major role in formulating the aims and objectives of the school}
  - {id: D3, text: Establish the policies through which they are to be achieved}
  - {id: D4, text: Line manage staff and deploy resources}
  - {id: D5, text: Monitor progress towards their achievement}
  - {id: D6, text: Undertake professional duties reasonably delegated by the headteacher}
criteria:
  - {id: E1, text: Qualified teacher status, level: essential, category: qualifications, assessed_by: [certificate], condition: {fact: has_qts, "==": true}}
  - {id: E2, text: Commitment to safeguarding children, level: essential, category: safeguarding, assessed_by: [application, reference], keywords: [safeguarding]}
  - {id: D1, text: Sense of humour, level: desirable, category: personal_qualities, assessed_by: [interview]}
"""

CANDIDATE = """\
kind: candidate
version: 1
id: C-7
personal_details: {first_name: Ada, last_name: Quill}
professional_status: {qualified_teacher_status: "yes"}
evidence:
  - {text: I led safeguarding training for all staff., criteria: [E2]}
"""

GOOD = (PROJECT / "roles" / "good.yaml").read_text()
# The clean role plus one criterion that draws a warning (fixed-years-experience) on its last line.
WARNS = (
    GOOD
    + "  - {id: E9, text: At least 5 years teaching, level: essential, category: experience, assessed_by: [application]}\n"
)
AT = len(WARNS.splitlines())
