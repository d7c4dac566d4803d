"""Configuring outbound webhooks (admins) and reading their delivery log.

Event names are those of ``services.events``; ``all`` subscribes to every
one. Body styles and signatures: ``integrations.webhook_bodies``. Sending:
``integrations.webhook_worker``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from warroom.domain.times import isoformat_utc
from warroom.errors import ValidationError
from warroom.integrations.webhook_bodies import STYLES
from warroom.services.context import Context
from warroom.services.events import EVENT_NAMES
from warroom.services.integration_ports import Delivery, NewWebhook, Webhook

MAX_URL = 2000


def parse_events(names: Sequence[str]) -> tuple[str, ...]:
    """Event names as typed (``status-changed``, ``all``), checked; at least one."""
    chosen: list[str] = []
    for raw in names:
        for part in raw.split(","):
            name = part.strip().lower().replace("-", "_")
            if not name:
                continue
            if name == "all":
                chosen.extend(EVENT_NAMES)
            elif name in EVENT_NAMES:
                chosen.append(name)
            else:
                known = ", ".join(n.replace("_", "-") for n in EVENT_NAMES)
                raise ValidationError(
                    f"unknown event {part!r}; one of: all, {known}", field="events"
                )
    if not chosen:
        raise ValidationError("name at least one event (or all)", field="events")
    return tuple(dict.fromkeys(chosen))


def check_url(url: str) -> str:
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(text) > MAX_URL:
        raise ValidationError(f"{url!r} is not an http(s) URL", field="url")
    return text


def add_webhook(
    ctx: Context,
    url: str,
    events: Sequence[str],
    *,
    style: str = "json",
    secret: str | None = None,
    name: str | None = None,
    author: str | None = None,
) -> Webhook:
    """Configure a webhook; deliveries of the events named start with the next change."""
    target = check_url(url)
    chosen = parse_events(events)
    if style not in STYLES:
        raise ValidationError(f"unknown body style {style!r}; one of: json, slack", field="style")
    hook = NewWebhook(
        name=(name or "").strip() or (urlsplit(target).hostname or target),
        url=target,
        events=chosen,
        style=style,
        secret=(secret or "").strip() or None,
        created_at=ctx.now(),
        created_by=author,
    )
    with ctx.uow() as uow:
        stored = uow.webhooks.add(hook)
        uow.commit()
    return stored


def list_webhooks(ctx: Context) -> list[Webhook]:
    with ctx.read() as uow:
        return uow.webhooks.list_webhooks()


def get_webhook(ctx: Context, webhook_id: int) -> Webhook:
    with ctx.read() as uow:
        return uow.webhooks.get(webhook_id)


def remove_webhook(ctx: Context, webhook_id: int) -> None:
    """Delete a webhook with its queued deliveries and log."""
    with ctx.uow() as uow:
        uow.webhooks.remove(webhook_id)
        uow.commit()


def list_deliveries(ctx: Context, webhook_id: int, *, limit: int = 100) -> list[Delivery]:
    """The delivery log of one webhook, newest first (NotFoundError for an unknown id)."""
    with ctx.read() as uow:
        uow.webhooks.get(webhook_id)
        return uow.webhooks.deliveries(webhook_id, limit=limit)


def webhook_record(hook: Webhook) -> dict[str, Any]:
    """A webhook as JSON: whether it signs, never its secret."""
    data = asdict(hook)
    data["signed"] = bool(data.pop("secret"))
    data["events"] = list(hook.events)
    data["created_at"] = isoformat_utc(hook.created_at)
    return data


def delivery_record(delivery: Delivery) -> dict[str, Any]:
    """A delivery as JSON, times in UTC."""
    data = asdict(delivery)
    for key in ("next_attempt_at", "claimed_until", "created_at", "delivered_at"):
        data[key] = isoformat_utc(data[key])
    return data
