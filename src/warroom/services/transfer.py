"""Export and import of whole records: backups, moves between databases, report imports."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from warroom.domain import incident as rules
from warroom.domain.model import Incident
from warroom.domain.record import from_record, to_record
from warroom.domain.refs import validate_ref
from warroom.errors import ConflictError, ValidationError
from warroom.services.audit import record_write
from warroom.services.context import Context
from warroom.services.incidents import allocate_ref
from warroom.services.ports import Viewer


@dataclass
class StoreReport:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # refs that existed already


def export_records(ctx: Context, *, viewer: Viewer | None = None) -> Iterator[dict[str, Any]]:
    """Every incident as its JSON record, oldest first."""
    with ctx.read() as uow:
        for incident in uow.incidents.iter_all(viewer=viewer):
            yield to_record(incident)


def read_records(lines: Iterable[str], *, source: str = "<input>") -> list[Incident]:
    """Parse JSON Lines (or one JSON array) of records; errors name the line and field."""
    text = "".join(lines)
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(f"{source}: not valid JSON: {exc}", field="records") from None
        numbered = list(enumerate(items, start=1))
    else:
        numbered = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                numbered.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise ValidationError(
                    f"{source}:{number}: not a JSON record: {exc.msg}", field="records"
                ) from None
    incidents = []
    for number, item in numbered:
        try:
            incidents.append(from_record(item))
        except ValidationError as exc:
            raise ValidationError(f"{source}:{number}: {exc.message}", field=exc.field) from None
    return incidents


def store_incidents(
    ctx: Context,
    incidents: list[Incident],
    *,
    skip_existing: bool = False,
    progress: Callable[[int, Incident], None] | None = None,
    actor: str | None = None,
    dry_run: bool = False,
) -> StoreReport:
    """Store complete records in one transaction: all of them, or none.

    Records keep their reference, version and stamps (a restored backup is
    identical to what was exported); a record without a reference gets a new
    one. An existing reference is a conflict unless ``skip_existing``. Each
    stored record gets an ``import`` entry in the audit log by ``actor``.
    ``dry_run`` checks everything and reports what would be stored, then
    rolls back.
    """
    max_severity = ctx.settings.scale.levels
    seen: set[str] = set()
    for incident in incidents:
        rules.check_incident(incident, max_severity=max_severity)
        if incident.ref:
            incident.ref = validate_ref(incident.ref)
            if incident.ref in seen:
                raise ConflictError(f"{incident.ref} appears twice in the input", field="ref")
            seen.add(incident.ref)
    report = StoreReport()
    now = ctx.now()
    with ctx.uow() as uow:
        for index, incident in enumerate(incidents, start=1):
            if incident.ref and uow.incidents.exists(incident.ref):
                if not skip_existing:
                    raise ConflictError(
                        f"{incident.ref} exists already; nothing was imported "
                        "(use --skip-existing to import the others)",
                        field="ref",
                    )
                report.skipped.append(incident.ref)
                continue
            if not incident.ref:
                day = incident.milestones.started or incident.created_at or now
                incident.ref = allocate_ref(ctx, uow, day)
            incident.created_at = incident.created_at or now
            incident.updated_at = incident.updated_at or now
            uow.incidents.add(incident)
            record_write(ctx, uow, None, incident, actor=actor, action="import")
            report.created.append(incident.ref)
            if progress:
                progress(index, incident)
        if not dry_run:
            uow.commit()
    return report
