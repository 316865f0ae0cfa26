"""Helpers for Slack's mrkdwn text format."""

from __future__ import annotations


def escape_mrkdwn(text: str) -> str:
    """Escape the three characters Slack treats as control sequences (&, <, >)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def message_link(channel_id: str, ts: str, *, thread_ts: str | None = None) -> str:
    """A link that opens the message in Slack (Slack redirects it to the workspace the reader is in).

    For something that is not a message of its own (a standup blocker), the channel.
    """
    if not ts.replace(".", "", 1).isdigit():
        return f"https://slack.com/app_redirect?channel={channel_id}"
    link = f"https://slack.com/archives/{channel_id}/p{ts.replace('.', '')}"
    if thread_ts and thread_ts != ts:
        link += f"?thread_ts={thread_ts}&cid={channel_id}"
    return link
