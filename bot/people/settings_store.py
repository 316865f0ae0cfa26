"""Workspace and channel nudge settings, and people's cached profiles and preferences."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.calendar.working_time import parse_clock, parse_days
from bot.core.db import insert_ignoring_duplicates
from bot.lint import DEFAULT_CONFIG, LintConfig, Rule, WorkingHours
from models import Base, ChannelMode, ChannelSettings, UserProfile, WorkspaceSettings

DEFAULT_CHANNEL_MODE = ChannelMode.NUDGE
DEFAULT_DAILY_NUDGE_CAP = 3
PROFILE_TTL = timedelta(hours=24)
MEMBER_COUNT_TTL = timedelta(hours=6)


def workspace_settings(*, session: Session, team_id: str, now: datetime) -> WorkspaceSettings:
    """The workspace's settings, created with the defaults on first use (safely, if two events race)."""
    settings = session.get(WorkspaceSettings, team_id)
    if settings is None:
        _create_once(
            session,
            WorkspaceSettings,
            team_id=team_id,
            default_channel_mode=DEFAULT_CHANNEL_MODE,
            anyone_can_set_channel_mode=False,
            daily_nudge_cap=DEFAULT_DAILY_NUDGE_CAP,
            disabled_rules=[],
            wall_of_text_words=DEFAULT_CONFIG.wall_of_text_words,
            broadcast_channel_size=DEFAULT_CONFIG.broadcast_channel_size,
            updated_at=now,
            # Counters start where a workspace removed and installed again never was: a process's
            # cache must not take the new workspace's version 3 for the old one's.
            settings_version=first_version(now),
            people_version=first_version(now),
        )
        settings = session.get_one(WorkspaceSettings, team_id)
    return settings


def first_version(now: datetime) -> int:
    """Where a new workspace's settings and people counters start (bot/core/versioned_cache.py)."""
    return int(now.timestamp() * 1000) % 1_000_000_000


def channel_settings(
    *, session: Session, team_id: str, channel_id: str, now: datetime, shared_externally: bool = False
) -> ChannelSettings:
    """A channel's settings; a channel seen for the first time takes the workspace default mode, except
    that a channel shared with another organisation (Slack Connect) starts in observe instead of nudge:
    the bot does not send tips to another company's people until someone here chooses so."""
    settings = session.get(ChannelSettings, (team_id, channel_id))
    if settings is not None:
        if shared_externally and may_turn_to_observe(settings):
            settings.mode, settings.updated_at = ChannelMode.OBSERVE, now  # shared after we first saw it
        return settings
    default = workspace_settings(session=session, team_id=team_id, now=now).default_channel_mode
    if shared_externally and default is ChannelMode.NUDGE:
        default = ChannelMode.OBSERVE
    _create_once(
        session,
        ChannelSettings,
        team_id=team_id,
        channel_id=channel_id,
        mode=default,
        lint_thread_replies=False,
        disabled_rules=[],
        updated_at=now,
    )
    return session.get_one(ChannelSettings, (team_id, channel_id))


def may_turn_to_observe(settings: ChannelSettings) -> bool:
    """A channel nobody set a mode for, found shared with another organisation, goes from nudge to
    observe."""
    return settings.mode is ChannelMode.NUDGE and settings.updated_by is None


def _create_once(session: Session, model: type[Base], **values: object) -> None:
    """Insert a row unless another transaction already did (the unique key decides)."""
    insert_ignoring_duplicates(session, model.__table__, values)  # type: ignore[arg-type]


def set_channel_mode(
    *, session: Session, team_id: str, channel_id: str, mode: ChannelMode, user_id: str, now: datetime
) -> ChannelSettings:
    settings = channel_settings(session=session, team_id=team_id, channel_id=channel_id, now=now)
    settings.mode, settings.updated_by, settings.updated_at = mode, user_id, now
    return settings


def set_thread_replies(
    *, session: Session, team_id: str, channel_id: str, enabled: bool, user_id: str, now: datetime
) -> ChannelSettings:
    settings = channel_settings(session=session, team_id=team_id, channel_id=channel_id, now=now)
    settings.lint_thread_replies, settings.updated_by, settings.updated_at = enabled, user_id, now
    return settings


def lint_config(workspace: WorkspaceSettings, channel: ChannelSettings) -> LintConfig:
    """The linter's configuration for one channel: the workspace's, less the channel's switched-off rules."""
    disabled = rules_in(workspace.disabled_rules) | rules_in(channel.disabled_rules)
    return replace(
        DEFAULT_CONFIG,
        disabled_rules=frozenset(disabled),
        wall_of_text_words=workspace.wall_of_text_words,
        broadcast_channel_size=workspace.broadcast_channel_size,
        working_hours=workspace_hours(workspace),
    )


def hours_from(start: str, end: str, days: str) -> WorkingHours:
    """Stored working hours ("09:00", "17:00", "mon-fri") as WorkingHours; ValueError when unreadable."""
    return WorkingHours(start=parse_clock(start), end=parse_clock(end), days=parse_days(days))


def workspace_hours(workspace: WorkspaceSettings) -> WorkingHours:
    """The agreed working hours (the linter's "EOD", reminders, due dates); the defaults if unreadable."""
    try:
        return hours_from(workspace.work_start, workspace.work_end, workspace.work_days)
    except ValueError:
        return DEFAULT_CONFIG.working_hours


