"""lint_markdown through an importer (a fake one here), and every rule documented."""

from __future__ import annotations

import importlib.util
import re
from datetime import tzinfo
from pathlib import Path

import pytest

from tests.unit.lint.lint_factories import complete_incident, make_action
from warroom.domain.severity import SeverityScale
from warroom.importers.result import ImportResult, ImportWarning
from warroom.lint import RULES, LintSettings, has_errors, lint_markdown

DOCS = Path(__file__).resolve().parents[3] / "docs" / "lint.md"
REPORT = """# Pool exhaustion

## Timeline

- 14:00 Config deploy lowers the pool
- 14:05 Alert fires

## Action Items

| ID | Action | Owner | Due |
|---|---|---|---|
| AI-1 | Bound the pool size | [Name] | 2026-04-01 |
"""


needs_importer = pytest.mark.skipif(
    importlib.util.find_spec("warroom.importers.markdown") is None,
    reason="the Markdown importer has not landed",
)


class FakeImporter:
    """Stands in for import_markdown: returns a fixed result and remembers how it was called."""

    def __init__(self) -> None:
        self.calls: list[dict[str, object]] = []

    def __call__(
        self,
        text: str,
        *,
        source_name: str,
        format_name: str = "auto",
        default_zone: object,
        scale: SeverityScale,
    ) -> ImportResult:
        self.calls.append({"source_name": source_name, "zone": default_zone, "scale": scale})
        incident = complete_incident(severity=4, action_items=[make_action(owner="[Name]")])
        result = ImportResult(incident, "freeform", source_name=source_name)
        result.line_fields = {12: "action_items[0]"}
        result.warnings.append(ImportWarning("kept 'Notes' as an extra section", line=3))
        return result


def test_lint_markdown_imports_then_runs_text_and_record_rules() -> None:
    importer = FakeImporter()
    settings = LintSettings()
    findings = lint_markdown(REPORT, source_name="r.md", settings=settings, importer=importer)
    assert importer.calls == [
        {"source_name": "r.md", "zone": settings.zone, "scale": settings.scale}
    ]
    assert isinstance(importer.calls[0]["zone"], tzinfo)
    assert [(f.rule, f.line) for f in findings] == [
        ("import-warning", 3),
        ("time-without-zone", 5),
        ("action-no-owner", 12),
        ("placeholder-left", 12),
    ]
    assert has_errors(findings)


@needs_importer
def test_lint_markdown_with_the_real_importer(shared_dir: Path) -> None:
    text = (shared_dir / "report-formats" / "post-incident-review.md").read_text()
    findings = lint_markdown(text, source_name="pir.md", settings=LintSettings())
    assert "placeholder-left" in {f.rule for f in findings}
    assert has_errors(findings)


def test_every_rule_is_documented_with_examples() -> None:
    text = DOCS.read_text()
    sections = re.split(r"^### ", text, flags=re.MULTILINE)
    documented = {section.split("\n", 1)[0].strip("` "): section for section in sections[1:]}
    for rule, info in RULES.items():
        assert rule in documented, f"add a '### `{rule}`' section to docs/lint.md"
        body = documented[rule]
        assert f"Level: **{info.level.value}**" in body, rule
        for part in ("Fails", "Passes", "Fix:"):
            assert re.search(rf"^{re.escape(part)}", body, flags=re.MULTILINE), (rule, part)


FILLED = """# Incident Report: Checkout 500s after pool change

**Incident ID**: INC-2026-03-05-001
**Date**: 2026-03-05
**Severity**: SEV-2
**Author**: [Your name]

## Executive Summary

Checkout returned 500s for two hours after a config deploy lowered the pool size.

## Timeline

| Time | Event |
|------|-------|
| 14:00 | Config deploy lowers the pool size |
| 14:20 | Error-rate alert fires |
| 15:30 | Rolled back the config |
| 15:10 | On-call acknowledges the page |
| 16:00 | Error rate back to normal |

## Impact

- **Failed requests**: 48,000

## Root Cause Analysis

### What Happened
Human error: the engineer failed to check the pool size before deploying.

## Action Items

| Action | Owner | Due Date | Priority |
|--------|-------|----------|----------|
| Add a lower bound to the pool size | Alice Chen | 2026-04-01 | High |
| Show pool size on the deploy dashboard | TBD | | Medium |
"""


@needs_importer
def test_a_filled_report_through_the_real_importer() -> None:
    findings = lint_markdown(FILLED, source_name="review.md", settings=LintSettings())
    found = {(f.rule, f.line) for f in findings}
    assert {
        ("placeholder-left", 6),
        ("time-without-zone", 16),
        ("timeline-out-of-order", 18),
        ("blame-language", 29),
        ("action-no-owner", 36),
        ("action-no-due", 36),
    } <= found
    assert not {rule for rule, _ in found} & {"missing-section", "todo-left"}
