"""Storage adapter: incidents in SQLite or PostgreSQL through SQLAlchemy Core and Alembic.

Entry points call ``open_database(settings.database_url)`` once, then use
``database.unit_of_work()`` for each use case and ``database.dispose()`` at
the end. See docs/storage.md.
"""

# Registers the integrations' tables on ``tables.metadata`` before anyone uses it.
from warroom.storage import integration_tables as integration_tables
from warroom.storage.database import Database, open_database
from warroom.storage.repository import SqlIncidentRepository
from warroom.storage.schema import HEAD_REVISION, ensure_schema
from warroom.storage.unit_of_work import SqlUnitOfWork

__all__ = [
    "HEAD_REVISION",
    "Database",
    "SqlIncidentRepository",
    "SqlUnitOfWork",
    "ensure_schema",
    "open_database",
]
