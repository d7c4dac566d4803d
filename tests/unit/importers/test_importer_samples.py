"""The five formats as people fill them in: reordered and renamed sections, extra columns,
bullets instead of tables, missing tables, times with and without dates and zones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from warroom.domain.model import (
    ActionStatus,
    Audience,
    Horizon,
    IncidentStatus,
    LinkKind,
    MeasureKind,
    Phase,
    Priority,
    ReviewStatus,
)
from warroom.importers import ImportResult, import_markdown

SAMPLES = Path(__file__).parent / "samples"

Read = Callable[[str], ImportResult]


def utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "format_name"),
    [
        ("response-report-payments.md", "response-report"),
        ("postmortem-report-search.md", "postmortem-report"),
        ("post-incident-review-login.md", "post-incident-review"),
        ("incident-report-queue.md", "incident-report"),
        ("incident-postmortem-dns.md", "incident-postmortem"),
    ],
)
def test_each_sample_is_detected_as_its_format(
    read_sample: Read, name: str, format_name: str
) -> None:
    assert read_sample(name).format_name == format_name


def test_response_report_cet_bullets_follow_up_checklists_and_extra_column(
    read_sample: Read,
) -> None:
    result = read_sample("response-report-payments.md")
    incident = result.incident
    assert incident.title == "Payment gateway timeouts"
    assert incident.ref == "INC-2024-03-05-002"
    assert incident.severity == 2  # High
    assert incident.status == IncidentStatus.RESOLVED
    assert incident.created_at == utc(2024, 3, 5, 14, 20)
    # "All times are CET": 15:02 CET is 14:02 UTC; one entry states its own date.
    assert incident.timeline[0].at == utc(2024, 3, 5, 14, 2)
    assert incident.timeline[-1].at == utc(2024, 3, 5, 15, 30)
    assert incident.milestones.detected == utc(2024, 3, 5, 14, 9)
    assert incident.milestones.acknowledged == utc(2024, 3, 5, 14, 12)
    assert incident.milestones.declared == utc(2024, 3, 5, 14, 20)
    assert incident.milestones.mitigated == utc(2024, 3, 5, 14, 41)
    assert incident.milestones.resolved == utc(2024, 3, 5, 14, 52)
    assert incident.milestones.closed == utc(2024, 3, 5, 15, 30)
    assert incident.impact.users_affected == 3100
    assert incident.impact.users_affected_share == 8.0
    assert [s.name for s in incident.services] == ["payment-gateway", "checkout-web"]
    assert incident.services[0].impact == "timeouts on /charge"
    items = {item.key: item for item in incident.action_items}
    assert items["AI-1"].status == ActionStatus.DONE and items["AI-1"].owner == "Priya N."
    assert items["AI-1"].horizon == Horizon.SHORT  # from the follow-up checklist, same key
    assert items["AI-2"].status == ActionStatus.IN_PROGRESS and items["AI-2"].owner == "@marco"
    assert items["AI-2"].priority == Priority.HIGH  # the extra Priority column
    assert items["AI-3"].due == date(2024, 4, 30) and items["AI-3"].horizon == Horizon.LONG
    assert items["AI-4"].title == "Move gateway config into the main repo"
    assert items["AI-4"].owner == "Sam" and items["AI-4"].horizon == Horizon.LONG
    assert len(incident.action_items) == 4
    steps = incident.analysis.resolution.steps
    assert steps == [
        "Rolled back the config push with the deploy tool",
        "Restarted two stuck gateway pods",
    ]
    assert len(incident.analysis.resolution.investigation_steps) == 2
    external = [c for c in incident.communications if c.audience == Audience.EXTERNAL]
    assert [c.channel for c in external] == ["Status page", "Status page"]
    assert [m.text for m in incident.analysis.prevention] == [
        "Validate pool sizes in CI before a push",
        "Show config diffs in the deploy tool",
    ]
    assert incident.roles.report_author == "Priya Nair"
    assert incident.review.next_review == date(2024, 3, 12)
    assert incident.review.distribution == ["payments-team", "eng-leads"]
    # Ticked boxes the record cannot back up (no commander is named) stay as written.
    titles = [x.title for x in incident.extra_sections]
    assert titles == ["Immediate Response", "Customer quotes"]
    # "Duration: 50 minutes" is longer than detected -> resolved (43 min): it may have begun
    # before anyone noticed, so it does not contradict the timeline.
    assert not any("does not match" in w.message for w in result.warnings)


def test_postmortem_report_extra_column_bullet_actions_and_renamed_sections(
    read_sample: Read,
) -> None:
    result = read_sample("postmortem-report-search.md")
    incident = result.incident
    assert incident.title == "Search results empty for EU customers"
    assert incident.ref == ""
    assert incident.severity == 3  # Medium
    assert incident.roles.report_author == "Jonas Weber"
    # A time-only table on the "Incident Date".
    assert [e.at for e in incident.timeline][:2] == [
        utc(2024, 6, 11, 9, 30),
        utc(2024, 6, 11, 9, 52),
    ]
    alert = incident.timeline[1]
    assert alert.action_taken == "Escalated to on-call" and alert.author == "Support"
    assert incident.milestones.started == utc(2024, 6, 11, 9, 30)
    assert incident.milestones.detected == utc(2024, 6, 11, 9, 52)
    assert incident.milestones.mitigated == utc(2024, 6, 11, 11, 10)
    assert incident.milestones.resolved == utc(2024, 6, 11, 11, 45)
    root_cause = incident.analysis.root_cause
    assert (
        root_cause.summary
        == "The alias switch job did not check that the new index had finished building."
    )
    assert "document counts" in (root_cause.why or "")
    assert "synthetic checks only run against the US region" in (root_cause.why_not_caught or "")
    first, second, third, fourth = incident.action_items[:4]
    assert (first.status, first.owner, first.due) == (ActionStatus.DONE, "Jonas", date(2024, 6, 20))
    assert (second.owner, second.due) == ("@mia", date(2024, 7, 1))
    assert third.priority == Priority.HIGH
    assert fourth.status == ActionStatus.WONT_DO and fourth.title == "Rewrite the indexer in Go"
    assert fourth.reason == "not related to this incident"
    horizons = [item.horizon for item in incident.action_items[4:]]
    assert horizons == [Horizon.SHORT, Horizon.LONG]  # "Prevention Measures" checklists
    assert incident.impact.downtime_seconds == 8100
    assert incident.impact.users_affected == 40000
    assert incident.roles.reviewers == ["Anna Schmidt"]
    assert incident.review.next_review == date(2024, 7, 15)
    assert [o.text for o in incident.analysis.went_well] == [
        "Support escalated quickly",
        "Rollback of the alias was instant",
    ]
    assert not incident.extra_sections
    # The stated time to detection (22 minutes) agrees with the timeline.
    assert not any("does not match" in w.message for w in result.warnings)


def test_post_incident_review_bold_time_blocks_and_tables(read_sample: Read) -> None:
    result = read_sample("post-incident-review-login.md")
    incident = result.incident
    assert incident.ref == "INC-2024-0117"
    assert incident.severity == 1
    assert incident.review_status == ReviewStatus.IN_REVIEW
    assert (
        incident.summary
        == "Nobody could log in for 38 minutes after the SSO certificate was rotated."
    )
    assert incident.milestones.started == utc(2024, 9, 18, 14, 2)
    assert incident.milestones.resolved == utc(2024, 9, 18, 14, 40)
    assert incident.roles.commander == "Lena Park"
    assert incident.roles.technical_lead == "Omar Haddad"
    first = incident.timeline[0]
    assert (first.at, first.phase, first.author) == (
        utc(2024, 9, 18, 14, 2),
        Phase.DETECTION,
        "Omar Haddad",
    )
    detection = incident.timeline[1]
    assert detection.link == "https://alerts.example.com/incidents/5521"
    mitigation = next(e for e in incident.timeline if e.text == "Mitigation Started")
    assert mitigation.phase == Phase.RESOLUTION
    assert mitigation.action_taken == "re-added the old certificate as a secondary key"
    assert incident.detection_source == "Monitoring alert (login success rate)"
    assert [s.name for s in incident.services] == ["auth-service", "admin-portal", "Backend API"]
    factors = incident.analysis.contributing_factors
    assert [(f.name, f.impact) for f in factors] == [
        ("Manual runbook step", "It was forgotten"),
        ("Staging differs from production", "The rotation could not be rehearsed"),
    ]
    assert len(incident.analysis.five_whys) == 3
    assert incident.analysis.five_whys[1].answer == "The new certificate was never uploaded"
    items = {item.key: item for item in incident.action_items}
    assert items["AI-1"].horizon == Horizon.IMMEDIATE and items["AI-1"].status == ActionStatus.DONE
    assert items["AI-2"].ticket == "https://jira.example.com/browse/SEC-881"
    lesson = incident.analysis.lessons[0]
    assert lesson.text.startswith("Rotations need a rollback\n")
    assert lesson.how_to_apply == "Add overlap to every rotation runbook"
    assert incident.review.meeting_at == utc(2024, 9, 20, 10, 0)
    attendee = incident.review.attendees[0]
    assert (attendee.name, attendee.role) == ("Lena Park", "Incident Commander")
    assert len(incident.review.approvals) == 1  # the unfilled row is the template's
    # The Notes column of the Basic Information table is kept beside the fields.
    notes = next(x for x in incident.extra_sections if x.title == "Basic Information")
    assert "raised from SEV-2 at 14:20" in notes.body


def test_incident_report_duration_range_extra_column_and_sign_off(read_sample: Read) -> None:
    result = read_sample("incident-report-queue.md")
    incident = result.incident
    assert incident.ref == "INC-2025-01-14-003"
    assert incident.review_status == ReviewStatus.DRAFT
    assert incident.milestones.started == utc(2025, 1, 14, 8, 40)  # "Duration: 08:40 - 10:05"
    assert incident.milestones.resolved == utc(2025, 1, 14, 10, 5)
    assert incident.milestones.closed == utc(2025, 1, 14, 11, 30)
    assert (
        incident.timeline[0].text == "Malformed message published by the partner API (Source: logs)"
    )
    assert [s.name for s in incident.services] == ["API", "Order dispatch"]  # ticked boxes only
    assert incident.impact.sla_breach.value is True
    assert incident.impact.users_affected == 1240
    assert len(incident.analysis.contributing_factors) == 3
    assert [a.priority for a in incident.action_items] == [
        Priority.HIGH,
        Priority.MEDIUM,
        Priority.LOW,
    ]
    assert incident.action_items[2].due is None  # "TBD"
    assert incident.evidence[0].text.startswith("json.decoder.JSONDecodeError")
    assert incident.review.meeting_at == utc(2025, 1, 16, 15, 0)
    assert [a.name for a in incident.review.attendees] == ["Kenji Sato", "Ana Lima", "Rui Costa"]
    approval = incident.review.approvals[0]
    assert (approval.role, approval.name, approval.approved) == (
        "Engineering Lead",
        "Rui Costa",
        True,
    )
    assert incident.roles.technical_lead is None  # a sign-off line, not a role
    assert any("no zone" in w.message for w in result.warnings)


def test_incident_postmortem_labels_bullets_for_the_timeline(read_sample: Read) -> None:
    result = read_sample("incident-postmortem-dns.md")
    incident = result.incident
    assert incident.title == "DNS resolution failures in eu-west-1"
    assert incident.ref == "INC-20250502-001"
    assert incident.version == 2
    assert incident.review_status == ReviewStatus.APPROVED
    assert incident.milestones.started == utc(2025, 5, 2, 7, 12)
    assert incident.milestones.detected == utc(2025, 5, 2, 7, 15)
    assert incident.milestones.acknowledged == utc(2025, 5, 2, 7, 19)  # detection + TTA 4 min
    assert incident.milestones.mitigated == utc(2025, 5, 2, 7, 50)  # start + TTM 38 min
    assert incident.milestones.resolved == utc(2025, 5, 2, 8, 3)
    # A bullet timeline instead of the table, times only: the start time's day.
    assert [e.at for e in incident.timeline] == [
        utc(2025, 5, 2, 7, 12),
        utc(2025, 5, 2, 7, 15),
        utc(2025, 5, 2, 7, 19),
        utc(2025, 5, 2, 7, 50),
        utc(2025, 5, 2, 8, 3),
    ]
    assert [(s.name, s.impact) for s in incident.services] == [
        ("api-gateway", "intermittent 502s"),
        ("billing-worker", "jobs retried"),
    ]
    assert incident.regions == ["eu-west-1"]
    assert incident.impact.symptoms == "slow pages and 502 errors"
    assert incident.roles.responders == ["Yusuf Ali", "Mei Chen"]
    assert incident.detection_source == "Monitoring (synthetic DNS probe)"
    assert incident.analysis.resolution.rollback_needed is True
    assert (
        incident.analysis.resolution.long_term_fix
        == "Validate CoreDNS config in CI with a test resolver"
    )
    assert [o.text for o in incident.analysis.went_poorly] == [
        "The revert needed two approvals at 7am"
    ]
    first = incident.action_items[0]
    assert (first.key, first.priority, first.status) == ("AI-001", Priority.HIGH, ActionStatus.DONE)
    assert first.title == "Add CoreDNS config validation to CI (Notes: merged in #812)"
    kinds = [(m.kind, m.text) for m in incident.analysis.prevention]
    assert kinds == [
        (MeasureKind.MONITORING, "Probe every internal zone, not only the apex"),
        (MeasureKind.PROCESS, "Break-glass revert path"),
    ]
    assert {link.kind for link in incident.links} == {LinkKind.DASHBOARD, LinkKind.TICKET}
    assert not incident.extra_sections


def test_forcing_a_format_reads_with_its_rules() -> None:
    text = (SAMPLES / "incident-postmortem-dns.md").read_text(encoding="utf-8")
    result = import_markdown(text, format_name="incident-postmortem")
    assert result.format_name == "incident-postmortem"
    assert import_markdown(text, format_name="freeform").format_name == "freeform"
