"""The bottom layer: findings, errors, positions in YAML, atomic writes, bundled resources. Imports nothing above it."""
