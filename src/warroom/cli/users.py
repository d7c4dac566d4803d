"""``warroom user ...`` and ``warroom token ...``: accounts and API tokens from the terminal."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from warroom.cli.app import app, author, console, context, done, print_json

user_app = typer.Typer(help="Add and list the people who sign in.", no_args_is_help=True)
token_app = typer.Typer(help="Create, list and revoke API tokens.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")

Name = Annotated[str, typer.Argument(help="The user name (letters, digits, . _ @ -).")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _read_password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return None


@user_app.command("add")
def user_add(
    name: Name,
    role: Annotated[str, typer.Option(help="viewer, responder or admin.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add a user. Without --password-stdin the account can only use API tokens.

    Example: echo "$PASSWORD" | warroom user add alice --role admin --password-stdin
    """
    from warroom.services.accounts import add_user

    user = add_user(context(), name, role, _read_password(password_stdin))
    done(f"added {user.name} ({user.role.value})")


@user_app.command("set-password")
def user_set_password(name: Name) -> None:
    """Set a user's password, read from standard input (their sessions end)."""
    from warroom.services.accounts import set_password

    set_password(context(), name, _read_password(True) or "")
    done(f"new password set for {name}")


@user_app.command("list")
def user_list(json_out: Json = False) -> None:
    """Every user with their role."""
    from rich.table import Table

    from warroom.services.accounts import list_users
    from warroom.services.records import user_record

    users = list_users(context())
    if json_out:
        print_json([user_record(u) for u in users])
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("Name", "Role", "Sign-in", "Created (UTC)"):
        table.add_column(column)
    for user in users:
        state = (
            "disabled" if user.disabled else ("password" if user.has_password else "tokens only")
        )
        table.add_row(user.name, user.role.value, state, f"{user.created_at:%Y-%m-%d %H:%M}")
    console().print(table if users else "No users yet.")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="What will use it, e.g. alertmanager.")],
    scope: Annotated[str, typer.Option(help="read, or write (which can also change).")] = "read",
    user: Annotated[
        str | None, typer.Option(help="The account it acts as (default: WARROOM_USER).")
    ] = None,
) -> None:
    """Create an API token and print it once, on stdout; warroom keeps only its hash.

    Example: warroom token create ci --scope write --user alice
    """
    from warroom.services.accounts import create_token

    token_id, secret = create_token(context(), name, scope, author(), user=user or author())
    typer.echo(secret)
    done(f"token {token_id} ({scope}); send it as 'Authorization: Bearer <token>'")


@token_app.command("list")
def token_list(json_out: Json = False) -> None:
    """Every token (never its secret), revoked ones included."""
    from rich.table import Table

    from warroom.services.accounts import list_tokens
    from warroom.services.records import token_record

    tokens = list_tokens(context())
    if json_out:
        print_json([token_record(t) for t in tokens])
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("Id", "Name", "Scope", "User", "Created (UTC)", "Last used", "State"):
        table.add_column(column)
    for t in tokens:
        used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
        state = "active" if t.active else f"revoked {t.revoked_at:%Y-%m-%d}"
        table.add_row(
            t.id, t.name, t.scope.value, t.user, f"{t.created_at:%Y-%m-%d %H:%M}", used, state
        )
    console().print(table if tokens else "No tokens yet.")


@token_app.command("revoke")
def token_revoke(token_id: Annotated[str, typer.Argument(help="The token's id.")]) -> None:
    """Revoke a token: it stops working at once, everywhere."""
    from warroom.services.accounts import revoke_token

    token = revoke_token(context(), token_id)
    done(f"token {token.id} ({token.name}) revoked")
