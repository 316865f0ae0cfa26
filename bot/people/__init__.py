"""People: cached profiles, person facts, per-person and per-workspace settings."""
