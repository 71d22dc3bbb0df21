"""A small role and a candidate written inline: each kind of criterion, each kind of verdict."""

from __future__ import annotations

ROLE = """\
kind: role
version: 1
title: Deputy Headteacher
post_type: deputy_headteacher
criteria:
  - {id: E1, text: Qualified teacher status, level: essential, category: qualifications,
     assessed_by: [application], condition: {fact: has_qts, "==": true}}
  - {id: E2, text: A record of leading whole-school curriculum change, level: essential, category: experience,
     assessed_by: [application], keywords: [curriculum, led the]}
  - {id: E3, text: Five years teaching, level: essential, category: experience,
     assessed_by: [application], condition: {fact: years_teaching, ">=": 5}}
  - {id: D1, text: Coaching, level: desirable, weight: 2, category: skills,
     assessed_by: [application], condition: {fact: personal_statement, matches: coach}}
  - {id: D2, text: Presentation to the panel, level: desirable, category: skills, assessed_by: [interview]}
"""

CANDIDATE = """\
kind: candidate
version: 1
id: C-1
personal_details: {first_name: Ada, last_name: Quill}
professional_status: {qualified_teacher_status: "yes"}
personal_statement: I coach new teachers. I led the curriculum review across the school.
employment_history:
  - {job_title: Teacher, organisation: A, started_on: 2019-09-01, ended_on: 2020-08-31}
  - {job_title: Teacher, organisation: B, started_on: 2021-09-01, is_current_role: true}
evidence:
  - {text: I introduced a new KS3 curriculum., criteria: [E2, X9]}
"""
