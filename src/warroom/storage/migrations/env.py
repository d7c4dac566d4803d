"""Alembic environment: runs warroom's migrations on the connection it is given.

``storage.schema`` builds the Config in code and passes an open connection
(already inside a transaction holding the write lock) in
``config.attributes["connection"]``. Without one, the URL comes from the
``sqlalchemy.url`` option, for developers running Alembic by hand.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from warroom.storage.followup_tables import include_name
from warroom.storage.tables import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    config = context.config
    if context.is_offline_mode():
        context.configure(
            url=config.get_main_option("sqlalchemy.url"),
            target_metadata=metadata,
            literal_binds=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from warroom.storage.engine import engine_for

    engine = engine_for(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as own_connection:
            _run(own_connection)
    finally:
        engine.dispose()


_main()
