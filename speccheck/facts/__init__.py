"""Facts the rules read, in one registry of fact scopes: candidate facts from applications; role, criterion and
duty facts from role files; and the facts reference generated from the registry."""
