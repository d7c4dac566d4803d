"""The view model: what the record says, in each format's words."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.unit.render.factories import empty_incident, full_incident
from warroom.config import Settings
from warroom.domain.model import Audience, Communication, TimelineEvent, Visibility
from warroom.render import BUILTIN_FORMATS, build_report, render_markdown


def test_metrics_with_targets(settings: Settings) -> None:
    report = build_report(full_incident(), settings)
    detect, mitigate = report.metric["time_to_detect"], report.metric["time_to_mitigate"]
    assert (detect.actual, detect.target, detect.met_label) == ("4 min", "5 min", "Yes")
    assert mitigate.summary == "40 min (target: 30 min, not met)"
    assert report.duration == "47 min"
    missing = build_report(empty_incident(), settings).metric["time_to_detect"]
    assert not missing.actual and not missing.summary and missing.met is None


def test_severity_on_every_scale(settings: Settings) -> None:
    severity = build_report(full_incident(), settings).severity
    assert (severity.sev, severity.named, severity.label) == ("SEV-1", "Critical", "SEV-1")


def test_action_items_in_each_vocabulary(settings: Settings) -> None:
    report = build_report(full_incident(), settings)
    first, *_, declined = report.action_items
    assert (first.priority_label, first.priority_code, first.status_label) == ("High", "P0", "Done")
    assert declined.status_label == "Won't do (no evidence it would help)"
    assert [a.key for a in report.actions_by_horizon["long"]] == ["AI-4", "AI-5"]
    text = render_markdown(full_incident(), "incident-postmortem", settings)
    row = "| AI-1 | Add pool saturation alert (ticket: OPS-815) | Bilal Khan | P0 | 2026-11-27 |"
    assert f"{row} Closed |" in text
    assert "| P2 |" in text and "| P1 |" in text


def test_medium_horizon_goes_to_long_term_in_post_incident_review(settings: Settings) -> None:
    text = render_markdown(full_incident(), "post-incident-review", settings)
    long_term = text.split("### Long-term Actions")[1].split("\n---\n")[0]
    assert "| AI-3 |" in long_term and "| AI-4 |" in long_term


def test_timeline_phase_is_recorded_or_inferred(settings: Settings) -> None:
    incident = full_incident()
    incident.timeline.append(TimelineEvent(datetime(2026, 11, 20, 14, 30, tzinfo=UTC), "Scaled"))
    phases = {e.text: e.phase for e in build_report(incident, settings).timeline}
    assert phases["Configuration change deployed: pool size 20 to 10"] == "detection"
    assert phases["Scaled"] == "response"
    assert phases["Configuration rolled back"] == "resolution"


def test_status_page_needs_an_external_status_page_update(settings: Settings) -> None:
    incident = empty_incident()
    incident.communications.append(Communication(None, "Heads-up", Audience.INTERNAL, "Slack"))
    checks = build_report(incident, settings).checks
    assert checks.stakeholders_notified and not checks.status_page_updated
    incident.communications.append(Communication(None, "Down", Audience.EXTERNAL, "StatusPage"))
    assert build_report(incident, settings).checks.status_page_updated


def test_knowledge_sharing_keeps_the_templates_items(settings: Settings) -> None:
    text = render_markdown(full_incident(), "post-incident-review", settings)
    assert "- [x] Post-mortem published internally" in text
    assert "- [ ] Training materials created (if needed)" in text


def test_extra_sections_come_last_verbatim(settings: Settings) -> None:
    text = render_markdown(full_incident(), "incident-report", settings)
    assert text.endswith("## Customer Quotes\n\n> We lost an afternoon of sales.\n> — a merchant\n")


def test_a_private_incident_says_so_in_every_format(settings: Settings) -> None:
    incident = full_incident()
    assert "Private" not in render_markdown(incident, "incident-report", settings)
    incident.visibility = Visibility.PRIVATE
    for fmt in BUILTIN_FORMATS:
        header = render_markdown(incident, fmt.name, settings).split("\n## ")[:2]
        assert "Private" in "".join(header), fmt.name
