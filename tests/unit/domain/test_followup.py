"""Review deadlines (calendar and business days) and the follow-up cadence."""

from datetime import UTC, date, datetime, timedelta

import pytest

from warroom.config import Settings
from warroom.domain.followup import (
    ReviewDeadline,
    business_offset_days,
    cadence_label,
    due_cadence_step,
    parse_deadline,
    review_due,
)
from warroom.errors import ConfigurationError, ValidationError

MONDAY = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


def counted(start: date, days: int) -> date:
    """Business days counted one by one: the reference for the arithmetic."""
    day = start - timedelta(days=max(0, start.weekday() - 4))
    while days:
        day += timedelta(days=1)
        days -= day.weekday() < 5
    return day


@pytest.mark.parametrize("weekday", range(7))
@pytest.mark.parametrize("days", [1, 2, 3, 5, 6, 10, 23])
def test_business_days_match_counting_them(weekday: int, days: int) -> None:
    start = MONDAY + timedelta(days=weekday)
    due = review_due(start, ReviewDeadline(days, business=True))
    assert due.date() == counted(start.date(), days)
    assert due.time() == start.time()
    assert business_offset_days(weekday, days) == (due - start).days


def test_five_business_days_from_friday_saturday_and_sunday_end_on_friday() -> None:
    friday = MONDAY + timedelta(days=4)
    for start in (friday, friday + timedelta(days=1), friday + timedelta(days=2)):
        assert review_due(start, ReviewDeadline(5, business=True)).date() == date(2026, 11, 27)


def test_calendar_days() -> None:
    assert review_due(MONDAY, ReviewDeadline(3)) == MONDAY + timedelta(days=3)


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("3 days", ReviewDeadline(3)),
        ("1 day", ReviewDeadline(1)),
        ("5 business days", ReviewDeadline(5, True)),
        ("5bd", ReviewDeadline(5, True)),
        ("7d", ReviewDeadline(7)),
    ],
)
def test_deadlines_are_read(text: str, deadline: ReviewDeadline) -> None:
    assert parse_deadline(text) == deadline


def test_a_bad_deadline_names_the_setting() -> None:
    with pytest.raises(ValidationError):
        parse_deadline("soon")
    with pytest.raises(ConfigurationError) as raised:
        Settings.load(environ={}, review_due={"1": "soon"})
    assert raised.value.field == "review_due"
    with pytest.raises(ConfigurationError) as raised:
        Settings.load(environ={}, followup_cadence_days=[7, "x"])
    assert raised.value.field == "followup_cadence_days"


def test_default_deadlines_and_cadence() -> None:
    settings = Settings.load(environ={})
    assert settings.review_deadlines == {1: ReviewDeadline(3), 2: ReviewDeadline(5, True)}
    assert settings.followup_cadence_days == [7, 14, 30, 90]
    assert settings.teams == {}


def test_the_latest_cadence_step_reached() -> None:
    cadence = (7, 14, 30, 90)
    assert due_cadence_step(MONDAY, MONDAY + timedelta(days=6), cadence) is None
    assert due_cadence_step(MONDAY, MONDAY + timedelta(days=7), cadence) == 7
    assert due_cadence_step(MONDAY, MONDAY + timedelta(days=45), cadence) == 30
    assert [cadence_label(d) for d in cadence] == ["1 week", "2 weeks", "1 month", "3 months"]
    assert cadence_label(10) == "10 days"
