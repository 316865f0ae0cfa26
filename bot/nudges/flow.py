"""The nudge flow for one message: decide, lint, restrain, record, send. Called by handlers/messages.py."""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from bot.calendar.work_calendars import holidays
from bot.core.dedup import first_time
from bot.core.deps import Deps
from bot.core.versioned_cache import detached_copy
from bot.lint import LintConfig, Severity, lint
from bot.lint.suggest import suggest_rewrite
from bot.lint.text import prepare
from bot.metrics.service import INCOMPLETE_RULES, count_request
from bot.nudges.blocks import build_channel_intro, build_nudge, build_rule_paused_notice
from bot.nudges.service import (
    IncomingMessage,
    NudgeClick,
    NudgePlan,
    RuleVerdict,
    learn_from_report,
    mark_admins_told,
    paused_rules,
    plan_nudge,
    reason_not_to_lint,
    reconsider,
    record_edit,
    record_outcome,
    report_not_helpful,
)
from bot.people import settings_store
from bot.people.facts import fetch_person, zone_of
from bot.people.settings_store import PersonFacts
from bot.slack.client import SLACK_CALL_FAILURES, failure_reason
from bot.slack.gateway import SlackGateway
from models import ChannelMode, ChannelSettings, NudgeOutcome, UserProfile

logger = logging.getLogger(__name__)
T = TypeVar("T")


def handle_new_message(*, deps: Deps, gateway: SlackGateway, message: IncomingMessage) -> NudgePlan | None:
    """Lint a person's new message and nudge them privately if it is incomplete (and restraint allows)."""
    now = deps.clock()
    read = _read_settings(deps, message, now)
    reason, facts, mode, config, paused = read.reason, read.facts, read.mode, read.config, read.paused
    daily_cap, include_external, channel_size = read.daily_cap, read.include_external, read.channel_size
    if reason is not None:
        logger.debug("not linting %s/%s: %s", message.channel_id, message.ts, reason)
        return None
    facts = facts or fetch_person(deps, gateway, message.team_id, message.user_id, now)
    if facts is None or facts.is_bot or not facts.known:
        return None
    if facts.is_external and not include_external:
        mode = ChannelMode.OBSERVE  # another organisation's people get no tips unless the workspace opts in
    author_tz = zone_of(facts.tz)
    if channel_size is None and prepare(message.text).broadcasts:
        channel_size = _fetch_member_count(deps, gateway, message, now)
    result = lint(message.text, now=now, tz=author_tz, config=config, channel_size=channel_size)
    if result.asks:
        with deps.session_factory.begin() as session:
            tally_key = f"tally:{message.channel_id}:{message.ts}"  # counted once, whatever the retries
            if first_time(session, team_id=message.team_id, key=tally_key, now=now):
                count_request(
                    session=session, team_id=message.team_id, channel_id=message.channel_id,
                    day=now.astimezone(author_tz).date(),
                    complete=not INCOMPLETE_RULES.intersection(result.rules),
                )  # fmt: skip
    findings = result.at_severity(Severity.NUDGE)
    if not findings:
        return None
    # Sent only when confident enough and not paused after "Not helpful" reports; the rest is observed.
    sendable = frozenset(
        finding.rule.value
        for finding in findings
        if finding.confidence >= config.nudge_threshold and finding.rule.value not in paused
    )
    with deps.session_factory.begin() as session:
        plan = plan_nudge(
            session=session,
            message=message,
            rules=[finding.rule.value for finding in findings],
            mode=mode,
            daily_cap=daily_cap,
            now=now,
            author_tz=author_tz,
            sendable=sendable,
        )
    if plan is None or not plan.send:
        return plan
    chosen = tuple(finding for finding in findings if finding.rule.value in plan.rules)
    rewrite = suggest_rewrite(
        message.text,
        list(plan.rules),
        now=now.astimezone(author_tz),
        working_hours=config.working_hours,
        holidays=config.holidays,
    )
    text, blocks = build_nudge(
        findings=chosen,
        rewrite=rewrite,
        channel_id=message.channel_id,
        message_ts=message.ts,
        daily_cap=daily_cap,
    )
    try:
        gateway.post_ephemeral(
            channel_id=message.channel_id,
            user_id=message.user_id,
            text=text,
            blocks=blocks,
            thread_ts=message.thread_ts if message.is_thread_reply else None,  # the tip appears in the thread
        )
    except SLACK_CALL_FAILURES as error:
        logger.error(
            "nudge not sent (team %s, channel %s, user %s, message %s): %s",
            message.team_id,
            message.channel_id,
            message.user_id,
            message.ts,
            failure_reason(error),
        )
        with deps.session_factory.begin() as session:
            record_outcome(
                session=session,
                team_id=message.team_id,
                channel_id=message.channel_id,
                message_ts=message.ts,
                outcome=NudgeOutcome.SEND_FAILED,
                now=now,
            )
        return NudgePlan(NudgeOutcome.SEND_FAILED, plan.rules)
    with deps.session_factory.begin() as session:  # the share of reports may pass the line only now
        paused_now = reconsider(session=session, team_id=message.team_id, rules=plan.rules, now=now)
    _tell_admins_about(deps, gateway, message.team_id, paused_now)
    return plan


@dataclass(frozen=True)
class _MessageSettings:
    """What the nudge flow reads for a message: most of it kept per process while the workspace's
    settings version stays (bot/core/versioned_cache.py), so a message costs one read of its
    workspace's row."""

    reason: str | None  # why the message is not linted, if it is not
    facts: PersonFacts | None  # the author's, when fresh enough
    mode: ChannelMode
    daily_cap: int
    include_external: bool
    config: LintConfig
    channel_size: int | None
    paused: frozenset[str]


