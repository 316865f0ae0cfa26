"""Dates said in a message: weekdays, calendar dates, relative days, periods and named days of a month."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from bot.lint.deadlines.patterns import (
    _DATE_GATES,
    _DAY_MARKER_BEFORE,
    _HALF_DAY_AFTER,
    _SENTENCE_BREAK,
    _amount,
    _Piece,
    _Scan,
)
from bot.lint.deadlines.times import _apply_zone
from bot.lint.deadlines.vocabulary import MONTHS, NTH, NUMBER_WORDS, ORDINAL_WORDS, WEEKDAYS, WorkingHours

# -- dates --------------------------------------------------------------------------------------


def _scan_dates(scan: _Scan) -> list[_Piece]:
    pieces: list[_Piece] = []
    for family in _DATE_GATES.open_for(scan.text):
        for match in family.pattern.finditer(scan.text):
            piece = _date_piece(match, scan)
            if piece is not None:
                if match.lastgroup in ("rel", "weekday"):
                    _apply_half_day(piece, scan.text)
                elif match.lastgroup == "period":
                    _apply_period_zone(piece, scan)
                pieces.append(piece)
    return pieces


def _apply_period_zone(piece: _Piece, scan: _Scan) -> None:
    """ "EOD PT", "by COB London time": the end of the working day where that zone is (today there,
    for "EOD")."""
    _apply_zone(piece, scan.text)
    if piece.zone is not None and piece.day == scan.today:
        piece.day = scan.now.astimezone(piece.zone).date()


def _apply_half_day(piece: _Piece, text: str) -> None:
    """ "tomorrow am", "Friday pm": the morning or the afternoon of that day."""
    if piece.part is not None or text[piece.end - 1] == ".":  # "…on Friday. Am I…" is a new sentence
        return
    half = _HALF_DAY_AFTER.match(text, piece.end)
    if half is not None:
        piece.part = "morning" if half.group("half").lower() == "a" else "afternoon"
        piece.end = half.end()


def _date_piece(match: re.Match[str], scan: _Scan) -> _Piece | None:
    text, today, hours, day_first = scan.text, scan.today, scan.hours, scan.day_first
    start, end = match.span()
    kind = match.lastgroup
    if kind == "rel":
        word = match.group("rel").lower()
        if (
            word == "today"
            and _STANDUP_LABEL.match(text, end)
            and not text[_line_start(text, start) : start].strip(" *_>-•")
        ):
            return None  # "Today: starting on the refund flow" heads a standup answer; it sets no deadline
        if "after" in word:
            return _Piece("date", start, end, day=today + timedelta(days=2))
        if word == "today":
            return _Piece("date", start, end, day=today)
        if word == "tonight":
            return _Piece("date", start, end, day=today, part="night")
        return _Piece("date", start, end, day=today + timedelta(days=1))
    if kind in _COUNTED_FROM_TODAY:  # "a week today", "mid-month", "this quarter"
        return _COUNTED_FROM_TODAY[kind](match, today, hours)
    if kind == "weekday":
        return _weekday_piece(match, text, today)
    if kind == "nth":
        return _nth_weekday_piece(match, start, end, today)
    if kind == "holiday":
        return _holiday_piece(match, text, today)
    if kind == "countdays":
        count = _amount(match.group("cd_n"))
        target = WEEKDAYS[match.group("cd_name").lower()]
        first_one = today + timedelta(days=(target - today.weekday()) % 7 or 7)
        return _Piece("date", start, end, day=first_one + timedelta(days=7 * (int(count) - 1)), marked=True)
    if kind == "fromnow":
        piece = _duration_piece(match, scan, _amount(match.group("fn_n")), match.group("fn_unit"))
        if piece is not None and piece.day is not None and match.group("fn_tomorrow"):
            piece.day += timedelta(days=1)  # "a week from tomorrow"
        return piece
    if kind in {"md", "dm"}:
        prefix = "md" if kind == "md" else "dm"
        month = MONTHS[match.group(f"{prefix}_month").lower()]
        if (
            match.group(f"{prefix}_month").lower() == "may"
            and kind == "md"
            and not _looks_like_may_date(text, start)
        ):
            return None
        day_number = _day_number(match.group(f"{prefix}_day"))
        year_text = match.group(f"{prefix}_year")
        return _calendar_piece(match, today, (month, day_number, int(year_text) if year_text else None))
    if kind == "monthpart":
        return _month_part_piece(match, scan)
    if kind == "monthweek":
        return _month_week_piece(match, scan)
    if kind == "iso":
        return _calendar_piece(
            match, today, (int(match.group("iso_m")), int(match.group("iso_d")), int(match.group("iso_y")))
        )
    if kind == "slash":
        first, second = int(match.group("sl_a")), int(match.group("sl_b"))
        year = _full_year(match.group("sl_y"))
        if "-" in match.group("slash") and year is None and not _date_context_before(text, start):
            return None  # "3-5" is more often a range of numbers than a date
        month, day_number = (second, first) if (day_first or first > 12) else (first, second)
        if day_first and second > 12:
            month, day_number = first, second
        return _calendar_piece(match, today, (month, day_number, year))
    if kind == "dot":
        whole = match.group("dot")
        if not whole.endswith(".") and match.group("dt_y") is None and not _date_context_before(text, start):
            return None
        return _calendar_piece(
            match,
            today,
            (int(match.group("dt_m")), int(match.group("dt_d")), _full_year(match.group("dt_y"))),
        )
    if kind in ("ordinal", "monthday", "ordword", "daynumber", "numberof"):
        return _day_number_piece(match, today)
    if kind == "dayof":
        return _day_of_piece(match, scan)
    if kind == "period":
        return _period_piece(match, scan)
    if kind == "weekref":
        return _week_or_month_piece(match, scan)
    if kind == "quarter":
        return _quarter_piece(match, scan)
    if kind == "weekend":  # "by the weekend": before it starts
        return _Piece(
            "date", start, end, day=_last_working_day_of_week(today, 0, hours), end_of_day=True, marked=True
        )
    if kind == "relative":
        return _relative_piece(match, scan)
    if kind == "sametime":  # "by this time tomorrow": the same wall-clock time, a day (or a week) on
        days = 7 if match.group("st_when").lower().startswith("next") else 1
        clock = scan.now.time().replace(second=0, microsecond=0)
        return _Piece("date", start, end, day=today + timedelta(days=days), clock=clock, marked=True)
    return None


_STANDUP_LABEL = re.compile(r"[*_]*:")


def _line_start(text: str, position: int) -> int:
    """Where the line or sentence that `position` is in starts."""
    sentence_start = 0
    for match in _SENTENCE_BREAK.finditer(text, 0, position):
        sentence_start = match.end()
    return max(sentence_start, text.rfind("\n", 0, position) + 1)


def _looks_like_may_date(text: str, start: int) -> bool:
    """ "May 5" is a date; "you may 2x the budget" is not. Capitalised May, or a date word before it."""
    return text[start] == "M" or _date_context_before(text, start)


def _date_context_before(text: str, start: int) -> bool:
    before = text[max(0, start - 24) : start].lower()
    return bool(
        re.search(r"(?:\bon|\bby|\buntil|\btill|\bbefore|\bdue|\bfrom|\bfor|day|,)\s*(?:the\s+)?$", before)
    ) and not _SOFTWARE_BEFORE.search(before)


# "the release notes for 5.1", "docs for 2.3", "support for 3.12": a version, not a date
_SOFTWARE_BEFORE = re.compile(
    r"\b(?:notes|release|releases|version|versions|build|patch|changelog|docs|upgrade|migration|support|wheels?|binaries"
    r"|sdk|api|python|node|java|ios|android|firmware)\s+(?:for|from|on|by|,)\s*$"
)


_HAPPY_BEFORE = re.compile(r"\bhappy\s+$", re.IGNORECASE)


# "at Friday's all-hands", "before Monday's standup": an occasion still ahead
_OCCASION_MARKER_BEFORE = re.compile(
    r"\b(?:by|before|until|till|at|ahead\s+of|in\s+time\s+for|prior\s+to|next|this|upcoming)\s+$",
    re.IGNORECASE,
)


def _weekday_piece(match: re.Match[str], text: str, today: date) -> _Piece | None:
    start, end = match.span()
    name = match.group("wd_name").lower()
    modifier = (match.group("wd_mod") or "").lower()
    original = text[match.start("wd_name") : match.end("wd_name")]
    if (
        len(name) <= 3
        and name in ("sat", "sun", "wed", "mon")
        and not modifier
        and not original[0].isupper()
        and not _DAY_MARKER_BEFORE.search(text, max(0, start - 8), start)
    ):
        return None  # "sat", "sun", "wed", "mon" are words too; "by mon" is a day
    if modifier == "last":
        return _Piece("date", start, end, past=True)
    if not modifier and _HAPPY_BEFORE.search(text, max(0, start - 8), start):
        return None  # "happy Monday all" greets
    target = WEEKDAYS[name]
    if (
        not modifier
        and text.startswith("'s", end)  # prepare() straightens typographic apostrophes
        and not _OCCASION_MARKER_BEFORE.search(text, max(0, start - 12), start)
    ):
        back, ahead = (today.weekday() - target) % 7, (target - today.weekday()) % 7
        if 0 < back < ahead:  # "the postmortem for Tuesday's outage", said on Wednesday: the one just gone
            return _Piece("date", start, end, past=True)
    week_word = " ".join((match.group("wd_week") or match.group("wd_pre_week") or "").lower().split())
    if modifier in ("next", "following") or week_word in ("next", "the following"):
        monday_next_week = today - timedelta(days=today.weekday()) + timedelta(days=7)
        day = monday_next_week + timedelta(days=target)
    elif week_word == "this":
        day = today - timedelta(days=today.weekday()) + timedelta(days=target)
    else:
        day = today + timedelta(days=(target - today.weekday()) % 7)
    if match.group("wd_after"):
        day = today + timedelta(days=(target - today.weekday()) % 7 or 7) + timedelta(days=7)
    elif match.group("wd_week_on"):
        day += timedelta(days=7)  # "Friday week" (British): that day, a week later
    elif match.group("wd_week_from"):  # "a week on Friday", "two weeks from Monday"
        day += timedelta(days=7 * int(_amount(match.group("wd_weeks"))))
    return _Piece("date", start, end, day=day, day_is_weekday=True)


def _full_year(text: str | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _calendar_piece(
    match: re.Match[str], today: date, month_day_year: tuple[int, int, int | None]
) -> _Piece | None:
    start, end = match.span()
    month, day_number, year = month_day_year
    if not (1 <= month <= 12 and 1 <= day_number <= 31):
        return None
    candidate_year = year if year is not None else today.year
    try:
        day = date(candidate_year, month, day_number)
    except ValueError:
        return None
    just_passed = False
    if year is None and day < today:
        just_passed = (today - day).days <= _JUST_PASSED_DAYS  # "admin rights on September 30th", in November
        try:
            day = date(candidate_year + 1, month, day_number)
        except ValueError:
            return None
    return _Piece("date", start, end, day=day, just_passed=just_passed)


# A date without a year that passed this many days ago or less, and is not introduced as a deadline,
# is that date looked back on (see _Piece.just_passed).
_JUST_PASSED_DAYS = 92


def _ordinal_piece(start: int, end: int, today: date, day_number: int) -> _Piece | None:
    if not 1 <= day_number <= 31:
        return None
    year, month = today.year, today.month
    for _ in range(3):
        try:
            candidate = date(year, month, day_number)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= today:
            return _Piece("date", start, end, day=candidate)
        month = month % 12 + 1
        year += 1 if month == 1 else 0
    return None


def _day_number_piece(match: re.Match[str], today: date) -> _Piece | None:
    """ "the 20th", "by the 3rd", "the 20th of next month", "the first of the month"."""
    start, end = match.span()
    if match.lastgroup == "monthday":
        day_number = ORDINAL_WORDS[" ".join(match.group("mday_day").lower().split())]
        which_month = match.group("mday_month")
    elif match.lastgroup == "ordword":  # "by the first", "on the fifteenth"
        day_number, which_month = ORDINAL_WORDS[" ".join(match.group("ow_day").lower().split())], None
    elif match.lastgroup == "daynumber":  # "by the 24"
        day_number, which_month = int(match.group("dn_day")), None
    elif match.lastgroup == "numberof":  # "the 20 of next month"
        day_number, which_month = int(match.group("no_day")), match.group("no_month")
    else:
        day_number, which_month = int(match.group("ord_day")), match.group("ord_month")
    if which_month:
        return _day_of_month_piece(start, end, today, day_number, which_month)
    piece = _ordinal_piece(start, end, today, day_number)  # "the first of the month": the next one
    if piece is not None and match.lastgroup == "ordinal" and not match.group("ord_lead"):
        piece.weak = True  # "2nd attempt" is no date; "Monday 24th" is
    return piece


def _day_of_piece(match: re.Match[str], scan: _Scan) -> _Piece | None:
    """ "the last day of the month", "the last working day of March", "the 3rd day of next month": in
    this month (or year), or the next one once it has passed, unless "this month" was said."""
    named = match.group("do_month")
    if named is not None and named.lower() == "may" and scan.text[match.start("do_month")] != "M":
        return None  # "the first day of may be…"
    modifier = (match.group("do_mod") or "").lower()
    explicit_year = match.group("do_year")
    if named is not None:
        year, month = int(explicit_year or scan.today.year), MONTHS[named.lower()]
        step = 12
    else:
        year, month = _month_after(scan.today, 1 if modifier in ("next", "following") else 0)
        step = 1
    said = " ".join(match.group("do_n").lower().split())
    from_end = said == "last"  # "the last", "the second to last", "the fifth last"
    count = (
        (_day_number(match.group("do_back")) if match.group("do_back") else 1)
        if from_end
        else _day_number(said)
    )
    working = match.group("do_working") is not None
    day = _nth_day_of(year, month, count, from_end=from_end, working=working, hours=scan.hours)
    if day is not None and day < scan.today and not explicit_year and not modifier:
        year, month = _month_after(date(year, month, 1), step)
        day = _nth_day_of(year, month, count, from_end=from_end, working=working, hours=scan.hours)
    if day is None:
        return None
    return _Piece("date", *match.span(), day=day, end_of_day=True, marked=True, past=day < scan.today)


def _nth_day_of(
    year: int, month: int, count: int, *, from_end: bool, working: bool, hours: WorkingHours
) -> date | None:
    """The month's `count`th day (or working day), counted from its start or, `from_end`, from its end
    (1 from the end is its last); None when the month has no such day."""
    if count < 1:
        return None
    if from_end:
        day = (
            _last_working_day_in(year, month, hours)
            if working
            else date(year, month, calendar.monthrange(year, month)[1])
        )
        for _ in range(count - 1):
            day = (
                _working_day_on_or_before(day - timedelta(days=1), hours)
                if working
                else day - timedelta(days=1)
            )
    elif working:
        day = _add_working_days(date(year, month, 1) - timedelta(days=1), count, hours)
    elif count <= calendar.monthrange(year, month)[1]:
        day = date(year, month, count)
    else:
        return None
    return day if day.month == month else None


def _quarter_piece(match: re.Match[str], scan: _Scan) -> _Piece:
    """ "by Q3": the last working day of that quarter, this year's or (once passed) next year's."""
    last_month = 3 * int(match.group("q_n")[1])
    year = int(match.group("q_year") or scan.today.year)
    day = _last_working_day_in(year, last_month, scan.hours)
    if day < scan.today and not match.group("q_year"):
        day = _last_working_day_in(year + 1, last_month, scan.hours)
    return _Piece("date", *match.span(), day=day, end_of_day=True, marked=True, past=day < scan.today)


def _day_of_month_piece(
    start: int, end: int, today: date, day_number: int, which_month: str
) -> _Piece | None:
    """ "the 20th of next month", "the first of this month" (which may have passed)."""
    year, month = _month_after(today, 1 if which_month.lower() in ("next", "following") else 0)
    try:
        day = date(year, month, day_number)
    except ValueError:
        return None
    return _Piece("date", start, end, day=day, past=day < today)


def _week_or_month_piece(match: re.Match[str], scan: _Scan) -> _Piece:
    """ "next week" is its last working day (and "first thing next week" its first, see `_combine`),
    "early next week" its second, "mid next week" its middle one; "early next month" is the 10th,
    "mid next month" the 15th (or the working day before)."""
    start, end = match.span()
    if match.group("wr_after"):  # "the week after next"
        offset, unit = 2, match.group("wr_after").lower()
    else:
        offset = 0 if match.group("wr_mod").lower() == "this" else 1
        unit = match.group("wr_unit").lower()
    part = _part_said(match.group("wr_part") or "")
    if unit == "week":
        last = _last_working_day_of_week(scan.today, offset, scan.hours)
        run = [last]
        while (run[0] - timedelta(days=1)).weekday() in scan.hours.days and len(run) < 7:
            run.insert(0, run[0] - timedelta(days=1))
        day = {"early": run[min(1, len(run) - 1)], "mid": run[len(run) // 2], "start": run[0]}.get(part, last)
        week_start = run[0] if not part else None
    else:
        day, week_start = _part_of_month(*_month_after(scan.today, offset), part, scan.hours), None
    return _Piece("date", start, end, day=day, end_of_day=True, past=day < scan.today, week_start=week_start)


def _part_said(words: str) -> str:
    """A part of a week or month as `_part_of_month` names it: "the middle of" is "mid", "the
    beginning of" "start", "end of" "late"; "early", "mid" and "late" as they are."""
    said = " ".join(words.lower().split()).removeprefix("the ")
    return {"middle of": "mid", "start of": "start", "beginning of": "start", "end of": "late"}.get(
        said, said
    )


