"""Candidate x role: one verdict per criterion with its explanation, and the shortlisting decision."""
