"""Reports from the command line: render, import Markdown, lint, and the editor loop."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from tests.e2e.conftest import Cli

REF = "INC-2026-11-20-001"
FORMATS = [
    "response-report",
    "postmortem-report",
    "post-incident-review",
    "incident-report",
    "incident-postmortem",
]


@pytest.fixture
def incident(cli: Cli) -> str:
    cli.ok(
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
    cli.ok("milestone", REF, "detected", "14:06")
    cli.ok("log", REF, "Rolled back deploy 4312", "--at", "14:31", "--kind", "action")
    cli.ok("status", REF, "resolved", "--at", "15:10")
    cli.ok(
        "action",
        "add",
        REF,
        "Alert on 5xx ratio",
        "--owner",
        "carol",
        "--due",
        "2026-12-01",
        "--priority",
        "high",
    )
    return REF


def test_formats_lists_the_five(cli: Cli) -> None:
    names = [f["name"] for f in json.loads(cli.ok("formats", "--json").stdout)]
    assert names[:5] == FORMATS


@pytest.mark.parametrize("name", FORMATS)
def test_report_markdown_and_html(cli: Cli, incident: str, name: str) -> None:
    text = cli.ok("report", incident, "--format", name).stdout
    assert incident in text
    assert "Rolled back deploy 4312" in text or name == "response-report"
    assert "[Name]" not in text and "YYYY-MM-DD" not in text
    page = cli.ok("report", incident, "--format", name, "--to", "html").stdout
    assert page.lstrip().lower().startswith("<!doctype html>")


def test_report_pdf_to_a_file(cli: Cli, incident: str, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    cli.ok("report", incident, "--to", "pdf", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF")


def test_report_bad_format_and_output(cli: Cli, incident: str) -> None:
    bad = cli("report", incident, "--format", "nope")
    assert bad.exit_code == 1 and "response-report" in bad.stderr
    assert "use md, html or pdf" in cli("report", incident, "--to", "docx").stderr


def test_import_markdown_dry_run_json_then_for_real(
    cli: Cli, incident: str, tmp_path: Path
) -> None:
    path = tmp_path / "report.md"
    path.write_text(cli.ok("report", incident, "--format", "incident-postmortem").stdout)
    preview = cli.ok("import", str(path), "--dry-run", "--json")
    records = json.loads(preview.stdout)
    assert records[0]["title"] == "Checkout API returning 500s"
    assert "read as incident-postmortem" in preview.stderr
    assert "nothing written" in preview.stderr
    refs = [i["ref"] for i in json.loads(cli.ok("list", "--json").stdout)["items"]]
    assert refs == [incident]
    # The same ref exists, so a real import is refused whole.
    refused = cli("import", str(path))
    assert refused.exit_code == 1 and "exists already" in refused.stderr


def test_import_a_free_form_report_creates_an_incident(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "outage.md"
    path.write_text(
        "# Database failover outage\n\n**Date:** 2026-10-02\n\n## Summary\n\n"
        "The primary database failed over and writes failed for 20 minutes.\n\n"
        "## Timeline (all times UTC)\n\n- 10:00 Writes start failing\n"
        "- 10:05 Alert fires, on-call paged\n- 10:20 Failover completes, service restored\n\n"
        "## Root cause\n\nA kernel bug on the primary.\n\n## Something else\n\nKeep me.\n"
    )
    result = cli.ok("import", str(path))
    ref = result.stdout.strip()
    record = json.loads(cli.ok("show", ref, "--json").stdout)
    assert record["title"] == "Database failover outage"
    assert any("Failover completes" in e["text"] for e in record["timeline"])
    assert "kernel bug" in (record["analysis"]["root_cause"]["summary"] or "")
    assert any("Keep me." in s["body"] for s in record["extra_sections"])


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b"buy milk\neggs\n", "not")],
)
def test_import_refuses_files_that_are_not_reports(
    cli: Cli, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(content)
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert message in result.stderr.lower()
    assert json.loads(cli.ok("list", "--json").stdout)["items"] == []


def test_lint_file_exits_1_on_errors_and_json(cli: Cli, shared_dir: Path) -> None:
    template = shared_dir / "report-formats" / "incident-report.md"
    result = cli("lint", str(template))
    assert result.exit_code == 1
    assert "placeholder-left" in result.stdout
    report = json.loads(cli("lint", str(template), "--json").stdout)
    assert report[0]["findings"][0]["rule"]


def test_lint_incident_by_reference(cli: Cli, incident: str) -> None:
    cli.ok("action", "add", incident, "Nobody owns this")
    result = cli("lint", incident)
    assert result.exit_code == 1
    assert "action-no-owner" in result.stdout


def test_edit_loop_applies_what_changed(
    cli: Cli, incident: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\n"
        "p = sys.argv[1]\n"
        "s = open(p).read()\n"
        "s = s.replace('- **Primary Cause:** _Not recorded_', "
        "'- **Primary Cause:** Connection pool exhausted by a bad deploy')\n"
        "open(p, 'w').write(s)\n"
    )
    monkeypatch.setenv("EDITOR", f"python3 {editor}")
    result = cli.ok("edit", incident, "--format", "incident-postmortem", "--yes")
    assert "analysis.root_cause.summary" in result.stdout
    record = json.loads(cli.ok("show", incident, "--json").stdout)
    assert (
        record["analysis"]["root_cause"]["summary"] == "Connection pool exhausted by a bad deploy"
    )
    assert record["timeline"][-1]["text"] != ""  # the timeline is untouched
    nothing = cli.ok("edit", incident, "--format", "incident-postmortem", "--yes")
    assert "no changes" in nothing.stderr


def test_edit_refuses_when_someone_else_changed_it(
    cli: Cli, incident: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The "editor" also changes the incident behind our back, as a colleague would.
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\n"
        f"{Path(__import__('sys').executable)} -m warroom log {incident} 'colleague was here'\n"
        "sed -i 's/- \\*\\*Primary Cause:\\*\\* _Not recorded_/- **Primary Cause:** mine/' \"$1\"\n"
    )
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(editor))
    result = cli("edit", incident, "--format", "incident-postmortem", "--yes")
    assert result.exit_code == 1
    assert "changed by someone else" in result.stderr
    assert "kept in" in result.stderr
    kept = Path(result.stderr.split("kept in")[-1].strip().split()[0])
    assert "**Primary Cause:** mine" in kept.read_text()
    kept.unlink()