def _month_part_piece(match: re.Match[str], scan: _Scan) -> _Piece | None:
    """ "by end of April" is its last working day, "mid-April" the 15th, "early May" the 10th (or the
    working day before), "the start of June" its first working day; this year's, or next year's once
    this year's has passed."""
    name_start = match.start("mp_month")
    if match.group("mp_month").lower() == "may" and scan.text[name_start] != "M":
        return None  # "the end of may be near"
    part = _part_said(match.group("mp_part"))
    month = MONTHS[match.group("mp_month").lower()]
    explicit_year = match.group("mp_year")
    year = int(explicit_year) if explicit_year else scan.today.year
    for _ in range(2):
        day = _part_of_month(year, month, part, scan.hours)
        if day >= scan.today or explicit_year:
            break
        year += 1
    return _Piece("date", *match.span(), day=day, end_of_day=True, past=day < scan.today)


def _month_week_piece(match: re.Match[str], scan: _Scan) -> _Piece:
    """ "by the second week of January": that week's last working day; this year's, or next year's
    once this year's has passed."""
    nth = NTH[match.group("mw_n").lower()]
    month = MONTHS[match.group("mw_month").lower()]
    explicit_year = match.group("mw_year")
    year = int(explicit_year) if explicit_year else scan.today.year
    day = _end_of_week_of_month(year, month, nth, scan.hours)
    if day < scan.today and not explicit_year:
        day = _end_of_week_of_month(year + 1, month, nth, scan.hours)
    return _Piece("date", *match.span(), day=day, end_of_day=True, past=day < scan.today)


