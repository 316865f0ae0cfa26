"""Working time: zones, hours, business days, holidays and away days."""
