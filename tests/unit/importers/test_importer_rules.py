"""The general rules, one at a time: zones, dates, warnings, severity, statuses, actions."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from warroom.domain.model import ActionStatus, EvidenceKind, IncidentStatus, ReviewStatus
from warroom.domain.severity import BUILTIN_SCALES, SeverityScale
from warroom.importers import import_markdown


def utc(hour: int, minute: int, day: int = 5) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=UTC)


def messages(text: str, **kwargs: object) -> list[str]:
    return [w.message for w in import_markdown(text, **kwargs).warnings]  # type: ignore[arg-type]


def test_a_time_without_a_zone_is_read_in_the_default_zone_with_a_warning() -> None:
    text = (
        "# Outage\n\n**Date**: 2024-03-05\n\n## Timeline\n\n- 14:05 alert fired\n- 14:30 UTC fixed"
    )
    result = import_markdown(text, default_zone=ZoneInfo("Europe/Berlin"))
    assert [e.at for e in result.incident.timeline] == [utc(13, 5), utc(14, 30)]
    warning = next(w for w in result.warnings if "no zone" in w.message)
    assert warning.line == 7
    assert "Europe/Berlin" in warning.message


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("All times in PST", utc(22, 5)),
        ("All times are CET.", utc(13, 5)),
        ("Times in UTC+2", utc(12, 5)),
        ("(all times Europe/London)", utc(14, 5)),
    ],
)
def test_a_zone_note_sets_the_zone_of_the_times(note: str, expected: datetime) -> None:
    text = f"# Outage on 2024-03-05\n\n## Timeline\n\n{note}\n\n- 14:05 - alert fired"
    result = import_markdown(text)
    assert result.incident.timeline[0].at == expected
    assert not any("no zone" in w.message for w in result.warnings)
    assert result.line_fields[5] == "timeline"


def test_a_heading_zone_applies_to_its_table() -> None:
    text = "# X on 2024-03-05\n\n## Timeline (PDT)\n\n| Time | Event |\n|---|---|\n| 09:00 | a |"
    assert import_markdown(text).incident.timeline[0].at == utc(16, 0)


def test_a_time_earlier_than_the_one_before_is_the_next_day() -> None:
    text = "# X\n\n**Date**: 2024-03-05\n\n## Timeline\n\n- 23:50 UTC a\n- 00:20 UTC b"
    result = import_markdown(text)
    assert [e.at for e in result.incident.timeline] == [utc(23, 50), utc(0, 20, day=6)]
    assert any("next day" in m for m in [w.message for w in result.warnings])


def test_date_headings_and_date_lines_give_the_day() -> None:
    text = (
        "# X\n\n## Timeline\n\n### 2024-03-04\n\n- 10:00 UTC a\n\n### 2024-03-05\n\n"
        "- 09:00 UTC b\n\n2024-03-06\n\n- 08:00 UTC c"
    )
    result = import_markdown(text)
    assert [e.at.date() for e in result.incident.timeline] == [
        date(2024, 3, 4),
        date(2024, 3, 5),
        date(2024, 3, 6),
    ]


def test_a_stated_duration_that_contradicts_the_milestones_is_a_warning() -> None:
    text = (
        "# X\n\n- **Start Time (UTC):** 2024-03-05 10:00\n- **End Time (UTC):** 2024-03-05 11:00\n"
        "- **Duration:** 3 hours\n"
    )
    result = import_markdown(text)
    assert any("stated duration (3 h 00 min) does not match" in m for m in messages(text))
    assert result.line_fields[5].startswith("extra_sections")  # kept as written


def test_an_agreeing_duration_is_accounted_to_the_milestones() -> None:
    text = (
        "# X\n\n- **Start Time:** 2024-03-05 10:00 UTC\n"
        "- **End Time:** 2024-03-05 11:02 UTC\n- **Duration:** 1h"
    )
    result = import_markdown(text)
    assert not any("does not match" in w.message for w in result.warnings)
    assert result.line_fields[5] == "milestones"


def test_a_metric_fills_the_milestone_it_ends_at() -> None:
    text = (
        "# X\n\n- **Detection Time (UTC):** 2024-03-05 10:05\n"
        "- **Time to Acknowledge (TTA):** 7 min\n"
    )
    result = import_markdown(text)
    assert result.incident.milestones.acknowledged == utc(10, 12)
    assert result.line_fields[4] == "milestones.acknowledged"


def test_a_milestone_out_of_order_is_dropped_with_a_warning_and_the_timeline_kept() -> None:
    text = (
        "# X\n\n**Start Time**: 2024-03-05 10:00 UTC\n**Detected**: 2024-03-05 09:00 UTC\n\n"
        "## Timeline\n\n- 2024-03-05 09:00 UTC alert fired\n- 2024-03-05 10:00 UTC outage started"
    )
    result = import_markdown(text)
    assert result.incident.milestones.started == utc(10, 0)
    assert result.incident.milestones.detected is None
    assert len(result.incident.timeline) == 2
    warning = next(w for w in result.warnings if "left out" in w.message)
    assert warning.line == 4
    assert result.line_fields[4].startswith("extra_sections")


@pytest.mark.parametrize(
    ("value", "level"),
    [
        ("SEV-2", 2),
        ("sev1", 1),
        ("Critical", 1),
        ("Low", 4),
        ("S3", 3),
        ("2", 2),
        ("High (customer facing)", 2),
    ],
)
def test_severity_values(value: str, level: int) -> None:
    assert import_markdown(f"# X\n\n**Severity**: {value}\n").incident.severity == level


def test_p_severities_count_from_p0_with_a_warning() -> None:
    result = import_markdown("# X\n\n**Priority**: P1\n")
    assert result.incident.severity == 2
    assert any("P0 is the most severe" in w.message for w in result.warnings)


def test_no_severity_is_the_lowest_level_of_the_scale_with_a_warning() -> None:
    scale = SeverityScale("custom", ("Major", "Minor", "Trivial"))
    result = import_markdown("# X\n\n## Summary\n\nSomething broke.", scale=scale)
    assert result.incident.severity == 3
    assert any("no severity" in w.message and "Trivial" in w.message for w in result.warnings)
    named = import_markdown("# X\n\ntext", scale=BUILTIN_SCALES["named"])
    assert named.incident.severity == 4


@pytest.mark.parametrize(
    ("value", "status", "review"),
    [
        ("Draft", IncidentStatus.INVESTIGATING, ReviewStatus.DRAFT),
        ("Under Review", IncidentStatus.INVESTIGATING, ReviewStatus.IN_REVIEW),
        ("Final", IncidentStatus.INVESTIGATING, ReviewStatus.APPROVED),
        ("Monitoring", IncidentStatus.MONITORING, ReviewStatus.DRAFT),
        ("Investigation", IncidentStatus.INVESTIGATING, ReviewStatus.DRAFT),
        ("Post-Mortem Complete", IncidentStatus.CLOSED, ReviewStatus.APPROVED),
        ("Resolved (closed)", IncidentStatus.CLOSED, ReviewStatus.DRAFT),
    ],
)
def test_status_is_the_incident_or_the_document(
    value: str, status: IncidentStatus, review: ReviewStatus
) -> None:
    incident = import_markdown(f"# X\n\n**Status**: {value}\n").incident
    assert (incident.status, incident.review_status) == (status, review)


def test_status_follows_the_milestones_when_none_is_stated() -> None:
    text = "# X\n\n**Start Time**: 2024-03-05 10:00 UTC\n**Resolved**: 2024-03-05 11:00 UTC\n"
    assert import_markdown(text).incident.status == IncidentStatus.RESOLVED


def test_an_ambiguous_date_is_read_month_first_with_a_warning() -> None:
    result = import_markdown("# X\n\n## Timeline\n\n- 05/06/2024 10:00 UTC something")
    assert result.incident.timeline[0].at.date() == date(2024, 5, 6)
    assert any("day-first or month-first" in w.message for w in result.warnings)


@pytest.mark.parametrize(
    ("heading", "title", "ref"),
    [
        ("# Incident Response Report: DB failover", "DB failover", ""),
        ("# Post-Incident Review: INC-2024-0042 - Queue stuck", "Queue stuck", "INC-2024-0042"),
        ("# Postmortem: API outage", "API outage", ""),
        ("# Incident Report Template", "untitled-report", ""),
    ],
)
def test_title_prefixes_are_not_the_title(heading: str, title: str, ref: str) -> None:
    incident = import_markdown(
        f"{heading}\n\n## Summary\n\nx", source_name="untitled-report.md"
    ).incident
    assert (incident.title, incident.ref) == (title, ref)


def test_the_reference_comes_from_a_label_and_only_a_label() -> None:
    text = "# X\n\n**Incident ID:** INC-20240305-007\n\n## Summary\n\nSee CVE-2024-12345."
    assert import_markdown(text).incident.ref == "INC-20240305-007"
    assert import_markdown("# X\n\n## Summary\n\nSee CVE-2024-12345.").incident.ref == ""


def test_action_item_statuses_owners_dues_and_tickets() -> None:
    text = (
        "# X on 2024-03-05\n\n## Action items\n\n"
        "- [x] Add an alert\n"
        "- [ ] Write the runbook (owner: Ann, due 2024-04-01)\n"
        "- ~~Rewrite it in Rust~~\n"
        "- Fix the retry loop DONE\n"
        "- Add tracing (in progress) @bob\n"
        "- Drop the cache (won't do: not needed)\n"
        "- Upgrade the driver https://github.com/org/repo/issues/12\n"
        "- AI-9: Review the config — due by 2024-05-01, P0\n"
    )
    items = import_markdown(text).incident.action_items
    assert [i.status for i in items] == [
        ActionStatus.DONE,
        ActionStatus.OPEN,
        ActionStatus.DONE,
        ActionStatus.DONE,
        ActionStatus.IN_PROGRESS,
        ActionStatus.WONT_DO,
        ActionStatus.OPEN,
        ActionStatus.OPEN,
    ]
    assert (items[1].owner, items[1].due) == ("Ann", date(2024, 4, 1))
    assert items[2].title == "Rewrite it in Rust"
    assert items[4].owner == "@bob"
    assert items[5].reason == "not needed"
    assert items[6].ticket == "https://github.com/org/repo/issues/12"
    assert (items[7].key, items[7].due, str(items[7].priority)) == (
        "AI-9",
        date(2024, 5, 1),
        "high",
    )
    assert [i.key for i in items[:2]] == ["AI-10", "AI-11"]  # numbered after the highest given


def test_horizons_come_from_the_headings() -> None:
    text = (
        "# X\n\n## Follow-up Actions\n\n### Short-term (1-2 weeks)\n\n- [ ] a\n\n"
        "### Medium-term (1-3 months)\n\n- [ ] b\n\n### Long-term (3+ months)\n\n- [ ] c\n"
    )
    items = import_markdown(text).incident.action_items
    assert [str(i.horizon) for i in items] == ["short", "medium", "long"]


def test_code_blocks_become_evidence_with_their_kind() -> None:
    text = (
        "# X\n\n## Error Messages/Logs\n\n```\nERROR boom\n```\n\n"
        "## Configuration Changes\n\n```yaml\npool: 5\n```\n"
    )
    evidence = import_markdown(text).incident.evidence
    assert [(e.kind, e.text) for e in evidence] == [
        (EvidenceKind.ERROR_LOG, "ERROR boom"),
        (EvidenceKind.CONFIG_CHANGE, "pool: 5"),
    ]


def test_compound_values_are_split_into_their_labels() -> None:
    text = (
        "# X\n\n- **Business Impact**: Orders lost; Revenue lost: $1,500; "
        "SLA breach: Yes - 99.9% missed\n"
        "- **Duration**: 47 min (downtime: 40 min)\n"
    )
    impact = import_markdown(text).incident.impact
    assert impact.summary == "Orders lost"
    assert impact.revenue_lost == 1500.0
    assert (impact.sla_breach.value, impact.sla_breach.details) == (True, "99.9% missed")
    assert impact.downtime_seconds == 2400


def test_went_well_poorly_lucky_lessons_and_whys() -> None:
    text = (
        "# X\n\n## What went well\n\n- Fast rollback\n\n## What didn't go well\n\n- Slow paging\n\n"
        "## Where we got lucky\n\n- It was a Tuesday\n\n## Lessons learned\n\n- Test rollbacks\n\n"
        "## 5 Whys\n\n1. Why did it fail? The pool was full.\n"
    )
    analysis = import_markdown(text).incident.analysis
    assert [o.text for o in analysis.went_well] == ["Fast rollback"]
    assert [o.text for o in analysis.went_poorly] == ["Slow paging"]
    assert analysis.lucky == ["It was a Tuesday"]
    assert [lesson.text for lesson in analysis.lessons] == ["Test rollbacks"]
    assert [(w.question, w.answer) for w in analysis.five_whys] == [
        ("Why did it fail?", "The pool was full.")
    ]
