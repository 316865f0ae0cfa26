"""Slack's Block Kit limits, checked on what the bot actually sends (a stand-in cannot render it)."""

from __future__ import annotations

from typing import Any

LIMITS = {"home": 100, "modal": 100, "message": 50}


def block_kit_problems(blocks: list[dict[str, Any]], *, surface: str) -> list[str]:
    """Everything in `blocks` that Slack would reject; empty when they are valid."""
    problems = []
    if len(blocks) > LIMITS[surface]:
        problems.append(f"{len(blocks)} blocks (at most {LIMITS[surface]} in a {surface})")
    block_ids = [block["block_id"] for block in blocks if "block_id" in block]
    if len(block_ids) != len(set(block_ids)):
        problems.append("repeated block_id")
    for index, block in enumerate(blocks):
        kind = block.get("type")
        text = (block.get("text") or {}).get("text", "")
        if kind == "section" and not 1 <= len(text) <= 3000 and "fields" not in block:
            problems.append(f"block {index}: section text of {len(text)} characters")
        if kind == "header" and not 1 <= len(text) <= 150:
            problems.append(f"block {index}: header of {len(text)} characters")
        if kind == "actions":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 25:
                problems.append(f"block {index}: {len(elements)} action elements")
            for element in elements:
                if (
                    len(element.get("text", {}).get("text", "")) > 75
                    or len(str(element.get("value", ""))) > 2000
                ):
                    problems.append(f"block {index}: a button's text or value is too long")
        if kind == "context" and not 1 <= len(block.get("elements") or []) <= 10:
            problems.append(f"block {index}: context elements")
        if kind not in {"section", "header", "actions", "context", "divider", "input", "image", "rich_text"}:
            problems.append(f"block {index}: unknown type {kind!r}")
    return problems
