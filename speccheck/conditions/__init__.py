"""The condition language: its AST, type checks, the compiler to engine rulesets, and the one door to durable_rules."""
