"""One event, one transaction (bot/core/event_transaction.py), on SQLite and PostgreSQL: the blocks
listeners open join it, the claim commits with them, a Slack call commits what came before it, and a
failing block undoes the event's uncommitted work."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.core.dedup import claim_event
from bot.core.event_transaction import EventTransaction, Sessions
from bot.core.settings import load_settings
from bot.slack.client import build_web_client
from models import ProcessedEvent
from tests.support.slack_stand_in import SlackStandIn

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _record(sessions: sessionmaker[Session], key: str) -> None:
    with sessions.begin() as session:
        assert claim_event(session=session, team_id="T1", event_id=key, received_at=NOW)


def _recorded(sessions: sessionmaker[Session]) -> set[str]:
    with sessions() as session:
        return set(session.scalars(select(ProcessedEvent.event_id)))


@pytest.fixture
def sessions(session_factory: sessionmaker[Session]) -> Sessions:
    assert isinstance(session_factory, Sessions)
    return session_factory


def test_the_blocks_of_an_event_and_its_claim_commit_together(sessions: Sessions) -> None:
    with EventTransaction(sessions) as transaction:
        _record(sessions, "tally:C1:1")  # a listener's effect
        _record(sessions, "nudge:C1:1")  # another listener's effect, in another block
        assert _recorded(sessions) == set()  # nothing is committed yet: a crash now loses nothing half-done
        _record(sessions, "Ev1")  # the worker's record that the event is done
        transaction.commit()
    assert _recorded(sessions) == {"tally:C1:1", "nudge:C1:1", "Ev1"}
    assert transaction.commits == 1


def test_an_event_that_does_not_commit_leaves_nothing_behind(sessions: Sessions) -> None:
    with EventTransaction(sessions):
        _record(sessions, "tally:C1:1")
        # the worker stops here (the listener failed, or the process died): no commit
    assert _recorded(sessions) == set()


def test_a_call_to_slack_first_commits_the_work_before_it(sessions: Sessions, slack: SlackStandIn) -> None:
    client = build_web_client(load_settings(_env_file=None, slack_api_url=slack.api_url), token="xoxb-test")
    with EventTransaction(sessions) as transaction:
        _record(sessions, "plan:C1:1")
        client.api_call("auth.test")  # no transaction is open while Slack answers
        assert _recorded(sessions) == {"plan:C1:1"}
        _record(sessions, "Ev1")
    assert _recorded(sessions) == {"plan:C1:1"}  # what came after the call waited for the event's end
    assert transaction.commits == 1


def test_a_failing_block_undoes_the_uncommitted_work_and_fails_the_event(sessions: Sessions) -> None:
    with EventTransaction(sessions) as transaction:
        _record(sessions, "tally:C1:1")
        with pytest.raises(RuntimeError), sessions.begin():
            raise RuntimeError("a listener's trouble")
        assert transaction.failed  # even if the listener swallows the error, the event is tried again
        _record(sessions, "after")
        transaction.commit()
    assert _recorded(sessions) == {"after"}


def test_outside_an_event_each_block_commits_on_its_own(sessions: Sessions) -> None:
    _record(sessions, "alone")
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(ProcessedEvent)) == 1