def _end_of_week_of_month(year: int, month: int, nth: int, hours: WorkingHours) -> date:
    """The last working day of a month's nth week, counted from the week of its first working day
    (the first week of March 2026 is 2-6 March), or of its last week; never past the month's end."""
    last_of_month = _last_working_day_in(year, month, hours)
    if nth > 0:
        first = _add_working_days(date(year, month, 1) - timedelta(days=1), 1, hours)
        anchor = first + timedelta(days=7 * (nth - 1))
    else:
        anchor = last_of_month
    return min(_last_working_day_of_week(anchor, 0, hours), last_of_month)


def _part_of_month(year: int, month: int, part: str, hours: WorkingHours) -> date:
    """A part of a month as a deadline: "early" the 10th and "mid" the 15th (the working day on or
    before), "start" its first working day, anything else ("late", "end", none) its last working day."""
    if part in ("early", "mid"):
        return _working_day_on_or_before(date(year, month, 10 if part == "early" else 15), hours)
    if part == "start":
        return _add_working_days(date(year, month, 1) - timedelta(days=1), 1, hours)
    return _last_working_day_in(year, month, hours)


def _working_day_on_or_before(day: date, hours: WorkingHours) -> date:
    """The day itself if it is a working day, else the working day before it (the day itself for a
    team with no working days configured)."""
    for back in range(7):
        candidate = day - timedelta(days=back)
        if candidate.weekday() in hours.days:
            return candidate
    return day


