from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from warroom.domain.times import format_duration, format_utc, isoformat_utc, parse_date, parse_time
from warroom.errors import ValidationError

BASE = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "expected", "assumed"),
    [
        ("2026-11-20T14:05:00Z", datetime(2026, 11, 20, 14, 5, tzinfo=UTC), False),
        ("2026-11-20T14:05:00+01:00", datetime(2026, 11, 20, 13, 5, tzinfo=UTC), False),
        ("2026-11-20 14:05 +01:00", datetime(2026, 11, 20, 13, 5, tzinfo=UTC), False),
        ("2026-11-20 14:05", datetime(2026, 11, 20, 14, 5, tzinfo=UTC), True),
        ("14:05", datetime(2026, 11, 20, 14, 5, tzinfo=UTC), True),
        ("14:05 UTC", datetime(2026, 11, 20, 14, 5, tzinfo=UTC), False),
        ("14:05 CET", datetime(2026, 11, 20, 13, 5, tzinfo=UTC), False),
        ("14:05 Europe/Berlin", datetime(2026, 11, 20, 13, 5, tzinfo=UTC), False),
        ("2:05 pm PST", datetime(2026, 11, 20, 22, 5, tzinfo=UTC), False),
        ("2026-11-20 14:05 (CEST)", datetime(2026, 11, 20, 12, 5, tzinfo=UTC), False),
        ("14:05:09", datetime(2026, 11, 20, 14, 5, 9, tzinfo=UTC), True),
    ],
)
def test_parse_time_forms(text: str, expected: datetime, assumed: bool) -> None:
    parsed = parse_time(text, base_date=BASE)
    assert parsed.at == expected
    assert parsed.at.tzinfo is not None
    assert parsed.assumed_zone is assumed


def test_bare_time_uses_default_zone() -> None:
    berlin = timezone(timedelta(hours=1))
    parsed = parse_time("14:05", default_zone=berlin, base_date=BASE)
    assert parsed.at == datetime(2026, 11, 20, 13, 5, tzinfo=UTC)
    assert parsed.assumed_zone and not parsed.has_date


def test_bare_time_without_base_date_is_today_in_zone() -> None:
    now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    assert parse_time("08:00", now=now).at == datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["", "abc", "25:00", "2026-13-01 10:00", "14:05 Mars/Base", "7pm"])
def test_bad_times_name_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_time(text, field="started_at")
    assert err.value.field in ("started_at", "tz")


def test_parse_date() -> None:
    assert parse_date("2026-12-01") == date(2026, 12, 1)
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        parse_date("next week")


def test_formatting() -> None:
    moment = datetime(2026, 11, 20, 14, 5, tzinfo=UTC)
    assert format_utc(moment) == "2026-11-20 14:05 UTC"
    assert isoformat_utc(moment) == "2026-11-20T14:05:00Z"
    assert format_duration(240) == "4 min"
    assert format_duration(3900) == "1 h 05 min"
    assert format_duration(90000) == "1 d 1 h"
    assert format_duration(None) == ""
