"""Integrations: alert group links, alert states and receipts, webhooks and their outbox.

Revision ID: 0004_integrations
Revises: 0003_search_followup
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_integrations"
down_revision: str | None = "0003_search_followup"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def _incident_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["incident_id"],
        ["incidents.id"],
        name=f"fk_{table}_incident_id_incidents",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "alert_links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("group_key", sa.Text(), nullable=False),
        sa.Column("group_hash", sa.String(64), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        _incident_fk("alert_links"),
        sa.PrimaryKeyConstraint("id", name="pk_alert_links"),
        sa.UniqueConstraint("group_hash", name="uq_alert_links_group_hash"),
    )
    op.create_index("ix_alert_links_incident_id", "alert_links", ["incident_id"])
    op.create_table(
        "alert_states",
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("starts_at", UTC_TIME, nullable=False),
        sa.Column("ends_at", UTC_TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["alert_links.id"],
            name="fk_alert_states_link_id_alert_links",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("link_id", "fingerprint", name="pk_alert_states"),
    )
    op.create_table(
        "alert_receipts",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("received_at", UTC_TIME, nullable=False),
        _incident_fk("alert_receipts"),
        sa.PrimaryKeyConstraint("key", name="pk_alert_receipts"),
    )
    op.create_index("ix_alert_receipts_incident_id", "alert_receipts", ["incident_id"])
    op.create_table(
        "webhooks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.Column("style", sa.String(16), nullable=False),
        sa.Column("secret", sa.Text(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("created_by", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_webhooks"),
    )
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("webhook_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC_TIME, nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("claimed_until", UTC_TIME, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("response_status", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("delivered_at", UTC_TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["webhook_id"],
            ["webhooks.id"],
            name="fk_webhook_deliveries_webhook_id_webhooks",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_webhook_deliveries"),
    )
    op.create_index(
        "ix_webhook_deliveries_status_next_attempt_at",
        "webhook_deliveries",
        ["status", "next_attempt_at"],
    )
    op.create_index("ix_webhook_deliveries_webhook_id", "webhook_deliveries", ["webhook_id"])
    op.create_table(
        "webhook_notices",
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_webhook_notices"),
    )


def downgrade() -> None:
    for name in (
        "webhook_notices",
        "webhook_deliveries",
        "webhooks",
        "alert_receipts",
        "alert_states",
        "alert_links",
    ):
        op.drop_table(name)
