"""The issue's exact command forms, end to end on SQLite."""

from __future__ import annotations

import json

from tests.e2e.conftest import Cli

REF = "INC-2026-11-20-001"


def declare(cli: Cli) -> str:
    result = cli.ok(
        "declare",
        "Checkout API returning 500s",
        "--severity",
        "1",
        "--service",
        "checkout-api",
        "--commander",
        "alice",
        "--started-at",
        "2026-11-20 14:02",
    )
    return result.stdout.splitlines()[0]


def test_declare_prints_the_reference_first(cli: Cli) -> None:
    assert declare(cli) == REF
    assert "no zone given" in cli.ok("log", REF, "x", "--at", "14:31").stderr


def test_the_whole_lifecycle(cli: Cli) -> None:
    declare(cli)
    cli.ok("log", REF, "Rolled back deploy 4312", "--at", "14:31", "--kind", "action")
    cli.ok("status", REF, "monitoring", "--at", "14:35")
    cli.ok("status", REF, "resolved", "--at", "15:10")
    cli.ok("assign", REF, "technical-lead", "bob")
    added = cli.ok(
        "action",
        "add",
        REF,
        "Alert on 5xx ratio per service",
        "--owner",
        "carol",
        "--due",
        "2026-12-01",
        "--priority",
        "high",
    )
    assert added.stdout.strip() == "AI-1"
    cli.ok("milestone", REF, "detected", "14:06")

    record = json.loads(cli.ok("show", REF, "--json").stdout)
    assert record["ref"] == REF
    assert record["severity"] == 1
    assert record["status"] == "resolved"
    assert record["services"] == [{"name": "checkout-api", "impact": None}]
    assert record["roles"]["commander"] == "alice"
    assert record["roles"]["technical_lead"] == "bob"
    assert record["milestones"]["started"] == "2026-11-20T14:02:00Z"
    assert record["milestones"]["detected"] == "2026-11-20T14:06:00Z"
    assert record["milestones"]["mitigated"] == "2026-11-20T14:35:00Z"
    assert record["milestones"]["resolved"] == "2026-11-20T15:10:00Z"
    assert record["action_items"][0] == {
        **record["action_items"][0],
        "key": "AI-1",
        "owner": "carol",
        "due": "2026-12-01",
        "priority": "high",
        "status": "open",
    }
    texts = [(e["text"], e["source"]) for e in record["timeline"]]
    assert ("Rolled back deploy 4312", "manual") in texts
    assert ("Status changed from investigating to monitoring", "system") in texts
    assert ("bob assigned as technical lead", "system") in texts
    assert ("Detected", "system") in texts
    times = [e["at"] for e in record["timeline"]]
    assert times == sorted(times)
    assert record["version"] > 1

    shown = cli.ok("show", REF).stdout
    assert "Checkout API returning 500s" in shown
    assert "Time to Detect" in shown and "4 min" in shown
    timeline = cli.ok("timeline", REF).stdout
    assert "2026-11-20 14:31 UTC" in timeline
    events = json.loads(cli.ok("timeline", REF, "--json").stdout)
    assert events[-1]["at"] >= events[0]["at"]


def test_list_filters_and_json(cli: Cli) -> None:
    declare(cli)
    cli.ok("declare", "Search slow", "--severity", "SEV-3", "--started-at", "2026-11-20 16:00")
    cli.ok("status", "INC-2026-11-20-002", "resolved", "--at", "2026-11-20 17:00")
    page = json.loads(cli.ok("list", "--status", "open", "--severity", "1", "--json").stdout)
    assert [i["ref"] for i in page["items"]] == [REF]
    assert page["next"] is None
    everything = json.loads(cli.ok("list", "--json").stdout)
    assert {i["ref"] for i in everything["items"]} == {REF, "INC-2026-11-20-002"}
    assert "Search slow" in cli.ok("list").stdout
    paged = json.loads(cli.ok("list", "--json", "--limit", "1").stdout)
    assert len(paged["items"]) == 1 and paged["next"]
    rest = json.loads(cli.ok("list", "--json", "--limit", "1", "--after", paged["next"]).stdout)
    assert rest["items"][0]["ref"] != paged["items"][0]["ref"]


def test_action_items_overdue_done_and_wont_do(cli: Cli) -> None:
    declare(cli)
    cli.ok("action", "add", REF, "Past due", "--owner", "carol", "--due", "2020-01-01")
    cli.ok("action", "add", REF, "Later", "--owner", "dan", "--horizon", "long")
    overdue = json.loads(cli.ok("action", "list", "--overdue", "--json").stdout)
    assert [i["key"] for i in overdue] == ["AI-1"]
    assert "Past due" in cli.ok("action", "list", "--overdue").stdout
    refused = cli("action", "wont-do", REF, "AI-1", "--reason", "")
    assert refused.exit_code == 1 and "reason" in refused.stderr
    cli.ok("action", "wont-do", REF, "AI-1", "--reason", "service retired")
    cli.ok("action", "done", REF, "2")
    items = json.loads(cli.ok("action", "list", "--json").stdout)
    assert {i["key"]: (i["status"], i["reason"]) for i in items} == {
        "AI-1": ("wont_do", "service retired"),
        "AI-2": ("done", None),
    }
    assert json.loads(cli.ok("action", "list", "--overdue", "--json").stdout) == []


def test_reopen_is_explicit_and_recorded(cli: Cli) -> None:
    declare(cli)
    cli.ok("status", REF, "resolved", "--at", "15:00")
    back = cli("status", REF, "investigating")
    assert back.exit_code == 1 and "reopen" in back.stderr
    cli.ok("reopen", REF, "--at", "16:00", "--reason", "errors again")
    record = json.loads(cli.ok("show", REF, "--json").stdout)
    assert record["status"] == "investigating"
    assert record["milestones"]["resolved"] is None
    assert any(e["text"].startswith("Reopened") for e in record["timeline"])


def test_severity_change(cli: Cli) -> None:
    declare(cli)
    cli.ok("severity", REF, "high")
    record = json.loads(cli.ok("show", REF, "--json").stdout)
    assert record["severity"] == 2
    assert any(e["kind"] == "severity_change" for e in record["timeline"])


def test_export_then_import_into_an_empty_database_gives_identical_records(
    cli: Cli, tmp_path, monkeypatch
) -> None:
    declare(cli)
    cli.ok("log", REF, "Rolled back", "--at", "14:31", "--kind", "action")
    cli.ok("action", "add", REF, "Alert", "--owner", "carol", "--due", "2026-12-01")
    cli.ok(
        "declare", "Second", "--severity", "low", "--private", "--started-at", "2026-11-21 09:00"
    )
    backup = tmp_path / "backup.jsonl"
    exported = cli.ok("export", "--all").stdout
    backup.write_text(exported)
    assert len(exported.splitlines()) == 2

    from warroom.cli import app as cli_app

    monkeypatch.setenv("WARROOM_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    cli_app.reset()
    imported = cli.ok("import", str(backup))
    assert imported.stdout.split() == [REF, "INC-2026-11-21-001"]
    assert cli.ok("export", "--all").stdout == exported
    again = cli("import", str(backup))
    assert again.exit_code == 1 and "exists already" in again.stderr
    skipped = cli.ok("import", str(backup), "--skip-existing")
    assert "skipped 2" in skipped.stderr
