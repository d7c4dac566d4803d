"""``warroom serve``: the web UI and the REST API in one process (uvicorn)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from warroom.cli.app import app, context, err_console

if TYPE_CHECKING:
    from warroom.services.context import Context


def setup_link(host: str, port: int, token: str) -> str:
    """The one-time link that creates the first admin, as a browser on this machine reaches it."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/setup?token={token}"


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="Load a handful of realistic sample incidents first.")
    ] = False,
) -> None:
    """Serve the web UI at / and the REST API at /api/v1 (docs at /api/docs).

    On the first start, with no users yet, it prints a one-time setup link
    where the first admin sets a password. Several processes may serve one
    PostgreSQL database at once: sessions live in the database.

    Example: warroom serve --port 8000
    """
    import uvicorn

    from warroom.api.app import create_app
    from warroom.services.accounts import create_setup_token, setup_needed

    ctx = context()
    if demo:
        _load_demo(ctx)
    if setup_needed(ctx):
        link = setup_link(host, port, create_setup_token(ctx))
        err_console().print(
            "[bold]No users yet.[/bold] Open this link once to create the first admin "
            f"(valid for a day):\n\n    {link}\n",
            soft_wrap=True,
        )
    from warroom.integrations.webhook_worker import start_background_worker

    stop_deliveries = start_background_worker(ctx)  # webhooks out, every few seconds
    try:
        uvicorn.run(create_app(ctx), host=host, port=port, log_level="info", server_header=False)
    finally:
        if stop_deliveries is not None:
            stop_deliveries.stop()


def _load_demo(ctx: Context) -> None:
    from warroom.demo import load_demo

    loaded = load_demo(ctx)
    if loaded:
        err_console().print(f"[dim]demo: loaded {len(loaded)} sample incidents[/dim]")
