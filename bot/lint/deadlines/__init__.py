"""Find the deadlines a message states and resolve them in the author's time zone.

Conventions (the issues', and where public corpora differ, see docs/linter.md, "Deadline conventions"):
- a date without a time means the end of the author's working day on that date;
- EOD / end of day / COB is the end of today's working day (or midnight if that has passed);
- end of week is the last working day of this week, end of month the last working day of the month;
- a weekday names the next such day, and today when said on that weekday; "next <weekday>" (and
  "next week <weekday>") is that day in the following week (as Duckling resolves it); "Friday week"
  and "a week on/from Friday" (British) are that Friday a week later, "two weeks from Monday" two;
  "a week from tomorrow" counts from tomorrow, "a week today" and "two weeks tomorrow" (British) from
  that day;
- "early / mid / late next week" is its second / middle / last working day ("the start of next
  week" its first); "the second week of January" that week's last working day; "by the weekend" the last
  working day of this week; "end of April" its last working day, "mid-April" the 15th, "early April"
  the 10th, "the start of April" its first working day; "mid-month" and "the middle of the month"
  this month's 15th (next month's once it has passed); "by Q3", "this quarter" and "next quarter" the
  quarter's last working day;
- a date after a past time word that dates a thing stays a deadline when a deadline's marker comes
  between ("the returns from last week … before the count on Saturday"); after a past verb it is
  background ("we shipped it before the freeze on Monday");
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

The package follows the scanner's stages: `vocabulary` (words and the public types), `patterns` (the
scanner's regular expressions and gates, and the pieces it finds), `dates`, `times`, `resolve`
(combining a date with its time, resolving in the author's zone), and `scanner` (the entry points).
"""

from bot.lint.deadlines.scanner import (
    extract_deadline,
    find_deadlines,
    may_name_date_or_time,
    sentence_at,
    the_deadline,
)
from bot.lint.deadlines.vocabulary import DEFAULT_WORKING_HOURS, Deadline, WorkingHours

__all__ = [
    "DEFAULT_WORKING_HOURS",
    "Deadline",
    "WorkingHours",
    "extract_deadline",
    "find_deadlines",
    "may_name_date_or_time",
    "sentence_at",
    "the_deadline",
]
