import copy
from datetime import UTC, date, datetime, timedelta

import pytest

from warroom.domain import incident as rules
from warroom.domain.model import (
    ActionStatus,
    EventKind,
    Horizon,
    Incident,
    IncidentStatus,
    Source,
    TimelineEvent,
)
from warroom.errors import NotFoundError, ValidationError

T0 = datetime(2026, 11, 20, 14, 2, tzinfo=UTC)


def minutes(n: int) -> datetime:
    return T0 + timedelta(minutes=n)


def make_incident() -> Incident:
    incident = Incident(ref="INC-2026-11-20-001", title="Checkout 500s", severity=1)
    rules.set_milestone(incident, "started", T0)
    return incident


def test_status_moves_forward_and_sets_milestones() -> None:
    incident = make_incident()
    rules.change_status(incident, IncidentStatus.MONITORING, minutes(33))
    assert incident.milestones.mitigated == minutes(33)
    rules.change_status(incident, IncidentStatus.RESOLVED, minutes(68))
    assert incident.milestones.resolved == minutes(68)
    kinds = [e.kind for e in incident.timeline]
    assert kinds.count(EventKind.STATUS_CHANGE) == 2
    assert all(e.source is Source.SYSTEM for e in incident.timeline)


def test_status_keeps_a_milestone_already_set() -> None:
    incident = make_incident()
    rules.set_milestone(incident, "mitigated", minutes(20))
    rules.change_status(incident, IncidentStatus.MONITORING, minutes(33))
    assert incident.milestones.mitigated == minutes(20)


def test_status_cannot_move_back() -> None:
    incident = make_incident()
    rules.change_status(incident, IncidentStatus.RESOLVED, minutes(60))
    before = copy.deepcopy(incident)
    with pytest.raises(ValidationError, match="reopen") as err:
        rules.change_status(incident, IncidentStatus.INVESTIGATING, minutes(70))
    assert err.value.field == "status"
    assert incident == before


def test_status_same_is_refused() -> None:
    incident = make_incident()
    with pytest.raises(ValidationError, match="already investigating"):
        rules.change_status(incident, IncidentStatus.INVESTIGATING, minutes(1))


def test_resolving_before_start_is_refused_and_nothing_changes() -> None:
    incident = make_incident()
    before = copy.deepcopy(incident)
    with pytest.raises(ValidationError, match="cannot be before started"):
        rules.change_status(incident, IncidentStatus.RESOLVED, minutes(-10))
    assert incident == before


def test_reopen_clears_resolution_and_is_recorded() -> None:
    incident = make_incident()
    rules.change_status(incident, IncidentStatus.RESOLVED, minutes(60))
    rules.reopen(incident, minutes(90), reason="errors are back")
    assert incident.status is IncidentStatus.INVESTIGATING
    assert incident.milestones.resolved is None
    assert "Reopened" in incident.timeline[-1].text
    assert "errors are back" in incident.timeline[-1].text


def test_reopen_an_open_incident_is_refused() -> None:
    with pytest.raises(ValidationError, match="only a resolved or closed"):
        rules.reopen(make_incident(), minutes(5))


@pytest.mark.parametrize(
    ("name", "offset", "message"),
    [
        ("detected", -1, "detected .* cannot be before started"),
        ("mitigated", -5, "mitigated .* cannot be before started"),
        ("declared", -5, "declared .* cannot be before started"),
    ],
)
def test_milestone_order_is_enforced(name: str, offset: int, message: str) -> None:
    incident = make_incident()
    with pytest.raises(ValidationError, match=message) as err:
        rules.set_milestone(incident, name, minutes(offset))
    assert err.value.field == f"milestones.{name}"
    assert incident.milestones.get(name) is None


def test_acknowledged_not_before_detected_and_resolved_not_before_mitigated() -> None:
    incident = make_incident()
    rules.set_milestone(incident, "detected", minutes(4))
    with pytest.raises(ValidationError, match="acknowledged"):
        rules.set_milestone(incident, "acknowledged", minutes(3))
    rules.set_milestone(incident, "mitigated", minutes(30))
    with pytest.raises(ValidationError, match="resolved"):
        rules.set_milestone(incident, "resolved", minutes(29))
    with pytest.raises(ValidationError, match="started"):
        rules.set_milestone(incident, "started", minutes(5))


