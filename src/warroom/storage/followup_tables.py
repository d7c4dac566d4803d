"""The tables of search and follow-up (migration ``0003_search_followup``).

They share ``tables.metadata``, so the schema test and the test fixtures see
them. ``incidents.approved_at`` and ``incidents.review_meeting_at`` (in
``tables``) come from the same migration.

- ``search_documents``: one row per incident, the text search looks in
  (title; summaries, timeline, analysis and action items in ``body``),
  rewritten by the repository on every add and save. On SQLite an FTS5
  table ``search_fts`` indexes it (external content, kept in step by
  triggers); on PostgreSQL a generated ``tsv`` tsvector column with a GIN
  index does. Those dialect-specific objects are not in the metadata:
  ``include_name`` tells Alembic to leave them alone.
- ``reminders_sent``: one row per reminder sent, keyed by (kind, ref, item,
  step), so each reminder is sent once however many processes run
  ``warroom remind``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text

from warroom.storage.tables import metadata
from warroom.storage.types import UTCDateTime

if TYPE_CHECKING:
    from alembic.runtime.environment import NameFilterParentNames, NameFilterType

search_documents = Table(
    "search_documents",
    metadata,
    Column(
        "incident_id",
        Integer,
        ForeignKey("incidents.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
)

reminders_sent = Table(
    "reminders_sent",
    metadata,
    Column("kind", String(32), primary_key=True),
    Column("ref", String(64), primary_key=True),
    Column("item", String(64), primary_key=True),  # "" when the reminder is about the incident
    Column("step", String(32), primary_key=True),  # the due date or cadence step reminded of
    Column("sent_at", UTCDateTime, nullable=False),
)

# Search objects that exist on one database only, outside the metadata.
SQLITE_FTS_TABLES = frozenset(
    f"search_fts{suffix}" for suffix in ("", "_data", "_idx", "_content", "_docsize", "_config")
)
POSTGRES_TSV_COLUMN = ("search_documents", "tsv")
POSTGRES_TSV_INDEX = "ix_search_documents_tsv"


def include_name(
    name: str | None, type_: NameFilterType, parent_names: NameFilterParentNames
) -> bool:
    """Alembic's ``include_name`` hook: leave the dialect-specific search objects alone."""
    if type_ == "table":
        return name not in SQLITE_FTS_TABLES
    if type_ == "column":
        return (parent_names.get("table_name"), name) != POSTGRES_TSV_COLUMN
    if type_ == "index":
        return name != POSTGRES_TSV_INDEX
    return True
