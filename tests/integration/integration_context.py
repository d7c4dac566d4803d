"""A Context over a test database with a clock the test moves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from warroom.config import Settings
from warroom.services.context import Context
from warroom.storage import Database

START = datetime(2026, 11, 22, 5, 0, tzinfo=UTC)


@dataclass
class Clock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def context_for(database: Database, clock: Clock | None = None, **settings: Any) -> Context:
    return Context(
        settings=Settings.load(environ={}, database_url=database.url, **settings),
        uow=database.unit_of_work,
        reader=partial(database.unit_of_work, read_only=True),
        clock=clock or Clock(),
    )
