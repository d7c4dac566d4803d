"""``warroom user`` and ``warroom token``: accounts and tokens from the terminal."""

from __future__ import annotations

import json

from conftest import Cli


def test_user_add_and_list(cli: Cli) -> None:
    password = "hunter22!\n"
    added = cli.ok("user", "add", "alice", "--role", "admin", "--password-stdin", input=password)
    assert "alice" in added.stderr
    cli.ok("user", "add", "bot", "--role", "responder")
    users = json.loads(cli.ok("user", "list", "--json").stdout)
    assert [(u["name"], u["role"], u["has_password"]) for u in users] == [
        ("alice", "admin", True),
        ("bot", "responder", False),
    ]
    table = cli.ok("user", "list").stdout
    assert "tokens only" in table
    bad = cli("user", "add", "carol", "--role", "boss")
    assert bad.exit_code == 1
    assert "role" in bad.stderr
    short = cli("user", "add", "dave", "--role", "viewer", "--password-stdin", input="short\n")
    assert short.exit_code == 1
    assert "at least 8" in short.stderr
    assert cli("user", "add", "alice", "--role", "viewer").exit_code == 1


def test_token_create_prints_the_secret_once_on_stdout(cli: Cli) -> None:
    cli.ok("user", "add", "bot", "--role", "responder")
    created = cli.ok("token", "create", "alertmanager", "--scope", "write", "--user", "bot")
    secret = created.stdout.strip()
    assert secret.startswith("wr_") and "\n" not in secret
    tokens = json.loads(cli.ok("token", "list", "--json").stdout)
    assert len(tokens) == 1
    assert tokens[0]["scope"] == "write" and tokens[0]["user"] == "bot"
    assert secret not in cli.ok("token", "list").stdout
    cli.ok("token", "revoke", tokens[0]["id"])
    assert json.loads(cli.ok("token", "list", "--json").stdout)[0]["revoked_at"]
    assert cli("token", "revoke", "nope").exit_code == 1
    nobody = cli("token", "create", "x")  # WARROOM_USER=tester has no account
    assert nobody.exit_code == 1
    assert "no user tester" in nobody.stderr
