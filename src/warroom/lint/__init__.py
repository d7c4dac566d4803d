"""``warroom lint``: gaps and contradictions in incident reports, as pure functions.

::

    findings = lint_markdown(text, source_name="review.md", settings=settings)
    print(format_findings_text(findings, "review.md"))
    raise SystemExit(1 if has_errors(findings) else 0)

docs/lint.md documents every rule, with a failing and a passing example.
"""

from warroom.lint.engine import lint_incident, lint_markdown
from warroom.lint.findings import (
    RULES,
    Finding,
    Level,
    RuleInfo,
    count_by_level,
    findings_to_json,
    format_findings_text,
    has_errors,
)
from warroom.lint.settings import DEFAULT_REQUIRED_SECTIONS, SECTION_KEYS, LintSettings

__all__ = [
    "DEFAULT_REQUIRED_SECTIONS",
    "RULES",
    "SECTION_KEYS",
    "Finding",
    "Level",
    "LintSettings",
    "RuleInfo",
    "count_by_level",
    "findings_to_json",
    "format_findings_text",
    "has_errors",
    "lint_incident",
    "lint_markdown",
]
