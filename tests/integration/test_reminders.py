"""``remind`` at chosen clock times: what is due when, sent once, even from several processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from followup_factories import action, context_for, make, store

from warroom.domain.model import ReviewStatus
from warroom.integrations.webhooks import add_webhook, list_deliveries
from warroom.services.actions import ActionItemChange, update_action_item
from warroom.services.context import Context
from warroom.services.ports import UnitOfWork
from warroom.services.reminders import Reminder, due_reminders, send_reminders
from warroom.storage import Database

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def at(day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def seed(database: Database) -> tuple[Context, list[str]]:
    ctx = context_for(database, lambda: at(1))
    refs = store(
        ctx,
        # AI-1 due Tuesday 10 March: overdue from Wednesday 11 March.
        make(started=MONDAY, actions=(action("AI-1", owner="bob", due=date(2026, 3, 10)),)),
        # SEV-1 resolved Monday 10:00: its review is due Thursday 5 March 10:00.
        make(started=MONDAY, severity=1, resolve=3600),
        # SEV-2 resolved Friday 6 March 10:00: 5 business days -> Friday 13 March 10:00.
        make(started=at(6), severity=2, resolve=3600),
        # Review meeting Tuesday 3 March 09:00: follow-ups on 10 and 17 March...
        make(started=MONDAY, review_status=ReviewStatus.APPROVED, meeting_at=at(3)),
    )
    return ctx, refs


def kinds(reminders: list[Reminder]) -> list[tuple[str, str, str]]:
    return sorted((r.kind, r.ref, r.step) for r in reminders)


def test_what_is_due_at_each_moment_is_sent_once(database: Database) -> None:
    ctx, (actions, sev1, sev2, met) = seed(database)
    assert send_reminders(ctx, at=at(5, 9, 59)) == []
    late = send_reminders(ctx, at=at(5, 10, 1))
    assert kinds(late) == [("review_late", sev1, "2026-03-05")]
    assert late[0].recipient == "alice"  # the commander, as there is no report author
    assert send_reminders(ctx, at=at(5, 10, 2)) == []  # run again: nothing new
    assert kinds(send_reminders(ctx, at=at(10, 9, 30))) == [("followup_review", met, "7d")]
    overdue = send_reminders(ctx, at=at(11))
    assert kinds(overdue) == [("action_overdue", actions, "2026-03-10")]
    assert (overdue[0].recipient, overdue[0].item) == ("bob", "AI-1")
    assert overdue[0].message == "AI-1 'Add an alert' is 1 day overdue"
    assert send_reminders(ctx, at=at(12)) == []
    assert kinds(send_reminders(ctx, at=at(13, 10, 1))) == [("review_late", sev2, "2026-03-13")]
    # Everything still due is listed by due_reminders, sent or not.
    assert len(due_reminders(ctx, at=at(13, 10, 1))) == 4


def test_a_new_due_date_rearms_the_reminder(database: Database) -> None:
    ctx, (actions, *_) = seed(database)
    assert len([r for r in send_reminders(ctx, at=at(11)) if r.kind == "action_overdue"]) == 1
    update_action_item(ctx, actions, "AI-1", ActionItemChange(due="2026-03-12"))
    assert send_reminders(ctx, at=at(12)) == []
    again = send_reminders(ctx, at=at(13))
    assert kinds(again) == [("action_overdue", actions, "2026-03-12")]


def test_a_failing_sink_sends_nothing_and_leaves_the_reminders_due(database: Database) -> None:
    ctx, _ = seed(database)

    def broken(uow: UnitOfWork, reminders: list[Reminder]) -> None:
        raise RuntimeError("webhook down")

    with pytest.raises(RuntimeError):
        send_reminders(ctx, at=at(11), sinks=[broken])
    seen: list[Reminder] = []
    send_reminders(ctx, at=at(11), sinks=[lambda uow, reminders: seen.extend(reminders)])
    assert len(seen) == 3  # the late review, the follow-up and the overdue item


def test_several_processes_at_once_send_each_reminder_once(database: Database) -> None:
    seed(database)
    env = {**os.environ, "WARROOM_DATABASE_URL": database.url, "WARROOM_USER": "cron"}
    env.pop("WARROOM_CONFIG", None)
    command = [sys.executable, "-m", "warroom", "remind", "--json", "--at", "2026-03-14T09:00Z"]
    processes = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(6)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [p.returncode for p in processes] == [0] * 6, [err for _, err in outputs]
    sent = [r for out, _ in outputs for r in json.loads(out)["reminders"]]
    keys = [(r["kind"], r["ref"], r["item"], r["step"]) for r in sent]
    assert len(keys) == len(set(keys)) == 4  # two late reviews, a follow-up, an overdue item
    with database.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT count(*) FROM reminders_sent").scalar()
    assert stored == 4


def test_stale_follow_up_steps_are_not_sent(database: Database) -> None:
    ctx = context_for(database)
    met = store(ctx, make(started=MONDAY, meeting_at=MONDAY))[0]
    step = send_reminders(ctx, at=MONDAY + timedelta(days=40))
    assert kinds(step) == [("followup_review", met, "30d")]  # not the 7 and 14 day ones too
    assert send_reminders(ctx, at=MONDAY + timedelta(days=200)) == []


def test_reminders_go_to_the_webhooks_that_subscribe(database: Database) -> None:
    ctx, (actions, *_) = seed(database)
    hook = add_webhook(ctx, "https://hooks.example.com/x", ["reminder"])
    sent = send_reminders(ctx, at=at(11))
    queued = list_deliveries(ctx, hook.id)
    assert len(queued) == len(sent) == 3
    overdue = next(d for d in queued if d.payload["details"]["kind"] == "action_overdue")
    assert overdue.event == "reminder"
    assert overdue.payload["incident"]["ref"] == actions
    assert overdue.payload["details"]["recipient"] == "bob"
