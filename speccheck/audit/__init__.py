"""Role x rule library: duty and standards coverage, and audit findings."""
