"""Completeness nudges: which messages are linted, restraint, the tip and its buttons."""
