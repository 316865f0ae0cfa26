"""Async Norms: the product (domain logic, services, Block Kit builders, CLI)."""
