"""In-memory fakes of the integration ports, enough for services that queue webhook events.

``FakeWebhookRepository`` keeps webhooks and queued deliveries in a list the
``FakeDatabase`` owns; alert links and gauges are only used through a real
database (tests/integration), so their fakes refuse to be used.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from warroom.errors import NotFoundError
from warroom.services.integration_ports import Delivery, NewWebhook, Webhook


class FakeWebhookRepository:
    def __init__(self, store: list[Any]) -> None:
        self._store = store  # Webhook and Delivery objects, in the order added

    def add(self, hook: NewWebhook) -> Webhook:
        ids = [item.id for item in self._store if isinstance(item, Webhook)]
        stored = Webhook(max(ids, default=0) + 1, enabled=True, **vars(hook))
        self._store.append(stored)
        return stored

    def get(self, webhook_id: int) -> Webhook:
        for item in self.list_webhooks():
            if item.id == webhook_id:
                return item
        raise NotFoundError(f"no webhook {webhook_id}", field="id")

    def list_webhooks(self) -> list[Webhook]:
        return [item for item in self._store if isinstance(item, Webhook)]

    def subscribed(self, event: str) -> list[Webhook]:
        return [hook for hook in self.list_webhooks() if hook.enabled and event in hook.events]

    def enqueue(self, webhook_id: int, event: str, payload: dict[str, Any], at: datetime) -> int:
        number = sum(isinstance(item, Delivery) for item in self._store) + 1
        self._store.append(Delivery(number, webhook_id, event, payload, "pending", 0, at, at))
        return number

    def __getattr__(self, name: str) -> Any:
        raise NotImplementedError(f"FakeWebhookRepository.{name}: use a real database")


class FakeAlertRepository:
    def __getattr__(self, name: str) -> Any:
        raise NotImplementedError(f"FakeAlertRepository.{name}: use a real database")


class FakeGaugeReader:
    def __getattr__(self, name: str) -> Any:
        raise NotImplementedError(f"FakeGaugeReader.{name}: use a real database")
