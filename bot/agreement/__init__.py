"""The team's working agreement: one validated document, its editor and its YAML file."""
