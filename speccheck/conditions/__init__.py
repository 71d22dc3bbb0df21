"""The condition language: its AST, operator registry, type checks, words, the compiler to engine rulesets, and the one door to durable_rules."""
