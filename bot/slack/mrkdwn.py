"""Helpers for Slack's mrkdwn text format."""

from __future__ import annotations


def escape_mrkdwn(text: str) -> str:
    """Escape the three characters Slack treats as control sequences (&, <, >).

    The one way text a person typed enters anything the bot posts (blocks and the `text` fallback):
    typed "<!channel>", "<@U…>" or "<https://evil|https://good>" then shows as typed and pings or
    disguises nothing. Not for plain_text fields (headers, buttons, modal labels): Slack shows those
    as they are.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def message_link(channel_id: str, ts: str, *, thread_ts: str | None = None) -> str:
    """A link that opens the message in Slack (Slack redirects it to the workspace the reader is in).

    For something that is not a message of its own (a standup blocker), the thread it belongs to (the
    digest's), else the channel.
    """
    if not ts.replace(".", "", 1).isdigit():
        if thread_ts and thread_ts.replace(".", "", 1).isdigit():
            return message_link(channel_id, thread_ts)
        return f"https://slack.com/app_redirect?channel={channel_id}"
    link = f"https://slack.com/archives/{channel_id}/p{ts.replace('.', '')}"
    if thread_ts and thread_ts != ts:
        link += f"?thread_ts={thread_ts}&cid={channel_id}"
    return link
