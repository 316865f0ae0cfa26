"""Decision records as Markdown ADR files: their layout, reading them and writing them."""
