"""missing-section: what each severity requires, missing or empty; the settings for it."""

from __future__ import annotations

from typing import ClassVar

import pytest

from tests.unit.lint.lint_factories import complete_incident, lint_record, lint_text, of_rule
from warroom.config import Settings
from warroom.domain.model import Analysis, Impact, RootCause
from warroom.errors import ConfigurationError
from warroom.lint import DEFAULT_REQUIRED_SECTIONS, SECTION_KEYS, Level, LintSettings
from warroom.lint.sections import SECTIONS


def test_every_section_key_has_a_spec() -> None:
    assert set(SECTIONS) == set(SECTION_KEYS)


def test_defaults_follow_the_issue() -> None:
    assert set(DEFAULT_REQUIRED_SECTIONS[1]) == {"root_cause", "timeline", "impact", "action_items"}
    assert DEFAULT_REQUIRED_SECTIONS[2] == DEFAULT_REQUIRED_SECTIONS[1]
    assert set(DEFAULT_REQUIRED_SECTIONS[3]) == {"root_cause", "timeline"}
    assert 4 not in DEFAULT_REQUIRED_SECTIONS


@pytest.mark.parametrize("severity", [1, 2])
def test_sev1_and_sev2_need_four_sections(severity: int) -> None:
    incident = complete_incident(
        severity=severity, timeline=[], impact=Impact(), analysis=Analysis(), action_items=[]
    )
    findings = of_rule(lint_record(incident), "missing-section")
    assert {f.field for f in findings} == {
        "analysis.root_cause", "timeline", "impact", "action_items"
    }  # fmt: skip
    assert all(f.level == Level.ERROR for f in findings)
    assert f"SEV-{severity}" in findings[0].message


def test_sev3_needs_root_cause_and_timeline_only() -> None:
    incident = complete_incident(
        severity=3, timeline=[], impact=Impact(), analysis=Analysis(), action_items=[]
    )
    fields = {f.field for f in of_rule(lint_record(incident), "missing-section")}
    assert fields == {"analysis.root_cause", "timeline"}


def test_sev4_needs_nothing_and_complete_reports_pass() -> None:
    assert of_rule(lint_record(complete_incident(severity=4, timeline=[])), "missing-section") == []
    assert of_rule(lint_record(complete_incident(severity=1)), "missing-section") == []


def test_a_root_cause_that_is_only_a_placeholder_is_empty() -> None:
    incident = complete_incident(severity=3)
    incident.analysis.root_cause = RootCause(summary="[Detailed explanation of the root cause]")
    assert [f.field for f in of_rule(lint_record(incident), "missing-section")] == [
        "analysis.root_cause"
    ]


def test_with_text_an_empty_section_points_at_its_heading() -> None:
    incident = complete_incident(severity=3, analysis=Analysis())
    text = "# Review\n\n## Timeline\n\n- 14:00 UTC start\n\n## Root Cause\n\n## Lessons\n"
    [found] = of_rule(lint_text(text, incident), "missing-section")
    assert found.line == 7
    assert "'Root Cause' section is empty" in found.message


def test_with_text_a_missing_section_has_no_line() -> None:
    incident = complete_incident(severity=3, analysis=Analysis())
    [found] = of_rule(lint_text("# Review\n\nNothing here.\n", incident), "missing-section")
    assert found.line is None
    assert found.message.startswith("no Root Cause section")


def test_required_sections_are_configurable() -> None:
    incident = complete_incident(severity=4)
    findings = lint_record(incident, required_sections={4: ("five_whys", "lessons")})
    assert {f.field for f in of_rule(findings, "missing-section")} == {"analysis.lessons"}


def test_required_sections_come_from_settings_by_number_or_label() -> None:
    class WithLint(Settings):
        lint_required_sections: ClassVar[dict[str, object]] = {
            "SEV-4": ["lessons"],
            "1": "root_cause, timeline",
        }

    lint = LintSettings.from_settings(WithLint())
    assert lint.required_sections == {4: ("lessons",), 1: ("root_cause", "timeline")}
    assert LintSettings.from_settings(Settings()).required_sections == DEFAULT_REQUIRED_SECTIONS


def test_unknown_section_names_fail_naming_the_setting() -> None:
    with pytest.raises(ConfigurationError) as error:
        LintSettings(required_sections={1: ("root_cuase",)})
    assert error.value.field == "lint_required_sections"
    assert "root_cuase" in error.value.message
