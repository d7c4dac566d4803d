"""The audit log's field-by-field diff of two records."""

from __future__ import annotations

from copy import deepcopy
from datetime import UTC, datetime

from warroom.domain.audit import FieldChange, diff_records
from warroom.domain.model import ActionItem, Incident, ServiceImpact, TimelineEvent
from warroom.domain.record import to_record

AT = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


def incident() -> Incident:
    return Incident(
        ref="INC-2026-11-20-001",
        title="Checkout down",
        severity=2,
        services=[ServiceImpact("checkout-api"), ServiceImpact("payments")],
        timeline=[TimelineEvent(at=AT, text="Started")],
        action_items=[ActionItem(key="AI-1", title="Alert"), ActionItem(key="AI-2", title="Fix")],
    )


def test_nested_fields_are_named_by_path() -> None:
    before = incident()
    after = deepcopy(before)
    after.milestones.resolved = AT
    after.roles.commander = "alice"
    after.impact.data_loss.value = True
    after.version = 7  # stamps are not changes
    assert diff_records(to_record(before), to_record(after)) == [
        FieldChange("milestones.resolved", None, "2026-11-20T14:00:00Z"),
        FieldChange("roles.commander", None, "alice"),
        FieldChange("impact.data_loss.value", None, True),
    ]


def test_keyed_lists_are_matched_by_key_or_name() -> None:
    before = incident()
    after = deepcopy(before)
    after.action_items[1].status = after.action_items[1].status.DONE
    del after.action_items[0]
    after.services[0].impact = "500s"
    changes = diff_records(to_record(before), to_record(after))
    assert [c.field for c in changes] == [
        "services[checkout-api].impact",
        "action_items[AI-1]",
        "action_items[AI-2].status",
    ]
    assert changes[1].new is None and changes[1].old["title"] == "Alert"
    assert (changes[2].old, changes[2].new) == ("open", "done")


def test_added_timeline_entries_are_one_change_each() -> None:
    before = incident()
    after = deepcopy(before)
    after.timeline.append(TimelineEvent(at=AT, text="Rolled back"))
    after.regions = ["eu-west-1"]
    changes = diff_records(to_record(before), to_record(after))
    assert [c.field for c in changes] == ["regions[0]", "timeline[1]"]
    assert changes[1].old is None and changes[1].new["text"] == "Rolled back"


def test_equal_records_have_no_changes() -> None:
    assert diff_records(to_record(incident()), to_record(incident())) == []
