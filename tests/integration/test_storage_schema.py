"""Schema creation and migration, column types, URLs and connection errors."""

from __future__ import annotations

import importlib
import pkgutil
import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Integer, MetaData, Table, select, text

import warroom.storage
from warroom.errors import ConfigurationError, StorageError
from warroom.storage import HEAD_REVISION, Database, ensure_schema, open_database
from warroom.storage.engine import normalize_url
from warroom.storage.followup_tables import include_name
from warroom.storage.schema import alembic_config, current_revision
from warroom.storage.tables import metadata
from warroom.storage.types import UTCDateTime


def test_head_revision_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_ensure_schema_creates_then_does_nothing(empty_database_url: str) -> None:
    database = open_database(empty_database_url, migrate=False)
    try:
        assert current_revision(database.engine) is None
        ensure_schema(database.engine)
        ensure_schema(database.engine)
        assert current_revision(database.engine) == HEAD_REVISION
        with database.engine.connect() as connection:
            versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            assert versions.scalars().all() == [HEAD_REVISION]
    finally:
        database.dispose()
    open_database(empty_database_url).dispose()


def test_ensure_schema_at_head_is_one_query(
    database: Database, count_statements: Callable[..., Any]
) -> None:
    with count_statements(database.engine) as statements:
        ensure_schema(database.engine)
    assert statements == ["SELECT version_num FROM alembic_version"]


def _import_every_table_module() -> None:
    # Tables of other modules (accounts, integrations...) join tables.metadata on import.
    for module in pkgutil.iter_modules(warroom.storage.__path__):
        if not module.ispkg:
            importlib.import_module(f"warroom.storage.{module.name}")


def test_the_migrations_build_exactly_the_tables_modules(database: Database) -> None:
    _import_every_table_module()
    with database.engine.connect() as connection, warnings.catch_warnings():
        # Alembic cannot compare the expression index; it says so in a warning.
        warnings.filterwarnings("ignore", "autogenerate skipping", UserWarning)
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", Warning)
        # The full-text search objects of one database only are not in the metadata.
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_utc_times_survive_any_zone_and_the_session_zone(database: Database) -> None:
    scratch = MetaData()
    table = Table("utc_scratch", scratch, Column("id", Integer, primary_key=True))
    table.append_column(Column("at", UTCDateTime))
    kolkata = timezone(timedelta(hours=5, minutes=30))
    written = [
        datetime(2026, 11, 20, 19, 35, 1, 5, tzinfo=kolkata),
        datetime(2026, 11, 20, 14, 5, 1, 5),  # naive: taken as UTC
        None,
    ]
    try:
        with database.engine.begin() as connection:
            scratch.create_all(connection)
            if database.dialect == "postgresql":
                connection.exec_driver_sql("SET TIME ZONE 'America/Los_Angeles'")
            connection.execute(
                table.insert(), [{"id": i, "at": at} for i, at in enumerate(written)]
            )
            read = connection.execute(select(table.c.at).order_by(table.c.id)).scalars().all()
            if database.dialect == "postgresql":
                raw = "SELECT to_char(at AT TIME ZONE 'UTC', 'HH24:MI') FROM utc_scratch"
            else:
                raw = "SELECT substr(at, 12, 5) FROM utc_scratch"
            stored = connection.execute(text(f"{raw} WHERE id = 0")).scalar()
            later = connection.execute(
                select(table.c.id).where(table.c.at > datetime(2026, 11, 20, 15, tzinfo=kolkata))
            )
            assert later.scalars().all() == [0, 1]
    finally:
        with database.engine.begin() as connection:
            scratch.drop_all(connection)
    assert read == [
        datetime(2026, 11, 20, 14, 5, 1, 5, tzinfo=UTC),
        datetime(2026, 11, 20, 14, 5, 1, 5, tzinfo=UTC),
        None,
    ]
    assert all(at is None or at.tzinfo is UTC for at in read)
    assert stored == "14:05"


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgres://u@h/db", "postgresql+psycopg"),
        ("postgresql://u@h/db", "postgresql+psycopg"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg"),
        ("sqlite:///x.db", "sqlite"),
    ],
)
def test_urls_are_normalized(url: str, driver: str) -> None:
    assert normalize_url(url).drivername == driver


@pytest.mark.parametrize("url", ["mysql://u@h/db", "not a url"])
def test_unsupported_urls_are_configuration_errors(url: str) -> None:
    with pytest.raises(ConfigurationError) as raised:
        open_database(url)
    assert raised.value.field == "database_url"


def test_sqlite_creates_its_folder_and_runs_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "warroom.db"
    with open_database(f"sqlite:///{path}") as database, database.engine.connect() as connection:
        pragmas = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        }
    assert path.is_file()
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 10000}


def test_in_memory_sqlite_works_for_quick_tests() -> None:
    with open_database("sqlite://") as database, database.unit_of_work() as uow:
        assert uow.incidents.next_sequence("x") == 1


def test_unreachable_postgres_is_a_storage_error_without_the_password() -> None:
    with pytest.raises(StorageError) as raised:
        open_database("postgresql://warroom:s3cret@127.0.0.1:1/warroom")
    message = raised.value.message
    assert message.startswith(
        "cannot reach the database at postgresql+psycopg://warroom:***@127.0.0.1:1/warroom: "
    )
    assert "s3cret" not in message


def test_unopenable_sqlite_file_is_a_storage_error(tmp_path: Path) -> None:
    (tmp_path / "a-folder.db").mkdir()
    with pytest.raises(StorageError, match="cannot reach the database at sqlite:///"):
        open_database(f"sqlite:///{tmp_path / 'a-folder.db'}")
    (tmp_path / "file").write_text("")
    with pytest.raises(StorageError, match="cannot create the folder"):
        open_database(f"sqlite:///{tmp_path / 'file' / 'sub' / 'warroom.db'}")


def test_a_database_from_a_newer_warroom_is_refused_not_changed(empty_database_url: str) -> None:
    open_database(empty_database_url).dispose()
    with open_database(empty_database_url, migrate=False) as database:
        with database.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
        with pytest.raises(StorageError, match="newer warroom"):
            ensure_schema(database.engine)
        assert current_revision(database.engine) == "9999_future"
