"""Insights computed by SQLite and PostgreSQL: percentiles against a reference, every figure."""

from __future__ import annotations

import random
import statistics
from datetime import date, timedelta

import pytest
from followup_factories import T0, action, context_for, make, store
from sqlalchemy import Integer, select, union_all
from sqlalchemy import literal as value

from warroom.domain.model import ActionStatus, ReviewStatus
from warroom.services.insights import get_insights
from warroom.services.ports import Viewer
from warroom.storage import Database
from warroom.storage.percentiles import percentile_stats


def reference(values: list[float]) -> tuple[float, float]:
    """Median and p90 by linear interpolation between ranks (numpy's default)."""
    if len(values) == 1:
        return values[0], values[0]
    return statistics.median(values), statistics.quantiles(values, n=10, method="inclusive")[8]


@pytest.mark.parametrize("size", [1, 2, 3, 4, 7, 10, 11, 57])
def test_percentiles_match_the_reference(database: Database, size: int) -> None:
    rng = random.Random(size)
    values = [rng.randint(0, 10_000) for _ in range(size)] + [5, 5]  # ties too
    rows = union_all(
        *(select(value("a").label("grp"), value(v, Integer).label("value")) for v in values),
        *(select(value("b").label("grp"), value(v * 2, Integer).label("value")) for v in values),
    ).subquery()
    with database.engine.connect() as connection:
        stats = percentile_stats(connection, rows, ["grp"])
        (overall,) = percentile_stats(connection, rows, [])
    by_group = {stat.group[0]: stat for stat in stats}
    for group, data in (("a", values), ("b", [v * 2 for v in values])):
        assert by_group[group].count == len(data)
        assert by_group[group].values == pytest.approx(reference(data), abs=1e-9)
    both = values + [v * 2 for v in values]
    assert overall.count == len(both)
    assert overall.values == pytest.approx(reference(both), abs=1e-9)


def test_percentiles_of_nothing_are_null(database: Database) -> None:
    rows = select(value(1, Integer).label("value")).where(value(1, Integer) == 0).subquery()
    with database.engine.connect() as connection:
        (stat,) = percentile_stats(connection, rows, [])
    assert (stat.count, stat.values) == (0, (None, None))


def test_metrics_overall_and_per_severity_match_the_reference(database: Database) -> None:
    ctx = context_for(database)
    rng = random.Random(7)
    incidents = [
        make(
            started=T0 + timedelta(days=rng.randint(0, 90), minutes=rng.randint(0, 600)),
            severity=rng.choice([1, 2, 3]),
            detect=rng.randint(0, 3600),
            resolve=rng.choice([None, rng.randint(3600, 86400)]),
        )
        for _ in range(40)
    ]
    store(ctx, *incidents)
    data = get_insights(ctx, by="severity")
    detect = [i.milestones.detected - i.milestones.started for i in incidents]  # type: ignore[operator]
    seconds = [d.total_seconds() for d in detect]
    median, p90 = reference(seconds)
    figure = data["metrics"]["overall"]["time_to_detect"]
    assert figure == {
        "count": 40,
        "median": round(median, 1),
        "p90": round(p90, 1),
        "small_sample": False,
    }
    assert data["metrics"]["overall"]["time_to_acknowledge"]["count"] == 0
    for group in data["metrics"]["groups"]:
        level = group["group"]
        mine = [s for s, i in zip(seconds, incidents, strict=True) if i.severity == level]
        assert group["incidents"] == len(mine)
        assert group["metrics"]["time_to_detect"]["median"] == round(reference(mine)[0], 1)
        assert group["warning"] == (None if len(mine) >= 5 else group["warning"])
    resolved = [i for i in incidents if i.milestones.resolved]
    assert data["metrics"]["overall"]["time_to_resolve"]["count"] == len(resolved)


def test_groups_by_month_and_service_and_small_groups_warn(database: Database) -> None:
    ctx = context_for(database)
    store(
        ctx,
        *(make(started=T0 + timedelta(days=d), detect=60, services=("api",)) for d in range(5)),
        make(started=T0 + timedelta(days=40), detect=120, services=("api", "db")),
    )
    by_month = get_insights(ctx, by="month")
    assert [(g["group"], g["incidents"]) for g in by_month["metrics"]["groups"]] == [
        ("2026-03", 5),
        ("2026-04", 1),
    ]
    assert by_month["metrics"]["groups"][0]["warning"] is None
    assert "only 1 incident" in by_month["metrics"]["groups"][1]["warning"]
    by_service = get_insights(ctx, by="service")
    groups = {g["group"]: g for g in by_service["metrics"]["groups"]}
    assert groups["api"]["incidents"] == 6 and groups["db"]["incidents"] == 1
    assert groups["db"]["metrics"]["time_to_detect"]["median"] == 120.0
    assert by_service["incidents_by_service"] == [
        {"service": "api", "count": 6},
        {"service": "db", "count": 1},
    ]
    assert by_month["incidents_per_month"] == [
        {"month": "2026-03", "severity": 3, "severity_label": "SEV-3", "count": 5},
        {"month": "2026-04", "severity": 3, "severity_label": "SEV-3", "count": 1},
    ]
    since = get_insights(ctx, since="2026-04-01")
    assert since["window"]["incidents"] == 1