def _period_piece(match: re.Match[str], scan: _Scan) -> _Piece:
    abbreviation = (match.group("pe_abbr") or "").lower()
    unit = (match.group("pe_unit") or match.group("pe_unit_end") or "").lower()  # "month-end" too
    offset = 1 if (match.group("pe_mod") or "").lower() == "next" else 0
    if abbreviation in ("eod", "cob", "eob") or unit in ("business", "play") or match.group("pe_logoff"):
        period = "day"
    elif abbreviation in ("eow", "eom", "eoq", "eoy"):
        period = {"eow": "week", "eom": "month", "eoq": "quarter", "eoy": "year"}[abbreviation]
    else:
        period = unit
    day = _end_of_period(period, offset, scan)
    return _Piece("date", *match.span(), day=day, end_of_day=True, marked=True)


def _end_of_period(period: str, offset: int, scan: _Scan) -> date:
    """The last working day of this (offset 0) or the next (offset 1) day, week, month, quarter or
    year: the deadline "by end of week" and "within the month" name."""
    now, today, hours = scan.now, scan.today, scan.hours
    if period == "day":  # "EOD"; "the end of the next business day"
        return _add_working_days(today, offset, hours)
    if period == "week":
        day = _last_working_day_of_week(today, offset, hours)
        if offset == 0 and datetime.combine(day, hours.end, tzinfo=now.tzinfo) < now:
            day = _last_working_day_of_week(today, 1, hours)
        return day
    if period == "month":
        return _last_working_day_of_month(today, offset, hours)
    if period == "quarter":
        return _last_working_day_of_quarter(today, offset, hours)
    return _last_working_day_in(today.year + offset, 12, hours)


