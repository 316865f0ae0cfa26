"""Read a modal's `view.state.values` safely: every accessor tolerates missing or mistyped fields."""

from __future__ import annotations

from typing import Any

VALUE = "value"  # the action id of every input element in our modals


class ModalState:
    def __init__(self, values: object) -> None:
        self._values = values if isinstance(values, dict) else {}

    def element(self, block: str) -> dict[str, Any]:
        found = self._values.get(block, {})
        found = found.get(VALUE) if isinstance(found, dict) else None
        return found if isinstance(found, dict) else {}

    def text(self, block: str, *, limit: int = 3000) -> str:
        value = self.element(block).get("value")
        return value[:limit] if isinstance(value, str) else ""

    def users(self, block: str, *, limit: int = 100) -> list[str]:
        selected = self.element(block).get("selected_users")
        return (
            [user for user in selected if isinstance(user, str)][:limit] if isinstance(selected, list) else []
        )

    def option(self, block: str) -> str | None:
        selected = self.element(block).get("selected_option")
        value = selected.get("value") if isinstance(selected, dict) else None
        return value if isinstance(value, str) else None

    def options(self, block: str) -> list[str]:
        selected = self.element(block).get("selected_options")
        if not isinstance(selected, list):
            return []
        return [
            item["value"]
            for item in selected
            if isinstance(item, dict) and isinstance(item.get("value"), str)
        ]

    def time(self, block: str) -> str | None:
        value = self.element(block).get("selected_time")
        return value if isinstance(value, str) else None

    def date(self, block: str) -> str | None:
        """A datepicker's choice as it came ("2026-03-20"), or None."""
        value = self.element(block).get("selected_date")
        return value if isinstance(value, str) else None
