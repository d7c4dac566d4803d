"""``warroom search`` and ``warroom similar``: finding incidents by their text and likeness."""

from __future__ import annotations

from typing import Annotated

import typer

from warroom.cli.app import app, context, print_json

Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
Limit = Annotated[int, typer.Option(min=1, max=200, help="How many at most.")]


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(help='Words (all must match), "a phrase", or, -word to leave out.')
    ],
    limit: Limit = 20,
    json_out: Json = False,
) -> None:
    """Full-text search over titles, summaries, timelines, analysis and action items.

    Example: warroom search '"connection pool" checkout -staging'
    """
    from warroom.cli.followup_views import search_table
    from warroom.services.search import hit_record, search_incidents

    hits = search_incidents(context(), query, limit=limit)
    if json_out:
        print_json([hit_record(hit) for hit in hits])
    else:
        search_table(hits)


@app.command()
def similar(
    ref: Annotated[str, typer.Argument(help="The incident's reference.")],
    limit: Limit = 10,
    json_out: Json = False,
) -> None:
    """Incidents like this one: shared contributing factors, shared services, similar text."""
    from warroom.cli.followup_views import similar_table
    from warroom.services.related import related_record, similar_incidents

    rows = similar_incidents(context(), ref, limit=limit)
    if json_out:
        print_json([related_record(row) for row in rows])
    else:
        similar_table(rows)
