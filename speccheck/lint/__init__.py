"""Spec files for CI: the lint run, configuration, suppressions and baseline."""
