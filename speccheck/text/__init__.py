"""The language layer every matcher uses: sentences, tokens, and how much texts share."""
