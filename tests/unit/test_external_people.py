"""Who belongs to another organisation: users.info's team and Enterprise Grid org against this workspace's."""

from __future__ import annotations

from bot.people.facts import belongs_elsewhere
from bot.people.settings_store import PersonFacts
from bot.slack.gateway import person_facts_from


def facts(team: str | None, enterprise: str | None = None) -> PersonFacts:
    user: dict[str, object] = {"id": "U1", "is_admin": True}
    if team is not None:
        user["team_id"] = team
    if enterprise is not None:
        user["enterprise_user"] = {"id": "W1", "enterprise_id": enterprise, "is_admin": False}
    return person_facts_from(user)


def test_someone_of_this_workspace_is_not_external() -> None:
    assert not belongs_elsewhere(facts("T1"), team_id="T1", enterprise_id=None)
    assert not belongs_elsewhere(facts(None), team_id="T1", enterprise_id=None)  # Slack did not say


def test_someone_of_another_workspace_is_external() -> None:
    assert belongs_elsewhere(facts("T2"), team_id="T1", enterprise_id=None)
    assert belongs_elsewhere(facts("T2", "E2"), team_id="T1", enterprise_id="E1")


def test_someone_of_another_workspace_of_the_same_grid_org_is_not_external() -> None:
    assert not belongs_elsewhere(facts("T2", "E1"), team_id="T1", enterprise_id="E1")
    assert not belongs_elsewhere(facts("E1"), team_id="T1", enterprise_id="E1")  # an org-level user


def test_an_external_admin_holds_no_admin_rights() -> None:
    outsider = PersonFacts(tz=None, is_admin=True, is_bot=False, is_external=True)
    assert not outsider.holds_admin_rights
    assert facts("T1").holds_admin_rights
