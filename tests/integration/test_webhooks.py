"""Webhooks out: queued with the change, sent by the worker, retried, signed, sent once."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from integration_context import Clock, context_for
from webhook_receiver import receiver

from warroom.domain.model import Visibility
from warroom.errors import ValidationError
from warroom.integrations import webhooks as hooks
from warroom.integrations.webhook_bodies import verify_signature
from warroom.integrations.webhook_worker import deliver_due, start_background_worker
from warroom.services import actions
from warroom.services import incidents as svc
from warroom.services.context import Context
from warroom.services.events import queue_reminder_events
from warroom.storage import Database


def declare(ctx: Context, title: str = "Checkout down") -> str:
    data = svc.DeclareIncident(title=title, severity=2, services=["checkout"], author="alice")
    return svc.declare_incident(ctx, data).incident.ref


def events_of(ctx: Context, webhook_id: int) -> list[str]:
    return [d.event for d in reversed(hooks.list_deliveries(ctx, webhook_id))]


def test_changes_queue_their_events_in_the_same_write(database: Database) -> None:
    ctx = context_for(database)
    hook = hooks.add_webhook(ctx, "http://127.0.0.1:9/x", ["all"], author="admin")
    only_resolved = hooks.add_webhook(ctx, "http://127.0.0.1:9/y", ["resolved"])
    ref = declare(ctx)
    svc.change_severity(ctx, ref, 1, author="alice")
    svc.change_status(ctx, ref, "resolved", author="alice")
    with pytest.raises(ValidationError):
        svc.change_status(ctx, ref, "investigating", author="alice")  # refused: nothing queued
    assert events_of(ctx, hook.id) == ["declared", "severity_changed", "status_changed", "resolved"]
    assert events_of(ctx, only_resolved.id) == ["resolved"]
    payload = hooks.list_deliveries(ctx, hook.id)[1].payload  # newest first
    assert payload["incident"]["ref"] == ref
    assert payload["details"] == {"from": "investigating", "to": "resolved"}


def test_private_incidents_are_named_by_ref_only(database: Database) -> None:
    ctx = context_for(database)
    hook = hooks.add_webhook(ctx, "http://127.0.0.1:9/x", ["declared"])
    data = svc.DeclareIncident(title="Secret", severity=2, visibility=Visibility.PRIVATE)
    svc.declare_incident(ctx, data)
    (delivery,) = hooks.list_deliveries(ctx, hook.id)
    assert delivery.payload["incident"]["title"] == "(private incident)"


def test_delivered_once_after_failures_with_a_valid_signature(database: Database) -> None:
    clock = Clock()
    ctx = context_for(database, clock, webhook_backoff_seconds=10)
    with receiver(fail_first=2) as server:
        hook = hooks.add_webhook(ctx, server.url, ["declared"], secret="s3cret")
        declare(ctx)
        runs = []
        for wait in (0, 10, 20, 40):  # 10 s, then doubling
            clock.advance(wait)
            runs.append(deliver_due(ctx, worker="w1"))
        assert [(r.delivered, r.retrying) for r in runs] == [(0, 1), (0, 1), (1, 0), (0, 0)]
        early = deliver_due(ctx, worker="w1")
    assert (early.delivered, early.retrying) == (0, 0)
    assert len(server.requests) == 3
    last = server.requests[-1]
    headers = {k.lower(): v for k, v in last.headers.items()}
    stamp = headers["x-warroom-timestamp"]
    assert verify_signature("s3cret", stamp, last.body, headers["x-warroom-signature"])
    assert json.loads(last.body)["event"] == "declared"
    (delivery,) = hooks.list_deliveries(ctx, hook.id)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 3, 204)
    assert delivery.claimed_by is None


def test_retries_wait_for_their_backoff(database: Database) -> None:
    clock = Clock()
    ctx = context_for(database, clock, webhook_backoff_seconds=30)
    with receiver(fail_first=1) as server:
        hooks.add_webhook(ctx, server.url, ["declared"])
        declare(ctx)
        deliver_due(ctx)
        clock.advance(29)
        assert deliver_due(ctx).delivered == 0
        clock.advance(1)
        assert deliver_due(ctx).delivered == 1
    assert len(server.requests) == 2


def test_gives_up_after_the_last_attempt(database: Database) -> None:
    clock = Clock()
    ctx = context_for(database, clock, webhook_backoff_seconds=1, webhook_max_attempts=2)
    with receiver(fail_first=99) as server:
        hook = hooks.add_webhook(ctx, server.url, ["declared"])
        declare(ctx)
        deliver_due(ctx)
        clock.advance(1)
        assert deliver_due(ctx).failed == 1
        clock.advance(3600)
        assert deliver_due(ctx) == type(deliver_due(ctx))()
    (delivery,) = hooks.list_deliveries(ctx, hook.id)
    assert (delivery.status, delivery.attempts) == ("failed", 2)
    assert delivery.last_error is not None and delivery.last_error.startswith("HTTP 500")


def test_unreachable_receiver_is_an_error_not_a_crash(database: Database) -> None:
    ctx = context_for(database, webhook_timeout_seconds=2)
    with receiver() as server:
        url = server.url
    hook = hooks.add_webhook(ctx, url, ["declared"])  # the server is gone: connection refused
    declare(ctx)
    assert deliver_due(ctx).retrying == 1
    (delivery,) = hooks.list_deliveries(ctx, hook.id)
    assert delivery.last_error is not None and "ConnectError" in delivery.last_error


def test_two_workers_racing_send_each_delivery_once(database: Database) -> None:
    ctx = context_for(database)
    with receiver() as server:
        hooks.add_webhook(ctx, server.url, ["declared"])
        for number in range(12):
            declare(ctx, f"Incident {number}")
        barrier = threading.Barrier(2)
        totals: list[int] = []

        def work(name: str) -> None:
            barrier.wait(timeout=10)
            totals.append(deliver_due(ctx, worker=name).delivered)

        threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    ids = [r.headers.get("X-Warroom-Delivery") for r in server.requests]
    assert sum(totals) == 12
    assert len(ids) == 12 and len(set(ids)) == 12


def test_slack_style_and_overdue_notices_once(database: Database) -> None:
    clock = Clock()
    ctx = context_for(database, clock)
    with receiver() as server:
        hook = hooks.add_webhook(ctx, server.url, ["action-item-overdue"], style="slack")
        ref = declare(ctx)
        actions.add_action_item(
            ctx, ref, actions.NewActionItem(title="Add an alert", due=date(2026, 11, 21))
        )
        deliver_due(ctx)
        deliver_due(ctx)
    (request,) = server.requests
    body: dict[str, Any] = json.loads(request.body)
    assert "AI-1 is overdue" in body["text"] and body["blocks"][0]["type"] == "section"
    assert [d.event for d in hooks.list_deliveries(ctx, hook.id)] == ["action_item_overdue"]


def test_webhook_configuration_errors(database: Database) -> None:
    ctx = context_for(database)
    with pytest.raises(ValidationError, match="not an http"):
        hooks.add_webhook(ctx, "ftp://x", ["all"])
    with pytest.raises(ValidationError, match="unknown event"):
        hooks.add_webhook(ctx, "http://x", ["paged"])
    with pytest.raises(ValidationError, match="body style"):
        hooks.add_webhook(ctx, "http://x", ["all"], style="xml")
    hook = hooks.add_webhook(ctx, "http://x", ["declared, resolved"])
    assert hook.events == ("declared", "resolved")
    hooks.remove_webhook(ctx, hook.id)
    assert hooks.list_webhooks(ctx) == []


@dataclass(frozen=True)
class Nudge:
    kind: str
    ref: str
    message: str
    recipient: str | None = None
    item: str | None = None


def test_reminders_are_queued_in_the_claiming_transaction(database: Database) -> None:
    ctx = context_for(database)
    hook = hooks.add_webhook(ctx, "http://127.0.0.1:9/x", ["reminder"], style="slack")
    ref = declare(ctx)
    nudge = Nudge("review_late", ref, "the review of Checkout down is late", "alice")
    with ctx.uow() as uow:
        assert queue_reminder_events(uow, ctx.settings, [nudge], ctx.now()) == 1
        uow.rollback()  # a sink that fails: nothing queued
    with ctx.uow() as uow:
        queue_reminder_events(uow, ctx.settings, [nudge], ctx.now())
        uow.commit()
    (delivery,) = hooks.list_deliveries(ctx, hook.id)
    assert delivery.payload["details"]["message"] == nudge.message


def test_the_background_worker_of_serve_delivers_and_stops(database: Database) -> None:
    ctx = context_for(database, webhook_poll_seconds=0.05)
    assert start_background_worker(context_for(database, webhook_poll_seconds=0)) is None
    with receiver() as server:
        hooks.add_webhook(ctx, server.url, ["declared"])
        declare(ctx)
        stop = start_background_worker(ctx)
        assert stop is not None
        try:
            deadline = time.monotonic() + 20
            while not server.requests and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            stop.stop()
        assert not stop.thread.is_alive()
    assert len(server.requests) == 1
