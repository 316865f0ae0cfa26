"""Working-time arithmetic in the recipient's zone: due dates by norm, and when a reminder may go out."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.calendar.working_time import DateRange, WorkCalendar, format_days, parse_days, parse_time_range
from bot.lint import WorkingHours
from bot.people.command import parse_away, parse_hours

NEW_YORK, BERLIN, TOKYO = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Tokyo")
FRIDAY_1630_NEW_YORK = datetime(2027, 1, 8, 16, 30, tzinfo=NEW_YORK)  # 22:30 in Berlin
BERLIN_DAYS = WorkCalendar(zone=BERLIN)


def test_a_friday_evening_ask_under_the_next_business_day_norm_is_due_at_the_end_of_monday() -> None:
    assert BERLIN_DAYS.due_after(FRIDAY_1630_NEW_YORK, business_days=1) == datetime(
        2027, 1, 11, 17, tzinfo=BERLIN
    )


def test_the_same_ask_made_friday_morning_is_also_due_monday() -> None:
    asked = datetime(2027, 1, 8, 10, 0, tzinfo=BERLIN)
    assert BERLIN_DAYS.due_after(asked, business_days=1) == datetime(2027, 1, 11, 17, tzinfo=BERLIN)


def test_urgent_is_the_end_of_today_while_the_working_day_lasts_else_of_the_next_one() -> None:
    assert BERLIN_DAYS.due_after(datetime(2027, 1, 6, 11, tzinfo=BERLIN), business_days=0) == datetime(
        2027, 1, 6, 17, tzinfo=BERLIN
    )
    assert BERLIN_DAYS.due_after(datetime(2027, 1, 6, 18, tzinfo=BERLIN), business_days=0) == datetime(
        2027, 1, 7, 17, tzinfo=BERLIN
    )
    assert BERLIN_DAYS.due_after(FRIDAY_1630_NEW_YORK, business_days=0) == datetime(
        2027, 1, 11, 17, tzinfo=BERLIN
    )


def test_complex_asks_get_three_business_days() -> None:
    assert BERLIN_DAYS.due_after(FRIDAY_1630_NEW_YORK, business_days=3) == datetime(
        2027, 1, 13, 17, tzinfo=BERLIN
    )


def test_holidays_and_away_days_do_not_count_as_business_days() -> None:
    calendar = WorkCalendar(
        zone=BERLIN,
        holidays=frozenset({date(2027, 1, 11)}),
        away=(DateRange(date(2027, 1, 12), date(2027, 1, 13)),),
    )
    assert calendar.due_after(FRIDAY_1630_NEW_YORK, business_days=1) == datetime(
        2027, 1, 14, 17, tzinfo=BERLIN
    )
    assert calendar.is_away(date(2027, 1, 12)) and not calendar.is_away(date(2027, 1, 11))


def test_personal_working_days_shift_the_due_day() -> None:
    sunday_to_thursday = WorkCalendar(zone=TOKYO, hours=WorkingHours(days=parse_days("sun-thu")))
    friday_in_tokyo = datetime(2027, 1, 8, 10, tzinfo=TOKYO)
    assert sunday_to_thursday.due_after(friday_in_tokyo, business_days=1) == datetime(
        2027, 1, 10, 17, tzinfo=TOKYO
    )


def test_a_reminder_due_after_hours_waits_for_the_next_working_morning() -> None:
    monday_end = datetime(2027, 1, 11, 17, tzinfo=BERLIN)
    assert not BERLIN_DAYS.is_working_moment(monday_end)
    assert BERLIN_DAYS.next_working_moment(monday_end) == datetime(2027, 1, 12, 9, tzinfo=BERLIN)
    assert BERLIN_DAYS.next_working_moment(datetime(2027, 1, 9, 12, tzinfo=BERLIN)) == datetime(
        2027, 1, 11, 9, tzinfo=BERLIN
    )
    assert BERLIN_DAYS.is_working_moment(datetime(2027, 1, 12, 9, tzinfo=BERLIN))


def test_focus_blocks_hold_delivery_until_they_end() -> None:
    calendar = WorkCalendar(zone=BERLIN, focus_blocks=(parse_time_range("12:00-13:30"),))
    lunch = datetime(2027, 1, 12, 12, 15, tzinfo=BERLIN)
    assert not calendar.is_working_moment(lunch)
    assert calendar.next_working_moment(lunch) == datetime(2027, 1, 12, 13, 30, tzinfo=BERLIN)


def test_working_hours_stay_local_across_a_dst_change() -> None:
    before = datetime(2027, 3, 26, 12, tzinfo=BERLIN)  # Friday; clocks go forward on Sunday 28 March
    due = BERLIN_DAYS.due_after(before, business_days=1)
    assert due == datetime(2027, 3, 29, 17, tzinfo=BERLIN)
    assert due.astimezone(UTC).hour == 15  # CEST, not CET
    assert BERLIN_DAYS.next_working_moment(due).astimezone(UTC) == datetime(2027, 3, 30, 7, tzinfo=UTC)


def test_a_calendar_without_any_working_day_falls_back_to_calendar_days() -> None:
    nobody = WorkCalendar(zone=BERLIN, hours=WorkingHours(days=frozenset()))
    assert nobody.due_after(FRIDAY_1630_NEW_YORK, business_days=2) == datetime(
        2027, 1, 10, 21, 30, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("text", "days"),
    [("mon-fri", {0, 1, 2, 3, 4}), ("sun-thu", {6, 0, 1, 2, 3}), ("Mon, Wed", {0, 2}), ("saturday", {5})],
)
def test_days_are_read_as_ranges_and_lists(text: str, days: set[int]) -> None:
    assert parse_days(text) == days


def test_days_and_ranges_round_trip_and_bad_ones_say_why() -> None:
    assert format_days(parse_days("mon-fri")) == "mon-fri"
    assert format_days(parse_days("mon,wed")) == "mon,wed"
    for bad in ("funday", "mon-xyz"):
        with pytest.raises(ValueError, match="day"):
            parse_days(bad)
    with pytest.raises(ValueError, match="before the end"):
        parse_time_range("17:00-09:00")
    with pytest.raises(ValueError, match="range"):
        parse_time_range("9am")


def test_personal_hours_and_away_dates_are_parsed_with_helpful_errors() -> None:
    assert parse_hours("08:30-16:30 mon-thu") == WorkingHours(
        start=time(8, 30), end=time(16, 30), days=frozenset({0, 1, 2, 3})
    )
    assert parse_hours("default") is None
    today = date(2027, 1, 8)
    assert parse_away("until 2027-01-20", today=today) == (None, date(2027, 1, 20))
    assert parse_away("2027-01-12 to 2027-01-20", today=today) == (date(2027, 1, 12), date(2027, 1, 20))
    assert parse_away("off", today=today) == (None, None)
    with pytest.raises(ValueError, match="already passed"):
        parse_away("until 2027-01-01", today=today)
    with pytest.raises(ValueError, match="after the last"):
        parse_away("2027-01-22 to 2027-01-20", today=today)
    with pytest.raises(ValueError):
        parse_away("next week sometime", today=today)


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("09:00-17:00", time(9), time(17)),
        ("9am-5pm", time(9), time(17)),
        ("9-5", time(9), time(17)),
        ("9:30 - 5:30", time(9, 30), time(17, 30)),
        ("09:00\u201317:00", time(9), time(17)),  # an en dash, as phones and docs type it
        ("9 to 5pm", time(9), time(17)),
        ("12pm-1pm", time(12), time(13)),
        ("22:00-23:30", time(22), time(23, 30)),
    ],
)
def test_hours_are_read_the_way_people_write_them(typed: str, start: time, end: time) -> None:
    assert parse_time_range(typed) == (start, end)
    assert parse_hours(f"{typed} mon-fri") == WorkingHours(start=start, end=end, days=frozenset(range(5)))


@pytest.mark.parametrize("typed", ["soon", "9am-", "25:00-26:00", "17:00-09:00", "1pm-5"])
def test_unreadable_hours_say_how_to_write_them_not_a_python_error(typed: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_time_range(typed)
    assert "like 09:00" in str(error.value) and "invalid literal" not in str(error.value)
