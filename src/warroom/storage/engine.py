"""Engines for the two databases warroom runs on, with SQLite set up for several processes.

SQLite connections run in WAL mode (readers never wait for the writer) with
foreign keys on and a 10 s busy timeout, and every write transaction starts
with ``BEGIN IMMEDIATE``: concurrent writers from several processes then
queue for the write lock instead of failing half-way with "database is
locked". PostgreSQL runs through psycopg 3.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from warroom.errors import ConfigurationError, StorageError
from warroom.storage.errors import safe_url

BUSY_TIMEOUT_SECONDS = 10
CONNECT_TIMEOUT_SECONDS = 10
# Execution option of a connection whose transactions only read: on SQLite
# they begin DEFERRED and so do not wait for, or block, writers.
READ_ONLY_OPTION = "warroom_read_only"


def engine_for(url: str, *, echo: bool = False) -> Engine:
    """A SQLAlchemy engine for ``url`` (see ``normalize_url``), configured as described above."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, echo=echo)
    return create_engine(
        parsed,
        echo=echo,
        pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS},
    )


def normalize_url(url: str) -> URL:
    """The URL SQLAlchemy should use: bare PostgreSQL URLs get the psycopg 3 driver."""
    text = url.strip()
    for prefix in ("postgres://", "postgresql://"):
        if text.startswith(prefix):
            text = "postgresql+psycopg://" + text[len(prefix) :]
    try:
        parsed = make_url(text)
    except sa_exc.ArgumentError:
        raise ConfigurationError(
            f"setting database_url: {safe_url(text)!r} is not a database URL;"
            " use sqlite:///path/to/warroom.db or postgresql://user@host/db",
            field="database_url",
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigurationError(
            f"setting database_url: {parsed.get_backend_name()!r} databases are not supported;"
            " use sqlite:/// or postgresql://",
            field="database_url",
        )
    return parsed


def _sqlite_engine(url: URL, *, echo: bool) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:") or "mode=memory" in str(url.query)
    options: dict[str, Any] = {"echo": echo}
    if in_memory:
        # One connection shared by everyone, or each would see its own empty database.
        options.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        if not database.startswith("file:"):
            folder = Path(database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(
                    f"cannot reach the database at {safe_url(url)}:"
                    f" cannot create the folder {folder}: {exc.strerror or exc}"
                ) from exc
        options.update(connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # Take transaction control away from the sqlite3 module (which would
    # begin lazily, as DEFERRED): _on_sqlite_begin emits the BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    # A deferred transaction that reads and then writes fails at once with
    # SQLITE_BUSY when another process wrote in between; IMMEDIATE takes the
    # write lock up front and waits for it (busy_timeout) instead.
    if connection.get_execution_options().get(READ_ONLY_OPTION):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
