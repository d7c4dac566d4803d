"""Settings -> database -> unit of work -> Context: how every entry point starts."""

from __future__ import annotations

from functools import partial

from warroom.config import Settings
from warroom.services.context import Context


def build_context(settings: Settings | None = None) -> Context:
    """Open (creating and migrating on first use) the configured database."""
    from warroom.storage.database import open_database

    settings = settings or Settings.load()
    database = open_database(settings.database_url)
    return Context(
        settings=settings,
        uow=database.unit_of_work,
        reader=partial(database.unit_of_work, read_only=True),
        close=database.dispose,
    )
