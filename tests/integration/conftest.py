"""Real databases for the integration tests: every test runs on SQLite and on PostgreSQL.

Fixtures:

- ``database``: an open, migrated, empty ``Database``, parametrized as
  ``[sqlite]`` (a file in ``tmp_path``) and ``[postgres]`` (a database
  created for this test session; its tables are emptied before each test).
  Do not dispose it: the fixture does.
- ``any_database``: the same on ``[fake]`` too (``tests/fakes.FakeDatabase``),
  for behaviour the in-memory fake must share with the real databases.
- ``empty_database_url``: the URL of a database with no tables yet, on
  both back ends, for schema creation tests.
- ``count_statements``: records the SQL statements an engine runs.

PostgreSQL comes from ``WARROOM_TEST_POSTGRES_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``). When it cannot be
reached the postgres tests are skipped -- or fail, when ``CI=true``.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, NullPool, create_engine, event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Engine

from fakes import FakeDatabase
from warroom.storage import Database, open_database
from warroom.storage.engine import normalize_url

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


class PostgresServer:
    """The test PostgreSQL server, reached through its ``test`` (admin) database."""

    def __init__(self, admin_url: URL) -> None:
        self.admin_url = admin_url
        self.admin = create_engine(
            admin_url,
            isolation_level="AUTOCOMMIT",
            poolclass=NullPool,
            connect_args={"connect_timeout": 5},
        )

    def create_database(self) -> str:
        name = f"warroom_test_{secrets.token_hex(6)}"
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        return self.admin_url.set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        name = normalize_url(url).database
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    raw = os.environ.get("WARROOM_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    server = PostgresServer(normalize_url(raw))
    try:
        with server.admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except sa_exc.DBAPIError as exc:
        server.admin.dispose()
        where = server.admin_url.render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI but {where} is unreachable: {reason}")
        pytest.skip(
            f"PostgreSQL at {where} is unreachable ({reason}); "
            "start PostgreSQL or set WARROOM_TEST_POSTGRES_URL to run these tests"
        )
    yield server
    server.admin.dispose()


@pytest.fixture(scope="session")
def postgres_database(postgres_server: PostgresServer) -> Iterator[Database]:
    """One migrated PostgreSQL database for the whole session."""
    url = postgres_server.create_database()
    database = open_database(url)
    yield database
    database.dispose()
    postgres_server.drop_database(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (cheaper than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "warroom.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(scope="session")
def postgres_tables(postgres_database: Database) -> list[str]:
    """Every table of the session database (other modules add theirs), children first."""
    reflected = MetaData()
    with postgres_database.engine.connect() as connection:
        reflected.reflect(connection)
    return [t.name for t in reversed(reflected.sorted_tables) if t.name != "alembic_version"]


def _empty_tables(database: Database, tables: list[str]) -> None:
    # DELETE, children first: on tables of a few rows it is ten times faster
    # than TRUNCATE, which makes new files for every table and index.
    with database.engine.begin() as connection:
        for name in tables:
            connection.exec_driver_sql(f'DELETE FROM "{name}"')


def _open_backend(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    if backend == "fake":
        yield FakeDatabase()
    elif backend == "postgres":
        shared: Database = request.getfixturevalue("postgres_database")
        _empty_tables(shared, request.getfixturevalue("postgres_tables"))
        yield shared
    else:
        path = tmp_path / "warroom.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        database = open_database(f"sqlite:///{path}")
        yield database
        database.dispose()


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty, migrated database on the back end of the parameter."""
    yield from _open_backend(request.param, request, tmp_path)


@pytest.fixture(params=["fake", *BACKENDS])
def any_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A ``Database`` as ``database`` gives, or a ``FakeDatabase``: both open units of work."""
    yield from _open_backend(request.param, request, tmp_path)


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a database with no tables at all."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'new' / 'warroom.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


@contextmanager
def _recording(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        words = statement.lstrip().split(None, 1)
        if words and words[0].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
def count_statements() -> Callable[[Engine], Any]:
    """``with count_statements(engine) as statements:`` collects the DML/queries run."""
    return _recording
