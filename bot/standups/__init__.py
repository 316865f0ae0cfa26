"""Async standups: prompts at each person's local time, answers, and one digest."""