# Before "in 2 weeks", a span looked back on: "haven't heard back in 2 days", "the first time in 3 years".
_LOOKED_BACK_ON = re.compile(
    r"(?:\b(?:haven'?t|hasn'?t|hadn'?t|never|first\s+time)|\bnot\s+(?:\w+ed|heard|seen|done|had|been|got|gotten|made|run)"
    # present perfect: "nobody has called it in 90 days"
    r"|\b(?:has|have|had|'ve)\s+(?:\w+ed|been|seen|heard|done|had|made|run|got|gotten|spoken|written|broken))\b[^.!?\n]*$",
    re.IGNORECASE,
)


_LATER_BEFORE = re.compile(r"\blater(?:\s+on)?\s+$", re.IGNORECASE)


def _relative_piece(match: re.Match[str], scan: _Scan) -> _Piece | None:
    lead = " ".join(match.group("rl_lead").lower().split())
    if lead == "in" and _LOOKED_BACK_ON.search(scan.text, max(0, match.start() - 60), match.start()):
        return None
    if match.group("rl_n") is None:  # "in the next hour" is one; "in days", "next week" are no count
        if not lead.endswith("the next"):
            return None
        return _duration_piece(match, scan, 1.0, match.group("rl_unit"))
    amount_text = match.group("rl_n").lower()
    if amount_text == "the":  # "within the hour", "later in the week"; "earlier in the day" is no deadline
        if lead != "within" and not (
            lead == "in" and _LATER_BEFORE.search(scan.text, max(0, match.start() - 12), match.start())
        ):
            return None
        unit = match.group("rl_unit").lower()
        if unit.startswith(("day", "week", "month", "year")):
            return _Piece(
                "date",
                *match.span(),
                day=_end_of_period(unit.rstrip("s"), 0, scan),
                end_of_day=True,
                marked=True,
            )
    if lead == "next" and not amount_text[0].isdigit() and amount_text not in NUMBER_WORDS:
        return None
    amount = _amount(amount_text) + (0.5 if match.group("rl_and_half") else 0.0)  # "an hour and a half"
    return _duration_piece(match, scan, amount, match.group("rl_unit"))


