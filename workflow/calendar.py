"""Working-day arithmetic for deadlines (hạn xử lý).

A day is a working day unless it is a Saturday, a Sunday or a Vietnamese public holiday. Holidays come from the
`holidays` package: Tết, the fixed holidays, days off in lieu of holidays that fall on a weekend, and the days the
government swaps for a make-up Saturday, which then counts as a working day (those notices are addressed to
public-sector bodies such as ours). An admin-declared CalendarException overrides all of that for its date:
WORKING_DAY makes any day a working day, DAY_OFF makes any day a day off.

Periods follow the Civil Code 2015, art. 147–148: the day a period runs from is not counted, and a period never
ends on a non-working day.

Every function takes `exceptions` (date → CalendarException.Kind); when it is None they are loaded from the
database once for the call, so loops over many documents should load them once and pass them in.
"""
import functools
from collections.abc import Mapping
from datetime import date, timedelta

import holidays

from .models import CalendarException

CalendarExceptions = Mapping[date, str]

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


def load_calendar_exceptions(*, since: date | None = None, until: date | None = None) -> dict[date, str]:
    rows = CalendarException.objects.all()
    if since is not None:
        rows = rows.filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lte=until)
    return dict(rows.values_list("date", "kind"))


def is_working_day(day: date, *, exceptions: CalendarExceptions | None = None) -> bool:
    if exceptions is None:
        exceptions = load_calendar_exceptions(since=day, until=day)
    declared = exceptions.get(day)
    if declared is not None:
        return declared == CalendarException.Kind.WORKING_DAY
    public_holidays, government_working_weekends = _national_calendar(day.year)
    if day in public_holidays:
        return False
    return day.weekday() < _SATURDAY or day in government_working_weekends


def add_working_days(start: date, n: int, *, exceptions: CalendarExceptions | None = None) -> date:
    """The deadline `n` working days from `start`.

    For n ≥ 1: the n-th working day strictly after `start`; `start` itself is never counted, working day or not.
    So 1 working day from Friday is Monday, 3 from Friday is Wednesday, and 1 from a Saturday is Monday.
    For n = 0 ("the same day"): `start` if it is a working day, otherwise the first working day after it.
    Raises ValueError for a negative n.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    if exceptions is None:
        exceptions = load_calendar_exceptions(since=start)
    if n == 0 and is_working_day(start, exceptions=exceptions):
        return start
    day, counted = start, 0
    while counted < max(n, 1):  # n = 0 from a day off lands where n = 1 does: the next working day
        day += _ONE_DAY
        if is_working_day(day, exceptions=exceptions):
            counted += 1
    return day


def working_days_between(start: date, end: date, *, exceptions: CalendarExceptions | None = None) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`.

    With the deadline as `start` and the completion date as `end` this is the number of working days late
    (0 when done on the deadline). It inverts add_working_days: working_days_between(s, add_working_days(s, n)) == n
    for every n ≥ 1.
    """
    if end < start:
        return -working_days_between(end, start, exceptions=exceptions)
    if exceptions is None:
        exceptions = load_calendar_exceptions(since=start, until=end)
    count, day = 0, start + _ONE_DAY
    while day <= end:
        count += is_working_day(day, exceptions=exceptions)
        day += _ONE_DAY
    return count


@functools.lru_cache(maxsize=None)
def _national_calendar(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(public holidays, weekend days the government declared working days) of one year.

    Frozen copies: a `holidays` object silently adds whole years to itself when asked about another year's date,
    and this result is shared by every caller in the process. It is fixed law, so every node computes the same.
    """
    national = holidays.country_holidays("VN", years=year)
    working_weekends = frozenset(day for day in national.weekend_workdays if day.year == year)
    return frozenset(national), working_weekends
