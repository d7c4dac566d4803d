"""Every bad input: one clear line naming the field, exit status 1, nothing written."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import Cli

REF = "INC-2026-11-20-001"


@pytest.fixture
def declared(cli: Cli) -> Cli:
    cli.ok("declare", "Checkout", "--severity", "1", "--started-at", "2026-11-20 14:02")
    cli.ok("status", REF, "monitoring", "--at", "14:35")
    return cli


def snapshot(cli: Cli) -> str:
    return cli.ok("export", "--all").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", REF, "investigating"], "cannot move back from monitoring"),
        (["status", REF, "exploded"], "unknown status"),
        (
            ["status", REF, "resolved", "--at", "14:00"],
            "resolved (2026-11-20 14:00 UTC) cannot be before",
        ),
        (
            ["milestone", REF, "detected", "13:59"],
            "detected (2026-11-20 13:59 UTC) cannot be before started",
        ),
        (["milestone", REF, "finished", "14:00"], "unknown milestone"),
        (["milestone", REF, "detected", "half past two"], "cannot read 'half past two' as a time"),
        (["log", REF, "x", "--at", "25:61"], "not a valid time"),
        (["log", REF, "x", "--kind", "gossip"], "unknown kind 'gossip'"),
        (["log", REF, "   "], "timeline text cannot be empty"),
        (["log", "INC-2026-01-01-999", "x"], "no incident INC-2026-01-01-999"),
        (["severity", REF, "urgent"], "unknown severity 'urgent'"),
        (["severity", REF, "9"], "outside the scale"),
        (["assign", REF, "janitor", "bob"], "unknown role 'janitor'"),
        (["action", "add", REF, "x", "--due", "tomorrow"], "'tomorrow' is not a date"),
        (["action", "add", REF, "x", "--priority", "urgent"], "unknown priority"),
        (["action", "add", REF, "x", "--horizon", "someday"], "unknown horizon"),
        (["action", "update", REF, "AI-7", "--status", "done"], "has no action item AI-7"),
        (["declare", "", "--severity", "1"], "the title cannot be empty"),
        (["declare", "x", "--severity", "urgent"], "unknown severity"),
        (["declare", "x", "--severity", "1", "--started-at", "noon-ish"], "cannot read"),
    ],
)
def test_refused_with_a_clear_line(declared: Cli, args: list[str], message: str) -> None:
    before = snapshot(declared)
    result = declared(*args)
    assert result.exit_code == 1, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.count("\n") == 1  # one line
    assert snapshot(declared) == before


def test_wont_do_without_reason_writes_nothing(declared: Cli) -> None:
    declared.ok("action", "add", REF, "x", "--owner", "a")
    before = snapshot(declared)
    result = declared("action", "update", REF, "AI-1", "--status", "wont-do")
    assert result.exit_code == 1 and "reason" in result.stderr
    assert snapshot(declared) == before


def test_bad_import_file_names_the_line_and_imports_nothing(cli: Cli, tmp_path) -> None:
    good = {"ref": "INC-2026-01-01-001", "title": "ok", "severity": 2}
    bad = {
        "ref": "INC-2026-01-01-002",
        "title": "bad",
        "severity": 2,
        "milestones": {"started": "2026-01-01T10:00:00Z", "detected": "2026-01-01T09:00:00Z"},
    }
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert "detected" in result.stderr and "cannot be before started" in result.stderr
    assert json.loads(cli.ok("list", "--json").stdout)["items"] == []
    path.write_text("{not json\n")
    result = cli("import", str(path))
    assert result.exit_code == 1 and "in.jsonl:1" in result.stderr


def test_bad_configuration_exits_2(cli: Cli, monkeypatch) -> None:
    from warroom.cli import app as cli_app

    monkeypatch.setenv("WARROOM_TIMEZONE", "Mars/Olympus")
    cli_app.reset()
    result = cli("list")
    assert result.exit_code == 2
    assert "timezone" in result.stderr or "tz" in result.stderr
