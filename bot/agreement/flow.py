"""The working agreement over Slack: the summary for everyone, the editor for admins and managers."""

from __future__ import annotations

from typing import Any

from bot.agreement.blocks import (
    MANAGERS,
    NORM_URGENT,
    build_agreement_modal,
    build_agreement_summary,
    build_change_log,
)
from bot.agreement.document import WorkingAgreement
from bot.agreement.service import apply_agreement, current_agreement, recent_changes
from bot.core.deps import Deps
from bot.core.errors import FormErrors, Refusal
from bot.nudges.service import paused_rules, resume_rule
from bot.people.facts import is_admin_or_manager, person_facts, zone_of
from bot.slack.gateway import SlackGateway

NOT_ALLOWED = (
    "Only workspace admins and owners, and the managers the agreement names, can change the working "
    "agreement. Everyone can read it with `/norms agreement`; ask one of them for a change."
)


def agreement_reply(
    *, deps: Deps, gateway: SlackGateway, team_id: str, user_id: str
) -> tuple[str, list[dict[str, Any]]]:
    can_edit = is_admin_or_manager(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id)
    reader = person_facts(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id)
    with deps.session_factory.begin() as session:
        agreement = current_agreement(session=session, team_id=team_id, now=deps.clock())
        changes = recent_changes(session=session, team_id=team_id, limit=5)
        paused = sorted(paused_rules(session=session, team_id=team_id))
        text, blocks = build_agreement_summary(agreement, can_edit=can_edit, paused_after_feedback=paused)
        zone = zone_of(reader.tz if reader else None)
        return text, blocks + build_change_log(changes, zone=zone)


def shared_agreement(*, deps: Deps, team_id: str) -> tuple[str, list[dict[str, Any]]]:
    """The summary as posted in a channel: no buttons."""
    with deps.session_factory.begin() as session:
        agreement = current_agreement(session=session, team_id=team_id, now=deps.clock())
    return build_agreement_summary(agreement, can_edit=False, shareable=False)


def agreement_editor(
    *, deps: Deps, gateway: SlackGateway, team_id: str, user_id: str, origin_channel: str = ""
) -> dict[str, Any]:
    """The edit modal; raises Refusal for someone who may not edit."""
    if not is_admin_or_manager(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id, fresh=True):
        raise Refusal(NOT_ALLOWED)
    with deps.session_factory.begin() as session:
        agreement = current_agreement(session=session, team_id=team_id, now=deps.clock())
    return build_agreement_modal(agreement, origin_channel=origin_channel)


def save_agreement(
    *, deps: Deps, gateway: SlackGateway, team_id: str, user_id: str, agreement: WorkingAgreement
) -> list[str]:
    """The changed fields; raises FormErrors for someone who lost their admin rights meanwhile."""
    if not is_admin_or_manager(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id, fresh=True):
        raise FormErrors({NORM_URGENT: NOT_ALLOWED})
    with deps.session_factory.begin() as session:
        before = set(current_agreement(session=session, team_id=team_id, now=deps.clock()).managers)
    outsiders = [
        person
        for person in agreement.managers
        if person not in before
        and (facts := person_facts(deps=deps, gateway=gateway, team_id=team_id, user_id=person)) is not None
        and facts.is_external
    ]
    if outsiders:
        raise FormErrors(
            {
                MANAGERS: ", ".join(f"<@{person}>" for person in outsiders)
                + " belong to another organisation; only people of this workspace can be managers."
            }
        )
    with deps.session_factory.begin() as session:
        return apply_agreement(
            session=session, team_id=team_id, agreement=agreement, changed_by=user_id, now=deps.clock()
        )


def resume_paused_rule(*, deps: Deps, gateway: SlackGateway, team_id: str, user_id: str, rule: str) -> str:
    """An admin turns a rule's tips back on after they were paused by feedback; what to tell them."""
    if not is_admin_or_manager(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id, fresh=True):
        raise Refusal(NOT_ALLOWED)
    with deps.session_factory.begin() as session:
        resumed = resume_rule(session=session, team_id=team_id, rule=rule, now=deps.clock())
    if not resumed:
        return f"Tips for `{rule}` are not paused (an admin may have turned them back on already)."
    return f"Tips for `{rule}` are back on. Their “Not helpful” count starts afresh."
