"""blame-language (with the phrases that must not fire) and five-whys-short."""

from __future__ import annotations

import pytest

from tests.unit.lint.lint_factories import complete_incident, lint_record, lint_text, of_rule
from warroom.domain.model import Observation, Why
from warroom.lint import Level


def with_root_cause(text: str, *, where: str = "root_cause") -> list[str]:
    """The blame findings' phrases for an incident whose analysis holds ``text``."""
    incident = complete_incident()
    if where == "root_cause":
        incident.analysis.root_cause.why = text
    else:
        incident.analysis.went_poorly = [Observation(text)]
    return [f.message for f in of_rule(lint_record(incident), "blame-language")]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The root cause was human error.", "human error"),
        ("Operator error during the failover.", "Operator error"),
        ("It was Bob's fault.", "Bob's fault"),
        ("The engineer should have known the flag was live.", "should have known"),
        ("A careless edit removed the limit.", "careless"),
        ("This was negligence in the review.", "negligence"),
        ("The on-call engineer failed to respond for 20 minutes.", "on-call engineer failed to"),
        ("He forgot to run the migration.", "He forgot to"),
        ("Someone had failed to renew the certificate.", "Someone had failed to"),
        ("Alice Chen failed to check the dashboard.", "Alice Chen failed to"),  # the commander
        ("Bob forgot to page the DBA.", "Bob forgot to"),  # responder Bob Stone
        ("@bstone failed to page the DBA.", "@bstone failed to"),
        ("They didn't bother to test in staging.", "didn't bother"),
    ],
)
def test_blaming_phrases_are_warnings(text: str, phrase: str) -> None:
    incident = complete_incident()
    incident.analysis.root_cause.why = text
    [found] = of_rule(lint_record(incident), "blame-language")
    assert found.level == Level.WARNING
    assert phrase in found.message
    assert found.field == "analysis.root_cause.why"
    assert found.hint


@pytest.mark.parametrize(
    "text",
    [
        "The deploy failed to start.",
        "Kubernetes failed to schedule the pods.",
        "The pods were restarted but they failed to become ready.",
        "Carol failed to restart it.",  # Carol is named nowhere in the record: precision first
        "This was not human error: the tool allowed the delete without a prompt.",
        "It was nobody's fault.",
        "The segfault came from a page fault in the driver.",
        "The store is replicated, so it's fault-tolerant; that's fault isolation working.",
        "We use a blameless format; nobody is blamed.",
        "The cache was lazily loaded.",
        'We avoid the label "human error" in reviews.',
        "This should have been caught in review.",
        "The config validator should have checked the value.",
    ],
)
def test_phrases_about_systems_negated_or_quoted_pass(text: str) -> None:
    assert with_root_cause(text) == []


def test_human_error_is_checked_where_it_would_be_the_cause_only() -> None:
    assert with_root_cause("Calling it human error hid the real gap.", where="went_poorly") == []
    assert with_root_cause("Human error.") != []


def test_blame_in_other_analysis_fields_is_found() -> None:
    assert with_root_cause("Bob's fault, again.", where="went_poorly") != []


def test_blame_finding_points_at_the_line_holding_the_phrase() -> None:
    incident = complete_incident()
    incident.analysis.root_cause.why = "The root cause was human error."
    text = "# Review\n\n## Root Cause\n\nThe pool had no bound.\nThe root cause was human error.\n"
    [found] = of_rule(lint_text(text, incident), "blame-language")
    assert found.line == 6


def test_complete_incident_has_no_blame() -> None:
    assert of_rule(lint_record(complete_incident()), "blame-language") == []


def whys(*answers: str) -> list[Why]:
    return [Why(f"Why {n}?", answer) for n, answer in enumerate(answers, start=1)]


@pytest.mark.parametrize("answers", [("Disk full.",), ("Disk full.", "Logs not rotated."),
                                     ("Disk full.", "[Answer]", "[Answer]")])  # fmt: skip
def test_five_whys_that_stop_before_the_third_are_a_warning(answers: tuple[str, ...]) -> None:
    incident = complete_incident()
    incident.analysis.five_whys = whys(*answers)
    [found] = of_rule(lint_record(incident), "five-whys-short")
    assert found.level == Level.WARNING
    assert "at least 3" in found.message


def test_three_answered_whys_pass_and_no_whys_is_not_this_rules_business() -> None:
    incident = complete_incident()
    incident.analysis.five_whys = whys("Disk full.", "Logs not rotated.", "No logrotate in image.")
    assert of_rule(lint_record(incident), "five-whys-short") == []
    incident.analysis.five_whys = []
    assert of_rule(lint_record(incident), "five-whys-short") == []


def test_the_minimum_is_configurable() -> None:
    incident = complete_incident()
    incident.analysis.five_whys = whys("Disk full.", "Logs not rotated.", "No logrotate.")
    assert of_rule(lint_record(incident, min_whys=5), "five-whys-short") != []
