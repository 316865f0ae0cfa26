"""Decision records: the numbered log, its lifecycle, Markdown ADRs in and out."""
