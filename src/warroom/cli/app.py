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
from typer.core import TyperGroup

if TYPE_CHECKING:
    from rich.console import Console

    from warroom.config import Settings
    from warroom.services.context import Context


class WarroomGroup(TyperGroup):
    """Turns a WarroomError into one red line on stderr and its exit code, in one place."""

    def invoke(self, ctx: Any) -> Any:
        from warroom.errors import WarroomError

        try:
            return super().invoke(ctx)
        except WarroomError as exc:
            from rich.markup import escape

            where = f" ({exc.field})" if exc.field else ""
            err_console().print(f"[bold red]error{where}:[/bold red] {escape(exc.message)}")
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=WarroomGroup,
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


def reset() -> None:
    """Forget the settings and close the database (tests, and a server reloading)."""
    if context.cache_info().currsize:
        context().close()
    for cached in (settings, context, console, err_console):
        cached.cache_clear()


def author() -> str:
    """Who is typing: WARROOM_USER, else the login name."""
    import getpass

    return settings().user or getpass.getuser()


@cache
def console() -> Console:
    """Standard output; when it is not a terminal (a pipe, a file), lines may run to 160."""
    from rich.console import Console

    out = Console(highlight=False)
    if not out.is_terminal:
        out = Console(highlight=False, width=160)
    return out


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