def _duration_piece(match: re.Match[str], scan: _Scan, amount: float, unit_text: str) -> _Piece | None:
    start, end = match.span()
    now, today, hours = scan.now, scan.today, scan.hours
    unit = " ".join(unit_text.lower().split())
    if amount <= 0 or amount > 400:
        return None
    if unit.startswith("min") or unit == "m":  # "in 30m"
        return _Piece("instant", start, end, instant=_elapsed(now, timedelta(minutes=amount)), marked=True)
    if unit.startswith("h"):
        return _Piece("instant", start, end, instant=_elapsed(now, timedelta(hours=amount)), marked=True)
    if "business" in unit or "working" in unit:
        return _Piece(
            "date", start, end, day=_add_working_days(today, int(amount), hours), end_of_day=True, marked=True
        )
    if unit.startswith(("month", "year")) and amount == int(amount):  # "in 3 months": the same day then
        months = int(amount) * (12 if unit.startswith("year") else 1)
        year, month = _month_after(today, months)
        day = date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
        return _Piece("date", start, end, day=day, end_of_day=True, marked=True)
    days = (
        int(amount * 14)
        if unit == "fortnight"
        else int(amount * 7)
        if unit.startswith("week")
        else int(amount * 30)
        if unit.startswith("month")  # "in 1.5 months"
        else int(amount * 365)
        if unit.startswith("year")
        else int(amount)
    )
    return _Piece("date", start, end, day=today + timedelta(days=days), end_of_day=True, marked=True)


