"""What lint reports: findings, the rule registry, and the two output forms.

A finding names a stable rule id (``action-no-owner``), a level, a message
for people, the 1-based source line when there is one, a hint on how to fix
it, and the record field it is about. ``RULES`` lists every rule with its
default level; docs/lint.md documents each one (a test checks that it does).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_LEVEL_RANK = {Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2}


@dataclass(frozen=True)
class RuleInfo:
    id: str
    level: Level
    summary: str


RULES: dict[str, RuleInfo] = {
    rule.id: rule
    for rule in (
        RuleInfo("placeholder-left", Level.ERROR, "a template placeholder was left unfilled"),
        RuleInfo("todo-left", Level.WARNING, "a TODO, TBD, FIXME or ??? marker was left in"),
        RuleInfo("missing-section", Level.ERROR, "a section required for the severity is missing"),
        RuleInfo("action-no-owner", Level.ERROR, "an open action item has no owner"),
        RuleInfo("action-no-due", Level.WARNING, "an open action item has no due date"),
        RuleInfo("action-wont-do-no-reason", Level.ERROR, "a won't-do action item gives no reason"),
        RuleInfo(
            "duration-contradicts-timeline",
            Level.ERROR,
            "a stated duration or time-to-X disagrees with the milestones",
        ),
        RuleInfo("timeline-out-of-order", Level.WARNING, "timeline entries are not in time order"),
        RuleInfo("time-without-zone", Level.WARNING, "timeline times with no zone and no note"),
        RuleInfo("five-whys-short", Level.WARNING, "the five whys stop before the third why"),
        RuleInfo("blame-language", Level.WARNING, "the analysis blames people, not the system"),
        RuleInfo("milestone-order", Level.ERROR, "milestones contradict each other's order"),
        RuleInfo("milestone-missing", Level.INFO, "a milestone a metric needs is not recorded"),
        RuleInfo("import-warning", Level.WARNING, "the importer could not read something"),
    )
}


@dataclass(frozen=True)
class Finding:
    """One problem lint found in a report."""

    rule: str
    level: Level
    message: str
    line: int | None = None
    hint: str = ""
    field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "level": self.level.value,
            "message": self.message,
            "line": self.line,
            "hint": self.hint,
            "field": self.field,
        }


def finding(
    rule: str,
    message: str,
    *,
    hint: str = "",
    line: int | None = None,
    field: str | None = None,
) -> Finding:
    """A finding of ``rule`` at its default level (settings may change the level later)."""
    return Finding(rule, RULES[rule].level, message, line, hint, field)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Whole-document findings first, then by line; errors before warnings on a line."""
    return sorted(
        findings,
        key=lambda f: (f.line is not None, f.line or 0, _LEVEL_RANK[f.level], f.rule, f.message),
    )


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error: the CLI exits 1 then."""
    return any(f.level == Level.ERROR for f in findings)


def format_findings_text(findings: Iterable[Finding], source_name: str) -> str:
    """One line per finding, ``file.md:12: error [rule] message — hint: ...``, compiler style."""
    lines = []
    for item in findings:
        where = f"{source_name}:{item.line}" if item.line is not None else source_name
        text = f"{where}: {item.level.value} [{item.rule}] {item.message}"
        if item.hint:
            text += f" — hint: {item.hint}"
        lines.append(text)
    return "\n".join(lines)


def findings_to_json(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """The JSON form: a list of ``{rule, level, message, line, hint, field}`` objects."""
    return [item.to_dict() for item in findings]


def count_by_level(findings: Iterable[Finding]) -> dict[str, int]:
    """``{"error": 2, "warning": 1, "info": 0}``: for a summary line."""
    counts = {level.value: 0 for level in Level}
    for item in findings:
        counts[item.level.value] += 1
    return counts
