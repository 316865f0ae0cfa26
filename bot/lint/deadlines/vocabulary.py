"""The words and fixed times deadline phrases are made of, and the two public types: WorkingHours, Deadline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

WEEKDAYS = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tues": 1, "tue": 1,
    "wednesday": 2, "weds": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip


NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty-five": 45, "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3,
}  # fmt: skip


# Spelled-out clock times ("three pm", "ten thirty am", "at ten thirty", "eight o'clock").
_MINUTE_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


HOUR_WORDS = {word: index + 1 for index, word in enumerate([*_MINUTE_UNITS, "ten", "eleven", "twelve"])}


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


MINUTE_WORDS = {  # keys hyphenated; "forty five" and "oh three" are read as "forty-five", "oh-three"
    "five": 5, "ten": 10, "fifteen": 15, **_TENS,
    **{f"{tens}-{unit}": value + index + 1 for tens, value in _TENS.items() for index, unit in enumerate(_MINUTE_UNITS)},
    **{f"{lead}-{unit}": index + 1 for index, unit in enumerate(_MINUTE_UNITS) for lead in ("oh", "o", "zero")},
}  # fmt: skip


_ORDINAL_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]


ORDINAL_WORDS = {
    word: index + 1
    for index, word in enumerate(
        [
            *_ORDINAL_UNITS,
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}


ORDINAL_WORDS.update({f"twenty-{word}": 21 + index for index, word in enumerate(_ORDINAL_UNITS)})


ORDINAL_WORDS.update({f"twenty {word}": 21 + index for index, word in enumerate(_ORDINAL_UNITS)})


ORDINAL_WORDS.update({"thirtieth": 30, "thirty-first": 31, "thirty first": 31})


NTH = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "last": -1,
}


# Zone abbreviations people type after a time; fixed offsets except the US generic ones.
ZONE_ABBREVIATIONS: dict[str, str | int] = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180, "ist": 330,
    "jst": 540, "aest": 600, "aedt": 660, "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420,
    "mdt": -360, "pst": -480, "pdt": -420, "et": "America/New_York", "ct": "America/Chicago",
    "mt": "America/Denver", "pt": "America/Los_Angeles",
}  # fmt: skip


MORNING_DEADLINE = time(12, 0)


EVENING_DEADLINE = time(19, 0)


NIGHT_DEADLINE = time(21, 0)


NOON = time(12, 0)


END_OF_DAY = time(23, 59)


@dataclass(frozen=True)
class WorkingHours:
    """A person's working day: start and end times and working weekdays (Monday is 0)."""

    start: time = time(9, 0)
    end: time = time(17, 0)
    days: frozenset[int] = field(default_factory=lambda: frozenset({0, 1, 2, 3, 4}))

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.days


DEFAULT_WORKING_HOURS = WorkingHours()


@dataclass(frozen=True)
class Deadline:
    """One deadline found in a text: when, where (offsets into the scanned text), how it was said."""

    when: datetime
    start: int
    end: int
    phrase: str
    marked: bool  # introduced as a deadline ("by Friday", "EOD", "in 2 hours")