def _day_number(text: str) -> int:
    cleaned = " ".join(text.lower().split())
    if cleaned in ORDINAL_WORDS:
        return ORDINAL_WORDS[cleaned]
    return int(re.sub(r"\D", "", cleaned) or 0)


def _nth_weekday_piece(match: re.Match[str], start: int, end: int, today: date) -> _Piece | None:
    """ "the last Friday of March", "the first Monday of next month", "the last Friday of the month"."""
    nth = NTH[match.group("nth_n").lower()]
    target = WEEKDAYS[match.group("nth_name").lower()]
    if match.group("nth_month") is None:  # of the month: this one's (or next one's, once passed)
        ahead = 1 if (match.group("nth_mod") or "").lower() in ("next", "following") else 0
        day = _nth_weekday_of_month(*_month_after(today, ahead), target, nth)
        if day is not None and day < today and not ahead:
            day = _nth_weekday_of_month(*_month_after(today, 1), target, nth)
        return _Piece("date", start, end, day=day) if day is not None else None
    month = MONTHS[match.group("nth_month").lower()]
    explicit_year = match.group("nth_year")
    year = int(explicit_year) if explicit_year else today.year
    for _ in range(2):
        day = _nth_weekday_of_month(year, month, target, nth)
        if day is not None and (day >= today or explicit_year):
            return _Piece("date", start, end, day=day)
        year += 1
    return None


# Holidays whose date everyone knows, by the first word of their name as the pattern spells it: fixed
# ones as (month, day), the others computed for a year. "boxing" is Boxing Day, "good" Good Friday.
_FIXED_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas": (12, 25), "xmas eve": (12, 24), "xmas": (12, 25), "boxing": (12, 26),
    "new year eve": (12, 31), "new year": (1, 1), "halloween": (10, 31), "valentine": (2, 14), "patrick": (3, 17),
}  # fmt: skip


def _holiday_piece(match: re.Match[str], text: str, today: date) -> _Piece | None:
    """ "by Christmas", "on New Year's Eve", "before Thanksgiving": the holiday's next date. Said
    without "by", "on", "before"… only as the whole text ("Christmas"), so that "the Christmas party
    photos" names no deadline."""
    if match.group("hol_lead") is None and text[: match.start()].strip() + text[match.end() :].strip(" .!?"):
        return None
    name = " ".join(
        _HOLIDAY_NOISE.sub(" ", match.group("hol_name").lower()).split()
    )  # "st. patrick's day": "patrick"
    for year in (today.year, today.year + 1):
        day = _holiday_in(name, year)
        if day is not None and day >= today:
            return _Piece("date", *match.span(), day=day, marked=match.group("hol_lead") is not None)
    return None


# What a holiday's name may carry besides its name: "'s", a plural "s", "St.", a final "day".
_HOLIDAY_NOISE = re.compile(r"'s?\b|(?<=valentine)s\b|(?<=patrick)s\b|(?<=year)s\b|\bst\b\.?|\s+day$")


def _holiday_in(name: str, year: int) -> date | None:
    """The holiday's date in `year` (`name` as _HOLIDAY_NOISE leaves it: "new year eve", "patrick")."""
    if name in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[name]
        return date(year, month, day)
    easter = _easter_sunday(year)
    if name.startswith("easter"):
        return easter + timedelta(days=1 if name.endswith("monday") else 0)
    if name.startswith("good"):
        return easter - timedelta(days=2)
    if name.startswith("thanksgiving"):
        return _nth_weekday_of_month(year, 11, 3, 4)
    if name.startswith(("labor", "labour")):
        return _nth_weekday_of_month(year, 9, 0, 1)
    if name.startswith("memorial"):
        return _nth_weekday_of_month(year, 5, 0, -1)
    return None


