"""What insights, search, recurrence and reminders need from storage (part of ``ports``).

Each is a read (or, for reminders, a claim) computed by the database: the
aggregates, percentiles and rankings are SQL, never a loop over incidents.
``storage.insights``, ``storage.search`` and ``storage.reminders`` implement
them for SQLite and PostgreSQL; ``UnitOfWork`` exposes them as ``insights``,
``search`` and ``reminders``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol

from warroom.domain.followup import ReviewDeadline
from warroom.domain.metrics import MetricDefinition
from warroom.domain.model import ActionItem

if TYPE_CHECKING:
    from warroom.services.ports import Viewer

GroupBy = Literal["month", "severity", "service"]
ActionGroup = Literal["overall", "owner", "team"]


@dataclass(frozen=True)
class InsightsQuery:
    """The incidents to aggregate (by started, else created) and what to compute."""

    now: datetime
    since: datetime | None = None
    until: datetime | None = None
    viewer: Viewer | None = None
    metrics: tuple[MetricDefinition, ...] = ()
    targets: dict[int, dict[str, int]] = field(default_factory=dict)
    deadlines: dict[int, ReviewDeadline] = field(default_factory=dict)
    teams: dict[str, str] = field(default_factory=dict)  # owner -> team
    top: int = 10


@dataclass(frozen=True)
class Figure:
    """Count, median and p90 (seconds) of one metric in one group (``group`` None: overall)."""

    metric: str
    group: str | int | None
    count: int
    median: float | None
    p90: float | None


@dataclass(frozen=True)
class TargetFigure:
    severity: int
    metric: str
    measured: int  # incidents where the metric could be computed
    met: int


@dataclass(frozen=True)
class ActionFigure:
    group: str | None  # owner or team; None for the overall row or "no owner"
    created: int
    done: int
    wont_do: int
    open: int
    overdue: int
    median_open_age_seconds: float | None


@dataclass(frozen=True)
class ReviewFigure:
    resolved: int
    approved: int
    median_seconds_to_approval: float | None
    late: int  # not approved by the deadline (approved late, or still not approved and past it)


class InsightsReader(Protocol):
    def incidents_per_month(self, query: InsightsQuery) -> list[tuple[str, int, int]]:
        """``(YYYY-MM, severity, count)``, by month then severity."""
        ...

    def group_sizes(self, query: InsightsQuery, by: GroupBy) -> dict[str | int, int]:
        """Incidents per group (an incident counts in each of its services)."""
        ...

    def recurring(
        self, query: InsightsQuery, what: Literal["factor", "service"]
    ) -> list[tuple[str, int]]:
        """The ``query.top`` contributing factors or services found on most incidents."""
        ...

    def metric_figures(self, query: InsightsQuery, by: GroupBy | None) -> list[Figure]: ...

    def target_figures(self, query: InsightsQuery) -> list[TargetFigure]: ...

    def action_figures(self, query: InsightsQuery, by: ActionGroup) -> list[ActionFigure]: ...

    def review_figures(self, query: InsightsQuery) -> ReviewFigure: ...


@dataclass(frozen=True)
class SearchHit:
    ref: str
    title: str
    severity: int
    status: str
    started: datetime | None
    score: float  # higher is better; comparable within one search only
    snippet: str


@dataclass(frozen=True)
class RelatedRow:
    """An incident that has something in common with another one, and what it is."""

    ref: str
    title: str
    severity: int
    started: datetime | None
    factors: tuple[str, ...]
    services: tuple[str, ...]
    text_score: float = 0.0
    score: float = 0.0
    open_actions: tuple[ActionItem, ...] = ()


class SearchIndex(Protocol):
    def search(self, text: str, *, viewer: Viewer | None, limit: int) -> list[SearchHit]:
        """Incidents matching ``text`` (words, "phrases", or, -word), best first."""
        ...

    def related(self, ref: str, *, viewer: Viewer | None, limit: int) -> list[RelatedRow]:
        """Earlier incidents sharing a contributing factor or a service with ``ref``."""
        ...

    def similar(self, ref: str, *, viewer: Viewer | None, limit: int) -> list[RelatedRow]:
        """Incidents like ``ref``: shared factors and services, and similar text."""
        ...


@dataclass(frozen=True)
class DueReview:
    """A resolved incident whose review is not approved (for late reviews and follow-ups)."""

    ref: str
    title: str
    severity: int
    resolved: datetime | None
    meeting_at: datetime | None
    owner: str | None  # report author, else commander


class ReminderLog(Protocol):
    def late_reviews(self, now: datetime, deadlines: dict[int, ReviewDeadline]) -> list[DueReview]:
        """Resolved incidents not approved whose review deadline has passed at ``now``."""
        ...

    def meetings_between(self, earliest: datetime, latest: datetime) -> list[DueReview]:
        """Incidents whose review meeting took place between the two times (inclusive)."""
        ...

    def claim(self, key: tuple[str, str, str, str], at: datetime) -> bool:
        """Record the reminder ``(kind, ref, item, step)`` as sent; False if it already was."""
        ...
