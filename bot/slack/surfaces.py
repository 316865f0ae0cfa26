"""Every Slack surface the bot registers: commands, shortcuts, events and scopes.

Handlers register from these constants and the manifest test compares them with manifest.yml,
so the code and the app's configuration cannot drift apart silently.
"""

from __future__ import annotations

DECISION_COMMAND = "/decision"
STANDUP_COMMAND = "/standup"
NORMS_COMMAND = "/norms"
COMMANDS = (DECISION_COMMAND, STANDUP_COMMAND, NORMS_COMMAND)

RECORD_DECISION_SHORTCUT = "record_as_decision"
TRACK_ASK_SHORTCUT = "track_as_ask"
MESSAGE_SHORTCUTS = (RECORD_DECISION_SHORTCUT, TRACK_ASK_SHORTCUT)

# Event subscriptions as the manifest names them; "message.channels" and "message.groups" both
# arrive as Bolt's "message" event.
BOT_EVENTS = (
    "app_home_opened",
    "app_uninstalled",
    "member_joined_channel",
    "member_left_channel",
    "message.channels",
    "message.groups",
    "message.im",  # a standup update replied in the prompt's DM
    "reaction_added",
    "tokens_revoked",
    "user_change",  # a deleted account's data is erased
)

BOT_SCOPES = (
    "channels:history",
    "canvases:write",  # the decision log as a canvas in the decision-log channel (optional)
    "channels:read",
    "chat:write",
    "commands",
    "groups:history",
    "groups:read",
    "im:history",  # to find a scheduled DM whose post had no answer before sending it again
    "im:write",  # conversations.open: the DM's id, to search it (see im:history)
    "reactions:read",
    "usergroups:read",  # the members of a small user group an ask mentions
    "users:read",
)


def bolt_event_type(manifest_event: str) -> str:
    """The event type Bolt matches for a manifest subscription ("message.channels" -> "message")."""
    return manifest_event.split(".", 1)[0]
