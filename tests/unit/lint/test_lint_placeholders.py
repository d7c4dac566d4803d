"""placeholder-left and todo-left: templates fail, real reports and Markdown syntax pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.lint.lint_factories import (
    complete_incident,
    lint_record,
    lint_text,
    make_action,
    of_rule,
)
from warroom.domain.model import Evidence, EvidenceKind, RootCause
from warroom.lint import Level
from warroom.lint.placeholders import find_placeholders, is_blank

TEMPLATES = (
    "incident-response-report.md",
    "incident-postmortem-report.md",
    "post-incident-review.md",
    "incident-report.md",
    "incident-postmortem.md",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**Report Author**: [Your Name]", ["[Your Name]"]),
        ("**Date**: [YYYY-MM-DD]", ["[YYYY-MM-DD]"]),
        ("- **Start Time (UTC):** YYYY-MM-DD HH:MM", ["YYYY-MM-DD", "HH:MM"]),
        ("| Time to Detect | < 5 min | X min | No |", ["X min"]),
        ("| Severity | SEV-X |", ["SEV-X"]),
        ("[Brief description of what happened]", ["[Brief description of what happened]"]),
        ("- Duration: [X hours Y minutes]", ["[X hours Y minutes]"]),
        ("- **Rollback Needed:** Yes/No", ["Yes/No"]),
        ("**Severity**: Critical | High | Medium | Low\\", ["Critical | High | Medium | Low"]),
        ("| AI-001 | Fix | Ann | P0/P1/P2 | 2026-04-01 | Open |", ["P0/P1/P2"]),
        ("1. **[Factor 1]**", ["[Factor 1]"]),
        ("**Incident ID**: INC-[YYYY-MM-DD]-[###]", ["[YYYY-MM-DD]", "[###]"]),
        ("- Detected By: Monitoring / Customer report / Internal team / Other", None),
        ("2. **Why [answer from #1]?**", ["[answer from #1]"]),
        ("- **Lost revenue**: $[Amount]", ["[Amount]"]),
    ],
)
def test_placeholders_are_found(text: str, expected: list[str] | None) -> None:
    found = find_placeholders(text)
    assert found if expected is None else found == expected


@pytest.mark.parametrize(
    "text",
    [
        "See [the dashboard](https://grafana.example.com/d/abc) for details.",
        "![error graph](graph.png)",
        "- [ ] Status page updated",
        "- [x] Incident commander assigned",
        "As reported upstream[^1], the bug was known.",
        "Read the [runbook][rb] first.",
        "- **[14:05 UTC]** - Issue first detected",
        "- [03-26 07:16] @Katharine wakes up",
        "He wrote [sic] that the pool was fine.",
        "The log said [ERROR] connection refused.",
        "INC-[2026-03-05]-[001]",
        "Duration: 45 minutes",
        "Severity: SEV-2",
        "Status: Open",
        "Channels: Slack / Email",
        "We lost 3 hours [3 hours ago] in the chat log.",
    ],
)
def test_markdown_syntax_and_values_are_not_placeholders(text: str) -> None:
    assert find_placeholders(text, link_labels=frozenset({"rb"})) == []


def test_placeholder_text_rule_gives_exact_lines() -> None:
    text = (
        "# Review\n\n**Author**: [Your Name]\n\nAll fine.\n\n"
        "| Time | Event |\n|---|---|\n| HH:MM | x |\n"
    )
    findings = of_rule(lint_text(text), "placeholder-left")
    assert [f.line for f in findings] == [3, 9]
    assert all(f.level == Level.ERROR for f in findings)
    assert "[Your Name]" in findings[0].message
    assert findings[0].hint


def test_placeholders_in_code_quotes_and_comments_pass_unless_the_block_is_only_one() -> None:
    text = (
        "# Review\n\n```\n[main] [INFO] started at HH:MM\n```\n\n"
        "> liggitt [6:27 AM] [retroactive]\n"
        "<!-- [Your Name] -->\n\n```\n[Include key error messages or stack traces]\n```\n"
    )
    findings = of_rule(lint_text(text), "placeholder-left")
    assert [f.line for f in findings] == [11]


def test_shortcut_reference_links_and_near_miss_labels_pass() -> None:
    text = (
        "# Review\n\nSee [recorded instance] and [Discussion in #testing-ops].\n\n"
        "[recorded instance]: https://example.com/1\n"
        "[Dicussion in #testing-ops]: https://example.com/2\n"
    )
    assert of_rule(lint_text(text), "placeholder-left") == []


@pytest.mark.parametrize("name", TEMPLATES)
def test_each_unfilled_template_fails_with_placeholder_errors(shared_dir: Path, name: str) -> None:
    text = (shared_dir / "report-formats" / name).read_text()
    findings = of_rule(lint_text(text), "placeholder-left")
    assert len(findings) >= 10
    assert all(f.level == Level.ERROR and f.line is not None for f in findings)


def test_real_reports_have_no_placeholder_errors(shared_dir: Path) -> None:
    reports = sorted((shared_dir / "fixtures" / "real-reports").glob("*-*.md"))
    assert len(reports) >= 10
    for path in reports:
        found = of_rule(lint_text(path.read_text()), "placeholder-left")
        assert found == [], f"{path.name}: {found}"


def test_record_placeholders_name_the_field_when_there_is_no_text() -> None:
    incident = complete_incident(action_items=[make_action(owner="[Name]")])
    incident.analysis.root_cause = RootCause(summary="[Detailed explanation of the root cause]")
    findings = of_rule(lint_record(incident), "placeholder-left")
    assert {f.field for f in findings} == {
        "analysis.root_cause.summary",
        "action_items[0].owner",
    }


def test_record_without_placeholders_passes() -> None:
    assert of_rule(lint_record(complete_incident()), "placeholder-left") == []


def test_record_logs_code_quotes_and_tags_are_not_placeholders() -> None:
    incident = complete_incident(title="[WIP] Checkout 500s")
    incident.evidence = [Evidence("[main] [pool] connection refused", EvidenceKind.ERROR_LOG)]
    incident.analysis.root_cause.why = (
        "The schema accepted any value:\n\n```\npool_size: [int]\n```\n\n"
        "> [Name] wrote in the chat\nthat `[limit]` was fine."
    )
    assert of_rule(lint_record(incident), "placeholder-left") == []


def test_todo_markers_are_warnings_on_their_line() -> None:
    text = "# Review\n\n- Time to detection: ???\n\nTODO: k-dev email\n\nTicket TBDX-12 is open.\n"
    findings = of_rule(lint_text(text), "todo-left")
    assert [(f.line, f.level) for f in findings] == [(3, Level.WARNING), (5, Level.WARNING)]


def test_todo_passes_in_lower_case_prose_and_in_the_record_when_absent() -> None:
    assert of_rule(lint_text("# Review\n\nOur todo list is empty.\n"), "todo-left") == []
    incident = complete_incident()
    assert of_rule(lint_record(incident), "todo-left") == []
    incident.summary = "Root cause TBD"
    assert [f.field for f in of_rule(lint_record(incident), "todo-left")] == ["summary"]


@pytest.mark.parametrize(
    ("value", "blank"),
    [(None, True), ("", True), ("[Name]", True), ("TBD", True), ("n/a", True), ("-", True),
     ("Item 1", True), ("Alice", False), ("The pool had no lower bound.", False)],
)  # fmt: skip
def test_is_blank(value: str | None, blank: bool) -> None:
    assert is_blank(value) is blank
