"""No template placeholder survives rendering: a gap is always the explicit gap marker."""

from __future__ import annotations

import re

import pytest

from tests.unit.render.factories import empty_incident, full_incident
from warroom.config import Settings
from warroom.render import BUILTIN_FORMATS, render_markdown

# [anything] that is neither a task box ("[ ]", "[x]") nor the text of a link ("[t](url)").
BRACKETED = re.compile(r"(?<!\\)\[(?! \]|x\])[^\]]*\](?!\()")
LEFTOVERS = re.compile(
    r"YYYY|MM-DD|HH:MM|\[Name\]|\bX min\b|\bXX\b|SEV-X|\bNNNN\b|###\b|\$\[|Your Name|"
    r"Event description|Action description|Item \d|Factor \d|Lesson \d"
)
INCIDENTS = {"full": full_incident, "empty": empty_incident}


@pytest.mark.parametrize("variant", sorted(INCIDENTS))
@pytest.mark.parametrize("name", [f.name for f in BUILTIN_FORMATS])
def test_no_placeholder_survives(name: str, variant: str, settings: Settings) -> None:
    rendered = render_markdown(INCIDENTS[variant](), name, settings)
    for number, line in enumerate(rendered.splitlines(), 1):
        assert not BRACKETED.search(line), f"line {number}: {line}"
        assert not LEFTOVERS.search(line), f"line {number}: {line}"


@pytest.mark.parametrize("name", [f.name for f in BUILTIN_FORMATS])
def test_empty_incident_shows_explicit_gaps(name: str, settings: Settings) -> None:
    rendered = render_markdown(empty_incident(), name, settings)
    assert "_Not recorded_" in rendered
    assert "Template" not in rendered.splitlines()[0]


@pytest.mark.parametrize("name", [f.name for f in BUILTIN_FORMATS])
def test_times_are_utc_with_their_date(name: str, settings: Settings) -> None:
    rendered = render_markdown(full_incident(), name, settings)
    assert "2026-11-20 14:" in rendered
    bare = re.findall(r"(?<![\d-] )(?<!\d)\b\d{2}:\d{2}\b(?! UTC)", rendered)
    # Only times inside user text (the executive summary, the evidence) may stand bare.
    assert set(bare) <= {"14:00", "14:47", "14:12"}
