"""Outbound webhooks and their outbox on SQLAlchemy Core (``WebhookRepository``).

Claiming is the part that must hold with several server processes: a row
is sent only by the worker whose name is in ``claimed_by`` while
``claimed_until`` has not passed. PostgreSQL selects the due rows with
``FOR UPDATE SKIP LOCKED`` (a second worker skips the rows the first is
claiming); SQLite, which has no row locks, claims each row with one
conditional ``UPDATE`` whose row count says who won.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, insert, or_, select, update
from sqlalchemy.engine import Connection, RowMapping

from warroom.errors import NotFoundError
from warroom.services.integration_ports import (
    Delivery,
    DeliveryResult,
    NewWebhook,
    Webhook,
)
from warroom.storage.errors import translate_errors
from warroom.storage.integration_tables import webhook_deliveries, webhook_notices, webhooks

PENDING = "pending"


def _webhook(row: RowMapping) -> Webhook:
    return Webhook(
        id=row["id"],
        name=row["name"],
        url=row["url"],
        events=tuple(row["events"]),
        style=row["style"],
        secret=row["secret"],
        enabled=bool(row["enabled"]),
        created_at=row["created_at"],
        created_by=row["created_by"],
    )


def _delivery(row: RowMapping) -> Delivery:
    return Delivery(**{column.name: row[column.name] for column in webhook_deliveries.c})


def _due(now: datetime) -> Select[Any]:
    """Pending deliveries due by ``now`` that no live claim holds."""
    table = webhook_deliveries
    return select(table.c.id).where(
        table.c.status == PENDING,
        table.c.next_attempt_at <= now,
        or_(table.c.claimed_until.is_(None), table.c.claimed_until < now),
    )


class SqlWebhookRepository:
    """``integration_ports.WebhookRepository`` on one open connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._url = connection.engine.url

    def _rows(self, statement: Any) -> list[RowMapping]:
        with translate_errors(self._url):
            return list(self._connection.execute(statement).mappings().all())

    def add(self, hook: NewWebhook) -> Webhook:
        values = {
            "name": hook.name,
            "url": hook.url,
            "events": list(hook.events),
            "style": hook.style,
            "secret": hook.secret,
            "enabled": True,
            "created_at": hook.created_at,
            "created_by": hook.created_by,
        }
        with translate_errors(self._url):
            inserted = self._connection.execute(
                insert(webhooks).values(**values).returning(webhooks.c.id)
            )
            return _webhook({"id": inserted.scalar_one(), **values})  # type: ignore[arg-type]

    def get(self, webhook_id: int) -> Webhook:
        rows = self._rows(select(webhooks).where(webhooks.c.id == webhook_id))
        if not rows:
            raise NotFoundError(f"no webhook {webhook_id}", field="id")
        return _webhook(rows[0])

    def list_webhooks(self) -> list[Webhook]:
        return [_webhook(row) for row in self._rows(select(webhooks).order_by(webhooks.c.id))]

    def remove(self, webhook_id: int) -> None:
        with translate_errors(self._url):
            self._connection.execute(
                delete(webhook_deliveries).where(webhook_deliveries.c.webhook_id == webhook_id)
            )
            removed = self._connection.execute(delete(webhooks).where(webhooks.c.id == webhook_id))
        if removed.rowcount != 1:
            raise NotFoundError(f"no webhook {webhook_id}", field="id")

    def subscribed(self, event: str) -> list[Webhook]:
        # A handful of webhooks at most: filtering the JSON list here is simpler
        # than a JSON query that differs between SQLite and PostgreSQL.
        rows = self._rows(select(webhooks).where(webhooks.c.enabled.is_(True)))
        return [hook for hook in map(_webhook, rows) if event in hook.events]

    def enqueue(self, webhook_id: int, event: str, payload: dict[str, Any], at: datetime) -> int:
        statement = (
            insert(webhook_deliveries)
            .values(
                webhook_id=webhook_id,
                event=event,
                payload=payload,
                status=PENDING,
                attempts=0,
                next_attempt_at=at,
                created_at=at,
            )
            .returning(webhook_deliveries.c.id)
        )
        with translate_errors(self._url):
            delivery_id: int = self._connection.execute(statement).scalar_one()
        return delivery_id

    def has_due(self, now: datetime) -> bool:
        return bool(self._rows(_due(now).limit(1)))

    def claim_due(
        self, worker: str, now: datetime, until: datetime, limit: int
    ) -> list[tuple[Delivery, Webhook]]:
        table = webhook_deliveries
        due = _due(now).order_by(table.c.next_attempt_at, table.c.id).limit(limit)
        claimed: list[int] = []
        with translate_errors(self._url):
            if self._connection.dialect.name == "postgresql":
                claimed = list(
                    self._connection.execute(due.with_for_update(skip_locked=True)).scalars()
                )
                if claimed:
                    self._connection.execute(
                        update(table)
                        .where(table.c.id.in_(claimed))
                        .values(claimed_by=worker, claimed_until=until)
                    )
            else:
                for delivery_id in self._connection.execute(due).scalars().all():
                    won = self._connection.execute(
                        update(table)
                        .where(
                            table.c.id == delivery_id,
                            table.c.status == PENDING,
                            or_(table.c.claimed_until.is_(None), table.c.claimed_until < now),
                        )
                        .values(claimed_by=worker, claimed_until=until)
                    )
                    if won.rowcount == 1:
                        claimed.append(delivery_id)
        if not claimed:
            return []
        statement = (
            select(table, *(c.label(f"hook_{c.name}") for c in webhooks.c))
            .join(webhooks, webhooks.c.id == table.c.webhook_id)
            .where(table.c.id.in_(claimed))
            .order_by(table.c.next_attempt_at, table.c.id)
        )
        result = []
        for row in self._rows(statement):
            hook = {c.name: row[f"hook_{c.name}"] for c in webhooks.c}
            result.append((_delivery(row), _webhook(hook)))  # type: ignore[arg-type]
        return result

    def finish(self, delivery_id: int, worker: str, result: DeliveryResult) -> bool:
        table = webhook_deliveries
        statement = (
            update(table)
            .where(table.c.id == delivery_id, table.c.claimed_by == worker)
            .values(
                status=result.status,
                attempts=result.attempts,
                next_attempt_at=result.next_attempt_at,
                last_error=result.last_error,
                response_status=result.response_status,
                delivered_at=result.delivered_at,
                claimed_by=None,
                claimed_until=None,
            )
        )
        with translate_errors(self._url):
            return bool(self._connection.execute(statement).rowcount == 1)

    def deliveries(self, webhook_id: int, *, limit: int = 100) -> list[Delivery]:
        table = webhook_deliveries
        statement = (
            select(table).where(table.c.webhook_id == webhook_id).order_by(table.c.id.desc())
        )
        return [_delivery(row) for row in self._rows(statement.limit(limit))]

    def add_notice(self, key: str, at: datetime) -> bool:
        if self._rows(select(webhook_notices.c.key).where(webhook_notices.c.key == key)):
            return False
        with translate_errors(self._url):
            self._connection.execute(insert(webhook_notices).values(key=key, created_at=at))
        return True
