"""Norm metrics, from counts only (never message text)."""
