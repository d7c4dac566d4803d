"""The tables of the integrations: alert groups in, webhook deliveries out.

They share ``tables.metadata`` (so the schema test and the test fixtures see
them) and are created by migration ``0004_integrations``.

- ``alert_links``: one row per alert group (source + Alertmanager group key),
  pointing at the incident the group opened. The unique ``group_hash`` is
  what stops two processes receiving the same group from opening two
  incidents: the second insert fails and its notification is retried.
- ``alert_states``: the last known status of each alert of a group, to tell
  when every alert of the group has resolved.
- ``alert_receipts``: one row per (group, fingerprint, startsAt, status)
  already recorded, so repeated notifications add nothing.
- ``webhooks``: outbound webhooks configured by admins.
- ``webhook_deliveries``: the outbox, written in the same transaction as the
  change that caused the event, claimed and sent by the delivery worker.
- ``webhook_notices``: events raised by time rather than by a change (an
  action item becoming overdue), recorded once so they are queued once.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text

from warroom.storage.tables import metadata
from warroom.storage.types import RecordJSON, UTCDateTime

alert_links = Table(
    "alert_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(32), nullable=False),
    Column("group_key", Text, nullable=False),
    Column("group_hash", String(64), nullable=False, unique=True),
    Column(
        "incident_id",
        Integer,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("updated_at", UTCDateTime, nullable=False),
)
Index("ix_alert_links_incident_id", alert_links.c.incident_id)

alert_states = Table(
    "alert_states",
    metadata,
    Column(
        "link_id",
        Integer,
        ForeignKey("alert_links.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("fingerprint", String(128), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime),
)

alert_receipts = Table(
    "alert_receipts",
    metadata,
    Column("key", String(64), primary_key=True),
    Column(
        "incident_id",
        Integer,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("received_at", UTCDateTime, nullable=False),
)
Index("ix_alert_receipts_incident_id", alert_receipts.c.incident_id)

webhooks = Table(
    "webhooks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("events", RecordJSON, nullable=False),
    Column("style", String(16), nullable=False),
    Column("secret", Text),
    Column("enabled", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", Text),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "webhook_id",
        Integer,
        ForeignKey("webhooks.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("event", String(64), nullable=False),
    Column("payload", RecordJSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("claimed_by", String(64)),
    Column("claimed_until", UTCDateTime),
    Column("last_error", Text),
    Column("response_status", Integer),
    Column("created_at", UTCDateTime, nullable=False),
    Column("delivered_at", UTCDateTime),
)
Index(
    "ix_webhook_deliveries_status_next_attempt_at",
    webhook_deliveries.c.status,
    webhook_deliveries.c.next_attempt_at,
)
Index("ix_webhook_deliveries_webhook_id", webhook_deliveries.c.webhook_id)

webhook_notices = Table(
    "webhook_notices",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("created_at", UTCDateTime, nullable=False),
)
