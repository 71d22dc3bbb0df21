"""The language layer every matcher uses: sentences and tokens."""
