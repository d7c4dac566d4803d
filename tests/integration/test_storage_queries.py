"""Lists across incidents: filters, keyset pages, private visibility, action items, export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from storage_factories import OpensUnitsOfWork, full_incident, minimal_incident, unique_ref

from warroom.domain.model import (
    ActionItem,
    ActionStatus,
    Incident,
    IncidentStatus,
    Milestones,
    Roles,
    ServiceImpact,
    Visibility,
)
from warroom.errors import ValidationError
from warroom.services.ports import ActionItemQuery, IncidentQuery, Viewer
from warroom.storage import Database, repository

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def store(database: OpensUnitsOfWork, *incidents: Incident) -> None:
    with database.unit_of_work() as uow:
        for incident in incidents:
            uow.incidents.add(incident)
        uow.commit()


def refs(database: OpensUnitsOfWork, **query: Any) -> list[str]:
    with database.unit_of_work(read_only=True) as uow:
        page = uow.incidents.list_incidents(IncidentQuery(**query))
    return [item.ref for item in page.items]


def newest_first(incidents: list[Incident]) -> list[str]:
    ordered = sorted(incidents, key=lambda i: (i.created_at or T0, i.ref), reverse=True)
    return [incident.ref for incident in ordered]


def test_summaries_carry_the_listed_fields(any_database: OpensUnitsOfWork) -> None:
    incident = full_incident()
    incident.visibility = Visibility.PUBLIC
    store(any_database, incident)

    with any_database.unit_of_work(read_only=True) as uow:
        page = uow.incidents.list_incidents(IncidentQuery())

    (summary,) = page.items
    assert page.next is None
    assert (summary.ref, summary.title, summary.severity) == (incident.ref, incident.title, 1)
    assert (summary.status, summary.review_status) == (incident.status, incident.review_status)
    assert summary.visibility is Visibility.PUBLIC
    assert summary.services == ("payments-api", "web")
    assert summary.commander == "alice"
    assert summary.started == incident.milestones.started
    assert summary.resolved == incident.milestones.resolved
    assert (summary.created_at, summary.updated_at) == (incident.created_at, incident.updated_at)


def test_filters(any_database: OpensUnitsOfWork) -> None:
    a = minimal_incident(severity=1, services=[ServiceImpact("api"), ServiceImpact("db")])
    a.milestones = Milestones(started=T0 + timedelta(days=1))
    b = minimal_incident(severity=2, status=IncidentStatus.RESOLVED)
    b.services = [ServiceImpact("db")]
    b.milestones = Milestones(started=T0 + timedelta(days=5))
    c = minimal_incident(severity=3, status=IncidentStatus.CLOSED, created_at=T0 + timedelta(9))
    store(any_database, a, b, c)  # c has no start: it is dated by its creation

    assert refs(any_database, statuses=(IncidentStatus.RESOLVED, IncidentStatus.CLOSED)) == [
        r for r in refs(any_database) if r in (b.ref, c.ref)
    ]
    assert refs(any_database, severities=(1, 3)) == [r for r in refs(any_database) if r != b.ref]
    assert set(refs(any_database, service="db")) == {a.ref, b.ref}
    assert refs(any_database, service="api") == [a.ref]
    assert refs(any_database, service="nothing") == []
    assert set(refs(any_database, since=T0 + timedelta(days=5))) == {b.ref, c.ref}
    assert refs(any_database, until=T0 + timedelta(days=5)) == [a.ref]
    window = {"since": T0 + timedelta(days=2), "until": T0 + timedelta(days=10)}
    assert set(refs(any_database, **window)) == {b.ref, c.ref}
    assert refs(any_database, service="db", severities=(2,), **window) == [b.ref]


def test_pages_walk_every_incident_exactly_once_newest_first(
    any_database: OpensUnitsOfWork,
) -> None:
    # Several incidents share a creation time: the ref breaks the tie.
    incidents = [minimal_incident(created_at=T0 + timedelta(hours=i % 4)) for i in range(23)]
    store(any_database, *incidents)

    seen: list[str] = []
    after: str | None = None
    pages = 0
    with any_database.unit_of_work(read_only=True) as uow:
        while True:
            page = uow.incidents.list_incidents(IncidentQuery(limit=5, after=after))
            pages += 1
            seen.extend(item.ref for item in page.items)
            if page.next is None:
                break
            assert page.next == page.items[-1].ref
            after = page.next

    assert seen == newest_first(incidents)
    assert pages == 5


def test_a_full_last_page_has_no_next(any_database: OpensUnitsOfWork) -> None:
    store(any_database, *(minimal_incident() for _ in range(4)))
    with any_database.unit_of_work(read_only=True) as uow:
        first = uow.incidents.list_incidents(IncidentQuery(limit=2))
        second = uow.incidents.list_incidents(IncidentQuery(limit=2, after=first.next))
        with pytest.raises(ValidationError):
            uow.incidents.list_incidents(IncidentQuery(limit=0))
    assert first.next is not None and len(second.items) == 2 and second.next is None


def test_integers_beyond_32_bits_match_nothing_rather_than_fail(
    any_database: OpensUnitsOfWork,
) -> None:
    incident = minimal_incident(severity=2)
    incident.action_items = [ActionItem("AI-1", "one")]
    store(any_database, incident)
    assert refs(any_database, severities=(2**40, -(2**40))) == []
    assert refs(any_database, severities=(2, 2**40)) == [incident.ref]
    assert refs(any_database, limit=2**63) == [incident.ref]
    with any_database.unit_of_work(read_only=True) as uow:
        assert len(uow.incidents.list_action_items(ActionItemQuery(limit=2**63))) == 1


def test_list_reads_two_queries_whatever_the_page_size(
    database: Database, count_statements: Callable[..., Any]
) -> None:
    store(database, *(full_incident() for _ in range(12)))
    with database.unit_of_work() as uow, count_statements(database.engine) as statements:
        page = uow.incidents.list_incidents(IncidentQuery(limit=10))
    assert len(page.items) == 10
    assert len(statements) == 2
    assert "record" not in statements[0]


@pytest.fixture
def private_incidents(any_database: OpensUnitsOfWork) -> dict[str, Incident]:
    public = minimal_incident(title="public", created_at=T0)
    led = minimal_incident(title="led", visibility=Visibility.PRIVATE, created_at=T0)
    led.roles = Roles(commander="alice", responders=["bob"])
    reviewed = minimal_incident(title="reviewed", visibility=Visibility.PRIVATE, created_at=T0)
    reviewed.roles = Roles(reviewers=["carol", "alice"])
    for incident in (public, led, reviewed):
        incident.action_items = [ActionItem("AI-1", f"item of {incident.title}", owner="zed")]
    store(any_database, public, led, reviewed)
    return {i.title: i for i in (public, led, reviewed)}


VISIBLE = [
    (None, {"public", "led", "reviewed"}),
    (Viewer("root", is_admin=True), {"public", "led", "reviewed"}),
    (Viewer("alice"), {"public", "led", "reviewed"}),
    (Viewer("bob"), {"public", "led"}),
    (Viewer("carol"), {"public", "reviewed"}),
    (Viewer("mallory"), {"public"}),
]


@pytest.mark.parametrize(("viewer", "titles"), VISIBLE)
def test_private_incidents_are_seen_only_by_participants_and_admins(
    any_database: OpensUnitsOfWork,
    private_incidents: dict[str, Incident],
    viewer: Viewer | None,
    titles: set[str],
) -> None:
    by_ref = {incident.ref: title for title, incident in private_incidents.items()}
    with any_database.unit_of_work(read_only=True) as uow:
        listed = uow.incidents.list_incidents(IncidentQuery(viewer=viewer)).items
        items = uow.incidents.list_action_items(ActionItemQuery(viewer=viewer))
        exported = list(uow.incidents.iter_all(viewer=viewer))
    assert {by_ref[summary.ref] for summary in listed} == titles
    assert {by_ref[row.ref] for row in items} == titles
    assert {incident.title for incident in exported} == titles


def test_action_items_overdue_owner_status_and_order(any_database: OpensUnitsOfWork) -> None:
    today = date(2026, 6, 15)
    first = minimal_incident(title="first")
    first.action_items = [
        ActionItem("AI-1", "late", owner="ann", due=date(2026, 6, 1)),
        ActionItem("AI-2", "late but done", owner="ann", due=date(2026, 5, 1)),
        ActionItem("AI-3", "no date", owner="ben", status=ActionStatus.IN_PROGRESS),
    ]
    first.action_items[1].status = ActionStatus.DONE
    second = minimal_incident(title="second")
    second.action_items = [
        ActionItem("AI-1", "due later", owner="ann", due=date(2026, 7, 1)),
        ActionItem("AI-2", "late, started", owner="ben", due=date(2026, 6, 14)),
        ActionItem("AI-3", "declined", due=date(2026, 1, 1), status=ActionStatus.WONT_DO),
    ]
    store(any_database, first, second)

    def titles(**query: Any) -> list[str]:
        with any_database.unit_of_work(read_only=True) as uow:
            rows = uow.incidents.list_action_items(ActionItemQuery(**query))
        return [row.item.title for row in rows]

    assert titles() == [
        "declined",
        "late but done",
        "late",
        "late, started",
        "due later",
        "no date",
    ]
    assert titles(overdue_on=today) == ["late", "late, started"]
    assert titles(owner="ann") == ["late but done", "late", "due later"]
    assert titles(owner="ben", overdue_on=today) == ["late, started"]
    assert titles(statuses=(ActionStatus.DONE, ActionStatus.WONT_DO)) == [
        "declined",
        "late but done",
    ]
    assert titles(ref=second.ref) == ["declined", "late, started", "due later"]
    assert titles(limit=2) == ["declined", "late but done"]
    with any_database.unit_of_work(read_only=True) as uow:
        (row,) = uow.incidents.list_action_items(ActionItemQuery(ref=first.ref, owner="ben"))
    assert (row.ref, row.incident_title) == (first.ref, "first")
    assert row.item == first.action_items[2]


def test_iter_all_gives_whole_incidents_oldest_first_in_batches(
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    count_statements: Callable[..., Any],
) -> None:
    monkeypatch.setattr(repository, "ITER_BATCH_SIZE", 2)
    incidents = [full_incident(unique_ref()) for _ in range(5)]
    for i, incident in enumerate(incidents):
        incident.created_at = T0 + timedelta(hours=(5 - i) // 2)  # ties, out of ref order
    store(database, *incidents)

    with database.unit_of_work() as uow, count_statements(database.engine) as statements:
        exported = list(uow.incidents.iter_all())

    expected = sorted(incidents, key=lambda i: (i.created_at or T0, i.ref))
    assert exported == expected
    assert len(statements) == 3 * 7  # three batches: incidents + six child tables each
