"""A panel's shortlist: applicants, batch evaluation, panel scores, agreement, blind mode, ranking, decision record."""