def test_targets_met_per_severity(database: Database) -> None:
    ctx = context_for(database)
    # SEV-1 detect target: 300 s. Equal to the target counts as met.
    store(ctx, *(make(severity=1, detect=d) for d in (60, 300, 301, 900)), make(severity=1))
    (sev1,) = get_insights(ctx)["targets"]
    assert sev1["severity_label"] == "SEV-1"
    assert sev1["metrics"]["time_to_detect"] == {
        "target_seconds": 300,
        "measured": 4,
        "met": 2,
        "share": 0.5,
        "small_sample": True,
    }


def test_recurring_factors_and_services(database: Database) -> None:
    ctx = context_for(database)
    store(
        ctx,
        make(factors=("config drift", "retry storm"), services=("api",)),
        make(factors=("config drift",), services=("api", "db")),
        make(factors=("config drift", "retry storm"), services=("db",)),
        make(factors=("expired certificate",), services=("dns",)),
    )
    recurring = get_insights(ctx)["recurring"]
    assert recurring["factors"] == [
        {"name": "config drift", "incidents": 3},
        {"name": "retry storm", "incidents": 2},
    ]
    assert recurring["services"] == [
        {"name": "api", "incidents": 2},
        {"name": "db", "incidents": 2},
    ]


def test_action_items_per_owner_and_team(database: Database) -> None:
    now = T0 + timedelta(days=60)
    ctx = context_for(database, lambda: now, teams={"bob": "payments", "erin": "payments"})
    overdue = date(2026, 4, 1)
    store(
        ctx,
        make(
            actions=(
                action("AI-1", owner="bob", due=overdue, created=now - timedelta(days=10)),
                action("AI-2", owner="bob", status=ActionStatus.DONE),
                action("AI-3", owner="erin", status=ActionStatus.WONT_DO),
                action(
                    "AI-4", owner="erin", due=date(2026, 6, 1), created=now - timedelta(days=30)
                ),
            )
        ),
        make(actions=(action("AI-1", owner=None, status=ActionStatus.IN_PROGRESS, created=now),)),
    )
    actions = get_insights(ctx)["action_items"]
    assert actions["overall"] == {
        "created": 5,
        "done": 1,
        "wont_do": 1,
        "open": 3,
        "overdue": 1,
        "completion_rate": 0.25,
        "median_open_age_days": 10.0,
    }
    owners = {row["owner"]: row for row in actions["by_owner"]}
    assert owners["bob"]["overdue"] == 1 and owners["bob"]["completion_rate"] == 0.5
    assert owners["erin"]["median_open_age_days"] == 30.0
    assert owners[None]["open"] == 1
    teams = {row["team"]: row for row in actions["by_team"]}
    assert teams["payments"]["created"] == 4 and teams[None]["created"] == 1
    assert actions["teams_note"] is None
    assert get_insights(context_for(database))["action_items"]["by_team"] == []


def test_reviews_approved_how_fast_and_how_many_late(database: Database) -> None:
    # Resolved Monday 2026-03-02 10:00. SEV-1: due 3 days later; SEV-2: 5 business days.
    now = T0 + timedelta(days=30)
    ctx = context_for(database, lambda: now)
    approved = ReviewStatus.APPROVED
    store(
        ctx,
        make(severity=1, resolve=3600, review_status=approved, approved_after=timedelta(days=1)),
        make(severity=1, resolve=3600, review_status=approved, approved_after=timedelta(days=4)),
        make(severity=2, resolve=3600, review_status=approved, approved_after=timedelta(days=6)),
        make(severity=2, resolve=3600),  # not approved, past its deadline: late
        make(severity=3, resolve=3600),  # no deadline for SEV-3
        make(severity=1),  # not resolved: not counted
    )
    review = get_insights(ctx)["review"]
    assert review == {
        "resolved": 5,
        "approved": 3,
        "approved_share": 0.6,
        "median_days_to_approval": 4.0,
        "late": 2,  # the SEV-1 approved after 4 days, the SEV-2 never approved
    }


def test_private_incidents_are_left_out_for_others_even_in_counts(database: Database) -> None:
    ctx = context_for(database)
    store(
        ctx,
        make(detect=60, services=("api",), factors=("secret",)),
        make(detect=120, services=("vault",), factors=("secret",), private=True, people=("zoe",)),
    )
    outsider = get_insights(ctx, viewer=Viewer("mallory"))
    assert outsider["window"]["incidents"] == 1
    assert outsider["incidents_by_service"] == [{"service": "api", "count": 1}]
    assert outsider["metrics"]["overall"]["time_to_detect"]["count"] == 1
    assert outsider["recurring"]["factors"] == []
    for viewer in (Viewer("zoe"), Viewer("root", is_admin=True), None):
        assert get_insights(ctx, viewer=viewer)["window"]["incidents"] == 2
