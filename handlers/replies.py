"""The person who acted and what they clicked, read safely; answering them: a private reply, or a
modal, with failures told or logged."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.slack.client import SLACK_CALL_FAILURES, failure_reason

logger = logging.getLogger(__name__)


def acting_user_id(body: dict[str, Any]) -> str:
    """The id of the person who clicked or submitted, or "" when the payload does not say."""
    user = body.get("user")
    return str(user.get("id") or "") if isinstance(user, dict) else ""


def clicked_action(body: dict[str, Any]) -> dict[str, Any]:
    """The button (or menu) a block action payload reports, or {} when the payload does not say."""
    actions = body.get("actions")
    return actions[0] if isinstance(actions, list) and actions and isinstance(actions[0], dict) else {}


def respond_safely(respond: Respond, **message: Any) -> None:
    """Answer through response_url; an expired or missing one (App Home has none) is logged, never raised."""
    try:
        respond(**message)
    except Exception as error:
        logger.warning("could not answer through response_url: %s", type(error).__name__)


def reply_privately(respond: Respond, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
    """An ephemeral answer to the person who acted."""
    respond_safely(respond, text=text, blocks=blocks, response_type="ephemeral", replace_original=False)


def open_modal(
    client: WebClient, trigger_id: object, view: dict[str, Any], respond: Respond, *, form: str
) -> dict[str, Any] | None:
    """views.open; the opened view (its id and hash), or None after telling the person it could not
    open (`form` names it: "the decision form")."""
    if not isinstance(trigger_id, str):
        reply_privately(respond, "Slack did not send what I need to open the form. Please try again.")
        return None
    try:
        opened = client.views_open(trigger_id=trigger_id, view=view).get("view")
    except SLACK_CALL_FAILURES as error:
        logger.error("views.open for %s failed: %s", form, failure_reason(error))
        reply_privately(
            respond, f"I could not open {form} (Slack refused or did not answer). Please try again."
        )
        return None
    return opened if isinstance(opened, dict) else {}


def fill_in_form(client: WebClient, opened: dict[str, Any], view: dict[str, Any]) -> None:
    """Replace a form that `open_modal` opened with a fuller one, unless the person changed it
    meanwhile (Slack's hash then refuses the update, and their text wins)."""
    view_id, view_hash = opened.get("id"), opened.get("hash")
    if not isinstance(view_id, str):
        return
    try:
        client.views_update(view_id=view_id, hash=view_hash, view=view)
    except SLACK_CALL_FAILURES as error:  # hash_conflict: they are typing; their text wins
        logger.info("form not filled in further: %s", failure_reason(error))
