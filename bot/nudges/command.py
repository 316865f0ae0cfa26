"""`/norms channel …` and `/norms nudges …`: parse the text, check who may do it, change the settings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.deps import Deps
from bot.lint import Rule
from bot.nudges.service import PAUSE_LENGTH, resume_rule
from bot.people import settings_store
from bot.people.facts import is_admin_or_manager, person_facts
from bot.slack.gateway import SlackGateway
from bot.slack.surfaces import NORMS_COMMAND
from models import ChannelMode

MODE_MEANING = {
    ChannelMode.NUDGE: "I lint new messages and send their authors a private tip when something is missing.",
    ChannelMode.OBSERVE: "I lint and record findings for the team's metrics, and send nothing.",
    ChannelMode.OFF: "I don't read messages here.",
}


_RULE_IDS = {rule.value for rule in Rule}


class NormsAction(StrEnum):
    HELP = "help"
    CHANNEL_SHOW = "channel"
    CHANNEL_MODE = "channel-mode"
    CHANNEL_THREADS = "channel-threads"
    NUDGES = "nudges"
    WORKSPACE_DEFAULT = "default"
    WORKSPACE_RULE = "rule"
    CHANNEL_RULE = "channel-rule"
    PERMISSIONS = "permissions"
    EXTERNAL_PEOPLE = "external"
    ASKS = "asks"
    AGREEMENT = "agreement"
    HOURS = "hours"
    AWAY = "away"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class NormsCommand:
    action: NormsAction
    argument: str = ""


def parse_norms_command(text: str) -> NormsCommand:
    words = text.lower().split()
    if not words or words == ["help"]:
        return NormsCommand(NormsAction.HELP)
    if words[0] == "channel":
        if len(words) == 1:
            return NormsCommand(NormsAction.CHANNEL_SHOW)
        if len(words) == 2 and words[1] in {mode.value for mode in ChannelMode}:
            return NormsCommand(NormsAction.CHANNEL_MODE, words[1])
        if len(words) == 3 and words[1] in ("threads", "thread-replies") and words[2] in ("on", "off"):
            return NormsCommand(NormsAction.CHANNEL_THREADS, words[2])
        if len(words) == 4 and words[1] == "rule" and words[2] in _RULE_IDS and words[3] in ("on", "off"):
            return NormsCommand(NormsAction.CHANNEL_RULE, f"{words[2]} {words[3]}")
    if words[0] == "rule" and len(words) == 3 and words[1] in _RULE_IDS and words[2] in ("on", "off"):
        return NormsCommand(NormsAction.WORKSPACE_RULE, f"{words[1]} {words[2]}")
    if words[0] == "nudges" and len(words) == 2 and words[1] in ("pause", "resume", "off", "on"):
        return NormsCommand(NormsAction.NUDGES, {"on": "resume"}.get(words[1], words[1]))
    if words[0] == "default" and len(words) == 2 and words[1] in {mode.value for mode in ChannelMode}:
        return NormsCommand(NormsAction.WORKSPACE_DEFAULT, words[1])
    if words in (["agreement"], ["agreement", "edit"]):
        return NormsCommand(NormsAction.AGREEMENT, " ".join(words[1:]))
    if words == ["asks"]:
        return NormsCommand(NormsAction.ASKS)
    if words[0] in ("hours", "away"):
        return NormsCommand(NormsAction(words[0]), " ".join(words[1:]))
    if words[0] == "permissions" and len(words) == 2 and words[1] in ("anyone", "admins"):
        return NormsCommand(NormsAction.PERMISSIONS, words[1])
    if words[0] == "external" and len(words) == 2 and words[1] in ("on", "off"):
        return NormsCommand(NormsAction.EXTERNAL_PEOPLE, words[1])
    return NormsCommand(NormsAction.UNKNOWN, text.strip())


def run_channel_command(
    command: NormsCommand, *, deps: Deps, gateway: SlackGateway, team_id: str, channel_id: str, user_id: str
) -> str:
    """Show or change this channel's settings; the reply to show the person, privately."""
    now = deps.clock()
    if command.action is NormsAction.CHANNEL_SHOW:
        with deps.session_factory.begin() as session:
            channel = settings_store.channel_settings(
                session=session, team_id=team_id, channel_id=channel_id, now=now
            )
            return _describe(channel.mode, threads=channel.lint_thread_replies)
    with deps.session_factory.begin() as session:
        anyone = settings_store.workspace_settings(
            session=session, team_id=team_id, now=now
        ).anyone_can_set_channel_mode
    if anyone and _is_external(deps, gateway, team_id, user_id):
        return (
            "People from another organisation can't change how Async Norms works in this workspace's "
            f"channels. `{NORMS_COMMAND} nudges pause` stops tips for yourself."
        )
    if not anyone and not _is_admin(deps, gateway, team_id, user_id):
        return (
            "Only workspace admins can change how Async Norms works in a channel, and this workspace "
            "has not opened that to everyone. Ask an admin, or try "
            f"`{NORMS_COMMAND} nudges pause` to stop tips for yourself."
        )
    with deps.session_factory.begin() as session:
        if command.action is NormsAction.CHANNEL_RULE:
            rule, state = command.argument.split()
            channel = settings_store.channel_settings(
                session=session, team_id=team_id, channel_id=channel_id, now=now
            )
            settings_store.switch_rule(channel, Rule(rule), enabled=state == "on", now=now)
            channel.updated_by = user_id
            return f"Done. The `{rule}` rule is {state} in this channel."
        if command.action is NormsAction.CHANNEL_MODE:
            channel = settings_store.set_channel_mode(
                session=session, team_id=team_id, channel_id=channel_id, mode=ChannelMode(command.argument),
                user_id=user_id, now=now,
            )  # fmt: skip
        else:
            channel = settings_store.set_thread_replies(
                session=session, team_id=team_id, channel_id=channel_id, enabled=command.argument == "on",
                user_id=user_id, now=now,
            )  # fmt: skip
        return "Done. " + _describe(channel.mode, threads=channel.lint_thread_replies)


