"""The use cases on real databases: references under concurrency, versions, round trips."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from functools import partial

import pytest

from warroom.config import Settings
from warroom.domain.model import IncidentStatus
from warroom.errors import StaleVersionError
from warroom.services import incidents as svc
from warroom.services.context import Context
from warroom.services.incidents import DeclareIncident, NewTimelineEvent
from warroom.services.transfer import export_records, store_incidents
from warroom.storage import Database

CLOCK = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def context_for(database: Database, **settings: str) -> Context:
    return Context(
        settings=Settings.load(environ={}, database_url=database.url, **settings),
        uow=database.unit_of_work,
        reader=partial(database.unit_of_work, read_only=True),
        clock=lambda: CLOCK,
    )


def test_eight_processes_declaring_at_once_get_eight_references(database: Database) -> None:
    env = {**os.environ, "WARROOM_DATABASE_URL": database.url, "WARROOM_USER": "racer"}
    command = [
        sys.executable,
        "-m",
        "warroom",
        "declare",
        "Race",
        "--severity",
        "2",
        "--started-at",
        "2026-11-20 14:00",
    ]
    processes = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(8)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [p.returncode for p in processes] == [0] * 8, [err for _, err in outputs]
    refs = sorted(out.splitlines()[0] for out, _ in outputs)
    assert refs == [f"INC-2026-11-20-{n:03d}" for n in range(1, 9)]


def test_reference_styles(database: Database) -> None:
    ctx = context_for(database, ref_style="INC-YYYY-NNNN")
    first = svc.declare_incident(ctx, DeclareIncident("a", 1, started_at="2026-03-01 10:00"))
    second = svc.declare_incident(ctx, DeclareIncident("b", 1, started_at="2026-11-01 10:00"))
    assert (first.incident.ref, second.incident.ref) == ("INC-2026-0001", "INC-2026-0002")
    compact = context_for(database, ref_style="INC-YYYYMMDD-###", ref_prefix="OPS")
    third = svc.declare_incident(compact, DeclareIncident("c", 1, started_at="2026-11-01 10:00"))
    assert third.incident.ref == "OPS-20261101-001"


def test_stale_version_is_refused_and_nothing_is_written(database: Database) -> None:
    ctx = context_for(database)
    ref = svc.declare_incident(ctx, DeclareIncident("x", 1, started_at="14:00")).incident.ref
    seen = svc.get_incident(ctx, ref).version
    svc.add_timeline_event(ctx, ref, NewTimelineEvent("someone else", at="14:10"))
    with pytest.raises(StaleVersionError) as err:
        svc.add_timeline_event(
            ctx, ref, NewTimelineEvent("mine", at="14:11"), expected_version=seen
        )
    assert err.value.expected == seen and err.value.actual == seen + 1
    texts = [e.text for e in svc.get_incident(ctx, ref).timeline]
    assert "someone else" in texts and "mine" not in texts


def test_time_zone_input_survives_the_round_trip(database: Database) -> None:
    ctx = context_for(database, timezone="Europe/Berlin")
    outcome = svc.declare_incident(ctx, DeclareIncident("tz", 1, started_at="2026-07-01 14:00"))
    assert any("no zone given" in note for note in outcome.notes)
    stored = svc.get_incident(ctx, outcome.incident.ref)
    assert stored.milestones.started == datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert stored.milestones.started.tzinfo is not None


def test_status_to_resolved_through_storage(database: Database) -> None:
    ctx = context_for(database)
    ref = svc.declare_incident(ctx, DeclareIncident("x", 1, started_at="14:00")).incident.ref
    svc.change_status(ctx, ref, "monitoring", at="14:20")
    svc.change_status(ctx, ref, IncidentStatus.RESOLVED, at="14:50")
    stored = svc.get_incident(ctx, ref)
    assert stored.milestones.mitigated == datetime(2026, 11, 20, 14, 20, tzinfo=UTC)
    assert stored.milestones.resolved == datetime(2026, 11, 20, 14, 50, tzinfo=UTC)


def test_export_import_into_an_empty_database_is_identical(database: Database, tmp_path) -> None:
    from warroom.storage import open_database

    ctx = context_for(database)
    for title in ("one", "two"):
        ref = svc.declare_incident(
            ctx, DeclareIncident(title, 2, services=["api"], commander="alice")
        ).incident.ref
        svc.add_timeline_event(ctx, ref, NewTimelineEvent("rolled back", at="14:30"))
    exported = list(export_records(ctx))
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        target = context_for(other)
        from warroom.domain.record import from_record

        store_incidents(target, [from_record(json.loads(json.dumps(r))) for r in exported])
        assert list(export_records(target)) == exported
    finally:
        other.dispose()
