"""action-no-owner, action-no-due, action-wont-do-no-reason."""

from __future__ import annotations

import pytest

from tests.unit.lint.lint_factories import complete_incident, lint_record, make_action, of_rule
from warroom.domain.model import ActionStatus
from warroom.importers.result import ImportResult
from warroom.lint import Level, LintSettings, lint_incident


@pytest.mark.parametrize("owner", [None, "", "[Name]", "TBD", "Name", "unassigned", "the team"])
def test_open_item_without_owner_is_an_error(owner: str | None) -> None:
    incident = complete_incident(action_items=[make_action("AI-2", owner=owner)])
    [found] = of_rule(lint_record(incident), "action-no-owner")
    assert found.level == Level.ERROR
    assert found.message.startswith("AI-2 ")
    assert found.message.endswith("has no owner")
    assert found.field == "action_items[0].owner"


def test_owned_and_finished_items_pass_the_owner_rule() -> None:
    items = [
        make_action("AI-1", owner="Alice Chen"),
        make_action("AI-2", owner=None, status=ActionStatus.DONE),
    ]
    assert of_rule(lint_record(complete_incident(action_items=items)), "action-no-owner") == []


def test_open_item_without_due_date_is_a_warning() -> None:
    incident = complete_incident(
        action_items=[
            make_action("AI-1"),
            make_action("AI-2", due=None, status=ActionStatus.IN_PROGRESS),
        ]
    )
    [found] = of_rule(lint_record(incident), "action-no-due")
    assert (found.level, found.field) == (Level.WARNING, "action_items[1].due")


def test_items_with_due_dates_or_done_pass_the_due_rule() -> None:
    items = [
        make_action("AI-1"),
        make_action("AI-2", due=None, status=ActionStatus.WONT_DO, reason="Superseded by AI-1"),
    ]
    assert of_rule(lint_record(complete_incident(action_items=items)), "action-no-due") == []


@pytest.mark.parametrize("reason", [None, "", "  ", "TBD"])
def test_wont_do_without_reason_is_an_error(reason: str | None) -> None:
    item = make_action("AI-3", status=ActionStatus.WONT_DO, reason=reason)
    [found] = of_rule(
        lint_record(complete_incident(action_items=[item])), "action-wont-do-no-reason"
    )
    assert found.level == Level.ERROR
    assert "AI-3" in found.message


def test_wont_do_with_reason_passes() -> None:
    item = make_action("AI-3", status=ActionStatus.WONT_DO, reason="Risk accepted by the CTO")
    assert (
        of_rule(lint_record(complete_incident(action_items=[item])), "action-wont-do-no-reason")
        == []
    )


def test_the_line_comes_from_the_importers_line_fields() -> None:
    incident = complete_incident(
        action_items=[make_action("AI-1"), make_action("AI-2", owner=None)]
    )
    source = ImportResult(
        incident=incident,
        format_name="freeform",
        line_fields={40: "action_items[0]", 41: "action_items[1]", 42: "action_items[1].due"},
    )
    findings = lint_incident(incident, settings=LintSettings(), source=source)
    assert [(f.rule, f.line) for f in findings] == [("action-no-owner", 41)]
