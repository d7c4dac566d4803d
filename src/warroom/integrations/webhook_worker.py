"""The delivery worker: claims due deliveries, sends them, records what happened.

Safe with several server processes (see ``WebhookRepository.claim_due``): a
delivery is sent only by the worker holding its claim, and the claim lasts
longer than the worker can spend sending its batch, so it cannot pass to
another worker mid-send. A failed attempt is retried after
``webhook_backoff_seconds``, doubling each time, until
``webhook_max_attempts``; then the delivery is marked failed.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import timedelta

import httpx

from warroom.integrations.webhook_bodies import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    render_body,
    signature,
)
from warroom.services.context import Context
from warroom.services.events import ACTION_ITEM_OVERDUE, IncidentEvent, queue_event
from warroom.services.integration_ports import Delivery, DeliveryResult, Webhook
from warroom.services.ports import ActionItemQuery

log = logging.getLogger(__name__)
BATCH = 20
MAX_BACKOFF = timedelta(hours=6)


@dataclass(frozen=True)
class WorkerRun:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def deliver_due(
    ctx: Context, *, worker: str | None = None, client: httpx.Client | None = None
) -> WorkerRun:
    """Queue overdue-item notices, then send every delivery due now, once each."""
    worker = worker or worker_name()
    queue_overdue_items(ctx)
    now = ctx.now()
    with ctx.read() as uow:  # most rounds find nothing: no write lock for them
        if not uow.webhooks.has_due(now):
            return WorkerRun()
    timeout = ctx.settings.webhook_timeout_seconds
    lease = timedelta(seconds=(timeout + 5) * BATCH + 60)
    with ctx.uow() as uow:
        claimed = uow.webhooks.claim_due(worker, now, now + lease, BATCH)
        uow.commit()
    if not claimed:
        return WorkerRun()
    own = client is None
    http = client or httpx.Client(timeout=timeout, follow_redirects=False)
    counts = {"delivered": 0, "pending": 0, "failed": 0}
    try:
        for delivery, hook in claimed:
            result = _attempt(ctx, http, delivery, hook)
            with ctx.uow() as uow:
                uow.webhooks.finish(delivery.id, worker, result)
                uow.commit()
            counts[result.status] += 1
    finally:
        if own:
            http.close()
    return WorkerRun(counts["delivered"], counts["pending"], counts["failed"])


def _attempt(ctx: Context, http: httpx.Client, delivery: Delivery, hook: Webhook) -> DeliveryResult:
    body = render_body(hook.style, delivery.payload)
    stamp = str(int(ctx.now().timestamp()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "warroom-webhook",
        "X-Warroom-Event": delivery.event,
        "X-Warroom-Delivery": str(delivery.id),
        TIMESTAMP_HEADER: stamp,
    }
    if hook.secret:
        headers[SIGNATURE_HEADER] = signature(hook.secret, stamp, body)
    error: str | None = None
    status: int | None = None
    try:
        response = http.post(hook.url, content=body, headers=headers)
        status = response.status_code
        if not 200 <= status < 300:
            error = f"HTTP {status}: {response.text[:200]}"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"[:300]
    attempts = delivery.attempts + 1
    now = ctx.now()
    if error is None:
        return DeliveryResult("delivered", attempts, now, None, status, now)
    if attempts >= ctx.settings.webhook_max_attempts:
        return DeliveryResult("failed", attempts, now, error, status, None)
    wait = timedelta(seconds=ctx.settings.webhook_backoff_seconds * 2 ** (attempts - 1))
    return DeliveryResult("pending", attempts, now + min(wait, MAX_BACKOFF), error, status, None)


def queue_overdue_items(ctx: Context) -> int:
    """Queue ``action_item_overdue`` once per item and due date, if any webhook wants it."""
    now = ctx.now()
    with ctx.read() as uow:
        if not uow.webhooks.subscribed(ACTION_ITEM_OVERDUE):
            return 0
    with ctx.uow() as uow:
        queued = 0
        rows = uow.incidents.list_action_items(ActionItemQuery(overdue_on=now.date()))
        for row in rows:
            item = row.item
            if not uow.webhooks.add_notice(f"overdue:{row.ref}:{item.key}:{item.due}", now):
                continue
            details = {
                "action_item": {
                    "key": item.key,
                    "title": item.title,
                    "owner": item.owner,
                    "due": item.due.isoformat() if item.due else None,
                }
            }
            event = IncidentEvent(ACTION_ITEM_OVERDUE, now, uow.incidents.get(row.ref), details)
            queued += queue_event(uow, ctx.settings, event)
        uow.commit()
    return queued


@dataclass
class BackgroundWorker:
    """The delivery loop of ``warroom serve``; ``stop()`` ends it and waits for it."""

    event: threading.Event
    thread: threading.Thread

    def stop(self, timeout: float = 30.0) -> None:
        self.event.set()
        self.thread.join(timeout)


def start_background_worker(ctx: Context) -> BackgroundWorker | None:
    """Run ``deliver_due`` every ``webhook_poll_seconds`` in a daemon thread.

    None when the poll interval is 0 (the worker is off).
    """
    interval = ctx.settings.webhook_poll_seconds
    if interval <= 0:
        return None
    stop = threading.Event()
    name = worker_name()

    def loop() -> None:
        while not stop.is_set():
            try:
                deliver_due(ctx, worker=name)
            except Exception:  # keep the server's worker alive; the next round retries
                log.exception("webhook delivery round failed")
            stop.wait(interval)

    thread = threading.Thread(target=loop, name="warroom-webhooks", daemon=True)
    thread.start()
    return BackgroundWorker(stop, thread)
