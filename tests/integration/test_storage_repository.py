"""The incident repository on SQLite and PostgreSQL: round trip, versions, conflicts, rollback."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from storage_factories import (
    NEW_YORK,
    OpensUnitsOfWork,
    fields_left_at_default,
    full_incident,
    minimal_incident,
)

from warroom.domain.audit import AuditEntry
from warroom.domain.model import (
    EventKind,
    Incident,
    IncidentStatus,
    ServiceImpact,
    TimelineEvent,
)
from warroom.errors import ConflictError, NotFoundError, StaleVersionError, StorageError
from warroom.storage import Database


def store(database: OpensUnitsOfWork, *incidents: Incident) -> None:
    with database.unit_of_work() as uow:
        for incident in incidents:
            uow.incidents.add(incident)
        uow.commit()


def load(database: OpensUnitsOfWork, ref: str) -> Incident:
    with database.unit_of_work(read_only=True) as uow:
        incident: Incident = uow.incidents.get(ref)
    return incident


def test_the_full_incident_sets_every_field_of_the_model() -> None:
    # Guard for the round trip below: a field added to the model must be set
    # here (and stored) before that test means anything again.
    assert fields_left_at_default(full_incident()) == []


def test_a_fully_populated_incident_comes_back_equal(any_database: OpensUnitsOfWork) -> None:
    incident = full_incident()
    store(any_database, copy.deepcopy(incident))

    loaded = load(any_database, incident.ref)

    assert loaded == incident
    assert fields_left_at_default(loaded) == []


def test_times_come_back_as_the_same_instants_in_utc(database: Database) -> None:
    incident = full_incident()
    store(database, copy.deepcopy(incident))

    loaded = load(database, incident.ref)

    times = [
        *(moment for _, moment in loaded.milestones.items()),
        *(event.at for event in loaded.timeline),
        loaded.action_items[0].created_at,
        loaded.action_items[0].completed_at,
        loaded.communications[0].at,
        loaded.review.meeting_at,
        loaded.created_at,
        loaded.updated_at,
    ]
    assert all(moment is not None and moment.tzinfo is UTC for moment in times)
    assert loaded.milestones.acknowledged == incident.milestones.acknowledged
    assert incident.milestones.acknowledged is not None
    assert incident.milestones.acknowledged.tzinfo is NEW_YORK
    assert loaded.milestones.started is not None
    assert loaded.milestones.started.isoformat() == "2026-11-20T13:05:07.123456+00:00"


def test_get_of_an_unknown_ref_is_not_found(any_database: OpensUnitsOfWork) -> None:
    with (
        any_database.unit_of_work() as uow,
        pytest.raises(NotFoundError, match="no incident INC-X"),
    ):
        uow.incidents.get("INC-X")


def test_exists(any_database: OpensUnitsOfWork) -> None:
    incident = minimal_incident()
    store(any_database, incident)
    with any_database.unit_of_work(read_only=True) as uow:
        assert uow.incidents.exists(incident.ref)
        assert not uow.incidents.exists("INC-NOPE")


def test_add_sets_missing_stamps(any_database: OpensUnitsOfWork) -> None:
    incident = minimal_incident()
    before = datetime.now(UTC)
    store(any_database, incident)
    assert incident.created_at is not None and incident.created_at >= before
    assert incident.updated_at == incident.created_at
    assert load(any_database, incident.ref) == incident


def test_adding_a_taken_ref_is_a_conflict_and_the_unit_of_work_goes_on(
    any_database: OpensUnitsOfWork,
) -> None:
    first = minimal_incident(title="first")
    store(any_database, first)

    with any_database.unit_of_work() as uow:
        with pytest.raises(ConflictError, match=f"incident {first.ref} already exists"):
            uow.incidents.add(minimal_incident(first.ref, title="second"))
        # The failed insert ran in a savepoint: the transaction is still usable.
        other = minimal_incident()
        uow.incidents.add(other)
        uow.commit()

    assert load(any_database, first.ref).title == "first"
    assert load(any_database, other.ref) == other


def test_a_write_the_schema_refuses_is_a_storage_error_not_a_conflict(database: Database) -> None:
    broken = minimal_incident()
    broken.title = None  # type: ignore[assignment]
    with database.unit_of_work() as uow, pytest.raises(StorageError) as raised:
        uow.incidents.add(broken)
    assert raised.value.message.startswith(f"the database at {database.display_url} refused")
    assert "title" in raised.value.message


def test_save_rewrites_the_incident_and_bumps_the_version(any_database: OpensUnitsOfWork) -> None:
    incident = full_incident()
    store(any_database, incident)
    with any_database.unit_of_work() as uow:
        current = uow.incidents.get(incident.ref)
        current.title = "Payments API outage"
        current.status = IncidentStatus.RESOLVED
        current.services = [ServiceImpact("ledger", "slow")]
        current.timeline.append(
            TimelineEvent(datetime(2026, 11, 21, tzinfo=UTC), "Note", EventKind.NOTE)
        )
        current.roles.responders = ["zoe"]
        current.roles.scribe = None
        current.action_items.pop()
        current.analysis.contributing_factors = []
        current.communications.reverse()
        current.labels = {"z": "1", "a": "2"}
        uow.incidents.save(current, expected_version=3)
        uow.commit()

    assert current.version == 4
    assert current.updated_at is not None
    assert abs(datetime.now(UTC) - current.updated_at) < timedelta(minutes=1)
    assert load(any_database, incident.ref) == current


def test_save_on_a_stale_version_writes_nothing(any_database: OpensUnitsOfWork) -> None:
    incident = minimal_incident()
    store(any_database, incident)
    with any_database.unit_of_work() as uow:
        mine = uow.incidents.get(incident.ref)
        theirs = copy.deepcopy(mine)
        theirs.title = "theirs"
        uow.incidents.save(theirs, expected_version=1)
        uow.commit()

    mine.title = "mine"
    mine.services = [ServiceImpact("should-not-land")]
    with any_database.unit_of_work() as uow:
        with pytest.raises(StaleVersionError) as raised:
            uow.incidents.save(mine, expected_version=1)
        uow.commit()

    error = raised.value
    assert (error.expected, error.actual, error.changes) == (1, 2, [])
    assert incident.ref in error.message and "version 1" in error.message
    assert "version is 2" in error.message
    assert mine.version == 1
    assert load(any_database, incident.ref) == theirs


@pytest.mark.parametrize("version", [-1, 2**31, 2**63])
def test_save_on_an_impossible_version_is_stale(
    any_database: OpensUnitsOfWork, version: int
) -> None:
    incident = minimal_incident()
    store(any_database, incident)
    with any_database.unit_of_work() as uow, pytest.raises(StaleVersionError) as raised:
        uow.incidents.save(incident, expected_version=version)
    assert (raised.value.expected, raised.value.actual) == (version, 1)


def test_save_of_an_unknown_incident_is_not_found(any_database: OpensUnitsOfWork) -> None:
    with any_database.unit_of_work() as uow, pytest.raises(NotFoundError):
        uow.incidents.save(minimal_incident(), expected_version=1)


def test_an_exception_inside_the_unit_of_work_writes_nothing(
    any_database: OpensUnitsOfWork,
) -> None:
    incident = minimal_incident()
    with pytest.raises(RuntimeError), any_database.unit_of_work() as uow:
        uow.incidents.add(incident)
        uow.incidents.next_sequence("2026-11-20")
        raise RuntimeError("boom")

    with any_database.unit_of_work() as uow:
        assert not uow.incidents.exists(incident.ref)
        assert uow.incidents.next_sequence("2026-11-20") == 1


def test_leaving_without_commit_and_explicit_rollback_write_nothing(
    any_database: OpensUnitsOfWork,
) -> None:
    kept, dropped, forgotten = minimal_incident(), minimal_incident(), minimal_incident()
    with any_database.unit_of_work() as uow:
        uow.incidents.add(kept)
        uow.commit()
        uow.incidents.add(dropped)
        uow.rollback()
    with any_database.unit_of_work() as uow:
        uow.incidents.add(forgotten)

    with any_database.unit_of_work(read_only=True) as uow:
        assert [uow.incidents.exists(i.ref) for i in (kept, dropped, forgotten)] == [
            True,
            False,
            False,
        ]


def test_sequences_count_per_scope(any_database: OpensUnitsOfWork) -> None:
    with any_database.unit_of_work() as uow:
        numbers = [uow.incidents.next_sequence(s) for s in ("2026-11-20", "2026-11-20", "2026")]
        uow.commit()
    with any_database.unit_of_work() as uow:
        numbers.append(uow.incidents.next_sequence("2026-11-20"))
        uow.commit()
    assert numbers == [1, 2, 1, 3]


def test_get_reads_each_table_once(
    database: Database, count_statements: Callable[..., Any]
) -> None:
    incident = full_incident()
    store(database, incident)
    with database.unit_of_work() as uow, count_statements(database.engine) as statements:
        uow.incidents.get(incident.ref)
    assert len(statements) == 7  # incidents + six child tables


def test_a_reader_is_not_blocked_by_a_writer(database: Database) -> None:
    incident = minimal_incident()
    store(database, incident)
    started = datetime.now(UTC)
    with database.unit_of_work() as writer:
        writer.incidents.next_sequence("held")  # holds the write lock on SQLite
        with database.unit_of_work(read_only=True) as reader:
            assert reader.incidents.get(incident.ref) == incident
    assert datetime.now(UTC) - started < timedelta(seconds=5)


@pytest.mark.parametrize("after", [-(2**40), 2**31, 2**63])
def test_audit_versions_beyond_32_bits_are_read_not_refused(database: Database, after: int) -> None:
    entry = AuditEntry("INC-A", 1, datetime(2026, 1, 1, tzinfo=UTC), "al", "declare", ())
    with database.unit_of_work() as uow:
        uow.audit.add(entry)
        uow.commit()
    with database.unit_of_work(read_only=True) as uow:
        found = uow.audit.list_for("INC-A", after_version=after, limit=2**63)
    assert found == ([entry] if after < 0 else [])
