"""Opening the database named by a URL: SQLite by default, PostgreSQL for several servers.

``open_database(url)`` builds the engine (``storage.engine``), creates or
migrates the schema on first use (``storage.schema``) and hands out units of
work. Nothing here runs at import time: entry points open the database
from the settings and pass it down.
"""

from __future__ import annotations

from typing import Self

from sqlalchemy.engine import Engine

from warroom.storage.engine import engine_for
from warroom.storage.errors import safe_url
from warroom.storage.schema import ensure_schema
from warroom.storage.unit_of_work import SqlUnitOfWork


class Database:
    """An open database: its engine, and units of work on it. ``dispose()`` when done."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        """The full URL, password included: for opening the same database elsewhere."""
        return self.engine.url.render_as_string(hide_password=False)

    @property
    def display_url(self) -> str:
        """The URL with its password hidden: for messages and logs."""
        return safe_url(self.engine.url)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def unit_of_work(self, *, read_only: bool = False) -> SqlUnitOfWork:
        """A new unit of work. ``read_only`` ones do not take SQLite's write lock.

        A read-only unit of work may still write, but on SQLite it can then
        fail with "database is locked" under concurrent writers; use it for
        lists, reports and exports.
        """
        return SqlUnitOfWork(self.engine, read_only=read_only)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.dispose()

    def __repr__(self) -> str:
        return f"Database({self.display_url!r})"


def open_database(url: str, *, migrate: bool = True, echo: bool = False) -> Database:
    """Open the database at ``url``, creating or migrating its schema unless ``migrate`` is off.

    Accepts ``sqlite:///path/to/file.db`` (its folder is created),
    ``sqlite://`` (in memory, one shared connection) and ``postgresql://``,
    ``postgres://`` or ``postgresql+psycopg://`` URLs. Raises
    ConfigurationError for a URL of another kind, StorageError when the
    database cannot be reached.
    """
    database = Database(engine_for(url, echo=echo))
    if migrate:
        try:
            ensure_schema(database.engine)
        except BaseException:
            database.dispose()
            raise
    return database
