"""Commands that edit the text's files: fmt, new, withdraw (round-trip, atomic writes)."""
