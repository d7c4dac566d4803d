"""What every use case is given: settings, a unit-of-work factory, a clock.

Entry points build one ``Context`` through ``warroom.bootstrap`` and pass it
to the service functions; tests build one over the in-memory fakes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from warroom.config import Settings
from warroom.domain.model import Incident
from warroom.domain.times import format_utc, parse_time
from warroom.services.ports import UnitOfWork


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _nothing() -> None:
    return None


@dataclass
class Context:
    """``uow`` opens a unit of work for changes; ``reader`` one for reads only.

    On SQLite a writing unit of work takes the write lock when it begins, so
    reads use ``reader`` and never wait behind writers.
    """

    settings: Settings
    uow: Callable[[], UnitOfWork]
    reader: Callable[[], UnitOfWork] | None = None
    clock: Callable[[], datetime] = utc_now
    close: Callable[[], None] = _nothing

    def now(self) -> datetime:
        return self.clock()

    def read(self) -> UnitOfWork:
        return (self.reader or self.uow)()


@dataclass
class Outcome:
    """An incident after a change, with notes worth telling the user (assumed zones...)."""

    incident: Incident
    notes: list[str] = field(default_factory=list)


def read_time(
    ctx: Context,
    text: str | datetime | None,
    *,
    field: str,
    notes: list[str],
    incident: Incident | None = None,
) -> datetime:
    """A time as typed (``None``: now), read in the configured zone.

    A bare ``HH:MM`` is read on the incident's date (its start, else its
    creation), or today for a new incident. Assumptions are added to ``notes``.
    """
    if text is None:
        return ctx.now()
    if isinstance(text, datetime):
        return text
    parsed = parse_time(
        text,
        default_zone=ctx.settings.zone,
        base_date=_incident_date(incident, ctx),
        now=ctx.now(),
        field=field,
    )
    if parsed.assumed_zone:
        notes.append(
            f"{field}: read {text.strip()!r} as {format_utc(parsed.at)} "
            f"(no zone given; the default zone is {ctx.settings.timezone})"
        )
    elif not parsed.has_date:
        notes.append(f"{field}: read {text.strip()!r} as {format_utc(parsed.at)}")
    return parsed.at


def _incident_date(incident: Incident | None, ctx: Context) -> date | None:
    if incident is None:
        return None
    moment = incident.milestones.started or incident.created_at
    if moment is None:
        return None
    return moment.astimezone(ctx.settings.zone).date()
