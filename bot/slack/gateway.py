"""The few Slack Web API calls the nudge flow makes, behind one small interface."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from slack_sdk import WebClient

from bot.people.settings_store import PersonFacts
from bot.slack.client import SLACK_CALL_FAILURES, failure_reason

logger = logging.getLogger(__name__)
CHANNELS_PAGE = 200


class SlackGateway(Protocol):
    def person(self, user_id: str) -> PersonFacts | None: ...

    def member_count(self, channel_id: str) -> int | None: ...

    def channels_of(self, user_id: str) -> list[str] | None: ...

    def group_members(self, group_id: str) -> list[str] | None: ...

    def post_ephemeral(
        self,
        *,
        channel_id: str,
        user_id: str,
        text: str,
        blocks: list[dict[str, Any]],
        thread_ts: str | None = None,
    ) -> None: ...

    def post_message(
        self, *, channel_id: str, text: str, blocks: list[dict[str, Any]], thread_ts: str | None = None
    ) -> None: ...


class WebClientGateway:
    """SlackGateway over slack_sdk's WebClient (which retries 429s and 5xx itself)."""

    def __init__(self, client: WebClient) -> None:
        self._client = client

    def person(self, user_id: str) -> PersonFacts | None:
        try:
            user = self._client.users_info(user=user_id).get("user") or {}
        except SLACK_CALL_FAILURES as error:
            logger.warning("users.info for %s failed: %s", user_id, failure_reason(error))
            if failure_reason(error) == "user_not_found":
                return PersonFacts(tz=None, is_admin=False, is_bot=False, known=False)
            return None
        return person_facts_from(user)

    def member_count(self, channel_id: str) -> int | None:
        try:
            channel = (
                self._client.conversations_info(channel=channel_id, include_num_members=True).get("channel")
                or {}
            )
        except SLACK_CALL_FAILURES as error:
            logger.warning("conversations.info for %s failed: %s", channel_id, failure_reason(error))
            return None
        count = channel.get("num_members")
        return count if isinstance(count, int) else None

    def channels_of(self, user_id: str) -> list[str] | None:
        """The channels the person is in (the first page: enough for "recent decisions in my channels")."""
        try:
            page = self._client.users_conversations(
                user=user_id,
                types="public_channel,private_channel",
                exclude_archived=True,
                limit=CHANNELS_PAGE,
            )
        except SLACK_CALL_FAILURES as error:
            logger.warning("users.conversations for %s failed: %s", user_id, failure_reason(error))
            return None
        channels = page.get("channels") or []
        return [
            channel["id"]
            for channel in channels
            if isinstance(channel, dict) and isinstance(channel.get("id"), str)
        ]

    def group_members(self, group_id: str) -> list[str] | None:
        """The members of a user group (usergroups.users.list), or None when Slack cannot tell."""
        try:
            users = self._client.usergroups_users_list(usergroup=group_id).get("users")
        except SLACK_CALL_FAILURES as error:
            logger.warning("usergroups.users.list for %s failed: %s", group_id, failure_reason(error))
            return None
        return [user for user in users if isinstance(user, str)] if isinstance(users, list) else None

    def post_ephemeral(
        self,
        *,
        channel_id: str,
        user_id: str,
        text: str,
        blocks: list[dict[str, Any]],
        thread_ts: str | None = None,
    ) -> None:
        self._client.chat_postEphemeral(
            channel=channel_id, user=user_id, text=text, blocks=blocks, thread_ts=thread_ts
        )

    def post_message(
        self, *, channel_id: str, text: str, blocks: list[dict[str, Any]], thread_ts: str | None = None
    ) -> None:
        self._client.chat_postMessage(channel=channel_id, text=text, blocks=blocks, thread_ts=thread_ts)


def person_facts_from(user: dict[str, Any]) -> PersonFacts:
    """users.info's `user` as PersonFacts (whether they are external is decided against the workspace,
    in bot/people/facts.py)."""
    enterprise_user = user.get("enterprise_user")
    enterprise_id = enterprise_user.get("enterprise_id") if isinstance(enterprise_user, dict) else None
    given = user.get("profile")
    profile: dict[str, Any] = given if isinstance(given, dict) else {}
    return PersonFacts(
        tz=_text_or_none(user.get("tz")),
        is_admin=bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner")),
        is_bot=bool(user.get("is_bot") or user.get("is_app_user")),
        home_team_id=_text_or_none(user.get("team_id")),
        home_enterprise_id=_text_or_none(enterprise_id),
        name=_text_or_none(profile.get("real_name"))
        or _text_or_none(user.get("real_name"))
        or _text_or_none(profile.get("display_name"))
        or _text_or_none(user.get("name")),
    )


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
