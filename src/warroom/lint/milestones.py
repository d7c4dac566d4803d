"""Rules on milestones: ``milestone-order`` (error) and ``milestone-missing`` (info).

A stored incident cannot hold milestones out of order (the domain refuses
the write), but a report being imported or edited can: lint says so before
the write does. A milestone that a configured metric needs and the record
lacks makes that metric unknown; that is worth knowing, not an error.
"""

from __future__ import annotations

from warroom.domain.incident import MILESTONE_ORDER
from warroom.domain.times import format_utc
from warroom.lint.findings import Finding, finding
from warroom.lint.locate import LintContext

MILESTONE_HINT = (
    "record when it happened (warroom milestone <ref> <name> <time>), or mark the timeline"
    " entry that shows it"
)


def check_milestone_order(ctx: LintContext) -> list[Finding]:
    """Each pair of milestones in the wrong order (detected before started, ...)."""
    milestones = ctx.incident.milestones
    findings = []
    for earlier, later in MILESTONE_ORDER:
        first, second = milestones.get(earlier), milestones.get(later)
        if first is not None and second is not None and second < first:
            field = f"milestones.{later}"
            findings.append(
                finding(
                    "milestone-order",
                    f"{later} ({format_utc(second)}) is before {earlier} ({format_utc(first)})",
                    hint=f"correct one of the two times: {later} cannot come before {earlier}",
                    line=ctx.line_for(field),
                    field=field,
                )
            )
    return findings


def check_missing_milestones(ctx: LintContext) -> list[Finding]:
    """One finding per milestone the configured metrics need and the record lacks."""
    needed: dict[str, list[str]] = {}
    for definition in ctx.settings.metrics:
        for name in (definition.start, definition.end):
            if ctx.incident.milestones.get(name) is None:
                labels = needed.setdefault(name, [])
                if definition.label not in labels:
                    labels.append(definition.label)
    findings = []
    for name, labels in needed.items():
        metrics = ", ".join(labels)
        findings.append(
            finding(
                "milestone-missing",
                f"no {name!r} milestone, so {metrics} cannot be computed",
                hint=MILESTONE_HINT,
                field=f"milestones.{name}",
            )
        )
    return findings
