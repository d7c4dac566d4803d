"""Findings out: text lines, JSON, has_errors, levels and disabled rules from the settings."""

from __future__ import annotations

import json
from typing import Any, ClassVar

import pytest

from tests.unit.lint.lint_factories import complete_incident, lint_record, make_action
from warroom.config import Settings
from warroom.errors import ConfigurationError
from warroom.importers.result import ImportResult, ImportWarning
from warroom.lint import (
    RULES,
    Finding,
    Level,
    LintSettings,
    count_by_level,
    findings_to_json,
    format_findings_text,
    has_errors,
    lint_incident,
)

NO_OWNER = Finding(
    "action-no-owner",
    Level.ERROR,
    "AI-2 has no owner",
    12,
    "name one person",
    "action_items[1].owner",
)


def test_text_format_is_compiler_style() -> None:
    info = Finding("milestone-missing", Level.INFO, "no 'detected' milestone")
    assert format_findings_text([NO_OWNER, info], "review.md").splitlines() == [
        "review.md:12: error [action-no-owner] AI-2 has no owner — hint: name one person",
        "review.md: info [milestone-missing] no 'detected' milestone",
    ]
    assert format_findings_text([], "review.md") == ""


def test_json_form_is_plain_data() -> None:
    [data] = findings_to_json([NO_OWNER])
    assert data == {
        "rule": "action-no-owner",
        "level": "error",
        "message": "AI-2 has no owner",
        "line": 12,
        "hint": "name one person",
        "field": "action_items[1].owner",
    }
    assert json.loads(json.dumps(findings_to_json([NO_OWNER]))) == [data]


def test_has_errors_and_counts() -> None:
    warning = Finding("action-no-due", Level.WARNING, "AI-2 has no due date")
    assert has_errors([warning, NO_OWNER])
    assert not has_errors([warning])
    assert count_by_level([warning, NO_OWNER]) == {"error": 1, "warning": 1, "info": 0}


def test_every_finding_uses_a_registered_rule_at_its_default_level() -> None:
    incident = complete_incident(action_items=[make_action(owner=None, due=None)])
    for found in lint_record(incident):
        assert found.rule in RULES
        assert found.level == RULES[found.rule].level


def test_findings_are_sorted_whole_document_first_then_by_line() -> None:
    incident = complete_incident(action_items=[make_action("AI-1", owner=None, due=None)])
    incident.milestones.acknowledged = None
    source = ImportResult(incident, "freeform", line_fields={30: "action_items[0]"})
    source.warnings.append(ImportWarning("could not read '25:99' as a time", line=7))
    findings = lint_incident(incident, settings=LintSettings(), source=source)
    assert [(f.rule, f.line) for f in findings] == [
        ("milestone-missing", None),
        ("import-warning", 7),
        ("action-no-owner", 30),
        ("action-no-due", 30),
    ]


def test_disabled_rules_and_level_overrides() -> None:
    incident = complete_incident(action_items=[make_action(owner=None, due=None)])
    findings = lint_record(
        incident,
        disabled_rules=frozenset({"action-no-due"}),
        rule_levels={"action-no-owner": Level.WARNING},
    )
    assert [(f.rule, f.level) for f in findings] == [("action-no-owner", Level.WARNING)]


def test_lint_settings_from_application_settings() -> None:
    class WithLint(Settings):
        lint_disabled_rules: ClassVar[Any] = "todo-left, import-warning"
        lint_rule_levels: ClassVar[Any] = {"action-no-due": "ERROR"}
        lint_duration_tolerance_minutes: ClassVar[Any] = "10"
        lint_min_whys: ClassVar[Any] = 4

    lint = LintSettings.from_settings(WithLint(timezone="Europe/Berlin", severity_scale="named"))
    assert lint.disabled_rules == {"todo-left", "import-warning"}
    assert lint.rule_levels == {"action-no-due": Level.ERROR}
    assert (lint.duration_tolerance_minutes, lint.min_whys) == (10, 4)
    assert str(lint.zone) == "Europe/Berlin"
    assert lint.scale.label(1) == "Critical"
    assert lint_incident(complete_incident(), settings=Settings()) == []


@pytest.mark.parametrize(
    ("name", "value", "field"),
    [
        ("lint_disabled_rules", ["no-such-rule"], "lint_disabled_rules"),
        ("lint_rule_levels", {"todo-left": "fatal"}, "lint_rule_levels"),
        ("lint_min_whys", "three", "lint_min_whys"),
        ("lint_required_sections", {"SEV-9": ["timeline"]}, "lint_required_sections"),
    ],
)
def test_bad_lint_settings_name_the_setting(name: str, value: Any, field: str) -> None:
    bad = type("Bad", (Settings,), {name: value})
    with pytest.raises(ConfigurationError) as error:
        LintSettings.from_settings(bad())
    assert error.value.field == field


def test_lint_does_not_change_the_incident() -> None:
    incident = complete_incident(action_items=[make_action(owner=None)])
    before = repr(incident)
    lint_record(incident)
    assert repr(incident) == before


def test_import_warnings_are_passed_on_only_when_there_are_some() -> None:
    incident = complete_incident()
    clean = ImportResult(incident, "freeform")
    assert lint_incident(incident, settings=LintSettings(), source=clean) == []
    clean.warnings.append(ImportWarning("could not read '25:99' as a time", line=4))
    [found] = lint_incident(incident, settings=LintSettings(), source=clean)
    assert (found.rule, found.level, found.line) == ("import-warning", Level.WARNING, 4)


def test_a_line_is_not_reported_twice_for_one_problem() -> None:
    incident = complete_incident(action_items=[make_action("AI-2", owner="TBD")])
    source = ImportResult(incident, "freeform", line_fields={9: "action_items[0]"})
    source.warnings.append(ImportWarning("2 time(s) state no zone", line=5))
    text = "# R\n\n## Timeline\n\n- 14:00 Deploy\n- 14:05 Alert\n\n## Actions\n\n- AI-2 TBD\n"
    findings = lint_incident(incident, settings=LintSettings(), source=source, text=text)
    rules = {(f.rule, f.line) for f in findings}
    assert ("time-without-zone", 5) in rules
    assert ("import-warning", 5) not in rules  # lint's own finding says it better
    assert ("action-no-owner", 9) in rules
    assert ("todo-left", 10) in rules  # a TBD on a line no action rule covers is kept
    source.line_fields = {10: "action_items[0]"}
    findings = lint_incident(incident, settings=LintSettings(), source=source, text=text)
    assert ("todo-left", 10) not in {(f.rule, f.line) for f in findings}
