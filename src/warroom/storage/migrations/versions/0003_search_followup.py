"""Search and follow-up: review times as columns, sent reminders, full-text search.

- ``incidents.approved_at`` and ``incidents.review_meeting_at``: copies of
  the final approval time and the review meeting time from the record, for
  insights and reminders (filled here for existing incidents);
- ``reminders_sent``: one row per reminder sent, so each goes out once;
- ``search_documents``: the text of each incident that search looks in,
  indexed by an FTS5 table on SQLite and a generated tsvector column with a
  GIN index on PostgreSQL (filled here for existing incidents).

Revision ID: 0003_search_followup
Revises: 0002_accounts_audit
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003_search_followup"
down_revision: str | None = "0002_accounts_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)

SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_documents',"
    " content_rowid='incident_id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN"
    " INSERT INTO search_fts(rowid, title, body) VALUES (new.incident_id, new.title, new.body);"
    " END",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title, body)"
    " VALUES ('delete', old.incident_id, old.title, old.body); END",
    "CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title, body)"
    " VALUES ('delete', old.incident_id, old.title, old.body);"
    " INSERT INTO search_fts(rowid, title, body) VALUES (new.incident_id, new.title, new.body);"
    " END",
)
POSTGRES_SEARCH = (
    "ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS"
    " (setweight(to_tsvector('english', title), 'A')"
    " || setweight(to_tsvector('english', body), 'B')) STORED",
    "CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv)",
)


def upgrade() -> None:
    op.add_column("incidents", sa.Column("approved_at", UTC_TIME, nullable=True))
    op.add_column("incidents", sa.Column("review_meeting_at", UTC_TIME, nullable=True))
    op.create_table(
        "reminders_sent",
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("ref", sa.String(64), nullable=False),
        sa.Column("item", sa.String(64), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("sent_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("kind", "ref", "item", "step", name="pk_reminders_sent"),
    )
    op.create_table(
        "search_documents",
        sa.Column("incident_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name="fk_search_documents_incident_id_incidents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("incident_id", name="pk_search_documents"),
    )
    connection = op.get_bind()
    postgres = connection.dialect.name == "postgresql"
    for statement in POSTGRES_SEARCH if postgres else SQLITE_SEARCH:
        connection.exec_driver_sql(statement)
    _fill_review_times(connection)
    # The search text is derived data: build it with the code that keeps it.
    from warroom.storage.search_index import rebuild_search_documents

    rebuild_search_documents(connection)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for name in ("ai", "ad", "au"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS search_documents_{name}")
        connection.exec_driver_sql("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_documents")
    op.drop_table("reminders_sent")
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("review_meeting_at")
        batch.drop_column("approved_at")


def _fill_review_times(connection: sa.Connection) -> None:
    table = sa.table(
        "incidents",
        sa.column("id", sa.Integer()),
        sa.column("review_status", sa.String()),
        sa.column("record", sa.JSON()),
        sa.column("approved_at", UTC_TIME),
        sa.column("review_meeting_at", UTC_TIME),
    )
    rows = connection.execute(sa.select(table.c.id, table.c.review_status, table.c.record))
    for incident_id, review_status, record in rows.all():
        review = (record or {}).get("review") or {}
        approved = None
        if review_status == "approved":
            times = [_time(a.get("at")) for a in review.get("approvals", []) if a.get("approved")]
            approved = max((t for t in times if t is not None), default=None)
        meeting = _time(review.get("meeting_at"))
        if approved is None and meeting is None:
            continue
        connection.execute(
            sa.update(table)
            .where(table.c.id == incident_id)
            .values(
                approved_at=_stored(connection, approved),
                review_meeting_at=_stored(connection, meeting),
            )
        )


def _time(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _stored(connection: sa.Connection, moment: datetime | None) -> datetime | None:
    # SQLite keeps naive UTC text, PostgreSQL timestamptz (as storage.types.UTCDateTime).
    if moment is None or connection.dialect.name == "postgresql":
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)
