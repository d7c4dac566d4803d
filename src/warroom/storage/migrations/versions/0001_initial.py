"""The first schema: incidents, their child tables and the reference sequences.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types: later changes to storage.types must not
# change what this migration created. UTC times are DateTime(timezone=True):
# timestamptz on PostgreSQL, naive UTC text on SQLite.
UTC_TIME = sa.DateTime(timezone=True)


def _child(name: str, *columns: sa.Column[object], key: tuple[str, ...] = ("position",)) -> None:
    op.create_table(
        name,
        sa.Column("incident_id", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=f"fk_{name}_incident_id_incidents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("incident_id", *key, name=f"pk_{name}"),
    )


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("review_status", sa.String(32), nullable=False),
        sa.Column("visibility", sa.String(16), nullable=False),
        sa.Column("detection_source", sa.Text(), nullable=True),
        sa.Column("started_at", UTC_TIME, nullable=True),
        sa.Column("detected_at", UTC_TIME, nullable=True),
        sa.Column("acknowledged_at", UTC_TIME, nullable=True),
        sa.Column("declared_at", UTC_TIME, nullable=True),
        sa.Column("mitigated_at", UTC_TIME, nullable=True),
        sa.Column("resolved_at", UTC_TIME, nullable=True),
        sa.Column("closed_at", UTC_TIME, nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
        sa.UniqueConstraint("ref", name="uq_incidents_ref"),
    )
    op.create_index("ix_incidents_created_at_ref", "incidents", ["created_at", "ref"])
    op.create_index("ix_incidents_status", "incidents", ["status"])
    op.create_index("ix_incidents_severity", "incidents", ["severity"])
    op.create_index("ix_incidents_started_at", "incidents", ["started_at"])
    op.create_index(
        "ix_incidents_started_or_created",
        "incidents",
        [sa.text("coalesce(started_at, created_at)")],
    )

    _child(
        "incident_services",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("impact", sa.Text(), nullable=True),
    )
    op.create_index("ix_incident_services_name", "incident_services", ["name"])

    _child(
        "timeline_events",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("phase", sa.String(32), nullable=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("action_taken", sa.Text(), nullable=True),
    )

    _child(
        "action_items",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("horizon", sa.String(16), nullable=True),
        sa.Column("kind", sa.String(16), nullable=True),
        sa.Column("factor", sa.Text(), nullable=True),
        sa.Column("ticket", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=True),
        sa.Column("completed_at", UTC_TIME, nullable=True),
    )
    op.create_index("ix_action_items_owner", "action_items", ["owner"])
    op.create_index("ix_action_items_status_due", "action_items", ["status", "due"])
    op.create_index("ix_action_items_due", "action_items", ["due"])

    _child(
        "incident_roles",
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person", sa.Text(), nullable=False),
        key=("role", "position"),
    )
    op.create_index("ix_incident_roles_person", "incident_roles", ["person", "incident_id"])

    _child(
        "contributing_factors",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("impact", sa.Text(), nullable=True),
    )
    op.create_index("ix_contributing_factors_name", "contributing_factors", ["name"])

    _child(
        "communications",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", UTC_TIME, nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("audience", sa.String(16), nullable=False),
        sa.Column("channel", sa.Text(), nullable=True),
    )

    op.create_table(
        "ref_sequences",
        sa.Column("scope", sa.String(64), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", name="pk_ref_sequences"),
    )


def downgrade() -> None:
    for name in (
        "ref_sequences",
        "communications",
        "contributing_factors",
        "incident_roles",
        "action_items",
        "timeline_events",
        "incident_services",
        "incidents",
    ):
        op.drop_table(name)
