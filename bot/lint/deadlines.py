"""Find the deadlines a message states and resolve them in the author's time zone.

Conventions (the issue's, and where public corpora differ, see README "Linter conventions"):
- a date without a time means the end of the author's working day on that date;
- EOD / end of day / COB is the end of today's working day (or midnight if that has passed);
- end of week is the last working day of this week, end of month the last working day of the month;
- a weekday names the next such day, and today when said on that weekday; "next <weekday>" (and
  "next week <weekday>") is that day in the following week (as Duckling resolves it); "Friday week"
  and "a week on/from Friday" (British) are that Friday a week later, "two weeks from Monday" two;
  "a week from tomorrow" counts from tomorrow;
- "early / mid / late next week" is its second / middle / last working day ("the start of next
  week" its first); "the second week of January" that week's last working day; "by the weekend" the last
  working day of this week; "end of April" its last working day, "mid-April" the 15th, "early April"
  the 10th, "the start of April" its first working day; "by Q3" the quarter's last working day;
- spelled-out times count with am/pm, o'clock, minutes after "at" ("at ten thirty"), or next to a day
  or part of the day ("at eight tonight", "eight tonight");
- a clock time alone is today at that time, or tomorrow once it has passed today;
- "ten to five", "twenty past three" and "half three" (British, 3:30) are clock times where the
  phrase ends; "mid-morning" is 10:30, "early afternoon" 14:00, "mid-afternoon" 15:00;
- morning (or "am" after a day: "tomorrow am") means by 12:00, afternoon ("Friday pm") by the end of
  the working day, evening by 19:00, tonight by 21:00;
- numeric dates are month/day (US) unless the locale says day/month; a first number above 12 is
  always a day; dotted dates (13.3.) are always day first;
- where a message names several deadlines, the earliest one introduced as a deadline ("by", "before",
  "until", "due", EOD...) wins; otherwise the earliest date or time it names.
- a zone after a time, as an abbreviation ("3pm PST") or a place ("3pm London time"), is where the
  time is read.
Wall-clock times are built with zoneinfo, so they stay correct across DST changes.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache

from bot.lint.gates import Gate, GateSet, gated_families, select_alternatives, word_set
from bot.lint.text import prepare

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


# -- the scanner ------------------------------------------------------------------------------

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_NAMES = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUMBER_NAMES = "|".join(sorted((re.escape(k) for k in NUMBER_WORDS), key=len, reverse=True))
_ORDINAL_NAMES = "|".join(re.escape(name) for name in sorted(ORDINAL_WORDS, key=len, reverse=True))
_HOUR_NAMES = "|".join(sorted(HOUR_WORDS, key=len, reverse=True))
_MINUTE_NAMES = "|".join(name.replace("-", r"[\s-]") for name in sorted(MINUTE_WORDS, key=len, reverse=True))
_DAY_NUMBER = rf"(?:\d{{1,2}}(?:\s?(?:st|nd|rd|th))?|{_ORDINAL_NAMES})"
_YEAR = r"(?:19|20)\d{2}"

# After a day of the month said in words ("by the first"): where the phrase ends, not "the first step".
_DATE_ENDS = r"(?=\s*(?:$|[.,;:!?)]|(?:at|by|please|pls|and|or|if|so|then|latest|works|ok|okay)\b))"
_DATE_PATTERNS = re.compile(
    rf"""
    (?P<rel>\b(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw)\b
        |\b(?:today|tonight|tmrw|tmr|tmw|2moro|2morrow|tomm?orr?ows?)\b)
    |(?P<nth>\b(?:the\s+)?(?P<nth_n>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\s+
        (?P<nth_name>{_WEEKDAY_NAMES})\s+(?:of|in)\s+(?P<nth_month>{_MONTH_NAMES})\b(?:,?\s+(?P<nth_year>{_YEAR})\b)?)
    |(?P<countdays>\b(?P<cd_n>\d{{1,2}}|{_NUMBER_NAMES})\s+(?P<cd_name>{_WEEKDAY_NAMES})s\s+from\s+(?:now|today)\b)
    |(?P<weekday>\b(?:(?P<wd_pre_week>next|this|the\s+following)\s+week,?\s+(?:on\s+)?
        |(?P<wd_week_from>(?P<wd_weeks>a|one|two|three|four|[1-4])\s+weeks?\s+(?:on|from)\s+))?
        (?:(?P<wd_mod>next|this|coming|last|following)\s+)?
        (?P<wd_name>{_WEEKDAY_NAMES})\b\.?
        (?:\s+(?:of\s+)?(?P<wd_week>next|this|the\s+following)\s+week|\s+(?P<wd_after>after\s+next)
        |\s+(?P<wd_week_on>week)\b(?=\s*(?:$|[.,;:!?)]|(?:at|by|around|before|then|please|pls|and|or|if|so)\b)))?)
    |(?P<monthpart>\b(?P<mp_part>early|mid|late|(?:the\s+)?(?:end|middle|beginning|start)\s+of)[\s-]+
        (?P<mp_month>{_MONTH_NAMES})\b\.?(?:,?\s+(?P<mp_year>{_YEAR})\b)?)
    |(?P<monthweek>\b(?:the\s+)?(?P<mw_n>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+week\s+(?:of|in)\s+
        (?P<mw_month>{_MONTH_NAMES})\b\.?(?:,?\s+(?P<mw_year>{_YEAR})\b)?)
    |(?P<md>\b(?P<md_month>{_MONTH_NAMES})\.?\s+(?:the\s+)?(?P<md_day>{_DAY_NUMBER})(?![\d:.]\d)\b
        (?:,?\s+(?P<md_year>{_YEAR})\b)?)
    |(?P<dm>\b(?:the\s+)?(?P<dm_day>{_DAY_NUMBER})[\s.]*(?:of\s+)?(?P<dm_month>{_MONTH_NAMES})\b\.?
        (?:,?\s+(?P<dm_year>{_YEAR})\b)?)
    |(?P<iso>\b(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})\b)
    |(?P<slash>(?<![\d/.])(?!24\s?/\s?7\b|24\s?/\s?365\b)(?P<sl_a>\d{{1,2}})\s?[/-]\s?(?P<sl_b>\d{{1,2}})(?:[/-](?P<sl_y>\d{{2,4}}))?(?![\d/]|-\d|\s?(?:[ap]\.?m\b|:\d)))  # "2-4pm" is a time range
    |(?P<dot>(?<![\d.v])(?P<dt_d>\d{{1,2}})\.(?P<dt_m>\d{{1,2}})
        (?:\.(?P<dt_y>\d{{4}}|\d{{2}}(?!\d))|\.(?!\d)|(?=\s|$|,))(?!\.\d))
    |(?P<ordinal>\b(?:(?P<ord_lead>the|on|by|before|until|till|due)\s+)?(?P<ord_day>\d{{1,2}})(?:st|nd|rd|th)\b(?![\s.]*(?:of\s+)?(?:{_MONTH_NAMES})\b)  # "by 4th Jan": dm
        (?!\s+(?:to\s+)?last\b|\s+(?:(?:working|business|work)\s+)?day\s+(?:of|in)\b)  # "the 2nd last day of May": dayof
        (?:\s+of\s+(?:the\s+)?(?P<ord_month>next|this|following|current)\s+month\b)?)
    |(?P<dayof>\b(?:the\s+)?(?:(?P<do_back>{_ORDINAL_NAMES}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:to\s+)?(?=last\b))?
        (?P<do_n>last|{_ORDINAL_NAMES}|\d{{1,2}}(?:st|nd|rd|th))\s+(?P<do_working>(?:working|business|work)\s+)?
        day\s+(?:of|in)\s+(?:the\s+)?(?:(?P<do_mod>next|this|following|current)\s+)?
        (?:month\b|(?P<do_month>{_MONTH_NAMES})\b\.?(?:,?\s+(?P<do_year>{_YEAR})\b)?))
    |(?P<monthday>\b(?:the\s+)?(?P<mday_day>{_ORDINAL_NAMES})\s+of\s+(?:the\s+)?
        (?:(?P<mday_month>next|this|following|current)\s+)?month\b)
    |(?P<daynumber>\b(?P<dn_lead>by|on|before|until|till|due)\s+the\s+(?P<dn_day>\d{{1,2}})\b(?![:.,]\d){_DATE_ENDS})
    |(?P<numberof>\b(?:the\s+)?(?P<no_day>\d{{1,2}})\s+of\s+(?:the\s+)?(?P<no_month>next|this|following|current)\s+month\b)
    |(?P<ordword>\b(?:by|on|before|until|till|due)\s+the\s+(?P<ow_day>{_ORDINAL_NAMES})\b{_DATE_ENDS})
    |(?P<period>\b(?:(?P<pe_abbr>eod|cob|eow|eom|eoq|eoy|eob)\b
        |(?:end|close)\s+of\s+(?:the\s+)?(?:(?P<pe_mod>this|next|the\s+current|current)\s+)?
         (?:business\s+|working\s+|work\s+)?(?P<pe_unit>day|week|month|quarter|year|business|play)\b)
        |(?:by|before|until|till|due)\s+(?:the\s+)?(?P<pe_unit_end>month|quarter|year)[\s-]end\b(?![\s-]+(?:19|20)\d\d\b)  # not "month-end close"
        |(?P<pe_logoff>before\s+(?:you|u|i|we)\s+(?:log\s*off|sign\s*off|leave|head\s+(?:out|home)|go\s+home)\b))
    |(?P<weekref>\b(?:(?P<wr_part>early|mid|late|(?:the\s+)?(?:middle|start|beginning)\s+of)[\s-]+)?(?:(?P<wr_mod>next|this|the\s+following|following)\s+
        (?P<wr_unit>week|month)|(?:the\s+)?(?P<wr_after>week|month)\s+after\s+next)\b)
    |(?P<quarter>\b(?:by|before|until|till|due|(?:the\s+)?end\s+of)\s+(?:the\s+)?(?:end\s+of\s+)?
        (?P<q_n>q[1-4])(?:\s+(?P<q_year>{_YEAR}))?\b)
    |(?P<weekend>\b(?:by|before|ahead\s+of|until|till)\s+(?:the|this)\s+weekend\b)
    |(?P<sametime>\b(?:this|(?:the\s+)?same)\s+time\s+(?P<st_when>tomorrow|tmrw|next\s+week)\b)
    |(?P<relative>\b(?P<rl_lead>in|within|(?:in|within|over)\s+the\s+next|next|in\s+about|in\s+another)\s+
        (?:~\s*|about\s+|around\s+|roughly\s+|approx\.?\s+)?(?:(?P<rl_n>(?:a\s+)?quarter\s+of\s+an?|three[\s-]quarters\s+of\s+an?
            |the|(?:{_NUMBER_NAMES}|\d+(?:\.\d+)?)(?:\s+and\s+an?\s+half)?|half\s+an?|\d+/\d+)\s*)?(?:more\s+)?
        (?P<rl_unit>min(?:ute)?s?|h(?:ou)?rs?|hours?|h|months?|years?|m(?=\s*(?:$|[.,;:!?)]|(?:or|and|please|pls|max|tops|ok)\b))|days?|business\s+days?|working\s+days?|weeks?|fortnight)\b
        (?P<rl_and_half>\s+and\s+an?\s+half\b)?
        (?!\s+(?:anniversary|old|long|ago|earlier)\b)  # "within a year anniversary", "in a 2 year old"
        (?!\s+from\s+(?:tomorrow|tmrw)\b))  # "in 2 weeks from tomorrow" is counted from tomorrow
    |(?P<fromnow>\b(?P<fn_n>{_NUMBER_NAMES}|\d+)\s+(?P<fn_unit>min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|business\s+days?
        |working\s+days?|weeks?|fortnight|months?|years?)\s+(?:from\s+(?:now|today|right\s+now|(?P<fn_tomorrow>tomorrow|tmrw))|hence)\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)

