"""``lint_incident`` and ``lint_markdown``: run every rule, settle levels, sort.

Record rules look at the incident; text rules look at the Markdown it came
from (the order and zones of the timeline as written, placeholders with
their exact lines, stated durations). Without the text, the record rules
still run and findings carry a line when the importer's ``line_fields``
can tell it. No database, no I/O: this is what ``warroom lint`` calls on a
file in a git checkout.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import replace
from datetime import tzinfo
from typing import Protocol, cast

from warroom.config import Settings
from warroom.domain.model import Incident
from warroom.domain.severity import SeverityScale
from warroom.importers.result import ImportResult
from warroom.lint.actions import check_action_items
from warroom.lint.analysis import check_blame, check_five_whys
from warroom.lint.document import read_document
from warroom.lint.findings import Finding, finding, sort_findings
from warroom.lint.leftovers import check_leftovers
from warroom.lint.locate import LintContext
from warroom.lint.milestones import check_milestone_order, check_missing_milestones
from warroom.lint.sections import check_sections
from warroom.lint.settings import LintSettings, as_lint_settings
from warroom.lint.stated import check_stated_durations
from warroom.lint.timeline import check_timeline_text

Rule = Callable[[LintContext], list[Finding]]

RULE_FUNCTIONS: tuple[Rule, ...] = (
    check_leftovers,
    check_sections,
    check_action_items,
    check_stated_durations,
    check_timeline_text,
    check_five_whys,
    check_blame,
    check_milestone_order,
    check_missing_milestones,
)


class MarkdownImporter(Protocol):
    """The importer's signature, as lint calls it."""

    def __call__(
        self,
        text: str,
        *,
        source_name: str,
        format_name: str = "auto",
        default_zone: tzinfo,
        scale: SeverityScale,
    ) -> ImportResult: ...


def lint_incident(
    incident: Incident,
    *,
    settings: LintSettings | Settings,
    source: ImportResult | None = None,
    text: str | None = None,
) -> list[Finding]:
    """Every finding for one incident, sorted by line.

    Give ``text`` (the Markdown the incident was read from) for the text
    rules and exact lines, and ``source`` (the import result) to place
    record findings on the lines they came from and to pass on the
    importer's warnings. The incident is not changed.
    """
    lint = as_lint_settings(settings)
    doc = read_document(text) if text is not None else None
    ctx = LintContext(incident=incident, settings=lint, source=source, doc=doc)
    findings: list[Finding] = []
    for rule in RULE_FUNCTIONS:
        findings.extend(rule(ctx))
    if source is not None:
        findings.extend(
            finding("import-warning", warning.message, line=warning.line)
            for warning in source.warnings
        )
    return sort_findings(_settle(findings, lint))


def lint_markdown(
    text: str,
    *,
    source_name: str,
    settings: LintSettings | Settings,
    importer: MarkdownImporter | None = None,
) -> list[Finding]:
    """Import a Markdown report and lint it: record rules, text rules, import warnings.

    ``importer`` defaults to ``warroom.importers.markdown.import_markdown``;
    a ``ReportImportError`` from it (an empty or binary file) is not caught.
    """
    lint = as_lint_settings(settings)
    read = importer if importer is not None else _default_importer()
    result = read(text, source_name=source_name, default_zone=lint.zone, scale=lint.scale)
    return lint_incident(result.incident, settings=lint, source=result, text=text)


def _default_importer() -> MarkdownImporter:
    # Looked up when called, so that lint's rules work (and type-check) without the importer.
    module = importlib.import_module("warroom.importers.markdown")
    return cast(MarkdownImporter, module.import_markdown)


# A finding of the key's rule adds nothing on a line where one of these already is.
_COVERED_BY: dict[str, frozenset[str]] = {
    "todo-left": frozenset({"action-no-owner", "action-no-due", "action-wont-do-no-reason"}),
    "import-warning": frozenset(
        {"duration-contradicts-timeline", "time-without-zone", "timeline-out-of-order"}
    ),
}


def _settle(findings: list[Finding], lint: LintSettings) -> list[Finding]:
    """Drop disabled rules, repeats and findings another says better; apply configured levels."""
    rules_on_line: dict[int, set[str]] = {}
    for item in findings:
        if item.line is not None and item.rule not in lint.disabled_rules:
            rules_on_line.setdefault(item.line, set()).add(item.rule)
    disorder = next((f for f in findings if f.rule == "timeline-out-of-order"), None)
    settled: dict[tuple[str, int | None, str], Finding] = {}
    for item in findings:
        if item.rule in lint.disabled_rules:
            continue
        covering = _COVERED_BY.get(item.rule, frozenset())
        if item.line is not None and covering & rules_on_line[item.line]:
            continue
        if item.rule == "duration-contradicts-timeline" and disorder is not None:
            where = f" (line {disorder.line})" if disorder.line is not None else ""
            item = replace(item, message=f"{item.message}; the timeline is out of order{where},"
                                         " which may be why")  # fmt: skip
        level = lint.rule_levels.get(item.rule)
        if level is not None and level != item.level:
            item = replace(item, level=level)
        settled.setdefault((item.rule, item.line, item.message), item)
    return list(settled.values())
