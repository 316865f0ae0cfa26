"""Whether a scheduled item's earlier send reached Slack: each post carries its item id in Slack's
message metadata, and an item whose send had no answer is looked up in its channel (or thread)
before it is sent again.

Slack limits conversations.history and conversations.replies for apps outside the Marketplace (to
about one call a minute and 15 messages a page since 2025), so the search reads a few pages at most;
when it cannot finish, the answer is "cannot tell" and the item is not sent again.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient

from bot.slack.client import SLACK_CALL_FAILURES, failure_reason

logger = logging.getLogger(__name__)

METADATA_EVENT_TYPE = "async_norms_scheduled_item"
SEARCH_PAGES = 5
CLOCK_MARGIN = timedelta(minutes=1)  # Slack's clock and ours


class Unfound(enum.Enum):
    NOT_POSTED = "not posted"  # the whole time since the send was read: it is not there
    CANNOT_TELL = "cannot tell"  # Slack could not be read far enough


@dataclass(frozen=True)
class Found:
    ts: str


def post_metadata(item_id: int) -> dict[str, Any]:
    """The metadata a scheduled post carries, so that it can be found again."""
    return {"event_type": METADATA_EVENT_TYPE, "event_payload": {"item_id": str(item_id)}}


def find_earlier_post(
    client: WebClient, *, item_id: int, channel: str, thread_ts: str | None, since: datetime
) -> Found | Unfound:
    """Search the item's channel (or thread) from `since` for a post carrying its id."""
    oldest = f"{(since - CLOCK_MARGIN).timestamp():.6f}"
    try:
        if channel.startswith(("U", "W")):  # a DM addressed by user id: its conversation id first
            channel = str((client.conversations_open(users=channel).get("channel") or {}).get("id") or "")
        cursor: str | None = None
        for _ in range(SEARCH_PAGES):
            arguments: dict[str, Any] = {"channel": channel, "oldest": oldest, "cursor": cursor}
            arguments.update(include_all_metadata=True, limit=200)
            page = (
                client.conversations_replies(ts=thread_ts, **arguments)
                if thread_ts
                else client.conversations_history(**arguments)
            )
            for message in page.get("messages") or []:
                if _carries(message, item_id):
                    return Found(str(message.get("ts") or ""))
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if cursor is None:
                return Unfound.NOT_POSTED
    except SLACK_CALL_FAILURES as error:
        logger.warning(
            "could not look for scheduled item %s in %s: %s", item_id, channel, failure_reason(error)
        )
        return Unfound.CANNOT_TELL
    return Unfound.CANNOT_TELL


def _carries(message: Any, item_id: int) -> bool:
    metadata = message.get("metadata") if isinstance(message, dict) else None
    if not isinstance(metadata, dict) or metadata.get("event_type") != METADATA_EVENT_TYPE:
        return False
    payload = metadata.get("event_payload")
    return isinstance(payload, dict) and str(payload.get("item_id")) == str(item_id)