def run_nudges_command(command: NormsCommand, *, deps: Deps, team_id: str, user_id: str) -> str:
    now = deps.clock()
    with deps.session_factory.begin() as session:
        if command.argument == "pause":
            until = now + PAUSE_LENGTH
            settings_store.pause_nudges(session=session, team_id=team_id, user_id=user_id, until=until)
            return f"Tips paused for a week. `{NORMS_COMMAND} nudges resume` turns them back on sooner."
        if command.argument == "off":
            settings_store.set_opted_out(session=session, team_id=team_id, user_id=user_id, opted_out=True)
            return f"Tips are off for you until you say `{NORMS_COMMAND} nudges on`."
        settings_store.resume_nudges(session=session, team_id=team_id, user_id=user_id)
        return "Tips are on again. Thanks for giving them another go."


def run_workspace_command(
    command: NormsCommand, *, deps: Deps, gateway: SlackGateway, team_id: str, user_id: str
) -> str:
    """Workspace-wide nudge settings, for admins: the default channel mode, who may change modes, rules,
    and whether people from other organisations (Slack Connect) get tips and tracked asks."""
    if not _is_admin(deps, gateway, team_id, user_id):
        return "Only workspace admins can change workspace-wide settings."
    now = deps.clock()
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
        workspace.updated_at = now
        if command.action is NormsAction.WORKSPACE_RULE:
            rule, state = command.argument.split()
            settings_store.switch_rule(workspace, Rule(rule), enabled=state == "on", now=now)
            if state == "on" and resume_rule(session=session, team_id=team_id, rule=rule, now=now):
                return (
                    f"Done. The `{rule}` rule is on across the workspace again; its tips had been paused "
                    "after people marked them not helpful, and their count starts afresh."
                )
            return f"Done. The `{rule}` rule is {state} across the workspace."
        if command.action is NormsAction.WORKSPACE_DEFAULT:
            workspace.default_channel_mode = ChannelMode(command.argument)
            return (
                f"Done. Channels I join from now on start in *{command.argument}* mode. "
                "Channels I am already in keep theirs."
            )
        if command.action is NormsAction.EXTERNAL_PEOPLE:
            workspace.include_external_people = command.argument == "on"
            return (
                "Done. People from other organisations in shared channels now get tips, and asks to "
                "and from them are tracked, as for everyone here."
                if workspace.include_external_people
                else "Done. People from other organisations in shared channels get no tips, and asks to "
                "and from them are not tracked."
            )
        workspace.anyone_can_set_channel_mode = command.argument == "anyone"
        who = "anyone in the channel" if workspace.anyone_can_set_channel_mode else "workspace admins only"
        return f"Done. Channel modes can now be changed by {who}."


def _is_admin(deps: Deps, gateway: SlackGateway, team_id: str, user_id: str) -> bool:
    return is_admin_or_manager(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id, fresh=True)


def _is_external(deps: Deps, gateway: SlackGateway, team_id: str, user_id: str) -> bool:
    facts = person_facts(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id)
    return facts is not None and facts.is_external


def _describe(mode: ChannelMode, *, threads: bool) -> str:
    replies = "Thread replies are linted too." if threads else "Thread replies are not linted."
    return (
        f"Async Norms in this channel: *{mode.value}*. {MODE_MEANING[mode]} {replies}\n"
        f"Change it with `{NORMS_COMMAND} channel nudge`, `observe` or `off`; "
        f"`{NORMS_COMMAND} channel threads on|off` for thread replies."
    )
