"""Documents -> role and candidate files: person specifications, job descriptions and application forms."""
