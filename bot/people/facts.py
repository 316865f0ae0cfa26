"""What the bot knows about a person: cached facts from users.info, who is human, who may administer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from bot.calendar.working_time import zone_named
from bot.core.deps import Deps
from bot.people import settings_store
from bot.slack.gateway import SlackGateway

UTC_ZONE = ZoneInfo("UTC")


def person_facts(
    *, deps: Deps, gateway: SlackGateway, team_id: str, user_id: str
) -> settings_store.PersonFacts | None:
    """Cached facts about a person, from users.info when the cache is stale."""
    now = deps.clock()
    with deps.session_factory.begin() as session:
        facts = settings_store.fresh_facts(
            settings_store.profile(session=session, team_id=team_id, user_id=user_id), now=now
        )
    return facts or fetch_person(deps, gateway, team_id, user_id, now)


def humans_among(
    *, deps: Deps, gateway: SlackGateway, team_id: str, user_ids: Iterable[str], include_external: bool = True
) -> list[str]:
    """The people among `user_ids`: bots and ids Slack does not know are left out (someone users.info
    could not answer about, for a moment, counts), and people from another organisation unless
    `include_external`."""
    humans = []
    for user_id in user_ids:
        facts = person_facts(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id)
        unwanted = facts is not None and (
            not facts.known or facts.is_bot or (facts.is_external and not include_external)
        )
        if not unwanted:
            humans.append(user_id)
    return humans


def zone_of(name: str | None) -> tzinfo:
    """The named zone, or UTC when the name is empty or unknown."""
    return zone_named(name) or UTC_ZONE


def fetch_person(
    deps: Deps, gateway: SlackGateway, team_id: str, user_id: str, now: datetime
) -> settings_store.PersonFacts | None:
    """Ask users.info about a person and remember the answer (None when Slack cannot tell)."""
    facts = gateway.person(user_id)
    if facts is None or not facts.known:  # nothing is stored about an id Slack does not know
        return facts
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
        elsewhere = belongs_elsewhere(facts, team_id=team_id, enterprise_id=workspace.enterprise_id)
        facts = replace(facts, is_external=elsewhere)
        settings_store.remember_facts(session=session, team_id=team_id, user_id=user_id, facts=facts, now=now)
    return facts


def belongs_elsewhere(facts: settings_store.PersonFacts, *, team_id: str, enterprise_id: str | None) -> bool:
    """Whether the person belongs to another organisation (a Slack Connect guest from another company):
    their home team is not this workspace, nor this Enterprise Grid org or one of its workspaces."""
    if facts.home_team_id is None or facts.home_team_id == team_id:
        return False
    return enterprise_id is None or enterprise_id not in (facts.home_team_id, facts.home_enterprise_id)


def is_admin_or_manager(
    *, deps: Deps, gateway: SlackGateway, team_id: str, user_id: str, fresh: bool = False
) -> bool:
    """Slack admins and owners of this organisation, and the people the working agreement names as
    managers; never someone from another organisation (Slack Connect), whatever their role there.

    `fresh` asks Slack now instead of trusting the day-old cache: for actions that change something,
    so that someone demoted in Slack loses the right at once (when Slack cannot answer, they are
    treated as not an admin: managers keep their right, the rest try again)."""
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=deps.clock())
        is_manager = user_id in settings_store.managers_of(workspace)
    if is_manager:  # a manager from another organisation (named before they were told apart) is not one
        facts = person_facts(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id)
        return facts is None or not facts.is_external
    if fresh:
        facts = fetch_person(deps, gateway, team_id, user_id, deps.clock())
    else:
        facts = person_facts(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id)
    return facts is not None and facts.holds_admin_rights
