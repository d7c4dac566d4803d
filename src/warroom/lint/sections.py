"""Rule ``missing-section``: the sections a team requires for a severity, missing or empty.

What counts as filled is decided on the record (a root cause summary that is
only ``[Detailed explanation]`` is empty). With the source text, the finding
points at the section's heading when the heading is there and says the
section is empty; otherwise it says the section is missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from warroom.domain.model import Impact, Incident
from warroom.lint.findings import Finding, finding
from warroom.lint.locate import LintContext
from warroom.lint.placeholders import is_blank


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    field: str  # where the record keeps it
    heading: re.Pattern[str]  # headings that hold it in a report
    filled: Callable[[Incident], bool]


def _any_text(*values: str | None) -> bool:
    return any(not is_blank(value) for value in values)


def _impact_filled(impact: Impact) -> bool:
    numbers = (
        impact.users_affected,
        impact.users_affected_share,
        impact.failed_requests,
        impact.error_rate,
        impact.downtime_seconds,
        impact.revenue_lost,
        impact.extra_costs,
        impact.credits_issued,
    )
    flags = (impact.data_loss, impact.data_corruption, impact.data_exposure, impact.sla_breach)
    texts = (
        impact.summary,
        impact.user_facing_errors,
        impact.symptoms,
        impact.service_degradation,
        impact.internal_impact,
    )
    return (
        any(n is not None for n in numbers)
        or any(f.value is not None for f in flags)
        or _any_text(*texts)
    )


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


SECTIONS: dict[str, SectionSpec] = {
    spec.key: spec
    for spec in (
        SectionSpec(
            "summary",
            "Summary",
            "summary",
            _pattern(r"summary|overview|what happened"),
            lambda i: _any_text(i.summary, i.executive_summary),
        ),
        SectionSpec(
            "timeline",
            "Timeline",
            "timeline",
            _pattern(r"timeline|chronology|sequence of events"),
            lambda i: bool(i.timeline),
        ),
        SectionSpec(
            "impact",
            "Impact",
            "impact",
            _pattern(r"impact"),
            lambda i: _impact_filled(i.impact) or any(not is_blank(s.impact) for s in i.services),
        ),
        SectionSpec(
            "root_cause",
            "Root Cause",
            "analysis.root_cause",
            _pattern(r"root cause|\bcauses?\b|what caused"),
            lambda i: _any_text(i.analysis.root_cause.summary, i.analysis.root_cause.why),
        ),
        SectionSpec(
            "contributing_factors",
            "Contributing Factors",
            "analysis.contributing_factors",
            _pattern(r"contributing factors?"),
            lambda i: any(not is_blank(f.name) for f in i.analysis.contributing_factors),
        ),
        SectionSpec(
            "five_whys",
            "Five Whys",
            "analysis.five_whys",
            _pattern(r"(?:five|5) whys"),
            lambda i: any(not is_blank(w.answer) for w in i.analysis.five_whys),
        ),
        SectionSpec(
            "resolution",
            "Resolution",
            "analysis.resolution",
            _pattern(r"resolution|how (?:was it|it was) fixed|recovery"),
            lambda i: _any_text(
                i.analysis.resolution.immediate_fix,
                i.analysis.resolution.long_term_fix,
                i.analysis.resolution.verification,
                *i.analysis.resolution.steps,
            ),
        ),
        SectionSpec(
            "went_well",
            "What Went Well",
            "analysis.went_well",
            _pattern(r"went well"),
            lambda i: any(not is_blank(o.text) for o in i.analysis.went_well),
        ),
        SectionSpec(
            "went_poorly",
            "What Went Poorly",
            "analysis.went_poorly",
            _pattern(r"went (?:poorly|wrong|badly)|could be improved"),
            lambda i: any(not is_blank(o.text) for o in i.analysis.went_poorly),
        ),
        SectionSpec(
            "lessons",
            "Lessons Learned",
            "analysis.lessons",
            _pattern(r"lessons?"),
            lambda i: any(not is_blank(lesson.text) for lesson in i.analysis.lessons),
        ),
        SectionSpec(
            "action_items",
            "Action Items",
            "action_items",
            _pattern(r"action items?|follow-?up actions|corrective"),
            lambda i: any(not is_blank(a.title) for a in i.action_items),
        ),
        SectionSpec(
            "communication",
            "Communication",
            "communications",
            _pattern(r"communication"),
            lambda i: any(not is_blank(c.summary) for c in i.communications),
        ),
    )
}


def check_sections(ctx: LintContext) -> list[Finding]:
    """Each section required for the incident's severity that the record leaves empty."""
    required = ctx.settings.required_sections.get(ctx.incident.severity, ())
    findings = []
    for key in required:
        spec = SECTIONS[key]
        if spec.filled(ctx.incident):
            continue
        heading = None
        if ctx.doc is not None:
            found = ctx.doc.headings_matching(spec.heading)
            heading = found[0] if found else None
        hint = (
            f"write the {spec.title} section: {ctx.severity_label} reports need it"
            " (lint_required_sections in the settings decides what each severity needs)"
        )
        if heading is not None:
            message = f"the {heading.title!r} section is empty ({spec.title} is required"
            message += f" for {ctx.severity_label})"
            line: int | None = heading.line
        else:
            message = f"no {spec.title} section ({spec.title} is required for {ctx.severity_label})"
            line = ctx.line_for(spec.field) if ctx.doc is None else None
        findings.append(finding("missing-section", message, hint=hint, line=line, field=spec.field))
    return findings
