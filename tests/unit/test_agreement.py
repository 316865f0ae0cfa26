"""The working agreement document: YAML round trip, line-precise errors, and the edit modal's validation."""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

import pytest

from bot.agreement.blocks import (
    HOLIDAYS,
    NORM_NORMAL,
    TIME_ZONE,
    WORK_DAYS,
    WORK_HOURS,
    build_agreement_modal,
    build_agreement_summary,
    parse_agreement_form,
)
from bot.agreement.document import (
    AgreementFileError,
    ChannelModeName,
    Holiday,
    LinterSettings,
    WorkingAgreement,
    from_yaml,
    to_yaml,
)
from bot.core.errors import FormErrors
from bot.lint import Rule
from models.workspace import ChannelMode


def test_yaml_round_trips() -> None:
    agreement = WorkingAgreement(
        holidays=[Holiday(day=date(2026, 12, 25), name="Christmas")],
        managers=["U0MANAGER1"],
        acknowledgement_emoji=[":white_check_mark:", "eyes"],
    )
    text = to_yaml(agreement, team_id="T1")
    assert text.startswith("# The working agreement") and "--team T1" in text
    assert from_yaml(text) == agreement
    assert from_yaml(text).acknowledgement_emoji == ["white_check_mark", "eyes"]


def test_every_problem_in_a_file_names_its_line() -> None:
    text = (
        "response_norms:\n"
        "  urgent_days: 0\n"
        "  normal_days: soon\n"  # line 3
        "working_time:\n"
        "  hours: 17:00-09:00\n"  # line 5
        "holidays:\n"
        "  - day: 2026-13-45\n"  # line 7
        "linter:\n"
        "  disabled_rules: [no-such-rule]\n"  # line 9
        "favourite_colour: blue\n"  # line 10
    )
    with pytest.raises(AgreementFileError) as raised:
        from_yaml(text, source="agreement.yml")
    problems = raised.value.problems
    assert any(
        problem.startswith("agreement.yml line 3 (response_norms.normal_days)") for problem in problems
    )
    assert any(problem.startswith("agreement.yml line 5 (working_time.hours)") for problem in problems)
    assert any(problem.startswith("agreement.yml line 7 (holidays.0.day)") for problem in problems)
    assert any(problem.startswith("agreement.yml line 9 (linter.disabled_rules.0)") for problem in problems)
    assert any(problem.startswith("agreement.yml line 10 (favourite_colour)") for problem in problems)


def test_broken_yaml_and_non_mappings_are_refused_with_a_line() -> None:
    with pytest.raises(AgreementFileError, match="line 3: not valid YAML"):
        from_yaml("response_norms:\n  urgent_days: [\n")
    with pytest.raises(AgreementFileError, match="line 1"):
        from_yaml("- just\n- a list\n")


def test_norms_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="urgent must not take longer"):
        WorkingAgreement.model_validate({"response_norms": {"urgent_days": 3, "normal_days": 1}})


def modal_values(
    agreement: WorkingAgreement, **changes: dict[str, object]
) -> dict[str, dict[str, dict[str, Any]]]:
    """What Slack would send back for the modal as built, with some elements changed."""
    values: dict[str, dict[str, dict[str, Any]]] = {}
    for block in build_agreement_modal(agreement)["blocks"]:
        element = block["element"]
        kind = element["type"]
        if kind == "plain_text_input":
            state: dict[str, Any] = {"value": element.get("initial_value") or None}
        elif kind == "checkboxes":
            state = {"selected_options": element.get("initial_options", [])}
        elif kind == "radio_buttons":
            state = {"selected_option": element["initial_option"]}
        elif kind == "multi_users_select":
            state = {"selected_users": element.get("initial_users", [])}
        else:
            state = {"selected_conversation": element.get("initial_conversation")}
        state.update(changes.get(block["block_id"], {}))
        values[block["block_id"]] = {"value": state}
    return values


def test_the_modal_as_built_parses_back_to_the_same_agreement() -> None:
    agreement = WorkingAgreement(
        holidays=[Holiday(day=date(2026, 12, 25), name="Christmas")],
        linter=LinterSettings(disabled_rules=[Rule.WALL_OF_TEXT]),
    )
    assert parse_agreement_form(modal_values(agreement)) == agreement


def test_invalid_modal_input_gets_errors_on_the_right_blocks() -> None:
    agreement = WorkingAgreement()
    with pytest.raises(FormErrors) as raised:
        parse_agreement_form(modal_values(
        agreement,
        norm_normal={"value": "tomorrow"},
        work_hours={"value": "18:00-09:00"},
        work_days={"selected_options": []},
        time_zone={"value": "Mars/Base"},
        holidays={"value": "2026-12-25 Christmas\nnot-a-date Party"},
        ))  # fmt: skip
    errors = raised.value.by_block
    assert set(errors) >= {NORM_NORMAL, WORK_HOURS, WORK_DAYS, TIME_ZONE, HOLIDAYS}
    assert errors[HOLIDAYS].startswith("Line 2")
    assert errors[WORK_DAYS] == "Pick at least one working day."


def test_the_summary_is_readable_and_offers_edit_only_to_editors() -> None:
    agreement = WorkingAgreement(decision_log_channel="C0DECISIONS")
    _, blocks = build_agreement_summary(agreement, can_edit=False)
    text = str(blocks)
    assert "the next business day" in text and "<#C0DECISIONS>" in text
    assert "agreement_edit_open" not in text and "agreement_share" in text
    _, blocks = build_agreement_summary(agreement, can_edit=True)
    assert "agreement_edit_open" in str(blocks)


def test_the_agreements_channel_modes_are_the_databases() -> None:
    """bot.agreement.document stays free of database imports, so it spells the modes out; they must not drift."""
    assert set(get_args(ChannelModeName)) == {mode.value for mode in ChannelMode}