def _read_settings(deps: Deps, message: IncomingMessage, now: datetime) -> _MessageSettings:
    team_id = message.team_id
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
        # Read first: what is kept at these versions is never older than them.
        version, people_version = workspace.settings_version, workspace.people_version

        def kept(key: Hashable, load: Callable[[], T]) -> T:
            return deps.cache.get_or_load(team_id, version, key, load)

        def read_channel() -> ChannelSettings:
            return settings_store.channel_settings(
                session=session, team_id=team_id, channel_id=message.channel_id, now=now,
                shared_externally=message.shared_externally,
            )  # fmt: skip

        def read_author() -> UserProfile | None:
            found = settings_store.profile(session=session, team_id=team_id, user_id=message.user_id)
            return None if found is None else detached_copy(found)

        channel = kept(("channel", message.channel_id), lambda: detached_copy(read_channel()))
        if message.shared_externally and settings_store.may_turn_to_observe(channel):
            channel = read_channel()  # shared with another organisation since: observe from now on
        replies = channel.lint_thread_replies
        reason = reason_not_to_lint(message, mode=channel.mode, lint_thread_replies=replies)
        author = deps.cache.get_or_load(f"{team_id}/people", people_version, message.user_id, read_author)
        if reason is None and not settings_store.wants_nudges(author, now=now):
            reason = "the author paused or opted out of nudges"
        team_holidays = kept("holidays", lambda: holidays(session=session, team_id=team_id))
        paused = kept("paused", lambda: frozenset(paused_rules(session=session, team_id=team_id)))
        return _MessageSettings(
            reason=reason,
            facts=settings_store.fresh_facts(author, now=now),
            mode=channel.mode,
            daily_cap=workspace.daily_nudge_cap,
            include_external=workspace.include_external_people,
            config=replace(settings_store.lint_config(workspace, channel), holidays=team_holidays),
            channel_size=settings_store.cached_member_count(channel, now=now),
            paused=paused,
        )


def handle_edited_message(*, deps: Deps, message: IncomingMessage) -> bool:
    """An edit of a nudged or observed message: record it as fixed when its findings are gone."""
    now = deps.clock()
    with deps.session_factory.begin() as session:
        author = settings_store.profile(session=session, team_id=message.team_id, user_id=message.user_id)
        author_tz = zone_of(author.tz if author is not None else None)
        config = settings_store.lint_config(
            settings_store.workspace_settings(session=session, team_id=message.team_id, now=now),
            settings_store.channel_settings(
                session=session, team_id=message.team_id, channel_id=message.channel_id, now=now
            ),
        )
        still_flagged = bool(
            lint(message.text, now=now, tz=author_tz, config=config).at_severity(Severity.NUDGE)
        )
        return record_edit(
            session=session,
            team_id=message.team_id,
            channel_id=message.channel_id,
            message_ts=message.ts,
            still_flagged=still_flagged,
            now=now,
        )


def introduce_in_channel(*, deps: Deps, gateway: SlackGateway, team_id: str, channel_id: str) -> None:
    """The one intro when the bot is added to a channel."""
    with deps.session_factory.begin() as session:
        mode = settings_store.channel_settings(
            session=session, team_id=team_id, channel_id=channel_id, now=deps.clock()
        ).mode
    text, blocks = build_channel_intro(mode=mode.value)
    try:
        gateway.post_message(channel_id=channel_id, text=text, blocks=blocks)
    except SLACK_CALL_FAILURES as error:
        logger.error("intro in %s (team %s) not posted: %s", channel_id, team_id, failure_reason(error))


def _fetch_member_count(
    deps: Deps, gateway: SlackGateway, message: IncomingMessage, now: datetime
) -> int | None:
    count = gateway.member_count(message.channel_id)
    if count is not None:
        with deps.session_factory.begin() as session:
            channel = settings_store.channel_settings(
                session=session, team_id=message.team_id, channel_id=message.channel_id, now=now
            )
            settings_store.remember_member_count(channel, count=count, now=now)
    return count


def not_helpful(*, deps: Deps, gateway: SlackGateway, click: NudgeClick) -> None:
    """Record a "Not helpful" report; when it tips a rule over the line, pause the rule's nudges in
    the workspace and tell its admins (once)."""
    now = deps.clock()
    with deps.session_factory.begin() as session:
        report_not_helpful(session=session, click=click, now=now)
        paused = learn_from_report(session=session, team_id=click.team_id, rules=list(click.rules), now=now)
    _tell_admins_about(deps, gateway, click.team_id, paused)


def _tell_admins_about(deps: Deps, gateway: SlackGateway, team_id: str, paused: list[RuleVerdict]) -> None:
    if not paused:
        return
    with deps.session_factory.begin() as session:
        admins = settings_store.known_admins(session=session, team_id=team_id)
    for verdict in paused:
        logger.info(
            "rule %s paused in team %s after feedback: %d of %d nudges reported",
            verdict.rule, team_id, verdict.reports, verdict.nudges,
        )  # fmt: skip
        if not admins:
            logger.warning("rule %s paused in team %s, but no admin is known to tell", verdict.rule, team_id)
            continue
        text, blocks = build_rule_paused_notice(
            rule=verdict.rule, reports=verdict.reports, nudges=verdict.nudges
        )
        with deps.session_factory.begin() as session:
            if not mark_admins_told(session=session, team_id=team_id, rule=verdict.rule, now=deps.clock()):
                continue  # told already
        for admin in admins:
            try:
                gateway.post_message(channel_id=admin, text=text, blocks=blocks)
            except SLACK_CALL_FAILURES as error:
                logger.error("rule-paused notice to %s (team %s): %s", admin, team_id, failure_reason(error))
