"""duration-contradicts-timeline, and reading stated durations."""

from __future__ import annotations

import pytest

from tests.unit.lint.lint_factories import complete_incident, lint_record, lint_text, of_rule
from warroom.domain.model import Impact, Milestones
from warroom.lint import Level
from warroom.lint.durations import parse_duration

# complete_incident: started 14:00, detected 14:05, acknowledged 14:08, mitigated 14:30,
# resolved 15:00; so detect 5 min, acknowledge 3 min, mitigate 30 min, resolve 1 h.


@pytest.mark.parametrize(
    ("text", "seconds", "approximate"),
    [
        ("45 minutes", 2700, False),
        ("2 hours", 7200, False),
        ("1 hour 5 minutes", 3900, False),
        ("1h30m", 5400, False),
        ("1.5 hours", 5400, False),
        ("~2 hours", 7200, True),
        ("about nine hours", 32400, True),
        ("half an hour", 1800, False),
        ("01:45", 6300, False),
        ("14:00 - 16:00", 7200, False),
        ("23:30 - 00:15", 2700, False),
        ("14:00 - 16:00 (2 hours)", 7200, False),
        ("**45 min**", 2700, False),
        ("47 min (target: 4 h 00 min, met)", 2820, False),
        ("[Start time] - [End time] (2 hours)", None, False),
    ],
)
def test_durations_people_write(text: str, seconds: int | None, approximate: bool) -> None:
    stated = parse_duration(text)
    if seconds is None:  # a placeholder anywhere: not a figure yet
        assert stated is None
    else:
        assert stated is not None
        assert (stated.seconds, stated.approximate) == (seconds, approximate)


@pytest.mark.parametrize(
    "text",
    ["< 5 min", "over an hour", "2-3 hours", "[X min]", "X hours Y minutes", "???", "Pending"],
)
def test_bounds_ranges_and_placeholders_are_not_durations(text: str) -> None:
    assert parse_duration(text) is None


def test_stated_duration_contradicting_the_milestones_is_an_error() -> None:
    text = "# Review\n\n**Incident Duration**: 45 minutes\n"
    [found] = of_rule(lint_text(text, complete_incident()), "duration-contradicts-timeline")
    assert found.level == Level.ERROR
    assert found.line == 3
    assert "says 45 min, but the timeline gives 1 h 00 min" in found.message
    assert "started 2026-03-05 14:00 UTC → resolved 2026-03-05 15:00 UTC" in found.message


def test_stated_duration_within_tolerance_passes() -> None:
    text = "# Review\n\n- **Duration:** 1 hour 3 minutes\n- Time to Detect: 5 min\n"
    assert of_rule(lint_text(text, complete_incident()), "duration-contradicts-timeline") == []


def test_approximate_figures_get_twice_the_tolerance() -> None:
    incident = complete_incident()
    exact = "# Review\n\nDuration: 50 minutes\n"
    rough = "# Review\n\nDuration: about 50 minutes\n"
    assert of_rule(lint_text(exact, incident), "duration-contradicts-timeline")
    assert of_rule(lint_text(rough, incident), "duration-contradicts-timeline") == []


def test_metric_table_uses_the_actual_column_not_the_target() -> None:
    text = (
        "# Review\n\n| Metric | Target | Actual | Met? |\n|---|---|---|---|\n"
        "| Time to Detect | < 5 min | 20 min | No |\n"
        "| Time to Acknowledge | < 5 min | 3 min | Yes |\n"
        "| Time to Mitigate | < 30 min | [X min] | [Yes/No] |\n"
    )
    [found] = of_rule(lint_text(text, complete_incident()), "duration-contradicts-timeline")
    assert found.line == 5
    assert found.field == "metrics.time_to_detect"


def test_time_to_labels_with_abbreviations() -> None:
    text = (
        "# Review\n\n- **Time to Acknowledge (TTA):** 00:30\n- **Time to Mitigate (TTM):** 00:30\n"
    )
    [found] = of_rule(lint_text(text, complete_incident()), "duration-contradicts-timeline")
    assert found.line == 3


def test_nothing_to_compare_without_milestones() -> None:
    incident = complete_incident(milestones=Milestones())
    assert (
        of_rule(lint_text("Duration: 45 minutes\n", incident), "duration-contradicts-timeline")
        == []
    )


def test_downtime_may_be_shorter_than_the_incident_but_not_longer() -> None:
    incident = complete_incident()
    shorter = "# Review\n\n| Metric | Value |\n|---|---|\n| Total Downtime | 20 min |\n"
    longer = "# Review\n\n| Metric | Value |\n|---|---|\n| Total Downtime | 3 hours |\n"
    assert of_rule(lint_text(shorter, incident), "duration-contradicts-timeline") == []
    [found] = of_rule(lint_text(longer, incident), "duration-contradicts-timeline")
    assert "longer than the whole incident" in found.message


def test_record_downtime_longer_than_the_incident_without_text() -> None:
    longer = complete_incident(impact=Impact(summary="Checkout down", downtime_seconds=3 * 3600))
    shorter = complete_incident(impact=Impact(summary="Checkout down", downtime_seconds=1800))
    [found] = of_rule(lint_record(longer), "duration-contradicts-timeline")
    assert found.field == "impact.downtime_seconds"
    assert of_rule(lint_record(shorter), "duration-contradicts-timeline") == []


def test_tolerance_is_configurable() -> None:
    text = "# Review\n\nDuration: 50 minutes\n"
    strict = lint_text(text, complete_incident(), duration_tolerance_minutes=0)
    loose = lint_text(text, complete_incident(), duration_tolerance_minutes=15)
    assert of_rule(strict, "duration-contradicts-timeline")
    assert of_rule(loose, "duration-contradicts-timeline") == []


def test_a_contradiction_on_a_disordered_timeline_says_so() -> None:
    text = (
        "# Review\n\nDuration: 45 minutes\n\n## Timeline\n\nAll times in UTC.\n\n"
        "- 14:00 Deploy\n- 14:30 Rollback\n- 14:05 Alert\n"
    )
    [found] = of_rule(lint_text(text, complete_incident()), "duration-contradicts-timeline")
    assert found.message.endswith("the timeline is out of order (line 10), which may be why")