def test_equal_milestones_are_fine_and_each_change_is_on_the_timeline() -> None:
    incident = make_incident()
    rules.set_milestone(incident, "detected", T0)
    rules.set_milestone(incident, "detected", minutes(4))
    texts = [e.text for e in incident.timeline]
    assert "Detected" in texts
    assert any(t.startswith("Detected moved from") for t in texts)


def test_unknown_milestone() -> None:
    with pytest.raises(ValidationError, match="unknown milestone"):
        rules.set_milestone(make_incident(), "finished", T0)


def test_roles_assign_hand_over_and_accumulate() -> None:
    incident = make_incident()
    rules.assign_role(incident, "technical-lead", "bob", minutes(1))
    rules.assign_role(incident, "tech lead", "carol", minutes(2))
    rules.assign_role(incident, "responder", "dan", minutes(3))
    rules.assign_role(incident, "responders", "erin", minutes(3))
    assert incident.roles.technical_lead == "carol"
    assert incident.roles.responders == ["dan", "erin"]
    assert "handed from bob to carol" in incident.timeline[-3].text.lower()
    assert incident.participants == {"carol", "dan", "erin"}
    with pytest.raises(ValidationError, match="unknown role"):
        rules.assign_role(incident, "janitor", "x", minutes(4))


def test_severity_change_is_recorded() -> None:
    incident = make_incident()
    rules.change_severity(incident, 2, minutes(10), "SEV-2")
    assert incident.severity == 2
    assert incident.timeline[-1].text == "Severity lowered from 1 to SEV-2"
    with pytest.raises(ValidationError):
        rules.change_severity(incident, 2, minutes(11), "SEV-2")


def test_timeline_stays_in_time_order() -> None:
    incident = make_incident()
    rules.add_event(incident, TimelineEvent(at=minutes(30), text="late"))
    rules.add_event(incident, TimelineEvent(at=minutes(10), text="early"))
    assert [e.text for e in incident.timeline][-2:] == ["early", "late"]
    with pytest.raises(ValidationError, match="empty"):
        rules.add_event(incident, TimelineEvent(at=minutes(1), text="  "))


def test_action_items_keys_horizon_due_and_wont_do_reason() -> None:
    incident = make_incident()
    first = rules.add_action_item(incident, "Alert on 5xx", created_at=minutes(0))
    second = rules.add_action_item(incident, "Canary deploys", created_at=T0, horizon=Horizon.SHORT)
    assert (first.key, second.key) == ("AI-1", "AI-2")
    assert second.due == date(2026, 12, 20)
    with pytest.raises(ValidationError, match="reason") as err:
        rules.set_action_status(first, ActionStatus.WONT_DO, minutes(5))
    assert err.value.field == "reason"
    assert first.status is ActionStatus.OPEN
    rules.set_action_status(first, ActionStatus.WONT_DO, minutes(5), reason="covered by AI-2")
    assert first.reason == "covered by AI-2" and first.completed_at == minutes(5)
    assert rules.find_action_item(incident, "2") is second
    with pytest.raises(NotFoundError):
        rules.find_action_item(incident, "AI-9")


def test_action_item_overdue() -> None:
    incident = make_incident()
    item = rules.add_action_item(incident, "x", created_at=T0)
    item.due = date(2026, 11, 21)
    assert item.is_overdue(date(2026, 11, 22))
    assert not item.is_overdue(date(2026, 11, 21))
    rules.set_action_status(item, ActionStatus.DONE, minutes(1))
    assert not item.is_overdue(date(2026, 11, 22))


def test_factor_link_must_exist() -> None:
    with pytest.raises(ValidationError, match="no contributing factor"):
        rules.add_action_item(make_incident(), "x", created_at=T0, factor="nope")


def test_check_incident_whole_record() -> None:
    incident = make_incident()
    rules.check_incident(incident, max_severity=4)
    incident.severity = 7
    with pytest.raises(ValidationError, match="outside the scale"):
        rules.check_incident(incident, max_severity=4)