# After a number read as an hour: not a quantity ("by 2 days", "at 5 people", "at 10%").
_NOT_A_QUANTITY = (
    r"(?![\d/:%]|\.\d|\s*(?:min|h\b|hours?|days?|weeks?|months?|years?|people|%|percent|times|x\b))"
)
# "first thing" as a time: before a day or at a phrase's end, not "import first thing to your test file".
_FIRST_THING_ENDS = (
    r"(?=\s*(?:$|[.,;:!?)]|(?:in\s+the\s+morning|tomorrow|tmrw|tmw|on|next|this|please|pls|and|or|if|so|then"
    r"|mon|tue|wed|thu|fri|sat|sun)\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day))"
)
# After a clock time said in words of minutes ("ten to five", "half three"): where a phrase ends, not
# a count of things ("5 to 10 servers").
_CLOCK_ENDS = (
    r"(?=\s*(?:$|[.,;:!?)]|(?:at|by|on|today|tonight|tomorrow|tmrw|this|next|please|pls|and|or|if|so|then"
    r"|latest|\w+day)\b))"
)
_TIME_PATTERNS = re.compile(
    rf"""
    (?P<clock>(?<![\d:/.])(?P<cl_h>\d{{1,2}})(?:[:.]?(?P<cl_m>[0-5]\d))?\s*(?:ish\s*)?(?P<cl_ampm>[ap]\.?\s?m\b\.?|(?<=\d)[ap]\b\.?))
    |(?P<h24>(?<![\d:/.])(?<!\dT)(?P<h24_h>[01]?\d|2[0-3]):(?P<h24_m>[0-5]\d)(?::[0-5]\d(?![.,]\d))?(?![\d:]))
    |(?P<hfmt>(?<![\d:/.])(?P<hf_h>[01]?\d|2[0-3])h(?P<hf_m>[0-5]\d)?\b)
    |(?P<oclock>\b(?P<oc_h>\d{{1,2}})\s*o['\u2019]?clock\b(?:\s*(?P<oc_ampm>[ap]\.?\s?m\b\.?))?)
    |(?P<named>\b(?:noon|midday|mid-day|mid\s+day|midnight|lunch(?:time)?)\b)
    |(?P<at>(?:\b(?:at|by|around|about|approximately|approx\.?|ca\.?)|@)\s*(?P<at_h>\d{{1,2}})
        (?:[:.](?P<at_m>[0-5]\d)|(?P<at_compact>[0-5]\d))?(?:\s*ish)?\b
        (?:\s*(?P<at_ampm>[ap]\.?\s?m\b\.?))?{_NOT_A_QUANTITY})
    |(?P<until>\b(?:before|until|till)\s+(?P<un_h>\d{{1,2}})(?::(?P<un_m>[0-5]\d))?\b
        (?:\s*(?P<un_ampm>[ap]\.?\s?m\b\.?))?{_NOT_A_QUANTITY})
    |(?P<dotted>(?<![\d:/.])(?P<dd_h>[01]?\d|2[0-3])\.(?P<dd_m>[0-5]\d)(?:\s?h)?(?!\d|\.\d))
    |(?P<compact>(?<![\d:/.,])(?P<cp_h>[01]\d|2[0-3])(?P<cp_m>[0-5]\d)(?![\d:/.,]))
    |(?P<bare>(?<![\d:/.,$#])(?P<bare_h>\d{{1,2}})(?![\d:/.,%]))
    |(?P<part>\b(?:(?P<part_mod>early|mid|late)[\s-]*)?(?P<part_name>morning|afternoon|arvo|evening|tonight|night|first\s+thing{_FIRST_THING_ENDS})\b)
    |(?P<spelled>\b(?:(?P<sp_lead>at|by|around|about|before|until|till)\s+)?(?P<sp_h>{_HOUR_NAMES})
        (?:[\s-]+(?P<sp_m>{_MINUTE_NAMES}))?\b
        (?:\s*(?P<sp_ampm>[ap]\.?\s?m\b\.?)|\s*(?P<sp_oclock>o['\u2019]?\s?clock\b))?)
    |(?P<offset_clock>\b(?:half\s+past|quarter\s+(?:past|after|to|till))\s+(?P<ofc_h>\d{{1,2}}|{_HOUR_NAMES})\b
        (?:\s*(?P<ofc_ampm>[ap]\.?\s?m\b\.?))?(?!\s*of\b){_NOT_A_QUANTITY})
    |(?P<minute_clock>(?<!from\s)\b(?:(?P<mc_half>(?:at|by|around|about|before|until|till)\s+half)
        |(?:5|10|20|25|five|ten|twenty|twenty-five)(?:\s+minutes?)?\s+(?:past|after|to|till))
        \s+(?P<mc_h>\d{{1,2}}|{_HOUR_NAMES})\b(?:\s*(?P<mc_ampm>[ap]\.?\s?m\b\.?))?{_CLOCK_ENDS})
    |(?P<spelled_weak>\b(?:at|by|around|about|(?:half|quarter)\s+(?:past|to|till))\s+(?P<sw_h>{_HOUR_NAMES})\b
        |\b(?P<sw_before_part>three|four|five|six|seven|eight|nine|ten|eleven)
        (?=\s+(?:tonight|this\s+(?:morning|evening)|tomorrow\s+(?:morning|evening|night)|in\s+the\s+(?:morning|evening))\b))
    """,
    re.VERBOSE | re.IGNORECASE,
)
_MINUTES_OFFSET = re.compile(
    r"(?:(?P<quarter>(?:a\s+)?quarter)|(?P<half>half)|(?P<minutes>\d{1,2}|five|ten|twenty|twenty-five)(?:\s+minutes?)?)"
    r"\s+(?P<direction>past|after|to|till|before|from)\s+$",
    re.IGNORECASE,
)
_ZONE_AFTER = re.compile(
    r"\s*\(?(?P<zone>utc|gmt|bst|cest|cet|eest|eet|ist|jst|aest|aedt|[ecmp][sd]t|[ecmp]t)\)?\b", re.IGNORECASE
)
# "3pm London time", "9:30 (New York time)", "noon Pacific time": a zone named by its place.
_PLACE_TIME_AFTER = re.compile(r"\s*\(?(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})\s+time\b\)?")
# Zone names that are neither a region's zone nor the US aliases ("Pacific", "Eastern"): kept last.
_LEGACY_ZONE_PREFIXES = ("Canada/", "Mexico/", "Brazil/", "Chile/", "Etc/", "SystemV/")

