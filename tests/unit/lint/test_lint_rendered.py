"""What warroom renders, lint accepts: no placeholders, no contradicted figures, ordered times."""

from __future__ import annotations

import pytest

from tests.unit.lint.lint_factories import rules_of
from tests.unit.render.factories import empty_incident, full_incident
from warroom.config import Settings
from warroom.lint import lint_incident
from warroom.render.markdown import render_markdown

FORMATS = (
    "response-report",
    "postmortem-report",
    "post-incident-review",
    "incident-report",
    "incident-postmortem",
)
TEXT_RULES = {
    "placeholder-left",
    "todo-left",
    "duration-contradicts-timeline",
    "timeline-out-of-order",
    "time-without-zone",
}


@pytest.mark.parametrize("format_name", FORMATS)
def test_rendered_reports_pass_the_text_rules(format_name: str) -> None:
    settings = Settings(database_url="sqlite://")
    for incident in (full_incident(), empty_incident()):
        text = render_markdown(incident, format_name, settings)
        findings = lint_incident(incident, settings=settings, text=text)
        assert not rules_of(findings) & TEXT_RULES, [f for f in findings if f.rule in TEXT_RULES]
