"""What each rule is, for people and tools: descriptors, documentation, and running every rule's examples."""

from __future__ import annotations
