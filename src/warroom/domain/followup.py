"""When follow-up is due: review deadlines after resolution, and the follow-up review cadence.

A review deadline is a number of calendar days or of business days (Monday
to Friday) after the incident was resolved, per severity (settings
``review_due``: SEV-1 3 days, SEV-2 5 business days by default). Business
days keep the time of day; a resolution on a Saturday or Sunday counts from
the Friday before, so "5 business days" after any moment of a weekend ends on
the next Friday. The same arithmetic runs in SQL for the insights
(``storage.sqlfunctions.review_due_epoch``); a test checks they agree.

Follow-up reviews come at fixed offsets after the review meeting (settings
``followup_cadence_days``: 1 week, 2 weeks, 1 month, 3 months).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from warroom.errors import ValidationError

DEFAULT_REVIEW_DUE: dict[str, str] = {"1": "3 days", "2": "5 business days"}
DEFAULT_FOLLOWUP_CADENCE_DAYS: tuple[int, ...] = (7, 14, 30, 90)

_DEADLINE = re.compile(r"\s*(\d+)\s*(business\s+days?|bd|days?|d)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class ReviewDeadline:
    days: int
    business: bool = False

    def __str__(self) -> str:
        unit = "business day" if self.business else "day"
        return f"{self.days} {unit}{'' if self.days == 1 else 's'}"


def parse_deadline(text: str, *, field: str = "review_due") -> ReviewDeadline:
    """``"3 days"``, ``"5 business days"`` (or ``3d``, ``5bd``)."""
    match = _DEADLINE.fullmatch(str(text))
    if not match:
        raise ValidationError(
            f"{text!r} is not a deadline; write '3 days' or '5 business days'", field=field
        )
    unit = match.group(2).lower()
    return ReviewDeadline(int(match.group(1)), business=unit.startswith("b"))


def business_offset_days(weekday: int, days: int) -> int:
    """Calendar days from a moment on ``weekday`` (Monday 0) to ``days`` business days later."""
    back = weekday - 4 if weekday > 4 else 0  # Saturday, Sunday: count from Friday
    start = weekday - back
    position = start + days
    return (position // 5) * 7 + position % 5 - start - back


def review_due(resolved: datetime, deadline: ReviewDeadline) -> datetime:
    """When the review of an incident resolved at ``resolved`` is due (UTC days)."""
    if not deadline.business:
        return resolved + timedelta(days=deadline.days)
    return resolved + timedelta(days=business_offset_days(resolved.weekday(), deadline.days))


def due_cadence_step(meeting_at: datetime, now: datetime, cadence: tuple[int, ...]) -> int | None:
    """The latest follow-up step (in days after the meeting) reached by ``now``; None if none."""
    reached = [days for days in cadence if meeting_at + timedelta(days=days) <= now]
    return max(reached) if reached else None


def cadence_label(days: int) -> str:
    """``1 week``, ``2 weeks``, ``1 month``, ``3 months``, else ``N days``."""
    if days % 30 == 0:
        months = days // 30
        return f"{months} month{'s' if months > 1 else ''}"
    if days % 7 == 0:
        weeks = days // 7
        return f"{weeks} week{'s' if weeks > 1 else ''}"
    return f"{days} days"
