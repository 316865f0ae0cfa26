"""What the bot knows about a person: cached facts from users.info, who is human, who may administer."""

from __future__ import annotations

from collections.abc import Iterable
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


def humans_among(*, deps: Deps, gateway: SlackGateway, team_id: str, user_ids: Iterable[str]) -> list[str]:
    """The people among `user_ids`: bots and ids Slack does not know are left out (someone users.info
    could not answer about, for a moment, counts)."""
    humans = []
    for user_id in user_ids:
        facts = person_facts(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id)
        if facts is None or (facts.known and not facts.is_bot):
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
    if facts is not None and facts.known:  # nothing is stored about an id Slack does not know
        with deps.session_factory.begin() as session:
            settings_store.remember_facts(
                session=session, team_id=team_id, user_id=user_id, facts=facts, now=now
            )
    return facts


def is_admin_or_manager(
    *, deps: Deps, gateway: SlackGateway, team_id: str, user_id: str, fresh: bool = False
) -> bool:
    """Slack admins and owners, and the people the working agreement names as managers.

    `fresh` asks Slack now instead of trusting the day-old cache: for actions that change something,
    so that someone demoted in Slack loses the right at once (when Slack cannot answer, they are
    treated as not an admin: managers keep their right, the rest try again)."""
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=deps.clock())
        if user_id in settings_store.managers_of(workspace):
            return True
    if fresh:
        facts = fetch_person(deps, gateway, team_id, user_id, deps.clock())
    else:
        facts = person_facts(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id)
    return facts is not None and facts.known and facts.is_admin
