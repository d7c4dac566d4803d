"""The Typer application and what every command shares: the context, output, errors.

Commands are thin: read options, call one service, print. Heavy imports
(SQLAlchemy, Rich tables, renderers) happen inside the commands so that
``warroom --help`` starts fast.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from warroom.config import Settings
    from warroom.services.context import Context

app = typer.Typer(
    name="warroom",
    help=(
        "Incident response and post-incident review, from the terminal.\n\n"
        "Declare an incident, log what happens, move its status, assign roles, "
        "track action items, and export everything. Data lives in SQLite by default "
        "(WARROOM_DATABASE_URL for another file or PostgreSQL)."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@cache
def settings() -> Settings:
    from warroom.config import Settings

    return Settings.load()


@cache
def context() -> Context:
    from warroom.bootstrap import build_context

    return build_context(settings())


def author() -> str:
    """Who is typing: WARROOM_USER, else the login name."""
    import getpass

    return settings().user or getpass.getuser()


@cache
def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


@cache
def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def print_notes(notes: list[str]) -> None:
    for note in notes:
        err_console().print(f"[dim]note: {note}[/dim]", markup=True)


def done(message: str) -> None:
    err_console().print(f"[green]✓[/green] {message}")
