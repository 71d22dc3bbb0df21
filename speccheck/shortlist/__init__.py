"""A panel's shortlist: applicants, batch evaluation, score sheets, panel scores and agreement, blind mode,
ranking and the decision record; ``run.shortlisting`` makes one from a request and streams its outputs
(``run.make_shortlist`` returns it whole)."""
