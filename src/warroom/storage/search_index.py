"""Keeping the search text of each incident: built from the record, written with it.

``search_document`` gathers what full-text search looks in: the title
(weighted highest), then the summaries, services, the timeline (entries
people wrote, not the system's own notes), the analysis and the action
items. The repository calls ``write_search_document`` on every add and save,
in the same transaction; the database's index (FTS5 or tsvector, see
``followup_tables``) follows by itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from warroom.domain.model import MILESTONE_NAMES, Incident, Source
from warroom.storage.followup_tables import search_documents
from warroom.storage.tables import incidents

REBUILD_BATCH = 500
_LOADED_COLUMNS = (
    "id",
    "ref",
    "title",
    "summary",
    "severity",
    "status",
    "review_status",
    "visibility",
    "detection_source",
    *(f"{name}_at" for name in MILESTONE_NAMES),
    "created_at",
    "updated_at",
    "version",
    "record",
)


def search_document(incident: Incident) -> dict[str, str]:
    """``{"title", "body"}``: the text search matches for this incident."""
    analysis = incident.analysis
    root, fix = analysis.root_cause, analysis.resolution
    parts: list[str | None] = [incident.summary, incident.executive_summary]
    parts += [f"{s.name} {s.impact or ''}" for s in incident.services]
    parts += [
        f"{e.text} {e.action_taken or ''}"
        for e in incident.timeline
        if e.source is not Source.SYSTEM
    ]
    parts += [analysis.trigger, root.summary, root.why, root.why_not_caught]
    parts += [
        f"{f.name} {f.description or ''} {f.impact or ''}" for f in analysis.contributing_factors
    ]
    parts += [f"{w.question} {w.answer}" for w in analysis.five_whys]
    parts += [fix.immediate_fix, fix.long_term_fix, fix.verification, *fix.steps]
    parts += _texts(analysis.went_well) + _texts(analysis.went_poorly)
    parts += [*analysis.lucky, *analysis.surprises]
    parts += [lesson.text for lesson in analysis.lessons]
    parts += [measure.text for measure in analysis.prevention]
    parts += [f"{item.key} {item.title}" for item in incident.action_items]
    body = "\n".join(part.strip() for part in parts if part and part.strip())
    return {"title": incident.title, "body": body}


def write_search_document(connection: Connection, incident: Incident, incident_id: int) -> None:
    """Insert or replace the search text of one incident."""
    values = {"incident_id": incident_id, **search_document(incident)}
    connection.execute(_upsert(connection.dialect.name), values)


@cache
def _upsert(dialect_name: str) -> Any:
    # Built once: the values are bound per call, so the compiled statement is reused.
    dialect: Any = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(search_documents)
    return statement.on_conflict_do_update(
        index_elements=[search_documents.c.incident_id],
        set_={"title": statement.excluded.title, "body": statement.excluded.body},
    )


def rebuild_search_documents(connection: Connection) -> int:
    """Write the search text of every stored incident (the migration that adds search)."""
    from warroom.storage.loading import load_incidents

    written, last = 0, 0
    while True:
        rows = (
            connection.execute(
                # The columns as of migration 0003, which runs this: not ``select(incidents)``,
                # so that columns added by later migrations are not asked for.
                select(*(incidents.c[name] for name in _LOADED_COLUMNS))
                .where(incidents.c.id > last)
                .order_by(incidents.c.id)
                .limit(REBUILD_BATCH)
            )
            .mappings()
            .all()
        )
        if not rows:
            return written
        for row, incident in zip(rows, load_incidents(connection, rows), strict=True):
            write_search_document(connection, incident, row["id"])
        written += len(rows)
        last = rows[-1]["id"]


def _texts(items: Iterable[Any]) -> list[str | None]:
    return [f"{item.text} {item.detail or ''}" for item in items]
