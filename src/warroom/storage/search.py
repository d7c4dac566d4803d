"""Full-text search over incidents (``ports.SearchIndex``): FTS5 on SQLite, tsvector on PostgreSQL.

Both read the same query language: words (all must match), ``"exact
phrases"``, ``or`` between words, ``-word`` to exclude. PostgreSQL parses it
with ``websearch_to_tsquery('english', ...)``; for SQLite ``fts5_query``
turns it into an FTS5 expression. Both stem English words (``porter`` on
SQLite, the ``english`` configuration on PostgreSQL) and weigh the title
above the rest. Scores are higher-is-better (``-bm25`` on SQLite, ``ts_rank``
on PostgreSQL) and comparable only within one search. Private incidents the
viewer may not see are filtered in the same statement, so they never show,
nor count. Related and similar incidents are in ``storage.related``.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Float, column, func, literal_column, select, table
from sqlalchemy.engine import Connection
from sqlalchemy.sql.selectable import CTE, Select

from warroom.errors import ValidationError
from warroom.services.insight_ports import RelatedRow, SearchHit
from warroom.services.ports import Viewer
from warroom.storage.errors import translate_errors
from warroom.storage.followup_tables import search_documents
from warroom.storage.queries import visible_to
from warroom.storage.tables import incidents

fts = table("search_fts", column("rowid"), column("title"), column("body"))
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
HEADLINE = "MaxFragments=1, MaxWords=18, MinWords=6, StartSel=[, StopSel=]"


def fts5_query(text: str) -> str:
    """The FTS5 expression for a search as typed (see the module docstring)."""
    positive: list[str] = []
    negative: list[str] = []
    pending_or = False
    for match in _TOKEN.finditer(text):
        minus, phrase, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            pending_or = bool(positive)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            minus, bare = "-", bare[1:]
        words = _WORD.findall(phrase if phrase is not None else bare or "")
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        if minus:
            negative.append(term)
        elif pending_or:
            positive[-1] = f"{positive[-1]} OR {term}"
        else:
            positive.append(term)
        pending_or = False
    if not positive:
        raise ValidationError("search for at least one word", field="text")
    expression = " AND ".join(f"({term})" if " OR " in term else term for term in positive)
    for term in negative:
        expression = f"({expression}) NOT {term}"
    return expression


def any_of(words: list[str], dialect: str) -> str:
    """A query matching any of ``words`` (for "similar" text), in the dialect's syntax."""
    if dialect == "postgresql":
        return " or ".join(words)
    return " OR ".join(f'"{word}"' for word in words)


def text_matches(
    connection: Connection, query: str, *, raw: bool, limit: int, exclude: int | None = None
) -> CTE:
    """``(incident_id, score)`` of the ``limit`` best matches.

    ``raw``: ``query`` is already in the database's syntax (see ``any_of``).
    """
    if connection.dialect.name == "postgresql":
        tsquery = func.websearch_to_tsquery("english", query)
        tsv: ColumnElement[Any] = literal_column("search_documents.tsv")
        score: ColumnElement[float] = func.ts_rank(tsv, tsquery)
        statement = select(search_documents.c.incident_id, score.label("score")).where(
            tsv.op("@@")(tsquery)
        )
        key: ColumnElement[Any] = search_documents.c.incident_id
    else:
        bm25 = literal_column("bm25(search_fts, 10.0, 1.0)", Float)
        match = query if raw else fts5_query(query)
        statement = select(fts.c.rowid.label("incident_id"), (-bm25).label("score")).where(
            literal_column("search_fts").op("MATCH")(match)
        )
        key = fts.c.rowid
    if exclude is not None:
        statement = statement.where(key != exclude)
    return statement.order_by(literal_column("score").desc()).limit(limit).cte("matches")


class SqlSearchIndex:
    """``ports.SearchIndex`` on one open connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._url = connection.engine.url

    def search(self, text: str, *, viewer: Viewer | None, limit: int) -> list[SearchHit]:
        with translate_errors(self._url):
            return [
                self._hit(row)
                for row in self._connection.execute(self._search(text, viewer, limit)).mappings()
            ]

    def related(self, ref: str, *, viewer: Viewer | None, limit: int) -> list[RelatedRow]:
        from warroom.storage.related import related_incidents

        with translate_errors(self._url):
            return related_incidents(self._connection, ref, viewer=viewer, limit=limit)

    def similar(self, ref: str, *, viewer: Viewer | None, limit: int) -> list[RelatedRow]:
        from warroom.storage.related import similar_incidents

        with translate_errors(self._url):
            return similar_incidents(self._connection, ref, viewer=viewer, limit=limit)

    def _search(self, text: str, viewer: Viewer | None, limit: int) -> Select[Any]:
        postgres = self._connection.dialect.name == "postgresql"
        # Private incidents are filtered before ranking and cutting, so a
        # page is full and no hidden incident takes a place.
        if postgres:
            tsquery = func.websearch_to_tsquery("english", text)
            tsv: ColumnElement[Any] = literal_column("search_documents.tsv")
            ranked = select(
                search_documents.c.incident_id, func.ts_rank(tsv, tsquery).label("score")
            ).where(tsv.op("@@")(tsquery))
            if viewer is not None and not viewer.is_admin:
                # Only a viewer who may not see everything needs the incidents joined here.
                ranked = ranked.join(
                    incidents, incidents.c.id == search_documents.c.incident_id
                ).where(visible_to(viewer))
            matches = (
                ranked.order_by(literal_column("score").desc(), search_documents.c.incident_id)
                .limit(limit)
                .subquery("matches")
            )
            headline = func.ts_headline("english", search_documents.c.body, tsquery, HEADLINE)
            return (
                select(*_hit_columns(), matches.c.score, headline.label("snippet"))
                .select_from(matches)
                .join(incidents, incidents.c.id == matches.c.incident_id)
                .join(search_documents, search_documents.c.incident_id == matches.c.incident_id)
                .order_by(matches.c.score.desc(), incidents.c.id)
            )
        bm25 = literal_column("bm25(search_fts, 10.0, 1.0)", Float)
        snippet: ColumnElement[Any] = literal_column("snippet(search_fts, -1, '[', ']', '…', 12)")
        return (
            select(*_hit_columns(), (-bm25).label("score"), snippet.label("snippet"))
            .select_from(fts.join(incidents, incidents.c.id == fts.c.rowid))
            .where(literal_column("search_fts").op("MATCH")(fts5_query(text)), visible_to(viewer))
            .order_by(bm25, incidents.c.id)
            .limit(limit)
        )

    @staticmethod
    def _hit(row: Any) -> SearchHit:
        return SearchHit(
            ref=row["ref"],
            title=row["title"],
            severity=row["severity"],
            status=row["status"],
            started=row["started_at"],
            score=float(row["score"]),
            snippet=row["snippet"] or "",
        )


def _hit_columns() -> list[ColumnElement[Any]]:
    return [
        incidents.c.ref,
        incidents.c.title,
        incidents.c.severity,
        incidents.c.status,
        incidents.c.started_at,
    ]
