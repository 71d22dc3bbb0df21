"""A panel's shortlist: applicants, batch evaluation, score sheets, panel scores and agreement, blind mode,
ranking and the decision record; ``run.make_shortlist`` makes one from a request."""