_DIGITS = "0123456789"
_WEEKDAY_WORDS = " ".join(WEEKDAYS)
_WEEKDAY_GATE = (_WEEKDAY_WORDS + " " + " ".join(f"{name}s" for name in WEEKDAYS), "")
# Words that introduce a date ("by the first", "due the 24"), as the "ordword" and "daynumber" patterns spell them.
_DATE_LEAD_WORDS = frozenset({"by", "on", "before", "until", "till", "due"})
# "by the first", "on the fifteenth": an ordinal word after a word that introduces a date
_ORDINAL_WORD_GATE = Gate(
    select_alternatives(_DATE_PATTERNS, ["ordword"]),
    frozenset(word for name in ORDINAL_WORDS for word in re.split(r"[\s-]", name)),
    requires=_DATE_LEAD_WORDS,
)
# "by the 24", "due the 3rd": a day's number after a word that introduces a date
_DAY_NUMBER_GATE = Gate(
    select_alternatives(_DATE_PATTERNS, ["daynumber"]),
    frozenset(str(number) for number in range(1, 32)),
    requires=_DATE_LEAD_WORDS,
)
_DATE_GATES = GateSet(
    [
        *gated_families(
            _DATE_PATTERNS,
            {
                "rel": (
                    "today tonight tmrw tmr tmw 2moro 2morrow tomorrow tomorrows tomorow tomorows tommorow tommorows tommorrow tommorrows",
                    "",
                ),
                "nth": _WEEKDAY_GATE,
                "countdays": _WEEKDAY_GATE,
                "weekday": _WEEKDAY_GATE,
                "monthpart": (" ".join(MONTHS), ""),
                "monthweek": ("week", ""),
                "md": (" ".join(MONTHS), ""),
                "dm": (" ".join(MONTHS), ""),
                "iso": ("", r"\d[/-]"),
                "slash": ("", r"\d\s?[/-]"),
                "dot": ("", r"\d\."),
                "ordinal": (
                    " ".join(f"{n}{suffix}" for n in range(1, 32) for suffix in ("st", "nd", "rd", "th")),
                    "",
                ),
                "period": ("eod cob eow eom eoq eoy eob end close before", ""),
                "dayof": ("day", ""),
                "daynumber": None,
                "numberof": ("month", ""),
                "monthday": ("month", ""),
                "ordword": None,
                "weekend": ("weekend", ""),
                "sametime": ("tomorrow tmrw week", ""),
                "quarter": ("q1 q2 q3 q4", ""),
                "weekref": ("week month", ""),
                "relative": (
                    "min mins minute minutes h hr hrs hour hours day days business working week weeks fortnight "
                    "month months year years "
                    + " ".join(
                        f"{n}{unit}"
                        for n in range(1, 100)
                        for unit in ("h", "hr", "hrs", "m", "min", "mins", "d")
                    ),
                    "",
                ),
                "fromnow": ("hence now today tomorrow tmrw", ""),
            },
        ),
        _ORDINAL_WORD_GATE,
        _DAY_NUMBER_GATE,
    ]
)
# Words that, with an hour word, may make a spelled-out clock time ("ten thirty", "three pm",
# "half past three").
_SPELLED_CLOCK_WORDS = frozenset(
    [
        "am",
        "pm",
        "m",
        "oclock",
        "clock",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "oh",
        "zero",
        "half",
        "quarter",
    ]
)
# Bare numbers, "1100" and "10.30" are times only next to a date or a part of the day.
WEAK_TIME_KINDS = ("dotted", "compact", "bare", "spelled_weak")
# "ten thirty", "three pm": an hour word and a word of a clock time, both
_SPELLED_TIME_GATE = Gate(
    select_alternatives(_TIME_PATTERNS, ["spelled"]), frozenset(HOUR_WORDS), requires=_SPELLED_CLOCK_WORDS
)
# "ten to five", "20 past 3", "by half three": a word of direction (or "half") and an amount of minutes
_MINUTE_CLOCK_GATE = Gate(
    select_alternatives(_TIME_PATTERNS, ["minute_clock"]),
    frozenset({"past", "after", "to", "till", "half"}),
    requires=frozenset({"5", "10", "20", "25", "five", "ten", "twenty", "half"}),
)
_TIME_GATES = GateSet(
    [
        *gated_families(
            _TIME_PATTERNS,
            {
                "clock": ("am pm a p", r"\d\s?[ap]\b|\d[ap]\.?m"),
                "h24": ("", r"\d:\d"),
                "hfmt": ("", r"\dh"),
                "oclock": ("oclock clock", ""),
                "at": ("at by around about approximately approx ca", "@"),
                "until": ("before until till", ""),
                **dict.fromkeys(WEAK_TIME_KINDS, None),
                "named": ("noon midday mid midnight lunch lunchtime", ""),
                "part": ("morning afternoon arvo evening tonight night thing midmorning midafternoon", ""),
                "offset_clock": ("half quarter", ""),
                "spelled": None,
                "minute_clock": None,
            },
        ),
        _SPELLED_TIME_GATE,
        _MINUTE_CLOCK_GATE,
    ]
)
_WEAK_TIMES = select_alternatives(_TIME_PATTERNS, WEAK_TIME_KINDS)
_MARKER_BEFORE = re.compile(
    r"(?:\bby|\bbefore|\buntil|\btill|\btil|\bdue(?:\s+(?:on|by))?|\bno\s+later\s+than|\bnot\s+later\s+than|"
    r"\blatest|\bdeadline(?:\s+is)?|\beta|\bahead\s+of|\bprior\s+to|\bin\s+time\s+for|\bneeded|\bneed\s+(?:it|this|that)"
    r"|\bbefore\s+the|\bat\s+the\s+latest|:)\s*(?:the\s+|this\s+|on\s+)?$",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(
    r"\b(?:was|were|did|had|went|met|happened|yesterday|ago|last|since|shipped|released|merged|deployed"
    r"|said|told|sent|finished|fixed|started|spoke|talked|discussed|decided|been|already|twice|gotten"
    r"|(?<!'ve\s)(?<!have\s)(?<!'s\s)got)\b",  # "got stuck this week"; "I've got a demo on Friday" is ahead
    re.IGNORECASE,
)
_GAP_JOINABLE = re.compile(
    r"^(?:[\s,()/@-]|\b(?:at|by|around|about|approx\w*|ca|on|in|the|of|this|early|late|mid|before|from|for)\b"
    # the occasion between a time and its day: "the 10am close tomorrow", "the 3pm call on Friday"
    r"|\b(?:close|call|meeting|sync|standup|stand-up|demo|review|deadline|cutoff|slot|session|kickoff|interview|flight)\b)*$",
    re.IGNORECASE,
)
_FOR = re.compile(r"\bfor\b", re.IGNORECASE)
_HALF_DAY_AFTER = re.compile(r"\s+(?P<half>[ap])\.?m\b\.?", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?\n]\s")
_DAY_MARKER_BEFORE = re.compile(r"\b(?:by|until|till|before|due|on)\s+$", re.IGNORECASE)
_RANGE_SEPARATOR = re.compile(r"\s*(?:-|\u2013|to|until|till)\s*$", re.IGNORECASE)
_RECURRING_BEFORE = re.compile(
    r"(?:\b(?:every|each)\s+(?:other\s+|single\s+)?(?:(?:day|week|weekday|morning|evening|night|month)\s+)?|\b(?:daily|nightly|weekly)\s+)"
    r"(?:at\s+|on\s+|around\s+|by\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Scan:
    """What every date builder needs: the text, the author's now and working hours, the locale."""

    text: str
    now: datetime
    hours: WorkingHours
    day_first: bool

    @property
    def today(self) -> date:
        return self.now.date()


@dataclass
class _Piece:
    kind: str  # "date" | "time" | "instant"
    start: int
    end: int
    marked: bool = False
    day: date | None = None
    day_is_weekday: bool = False  # named only by its weekday; a calendar date said with it wins
    clock: time | None = None
    clock_guessed_pm: bool = False  # a bare hour read as afternoon; a part of day may correct it
    part: str | None = None  # morning / afternoon / evening / night
    part_clock: time | None = None  # a part's own deadline, where said: "mid-morning" is 10:30
    zone: tzinfo | None = None  # "3pm PST"
    instant: datetime | None = None
    end_of_day: bool = False  # EOD-like: end of working day of `day`
    week_start: date | None = None  # a week named whole ("next week"): its first working day
    past: bool = False
    weak: bool = False  # only meaningful next to a date ("27 July 1100", "9 tomorrow")


def find_deadlines(
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS,
    day_first: bool = False,
) -> list[Deadline]:
    """Every future deadline stated in `text` (plain text: code and quotes already removed)."""
    if not _may_contain_time(text):
        return []
    local_now = now.astimezone(tz)
    pieces = _scan_pieces(_Scan(text, local_now, working_hours, day_first))
    pieces.sort(key=lambda piece: (piece.start, -piece.end))
    pieces = _drop_overlaps(pieces)
    merged = _merge_adjacent(pieces, text)
    deadlines: list[Deadline] = []
    for piece in merged:
        if piece.past or piece.weak:
            continue
        when = _resolve(piece, local_now, tz, working_hours)
        if when is None or when < local_now - timedelta(minutes=1):
            continue
        if _RECURRING_BEFORE.search(text[max(0, piece.start - 20) : piece.start]):
            continue  # "every morning", "each Friday": a routine, not a time to meet
        marked = piece.marked or bool(_MARKER_BEFORE.search(text[max(0, piece.start - 30) : piece.start]))
        if not marked and _told_as_background(text, piece.start):
            continue
        deadlines.append(Deadline(when, piece.start, piece.end, text[piece.start : piece.end], marked))
    return deadlines


# Any fixed moment will do for `names_date_or_time`: it asks whether a date or time is named, not when.
_REFERENCE_NOW = datetime(2000, 1, 3, 9, tzinfo=UTC)


def names_date_or_time(text: str) -> bool:
    """Whether the text names a date or a time of day, past or future ("Friday", "the 20th",
    "at 3pm", "tomorrow"), as the deadline scanner reads them. A cue for the request scorer."""
    return _may_contain_time(text) and bool(
        _scan_pieces(_Scan(text, _REFERENCE_NOW, DEFAULT_WORKING_HOURS, day_first=False))
    )


def _scan_pieces(scan: _Scan) -> list[_Piece]:
    """The dates and times the text names, in no particular order; a weak time ("at 9") only next
    to a date or a part of day."""
    dates = _scan_dates(scan)
    times = _scan_times(scan.text, [family.pattern for family in _TIME_GATES.open_for(scan.text)])
    if dates or any(piece.part for piece in times):
        times += _scan_times(scan.text, (_WEAK_TIMES,))
    return dates + times


def extract_deadline(
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS,
    day_first: bool = False,
) -> datetime | None:
    """The deadline the reader must meet: the earliest marked one, else the earliest named; or None."""
    due = the_deadline(
        find_deadlines(
            prepare(text).lintable, now=now, tz=tz, working_hours=working_hours, day_first=day_first
        )
    )
    return due.when if due else None


def the_deadline(deadlines: list[Deadline]) -> Deadline | None:
    """The one the reader must meet: the earliest introduced as a deadline, else the earliest named."""
    marked = [deadline for deadline in deadlines if deadline.marked]
    return min(marked or deadlines, key=lambda deadline: deadline.when, default=None)


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (or line) of `text` that holds text[start:end]."""
    after = _SENTENCE_BREAK.search(text, end)
    return text[_line_start(text, start) : after.start() + 1 if after else len(text)]


_TIME_WORDS = frozenset(
    " ".join(WEEKDAYS).split()
    + " ".join(MONTHS).split()
    + [
        "today",
        "tonight",
        "tmrw",
        "tmr",
        "tmw",
        "2moro",
        "2morrow",
        "tomorrow",
        "tomorrows",
        "tomorow",
        "tommorow",
        "tommorrow",
        "eod",
        "cob",
        "eow",
        "eom",
        "eoq",
        "eoy",
        "eob",
        "end",
        "close",
        "week",
        "weeks",
        "day",
        "days",
        "month",
        "months",
        "year",
        "years",
        "noon",
        "midday",
        "mid",
        "midnight",
        "lunch",
        "lunchtime",
        "morning",
        "midmorning",
        "afternoon",
        "midafternoon",
        "arvo",
        "evening",
        "night",
        "min",
        "mins",
        "minute",
        "minutes",
        "hour",
        "hours",
        "hr",
        "hrs",
        "fortnight",
        "hence",
        "weekend",
        "log",  # "before you log off"
        "leave",
    ]
    + [f"{name}s" for name in WEEKDAYS]
)


_ANY_DIGIT = re.compile(r"\d")
# A word each of the gates in `_may_contain_time` needs (of its rarer word group), and "thing"
_RARER_TIME_WORDS = (
    _SPELLED_TIME_GATE.requires | _MINUTE_CLOCK_GATE.requires | _ORDINAL_WORD_GATE.words | {"thing"}
)


def _may_contain_time(text: str) -> bool:
    if _ANY_DIGIT.search(text) is not None:
        return True
    words = word_set(text)
    if not _TIME_WORDS.isdisjoint(words):
        return True
    if _RARER_TIME_WORDS.isdisjoint(words):
        return False  # none of the gates below can open: the usual case, in one look-up
    return (
        _SPELLED_TIME_GATE.opens_for(text, words)
        or _MINUTE_CLOCK_GATE.opens_for(text, words)
        or _ORDINAL_WORD_GATE.opens_for(text, words)
        or ("thing" in words and "first" in words)
    )


# A sentence that describes a routine ("we cut a branch every Tuesday, QA tests on Wednesday"): the
# days it names after that are the routine's, not times to meet.
_ROUTINE_CUE = re.compile(
    r"\b(?:every|each)\s+(?:other\s+)?(?:day|week|weekday|sprint|release|month|morning|evening|night"
    r"|mon|tues|wednes|thurs|fri|satur|sun)\w*",
    re.IGNORECASE,
)


def _told_as_background(text: str, position: int) -> bool:
    """Whether an unmarked date at `position` sits in a sentence told in the past ("we shipped it on
    Monday") or describing a routine: background, not a time the reader must meet."""
    sentence_start = _line_start(text, position)
    return bool(
        _PAST_CUE.search(text, sentence_start, position)
        or _ROUTINE_CUE.search(text, sentence_start, position)
    )


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
    if kind == "weekday":
        return _weekday_piece(match, text, today)
    if kind == "nth":
        return _nth_weekday_piece(match, start, end, today)
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
    before = text[max(0, start - 16) : start].lower()
    return bool(
        re.search(r"(?:\bon|\bby|\buntil|\btill|\bbefore|\bdue|\bfrom|\bfor|day|,)\s*(?:the\s+)?$", before)
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
    if year is None and day < today:
        try:
            day = date(candidate_year + 1, month, day_number)
        except ValueError:
            return None
    return _Piece("date", start, end, day=day)


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
    if period == "day":
        return today
    if period == "week":
        day = _last_working_day_of_week(today, offset, hours)
        if offset == 0 and datetime.combine(day, hours.end, tzinfo=now.tzinfo) < now:
            day = _last_working_day_of_week(today, 1, hours)
        return day
    if period == "month":
        return _last_working_day_of_month(today, offset, hours)
    if period == "quarter":
        quarter_end_month = ((today.month - 1) // 3 + 1 + offset) * 3
        year = today.year + (quarter_end_month - 1) // 12
        return _last_working_day_in(year, (quarter_end_month - 1) % 12 + 1, hours)
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


def _amount(text: str) -> float:
    text = " ".join(text.lower().split())
    if text == "the":
        return 1.0  # "within the hour"
    if text.startswith("half"):
        return 0.5
    if "quarter" in text:  # "a quarter of an hour", "three quarters of an hour"
        return 0.75 if text.startswith("three") else 0.25
    if text.endswith(" half"):  # "two and a half"
        return _amount(text.split(" and ", maxsplit=1)[0]) + 0.5
    if "/" in text:
        numerator, denominator = text.split("/")
        return int(numerator) / int(denominator) if int(denominator) else 0.0
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return 0.0


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
    nth = NTH[match.group("nth_n").lower()]
    target = WEEKDAYS[match.group("nth_name").lower()]
    month = MONTHS[match.group("nth_month").lower()]
    explicit_year = match.group("nth_year")
    year = int(explicit_year) if explicit_year else today.year
    for _ in range(2):
        day = _nth_weekday_of_month(year, month, target, nth)
        if day is not None and (day >= today or explicit_year):
            return _Piece("date", start, end, day=day)
        year += 1
    return None


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
    day = start
    added = 0
    while added < count:
        day += timedelta(days=1)
        if day.weekday() in hours.days:
            added += 1
    return day


# -- times --------------------------------------------------------------------------------------


def _part_named(name: str, text: str, start: int, end: int) -> str | None:
    """The part of the day a word names ("arvo" is the afternoon), or None where it names none: "the
    jobs only run at night" says when things happen, not a time to meet, and "good morning" and
    "Morning team," greet."""
    if name == "night" and text[max(0, start - 3) : start].lower() == "at ":
        return None
    if text[max(0, start - 5) : start].lower() == "good ":
        return None
    if (
        name in ("morning", "afternoon", "evening")
        and _ONLY_MENTIONS.fullmatch(text, 0, start)
        and _GREETING_AFTER_PART.match(text, end)
    ):
        return None
    if name.startswith("first"):
        return "first thing"
    return "afternoon" if name == "arvo" else name


_ONLY_MENTIONS = re.compile(r"(?:\s*@person\W*)*\s*")
# What follows a part of the day that opens a message as a greeting ("Morning all", "afternoon folks!")
_GREETING_AFTER_PART = re.compile(
    r"\s*(?:$|[,!.:]|(?:all|team|everyone|everybody|folks|guys|y'all|yall|people|there|friends|@person)\b)",
    re.IGNORECASE,
)


# Where a part of the day said with "early", "mid" or "late" ends sooner than the part itself.
_MODIFIED_PART_CLOCKS = {
    ("mid", "morning"): time(10, 30),
    ("early", "afternoon"): time(14, 0),
    ("mid", "afternoon"): time(15, 0),
}


def _read_part(piece: _Piece, match: re.Match[str], text: str) -> None:
    """The part of the day a `part` match names, with its own deadline where a modifier gives one;
    "tonight" is a date (today) as well as a part."""
    piece.part = _part_named(match.group("part_name").lower(), text, match.start(), match.end())
    if piece.part is not None and match.group("part_mod"):
        piece.part, piece.part_clock = _modified_part(match.group("part_mod").lower(), piece.part)
    if piece.part == "tonight":
        piece.part, piece.kind, piece.day_is_weekday = "night", "date", False


def _modified_part(modifier: str, part: str) -> tuple[str, time | None]:
    """(part, its own deadline) for "early morning" (first thing), "mid-morning" (10:30), "early
    afternoon" (14:00), "mid-afternoon" (15:00); "late morning" and the rest keep the part's deadline."""
    if (modifier, part) == ("early", "morning"):
        return "first thing", None
    return part, _MODIFIED_PART_CLOCKS.get((modifier, part))


def _scan_times(text: str, families: Iterable[re.Pattern[str]]) -> list[_Piece]:
    pieces: list[_Piece] = []
    for match in (found for family in families for found in family.finditer(text)):
        start, end = match.span()
        kind = match.lastgroup
        piece = _Piece("time", start, end)
        if kind == "clock":
            piece.clock = _twelve_hour(
                int(match.group("cl_h")), int(match.group("cl_m") or 0), match.group("cl_ampm")
            )
        elif kind == "h24":
            piece.clock, piece.clock_guessed_pm = _h24_clock(match)
        elif kind == "hfmt":
            piece.clock = time(int(match.group("hf_h")), int(match.group("hf_m") or 0))
        elif kind == "oclock":
            if match.group("oc_ampm"):  # "3 o'clock am"
                piece.clock = _twelve_hour(int(match.group("oc_h")), 0, match.group("oc_ampm"))
            else:
                piece.clock, piece.clock_guessed_pm = _working_hour(int(match.group("oc_h")), 0)
        elif kind == "named":
            word = match.group("named").lower()
            piece.clock = END_OF_DAY if word == "midnight" else NOON
            # "lunch is here" is no deadline; "by lunch" and "Friday lunchtime" are
            piece.weak = word.startswith("lunch") and not _MARKER_BEFORE.search(
                text[max(0, start - 30) : start]
            )
        elif kind in ("at", "until", "offset_clock"):
            # "at 3", "before 4" (as "by 4" reads), "half past three" (its offset is applied below)
            prefix = {"at": "at", "until": "un"}.get(kind, "ofc")
            piece.start = match.start(f"{prefix}_h")
            piece.clock, piece.clock_guessed_pm = _clock_said(match, prefix)
        elif kind == "minute_clock":
            piece.start = match.start("mc_h")
            piece.clock, piece.clock_guessed_pm = _clock_said(match, "mc")
            if not _minutes_applied(piece, text, half=bool(match.group("mc_half"))):
                continue  # "from 10 to 5" is a range
        elif kind == "dotted":
            piece.clock, piece.weak = time(int(match.group("dd_h")), int(match.group("dd_m"))), True
        elif kind == "compact":
            piece.clock, piece.weak = time(int(match.group("cp_h")), int(match.group("cp_m"))), True
        elif kind == "bare":
            piece.clock, piece.clock_guessed_pm = _working_hour(int(match.group("bare_h")), 0)
            piece.weak = True
        elif kind == "spelled":
            piece.clock, piece.clock_guessed_pm = _spelled_clock(match)
            piece.start = match.start("sp_h")
        elif kind == "spelled_weak":  # "at eight" next to "tonight" or "tomorrow"; "eight tonight"
            hour = "sw_h" if match.group("sw_h") else "sw_before_part"
            piece.clock, piece.clock_guessed_pm = _working_hour(HOUR_WORDS[match.group(hour).lower()], 0)
            piece.start, piece.weak = match.start(hour), True
        elif kind == "part":
            _read_part(piece, match, text)
        if piece.clock is None and piece.part is None:
            continue
        if piece.clock is not None:
            _apply_minutes_offset(piece, text)
            _apply_zone(piece, text)
        pieces.append(piece)
    return pieces


def _clock_said(match: re.Match[str], prefix: str) -> tuple[time | None, bool]:
    """(clock, guessed pm) from a match's `{prefix}_h` group (digits or an hour word) and its optional
    `_m`, `_compact` and `_ampm` groups: "at 3", "by 5:30", "at 1030", "around 4pm", "until 3:30",
    the "three" of "half past three"."""
    groups = match.groupdict()
    hour_text, compact = groups[f"{prefix}_h"].lower(), groups.get(f"{prefix}_compact")
    hour = int(hour_text) if hour_text.isdigit() else HOUR_WORDS[hour_text]
    minutes = int(groups.get(f"{prefix}_m") or compact or 0)
    if groups.get(f"{prefix}_ampm"):
        return _twelve_hour(hour, minutes, groups[f"{prefix}_ampm"]), False
    if compact and hour <= 23 and len(hour_text) == 2:
        return time(hour, minutes), False  # "at 1030"
    return _working_hour(hour, minutes)


def _h24_clock(match: re.Match[str]) -> tuple[time, bool]:
    """(clock, guessed pm) for "15:30", "09:00", and "3:30", which at work is half past three in
    the afternoon."""
    hour, minute = int(match.group("h24_h")), int(match.group("h24_m"))
    if match.group("h24_h").startswith("0") or hour > 7:
        return time(hour, minute), False
    return time(hour + 12, minute), True


def _spelled_clock(match: re.Match[str]) -> tuple[time | None, bool]:
    """(clock, guessed pm) for "three pm", "ten thirty am", "eight o'clock", "at ten thirty"; no
    clock for an hour word with nothing that makes it a time ("one of them", "by two people")."""
    hour = HOUR_WORDS[match.group("sp_h").lower()]
    minute_text = match.group("sp_m")
    minutes = MINUTE_WORDS[re.sub(r"[\s-]+", "-", minute_text.lower())] if minute_text else 0
    if match.group("sp_ampm"):
        return _twelve_hour(hour, minutes, match.group("sp_ampm")), False
    if match.group("sp_oclock") or (match.group("sp_lead") and minute_text):
        return _working_hour(hour, minutes)
    return None, False


def _a_range_start(offset: re.Match[str], before: str) -> bool:
    """ "from 2 to 4pm", "2 to 4pm": a range's start, not "2 minutes to 4"; "10 to 5" stays 4:50."""
    number = offset.group("minutes")
    if not number or not number.isdigit() or "min" in offset.group(0).lower():
        return False
    return int(number) % 5 != 0 or bool(re.search(r"\bfrom\s+$", before[: offset.start()]))


def _minutes_applied(piece: _Piece, text: str, *, half: bool) -> bool:
    """Move a clock said with its minutes in words: "half three" (British) is 3:30; "ten to five"
    4:50 (the offset read before the hour). False where there was no offset to apply."""
    if piece.clock is None:
        return False
    if half:
        piece.clock = piece.clock.replace(minute=30)
        return True
    start = piece.start
    _apply_minutes_offset(piece, text)
    return piece.start != start


def _apply_minutes_offset(piece: _Piece, text: str) -> None:
    """ "a quarter past 3pm", "20 to noon": move the clock and widen the span."""
    before = text[max(0, piece.start - 30) : piece.start]
    offset = _MINUTES_OFFSET.search(before)
    if offset is None or piece.clock is None or _a_range_start(offset, before):
        return
    if offset.group("quarter"):
        minutes = 15
    elif offset.group("half"):
        minutes = 30
    else:
        minutes = int(_amount(offset.group("minutes")))
    if offset.group("direction").lower() in ("to", "till", "before"):
        minutes = -minutes
    moved = datetime.combine(date(2000, 1, 3), piece.clock) + timedelta(minutes=minutes)
    piece.clock = moved.time()
    piece.start -= len(offset.group(0))
    piece.weak = False


def _apply_zone(piece: _Piece, text: str) -> None:
    if piece.end >= len(text):
        return
    zone = _ZONE_AFTER.match(text, piece.end)
    if zone is None:
        _apply_place_zone(piece, text)
        return
    name = zone.group("zone").lower()
    if name in ("ct", "mt", "pt", "et") and zone.group("zone").islower():
        return  # lower-case "et", "pt" are too often other words
    value = ZONE_ABBREVIATIONS.get(name)
    if isinstance(value, int):
        piece.zone = timezone(timedelta(minutes=value))
    elif isinstance(value, str):
        from zoneinfo import ZoneInfo

        piece.zone = ZoneInfo(value)
    piece.end = zone.end()


def _apply_place_zone(piece: _Piece, text: str) -> None:
    named = _PLACE_TIME_AFTER.match(text, piece.end)
    if named is None:
        return
    zone_name = _zones_by_place().get(named.group("place").lower())
    if zone_name is None:
        return  # "3pm Standup time": no place
    from zoneinfo import ZoneInfo

    piece.zone = ZoneInfo(zone_name)
    piece.end = named.end()


@cache
def _zones_by_place() -> dict[str, str]:
    """IANA zone names by their last part, lower case with spaces ("new york" -> "America/New_York").
    A region's zone wins over an alias of the same place ("Asia/Singapore" over "Singapore"); the US
    aliases name the American zones by region ("pacific" -> "US/Pacific", before "Canada/Pacific")."""
    from zoneinfo import available_timezones

    def rank(name: str) -> tuple[int, str]:
        legacy = "/" not in name or name.startswith(_LEGACY_ZONE_PREFIXES)
        return (2 if legacy else 1 if name.startswith("US/") else 0, name)

    places: dict[str, str] = {}
    for name in sorted(available_timezones(), key=rank):
        places.setdefault(name.rsplit("/", 1)[-1].replace("_", " ").lower(), name)
    return places


def _twelve_hour(hour: int, minute: int, suffix: str) -> time | None:
    if 13 <= hour <= 23 and suffix.lower().startswith("p"):
        return time(hour, minute)  # "1515pm"
    if not 1 <= hour <= 12:
        return None
    is_pm = suffix.lower().startswith("p")
    if hour == 12:
        hour = 12 if is_pm else 0
    elif is_pm:
        hour += 12
    return time(hour, minute)


def _working_hour(hour: int, minute: int) -> tuple[time | None, bool]:
    """A bare hour ("at 3") in a working context: 1 to 7 are afternoon hours. Returns (clock, guessed_pm)."""
    if hour > 23 or minute > 59:
        return None, False
    if 1 <= hour <= 7:
        return time(hour + 12, minute), True
    return time(hour, minute), False


# -- combining and resolving -------------------------------------------------------------------------


def _drop_overlaps(pieces: list[_Piece]) -> list[_Piece]:
    kept: list[_Piece] = []
    for piece in pieces:
        if kept and piece.start < kept[-1].end:
            continue
        kept.append(piece)
    return kept


def _merge_adjacent(pieces: list[_Piece], text: str) -> list[_Piece]:
    """Join the parts of one moment said together ("Thursday 14th December at 3pm", "Friday EOD").
    A time range ("Friday 2-4pm", "10am to 12pm") is one moment: its start, when the reader must be
    there, in the half of the day its end names."""
    merged: list[_Piece] = []
    for piece in pieces:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.clock is not None
            and piece.clock is not None
            and piece.day is None
            and _RANGE_SEPARATOR.match(text, previous.end, piece.start)
        ):
            merged[-1] = replace(
                previous,
                end=piece.end,
                clock=_range_start(previous.clock, previous.clock_guessed_pm, piece.clock),
                zone=previous.zone or piece.zone,  # "10:00-12:00 UTC": the zone said after the range
                marked=previous.marked or piece.marked,
                weak=previous.weak and piece.weak,
            )
            continue
        if previous is not None and _joinable(text[previous.end : piece.start], piece):
            combined = _combine(previous, piece)
            if combined is not None:
                if combined.clock is not None and combined.zone is None:
                    _apply_zone(combined, text)  # "9am Monday London time": the zone said after the day
                merged[-1] = combined
                continue
        merged.append(piece)
    return merged


def _joinable(gap: str, piece: _Piece) -> bool:
    """What stands between a piece and the one before lets them be one moment; "for" only before a
    definite time ("on Saturday for 9am", but "Friday for 2 hours" names no time)."""
    return _GAP_JOINABLE.match(gap) is not None and not (piece.weak and _FOR.search(gap))


def _range_start(start: time, guessed_pm: bool, end: time) -> time:
    """ "8-9pm" starts at 20:00 and "2-4am" at 02:00, whatever the working-hours guess made of the 8 or the 2."""
    if start.hour < 12 <= end.hour and start.hour + 12 <= end.hour:
        return start.replace(hour=start.hour + 12)
    if guessed_pm and end.hour < 12 and start.hour - 12 <= end.hour:
        return start.replace(hour=start.hour - 12)
    return start


def _combine(first: _Piece, second: _Piece) -> _Piece | None:
    """One piece for two compatible ones, or None when they name different moments."""
    if first.instant is not None or second.instant is not None:
        return None
    day, day_is_weekday, end_of_day = first.day, first.day_is_weekday, first.end_of_day
    if second.day is not None:
        if day is None:
            day, day_is_weekday, end_of_day = second.day, second.day_is_weekday, second.end_of_day
        elif first.end_of_day != second.end_of_day and not (first.clock or second.clock):
            # "tomorrow EOD", "EOD Friday": the named day, at its end.
            named = second if first.end_of_day else first
            day, day_is_weekday, end_of_day = named.day, named.day_is_weekday, True
        elif day_is_weekday and not second.day_is_weekday:
            day, day_is_weekday = second.day, False  # "Thursday 14th December": the calendar date wins
        elif (second.day_is_weekday and not day_is_weekday) or day == second.day:
            pass
        else:
            return None
    elif (first.weak or second.weak) and day is None and not (first.part or second.part):
        return None  # a bare number and a time make no moment; "8 this evening" does
    if first.clock is not None and second.clock is not None:
        return None
    part = first.part or second.part
    part_clock = first.part_clock or second.part_clock
    if first.part is not None and second.part is not None and first.part != second.part:
        if {first.part, second.part} != {"first thing", "morning"}:
            return None
        part = "first thing"  # "first thing in the morning"
    week_start = first.week_start or second.week_start
    if part == "first thing" and week_start is not None:
        day = week_start  # "first thing next week": as that week's first working day starts
    clock = first.clock or second.clock
    guessed_pm = first.clock_guessed_pm if first.clock is not None else second.clock_guessed_pm
    clock = _clock_for_part(clock, guessed_pm, part)
    return _Piece(
        "date" if day is not None else "time",
        first.start,
        second.end,
        marked=first.marked or second.marked,
        day=day,
        day_is_weekday=day_is_weekday,
        clock=clock,
        clock_guessed_pm=guessed_pm and part is None,
        part=part,
        part_clock=part_clock if clock is None else None,
        zone=first.zone or second.zone,
        end_of_day=end_of_day and clock is None,
        past=first.past or second.past,
        weak=False,
    )


def _clock_for_part(clock: time | None, guessed_pm: bool, part: str | None) -> time | None:
    """ "8 tonight" is 20:00 and "3 in the morning" is 03:00, whatever the working-hours guess said."""
    if clock is None or part is None:
        return clock
    if part == "morning" and guessed_pm:
        return clock.replace(hour=clock.hour - 12)
    if part in ("evening", "night", "afternoon") and clock.hour < 12 and clock != END_OF_DAY:
        return clock.replace(hour=clock.hour + 12)
    return clock


def _resolve(piece: _Piece, now: datetime, tz: tzinfo, hours: WorkingHours) -> datetime | None:
    if piece.instant is not None:
        return piece.instant.astimezone(tz)
    if piece.kind == "time":
        clock = piece.clock or piece.part_clock or _part_deadline(piece.part, hours)
        if clock is None:
            return None
        zone = piece.zone or tz
        today_there = now.astimezone(zone).date()
        when = _at(today_there, clock, zone)
        if when < now:
            when = _at(today_there + timedelta(days=1), clock, zone)
        return when.astimezone(tz)
    if piece.day is None:
        return None
    if piece.clock is not None:
        return _at(piece.day, piece.clock, piece.zone or tz).astimezone(tz)
    if piece.part is not None:
        clock = piece.part_clock or _part_deadline(piece.part, hours)
        return _at(piece.day, clock or hours.end, tz)
    zone = piece.zone or tz  # "EOD PT": the working day's end there
    when = _at(piece.day, hours.end, zone)
    if piece.end_of_day and when < now and piece.day == now.astimezone(zone).date():
        return _at(piece.day, END_OF_DAY, zone).astimezone(tz)
    return when.astimezone(tz)


def _part_deadline(part: str | None, hours: WorkingHours) -> time | None:
    return {
        "first thing": hours.start,  # "first thing tomorrow": as the working day starts
        "morning": MORNING_DEADLINE,
        "afternoon": hours.end,
        "evening": EVENING_DEADLINE,
        "night": NIGHT_DEADLINE,
    }.get(part or "")


def _at(day: date, clock: time, tz: tzinfo) -> datetime:
    """Wall-clock time on a day in a zone (zoneinfo picks the right offset on DST days)."""
    return datetime.combine(day, clock, tzinfo=tz)
