"""``warroom remind``: what needs a nudge now, each reminder sent once.

Three kinds, computed at a given moment (the context's clock by default):

- ``action_overdue``: an open action item past its due date, to its owner;
  once per item and due date (moving the due date re-arms it);
- ``review_late``: a resolved incident whose review is not approved by its
  deadline (settings ``review_due``), to the report author (else the
  commander); once per incident and deadline;
- ``followup_review``: a follow-up review reached by the cadence after the
  review meeting (settings ``followup_cadence_days``); once per step.

``send_reminders`` claims each reminder in the ``reminders_sent`` table
(``INSERT ... ON CONFLICT DO NOTHING``) and hands the newly claimed ones to
the sinks, all in one transaction: run it from cron, twice, or from several
processes at once, and each reminder goes out once. A sink that fails rolls
the claims back, so the reminders are tried again next time. The default
sink queues a ``reminder`` event for the outbound webhooks that subscribe to
it (``services.events``), in that same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from warroom.domain.followup import cadence_label, due_cadence_step, review_due
from warroom.domain.times import isoformat_utc
from warroom.services.context import Context
from warroom.services.events import queue_reminder_events
from warroom.services.ports import ActionItemQuery, UnitOfWork

ACTION_OVERDUE = "action_overdue"
REVIEW_LATE = "review_late"
FOLLOWUP_REVIEW = "followup_review"
# A follow-up step reached longer ago than this after the last one is stale.
FOLLOWUP_GRACE = timedelta(days=14)


@dataclass(frozen=True)
class Reminder:
    kind: str
    ref: str
    title: str  # the incident's
    recipient: str | None  # who should act; None: nobody is named
    message: str
    item: str | None = None  # the action item key
    due: datetime | date | None = None
    step: str = ""  # what makes it this reminder: the due date, the cadence step

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.kind, self.ref, self.item or "", self.step)


ReminderSink = Callable[[UnitOfWork, list[Reminder]], None]


def webhook_sink(ctx: Context, at: datetime) -> ReminderSink:
    """The sink for outbound webhooks: one ``reminder`` event per reminder just claimed."""

    def sink(uow: UnitOfWork, reminders: list[Reminder]) -> None:
        queue_reminder_events(uow, ctx.settings, list(reminders), at)

    return sink


def due_reminders(ctx: Context, *, at: datetime | None = None) -> list[Reminder]:
    """Everything that needs a nudge at ``at`` (default now), sent before or not."""
    now = at or ctx.now()
    with ctx.read() as uow:
        return _due(ctx, uow, now)


def send_reminders(
    ctx: Context,
    *,
    at: datetime | None = None,
    sinks: Sequence[ReminderSink] | None = None,
) -> list[Reminder]:
    """Claim and send what is due and was not sent yet; returns what was sent now.

    ``sinks`` (default: the outbound webhooks) receive the reminders just
    claimed, inside the transaction that records them.
    """
    now = at or ctx.now()
    chosen = (webhook_sink(ctx, now),) if sinks is None else sinks
    with ctx.uow() as uow:
        claimed = [r for r in _due(ctx, uow, now) if uow.reminders.claim(r.key, now)]
        for sink in chosen:
            sink(uow, claimed)
        uow.commit()
    return claimed


def reminder_record(reminder: Reminder) -> dict[str, Any]:
    due = reminder.due
    return {
        "kind": reminder.kind,
        "ref": reminder.ref,
        "title": reminder.title,
        "recipient": reminder.recipient,
        "item": reminder.item,
        "due": isoformat_utc(due) if isinstance(due, datetime) else (due and due.isoformat()),
        "step": reminder.step,
        "message": reminder.message,
    }


def _due(ctx: Context, uow: UnitOfWork, now: datetime) -> list[Reminder]:
    reminders = _overdue_actions(uow, now) + _late_reviews(ctx, uow, now)
    reminders += _followups(ctx, uow, now)
    return sorted(reminders, key=lambda r: (r.recipient or "~", r.kind, r.ref, r.item or ""))


def _overdue_actions(uow: UnitOfWork, now: datetime) -> list[Reminder]:
    rows = uow.incidents.list_action_items(ActionItemQuery(overdue_on=now.date(), limit=10**7))
    reminders = []
    for row in rows:
        item = row.item
        assert item.due is not None
        days = (now.date() - item.due).days
        reminders.append(
            Reminder(
                ACTION_OVERDUE,
                row.ref,
                row.incident_title,
                item.owner,
                f"{item.key} '{item.title}' is {days} day{'s' if days != 1 else ''} overdue",
                item=item.key,
                due=item.due,
                step=item.due.isoformat(),
            )
        )
    return reminders


def _late_reviews(ctx: Context, uow: UnitOfWork, now: datetime) -> list[Reminder]:
    deadlines = ctx.settings.review_deadlines
    reminders = []
    for row in uow.reminders.late_reviews(now, deadlines):
        assert row.resolved is not None
        due = review_due(row.resolved, deadlines[row.severity])
        reminders.append(
            Reminder(
                REVIEW_LATE,
                row.ref,
                row.title,
                row.owner,
                f"the review is late: due {isoformat_utc(due)}"
                f" ({deadlines[row.severity]} after resolution), not approved",
                due=due,
                step=due.date().isoformat(),
            )
        )
    return reminders


def _followups(ctx: Context, uow: UnitOfWork, now: datetime) -> list[Reminder]:
    cadence = tuple(sorted(ctx.settings.followup_cadence_days))
    if not cadence:
        return []
    earliest = now - timedelta(days=cadence[-1]) - FOLLOWUP_GRACE
    latest = now - timedelta(days=cadence[0])
    reminders = []
    for row in uow.reminders.meetings_between(earliest, latest):
        assert row.meeting_at is not None
        step = due_cadence_step(row.meeting_at, now, cadence)
        if step is None:
            continue
        due = row.meeting_at + timedelta(days=step)
        if now - due > FOLLOWUP_GRACE:
            continue
        reminders.append(
            Reminder(
                FOLLOWUP_REVIEW,
                row.ref,
                row.title,
                row.owner,
                f"{cadence_label(step)} follow-up review: check the action items and what changed",
                due=due,
                step=f"{step}d",
            )
        )
    return reminders