def switch_rule(
    settings: WorkspaceSettings | ChannelSettings, rule: Rule, *, enabled: bool, now: datetime
) -> None:
    disabled = rules_in(settings.disabled_rules)
    disabled = disabled - {rule} if enabled else disabled | {rule}
    settings.disabled_rules = sorted(disabled)
    settings.updated_at = now


def rules_in(stored: list[str]) -> set[Rule]:
    """The known rules of a stored list of rule ids (unknown ids, from an older version, are left out)."""
    return {Rule(rule) for rule in stored if rule in Rule.__members__.values()}


def known_admins(*, session: Session, team_id: str) -> list[str]:
    """Who to tell about the workspace's settings: its managers, and the Slack admins we know of."""
    workspace = session.get(WorkspaceSettings, team_id)
    managers = managers_of(workspace) if workspace is not None else []
    query = select(UserProfile.user_id).where(
        UserProfile.team_id == team_id,
        UserProfile.is_admin.is_(True),
        UserProfile.is_bot.is_(False),
        UserProfile.is_external.is_(False),
    )
    return list(dict.fromkeys([*managers, *session.scalars(query)]))


def managers_of(workspace: WorkspaceSettings) -> list[str]:
    """The people the working agreement names as managers (they may change it)."""
    return list(workspace.managers)


def cached_member_count(settings: ChannelSettings, *, now: datetime) -> int | None:
    fetched = settings.member_count_fetched_at
    return settings.member_count if fetched is not None and now - fetched < MEMBER_COUNT_TTL else None


def remember_member_count(settings: ChannelSettings, *, count: int, now: datetime) -> None:
    settings.member_count, settings.member_count_fetched_at = count, now


@dataclass(frozen=True)
class PersonFacts:
    """What Slack says about a person (users.info), as plain values."""

    tz: str | None
    is_admin: bool
    is_bot: bool
    known: bool = True  # False: Slack has no such user (users.info said user_not_found)
    # Where the person belongs, as users.info says (in a Slack Connect channel, another organisation).
    home_team_id: str | None = None
    home_enterprise_id: str | None = None
    is_external: bool = False  # from another organisation than this workspace's (see facts.py)
    name: str | None = None  # as Slack shows it (for decision records exported as Markdown)

    @property
    def holds_admin_rights(self) -> bool:
        """A Slack admin or owner of this organisation: never someone from another one."""
        return self.known and self.is_admin and not self.is_external


def profile(*, session: Session, team_id: str, user_id: str) -> UserProfile | None:
    return session.get(UserProfile, (team_id, user_id))


def fresh_facts(found: UserProfile | None, *, now: datetime) -> PersonFacts | None:
    """Cached facts about a person, if they are recent enough to use."""
    if found is None or found.fetched_at is None or now - found.fetched_at >= PROFILE_TTL:
        return None
    return PersonFacts(
        tz=found.tz, is_admin=found.is_admin, is_bot=found.is_bot, is_external=found.is_external,
        name=found.display_name,
    )  # fmt: skip


def remember_facts(
    *, session: Session, team_id: str, user_id: str, facts: PersonFacts, now: datetime
) -> UserProfile:
    found = ensure_profile(session=session, team_id=team_id, user_id=user_id)
    found.tz, found.is_admin, found.is_bot, found.fetched_at = facts.tz, facts.is_admin, facts.is_bot, now
    found.is_external = facts.is_external
    if facts.name:
        found.display_name = facts.name[:100]
    return found


def display_names(*, session: Session, team_id: str) -> dict[str, str]:
    """The names Slack gave us for the workspace's people (user id -> name), as cached with profiles."""
    query = select(UserProfile.user_id, UserProfile.display_name).where(
        UserProfile.team_id == team_id, UserProfile.display_name.is_not(None)
    )
    return {user_id: name for user_id, name in session.execute(query) if name}


def pause_nudges(*, session: Session, team_id: str, user_id: str, until: datetime) -> None:
    found = ensure_profile(session=session, team_id=team_id, user_id=user_id)
    found.nudges_paused_until = until


def resume_nudges(*, session: Session, team_id: str, user_id: str) -> None:
    found = ensure_profile(session=session, team_id=team_id, user_id=user_id)
    found.nudges_paused_until, found.opted_out = None, False


def set_opted_out(*, session: Session, team_id: str, user_id: str, opted_out: bool) -> None:
    found = ensure_profile(session=session, team_id=team_id, user_id=user_id)
    found.opted_out = opted_out


def wants_nudges(found: UserProfile | None, *, now: datetime) -> bool:
    if found is None:
        return True
    paused = found.nudges_paused_until is not None and found.nudges_paused_until > now
    return not (found.opted_out or paused)


def channel_modes(*, session: Session, team_id: str) -> list[ChannelSettings]:
    query = (
        select(ChannelSettings).where(ChannelSettings.team_id == team_id).order_by(ChannelSettings.channel_id)
    )
    return list(session.scalars(query))


def ensure_profile(*, session: Session, team_id: str, user_id: str) -> UserProfile:
    """The person's profile row, created empty on first use."""
    found = profile(session=session, team_id=team_id, user_id=user_id)
    if found is not None:
        return found
    _create_once(
        session,
        UserProfile,
        team_id=team_id,
        user_id=user_id,
        is_admin=False,
        is_bot=False,
        is_external=False,
        opted_out=False,
    )
    return session.get_one(UserProfile, (team_id, user_id))
