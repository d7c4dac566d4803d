"""Creating and migrating the schema, with Alembic run from code (no alembic.ini).

``ensure_schema`` is called on every start: when the database is already at
``HEAD_REVISION`` it costs one query and does not import Alembic at all, so
``warroom list`` starts fast. Otherwise it upgrades inside one transaction
that holds the write lock (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on
PostgreSQL), so processes starting together on a new database migrate it
once, one after the other.

To write a new migration, add ``versions/NNNN_what.py`` (``alembic_config()``
gives a Config for ``alembic.command.revision``) and raise ``HEAD_REVISION``;
a test checks that the two agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection, Engine

from warroom.errors import StorageError
from warroom.storage.engine import READ_ONLY_OPTION
from warroom.storage.errors import safe_url, translate_errors

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0004_integrations"
# pg_advisory_xact_lock key held while migrating ("WRRM").
_MIGRATION_LOCK_KEY = 0x5752524D


def ensure_schema(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision; cheap when it is already there."""
    if current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command
    from alembic.util.exc import CommandError

    with translate_errors(engine.url), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK_KEY})")
        try:
            command.upgrade(alembic_config(connection), "head")
        except CommandError as exc:
            raise StorageError(
                f"cannot migrate the database at {safe_url(engine.url)}: {exc}"
                " (was it written by a newer warroom?)"
            ) from exc


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at; None for a new, empty database."""
    with translate_errors(engine.url, connecting=True):
        connection = engine.connect()
    with connection, translate_errors(engine.url):
        connection.execution_options(**{READ_ONLY_OPTION: True})
        try:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            return revision.scalar()
        except (sa_exc.OperationalError, sa_exc.ProgrammingError) as exc:
            if exc.connection_invalidated:
                raise
            # No alembic_version table: the database is new.
            return None


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config for warroom's migrations, optionally bound to ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config
