"""The tables: scalar columns for what is filtered and counted, JSON for the rest.

``incidents`` holds one row per incident: the fields lists and trends filter
on, the seven milestones, the stamps and the version, plus ``record`` -- the
rest of the JSON record (impact, analysis, review, links, ...). The parts
queried across incidents (services, timeline, action items, people in roles,
contributing factors, communications) are child tables keyed by
``(incident_id, position)``, so their order is kept.

The migrations in ``storage/migrations/versions`` create exactly this schema;
a test compares the two.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
)

from warroom.storage.types import RecordJSON, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

MILESTONE_COLUMNS: tuple[str, ...] = (
    "started_at",
    "detected_at",
    "acknowledged_at",
    "declared_at",
    "mitigated_at",
    "resolved_at",
    "closed_at",
)


def _incident_id() -> Column[int]:
    return Column(
        "incident_id",
        Integer,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
    )


def _position() -> Column[int]:
    return Column("position", Integer, primary_key=True)


incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ref", String(64), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("summary", Text),
    Column("severity", Integer, nullable=False),
    Column("status", String(32), nullable=False),
    Column("review_status", String(32), nullable=False),
    Column("visibility", String(16), nullable=False),
    Column("detection_source", Text),
    *(Column(name, UTCDateTime) for name in MILESTONE_COLUMNS),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("record", RecordJSON, nullable=False),
    # Copies of two review times kept in ``record`` (migration 0003), for insights
    # and reminders: the final approval, and the review meeting.
    Column("approved_at", UTCDateTime),
    Column("review_meeting_at", UTCDateTime),
)
Index("ix_incidents_created_at_ref", incidents.c.created_at, incidents.c.ref)
Index("ix_incidents_status", incidents.c.status)
Index("ix_incidents_severity", incidents.c.severity)
Index("ix_incidents_started_at", incidents.c.started_at)
# The since/until filter: "started, or created when started is unknown".
Index(
    "ix_incidents_started_or_created",
    func.coalesce(incidents.c.started_at, incidents.c.created_at),
)

incident_services = Table(
    "incident_services",
    metadata,
    _incident_id(),
    _position(),
    Column("name", Text, nullable=False),
    Column("impact", Text),
)
Index("ix_incident_services_name", incident_services.c.name)

timeline_events = Table(
    "timeline_events",
    metadata,
    _incident_id(),
    _position(),
    Column("at", UTCDateTime, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("phase", String(32)),
    Column("source", String(32), nullable=False),
    Column("author", Text),
    Column("link", Text),
    Column("action_taken", Text),
)

action_items = Table(
    "action_items",
    metadata,
    _incident_id(),
    _position(),
    Column("key", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("owner", Text),
    Column("due", Date),
    Column("priority", String(16), nullable=False),
    Column("status", String(32), nullable=False),
    Column("reason", Text),
    Column("horizon", String(16)),
    Column("kind", String(16)),
    Column("factor", Text),
    Column("ticket", Text),
    Column("created_at", UTCDateTime),
    Column("completed_at", UTCDateTime),
)
Index("ix_action_items_owner", action_items.c.owner)
Index("ix_action_items_status_due", action_items.c.status, action_items.c.due)
Index("ix_action_items_due", action_items.c.due)

# One row per person per role; single roles (commander, ...) have position 0,
# responders and reviewers keep their list order. Private incidents are
# visible to the people named here.
incident_roles = Table(
    "incident_roles",
    metadata,
    _incident_id(),
    Column("role", String(32), primary_key=True),
    _position(),
    Column("person", Text, nullable=False),
)
Index("ix_incident_roles_person", incident_roles.c.person, incident_roles.c.incident_id)

contributing_factors = Table(
    "contributing_factors",
    metadata,
    _incident_id(),
    _position(),
    Column("name", Text, nullable=False),
    Column("description", Text),
    Column("impact", Text),
)
Index("ix_contributing_factors_name", contributing_factors.c.name)

communications = Table(
    "communications",
    metadata,
    _incident_id(),
    _position(),
    Column("at", UTCDateTime),
    Column("summary", Text, nullable=False),
    Column("audience", String(16), nullable=False),
    Column("channel", Text),
)

ref_sequences = Table(
    "ref_sequences",
    metadata,
    Column("scope", String(64), primary_key=True),
    Column("last_value", Integer, nullable=False),
)

# Accounts (migration 0002): users, their sign-in sessions, API tokens.
# Secrets are stored only as SHA-256 hex digests; passwords as argon2id hashes.
users = Table(
    "users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text),
    Column("disabled", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

# Sign-in sessions (purpose "session") and one-time setup tokens ("setup",
# no user): in the database so that every server process sees them.
sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_name", String(64), ForeignKey("users.name", ondelete="CASCADE")),
    Column("purpose", String(16), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)
Index("ix_sessions_expires_at", sessions.c.expires_at)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("scope", String(16), nullable=False),
    Column(
        "user_name",
        String(64),
        ForeignKey("users.name", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("created_by", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_used_at", UTCDateTime),
    Column("revoked_at", UTCDateTime),
)

# One row per write of an incident: the version it produced and what changed
# ([{field, old, new}, ...]). Keyed by ref, so it reads without a join.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ref", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", Text),
    Column("action", String(32), nullable=False),
    Column("changes", RecordJSON, nullable=False),
)
Index("ix_audit_log_ref_version", audit_log.c.ref, audit_log.c.version)

# Child tables in the order they are loaded and rewritten.
CHILD_TABLES: tuple[Table, ...] = (
    incident_services,
    timeline_events,
    action_items,
    incident_roles,
    contributing_factors,
    communications,
)
