"""Full-text search over incidents: titles, summaries, timelines, analysis and action items.

The database does the matching and ranking (FTS5 on SQLite, full-text
search on PostgreSQL; see ``storage.search``), and leaves out private
incidents the viewer may not see before ranking -- they never appear, nor
count.
"""

from __future__ import annotations

from typing import Any

from warroom.domain.times import isoformat_utc
from warroom.errors import ValidationError
from warroom.services.context import Context
from warroom.services.insight_ports import SearchHit
from warroom.services.ports import Viewer

MAX_LIMIT = 200


def search_incidents(
    ctx: Context, text: str, *, viewer: Viewer | None = None, limit: int = 20
) -> list[SearchHit]:
    """Incidents matching ``text``, best first.

    ``text`` is words (all must match), ``"exact phrases"``, ``or`` between
    words and ``-word`` to leave out; English words match their other forms
    (``fail`` finds ``failed``).
    """
    if not text.strip():
        raise ValidationError("search for at least one word", field="text")
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError(f"limit must be between 1 and {MAX_LIMIT}", field="limit")
    with ctx.read() as uow:
        return uow.search.search(text, viewer=viewer, limit=limit)


def hit_record(hit: SearchHit) -> dict[str, Any]:
    """The JSON shape of one search result."""
    return {
        "ref": hit.ref,
        "title": hit.title,
        "severity": hit.severity,
        "status": hit.status,
        "started": isoformat_utc(hit.started),
        "score": round(hit.score, 4),
        "snippet": hit.snippet,
    }