def _easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus)."""
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, leap_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (19 * golden + century - leap_centuries - (century - correction + 1) // 3 + 15) % 30
    leap_years, year_rest = divmod(year_of_century, 4)
    weekday = (32 + 2 * leap_rest + 2 * leap_years - moon - year_rest) % 7
    offset = (golden + 11 * moon + 22 * weekday) // 451
    month, day = divmod(moon + weekday - 7 * offset + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday_of_month(year: int, month: int, weekday: int, nth: int) -> date | None:
    if nth > 0:
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        return day if day.month == month else None
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _elapsed(now: datetime, duration: timedelta) -> datetime:
    """Real elapsed time: aware arithmetic in one zone is wall-clock arithmetic, wrong across DST."""
    return (now.astimezone(UTC) + duration).astimezone(now.tzinfo)


def _weeks_from_day_piece(match: re.Match[str], today: date, _hours: WorkingHours) -> _Piece:
    """ "a week today", "two weeks tomorrow" (British): counted from that day."""
    first = today + timedelta(days=0 if match.group("wfd_day").lower() == "today" else 1)
    weeks = 1 if match.group("wfd_n").lower() == "a" else int(_amount(match.group("wfd_n")))
    return _Piece("date", match.start(), match.end(), day=first + timedelta(days=7 * weeks))


def _this_or_next_quarter_piece(match: re.Match[str], today: date, hours: WorkingHours) -> _Piece:
    """ "this quarter", "next quarter": that quarter's last working day (as "by Q3" is read)."""
    quarters_on = 1 if match.group("qr_mod").lower() == "next" else 0
    day = _last_working_day_of_quarter(today, quarters_on, hours)
    return _Piece("date", match.start(), match.end(), day=day, end_of_day=True)


def _last_working_day_of_quarter(today: date, quarter_offset: int, hours: WorkingHours) -> date:
    """The last working day of this quarter (offset 0) or one `quarter_offset` quarters on."""
    quarter_end_month = ((today.month - 1) // 3 + 1 + quarter_offset) * 3  # may run past December
    return _last_working_day_in(*_month_after(today, quarter_end_month - today.month), hours)


def _mid_month_piece(match: re.Match[str], today: date, hours: WorkingHours) -> _Piece:
    """ "by mid-month", "the middle of the month": this month's middle (as "mid-April" is read), or
    next month's once it has passed."""
    day = _part_of_month(*_month_after(today, 0), "mid", hours)
    if day < today:
        day = _part_of_month(*_month_after(today, 1), "mid", hours)
    return _Piece("date", match.start(), match.end(), day=day, end_of_day=True)


def _next_working_day_piece(match: re.Match[str], today: date, hours: WorkingHours) -> _Piece:
    """ "by next business day", "the next working day": the end of the working day after today."""
    return _Piece("date", *match.span(), day=_add_working_days(today, 1, hours), end_of_day=True)


# Kinds of date read from today alone, by the function that reads each.
_COUNTED_FROM_TODAY: dict[str, Callable[[re.Match[str], date, WorkingHours], _Piece]] = {
    "weeksfromday": _weeks_from_day_piece,
    "nextworkday": _next_working_day_piece,
    "midmonth": _mid_month_piece,
    "quarterref": _this_or_next_quarter_piece,
}


def _last_working_day_of_week(today: date, week_offset: int, hours: WorkingHours) -> date:
    """The end of the run of working days that today is in (or the next run), `week_offset` runs later.

    For a Monday-Friday team on a Wednesday that is Friday; for a Sunday-Thursday team, Thursday.
    """
    if len(hours.days) >= 7 or not hours.days:
        return today - timedelta(days=today.weekday()) + timedelta(days=6 + 7 * week_offset)
    if today.weekday() not in hours.days:
        week_offset = max(0, week_offset - 1)  # on a weekend, "next week" is the coming run of days
    day = today
    for _ in range(week_offset + 1):
        while day.weekday() not in hours.days:
            day += timedelta(days=1)
        while (day + timedelta(days=1)).weekday() in hours.days:
            day += timedelta(days=1)
        end_of_run = day
        day += timedelta(days=1)
    return end_of_run


def _last_working_day_of_month(today: date, month_offset: int, hours: WorkingHours) -> date:
    return _last_working_day_in(*_month_after(today, month_offset), hours)


def _month_after(today: date, months: int) -> tuple[int, int]:
    """(year, month) `months` after today's month (0: this month)."""
    month_index = today.month - 1 + months
    return today.year + month_index // 12, month_index % 12 + 1


def _last_working_day_in(year: int, month: int, hours: WorkingHours) -> date:
    return _working_day_on_or_before(date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1), hours)


def _add_working_days(start: date, count: int, hours: WorkingHours) -> date:
    if not hours.days:  # no working days configured: count calendar days
        return start + timedelta(days=count)
    day = start
    added = 0
    while added < count:
        day += timedelta(days=1)
        if day.weekday() in hours.days:
            added += 1
    return day
