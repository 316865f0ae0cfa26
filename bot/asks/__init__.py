"""Response expectations: asks tracked against the team's norms, reminded when they lapse."""
