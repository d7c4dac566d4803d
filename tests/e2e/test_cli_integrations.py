"""The CLI of the integrations: timeline import (preview, commit, no duplicates) and webhooks."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Cli

REF = "INC-2026-11-20-001"


def declare(cli: Cli) -> None:
    cli.ok("declare", "Checkout down", "--severity", "1", "--started-at", "2026-11-20 14:00Z")


def test_timeline_still_shows_and_imports_with_a_preview(cli: Cli, tmp_path: Path) -> None:
    declare(cli)
    shown = cli.ok("timeline", REF).stdout
    assert "Incident declared" in shown
    chat = tmp_path / "chat.csv"
    chat.write_text("time,user,message\n14:05,alice,Paged the DB team\n14:20,bob,Failover done\n")

    preview = cli.ok("timeline", REF, "import", str(chat), "--tz", "Europe/Berlin", "--dry-run")
    assert "would add 2 entries" in preview.stdout and "dry run" in preview.stdout
    assert "2026-11-20 13:05:00 UTC" in preview.stdout
    assert "2 time(s) had no zone and were read as Europe/Berlin" in preview.stderr
    assert "Paged the DB team" not in cli.ok("timeline", REF).stdout

    cli.ok("timeline", REF, "import", str(chat), "--tz", "Europe/Berlin")
    events = json.loads(cli.ok("timeline", REF, "--json").stdout)
    imported = [e for e in events if e["source"] == "import"]
    assert [(e["at"], e["author"]) for e in imported] == [
        ("2026-11-20T13:05:00Z", "alice"),
        ("2026-11-20T13:20:00Z", "bob"),
    ]
    again = cli.ok("timeline", REF, "import", str(chat), "--tz", "Europe/Berlin", "--json")
    result = json.loads(again.stdout)
    assert (len(result["added"]), len(result["duplicates"])) == (0, 2)


def test_timeline_import_of_a_log_and_bad_input(cli: Cli, tmp_path: Path) -> None:
    declare(cli)
    log = tmp_path / "deploy.txt"
    log.write_text("2026-11-20T14:02:00Z deploy 42 started\n  step 1/3\n")
    out = cli.ok("timeline", REF, "import", str(log), "--from", "log", "--json").stdout
    (entry,) = json.loads(out)["added"]
    assert entry["text"] == "deploy 42 started\n  step 1/3"
    bad = cli("timeline", REF, "import", str(tmp_path / "missing.csv"))
    assert bad.exit_code == 1 and "does not exist" in bad.stderr
    assert cli("timeline", REF, "export").exit_code == 2
    assert cli("timeline", REF, "import").exit_code == 2


def test_webhook_commands(cli: Cli) -> None:
    hook_id = cli.ok(
        "webhook", "add", "http://127.0.0.1:9/hook", "--event", "declared,resolved", "--secret", "s"
    ).stdout.strip()
    listed = json.loads(cli.ok("webhook", "list", "--json").stdout)
    assert [(h["id"], h["events"], h["signed"]) for h in listed] == [
        (int(hook_id), ["declared", "resolved"], True)
    ]
    declare(cli)
    log = json.loads(cli.ok("webhook", "deliveries", hook_id, "--json").stdout)
    assert [(d["event"], d["status"]) for d in log] == [("declared", "pending")]
    assert "delivered 0, will retry 1" in cli.ok("webhook", "deliver").stderr
    table = cli.ok("webhook", "deliveries", hook_id).stdout
    assert "ConnectError" in table
    bad = cli("webhook", "add", "http://x", "--event", "paged")
    assert bad.exit_code == 1 and "unknown event" in bad.stderr
    cli.ok("webhook", "remove", hook_id)
    assert cli("webhook", "remove", hook_id).exit_code == 1
