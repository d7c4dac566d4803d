"""The format registry, and custom formats from ``formats_dir``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.render.factories import full_incident
from warroom.config import Settings
from warroom.errors import ValidationError
from warroom.render import get_format, list_formats, render_html, render_markdown
from warroom.render.environment import builtin_environment, custom_environment

BUILTIN = [
    "response-report",
    "postmortem-report",
    "post-incident-review",
    "incident-report",
    "incident-postmortem",
]
WEEKLY = """{# title: Weekly digest; description: One paragraph per incident #}
{% import "_macros.md.j2" as m %}
# {{ report.ref }}: {{ report.title }}

**Severity:** {{ report.severity.label }}
**Started:** {{ report.incident.milestones.started|utc }}
**Time to mitigate:** {{ report.metric.time_to_mitigate.summary }}
**Detected by:** {{ report.incident.detection_source|or_gap }}

{{ m.timeline_bullets(report.timeline) }}
"""


def _custom(tmp_path: Path, files: dict[str, str]) -> Settings:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return Settings(database_url="sqlite://", formats_dir=str(tmp_path))


def test_builtin_formats(settings: Settings) -> None:
    formats = list_formats(settings)
    assert [f.name for f in formats] == BUILTIN
    assert all(f.source == "builtin" and f.path.is_file() and f.title for f in formats)
    assert get_format("incident-report", settings).spec == "incident-report.md"


def test_unknown_format_lists_the_known_ones(settings: Settings) -> None:
    with pytest.raises(ValidationError) as caught:
        get_format("nope", settings)
    assert caught.value.field == "format"
    assert "nope" in caught.value.message and all(n in caught.value.message for n in BUILTIN)


def test_custom_format_is_listed_and_renders(tmp_path: Path) -> None:
    settings = _custom(tmp_path, {"weekly.md.j2": WEEKLY, "_parts.md.j2": "", "notes.txt": ""})
    weekly = get_format("weekly", settings)
    assert (weekly.source, weekly.title) == ("custom", "Weekly digest")
    assert weekly.description == "One paragraph per incident"
    assert [f.name for f in list_formats(settings)] == [*BUILTIN, "weekly"]
    text = render_markdown(full_incident(), "weekly", settings)
    assert text.startswith("# INC-2026-11-20-001: Checkout API outage\n")
    assert "**Started:** 2026-11-20 14:00 UTC" in text
    assert "**Time to mitigate:** 40 min (target: 30 min, not met)" in text
    assert "- **2026-11-20 14:08 UTC** - Incident declared as SEV-1" in text
    assert "<title>INC-2026-11-20-001" in render_html(full_incident(), "weekly", settings)


def test_custom_format_without_header_is_named_from_the_file(tmp_path: Path) -> None:
    settings = _custom(tmp_path, {"exec-brief.md.j2": "# {{ report.title }}\n"})
    assert get_format("exec-brief", settings).title == "Exec Brief"


def test_custom_file_replaces_a_builtin(tmp_path: Path) -> None:
    settings = _custom(tmp_path, {"incident-report.md.j2": "# Ours: {{ report.title }}\n"})
    assert get_format("incident-report", settings).source == "custom"
    assert render_markdown(full_incident(), "incident-report", settings).startswith("# Ours")


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    settings = _custom(tmp_path, {"broken.md.j2": "# Title\n\n{% if report.title %}\nno end\n"})
    with pytest.raises(ValidationError) as caught:
        render_markdown(full_incident(), "broken", settings)
    assert "broken.md.j2" in caught.value.message
    assert "line 4" in caught.value.message


def test_render_error_names_file_and_line(tmp_path: Path) -> None:
    settings = _custom(tmp_path, {"typo.md.j2": "# {{ report.title }}\n\n{{ report.titel }}\n"})
    with pytest.raises(ValidationError) as caught:
        render_markdown(full_incident(), "typo", settings)
    assert "typo.md.j2, line 3" in caught.value.message
    assert "titel" in caught.value.message


def test_missing_import_is_a_clear_error(tmp_path: Path) -> None:
    settings = _custom(tmp_path, {"imp.md.j2": '{% import "_nope.md.j2" as n %}\n# x\n'})
    with pytest.raises(ValidationError, match=r"_nope\.md\.j2"):
        render_markdown(full_incident(), "imp", settings)


def test_environments_are_built_once(tmp_path: Path) -> None:
    assert builtin_environment() is builtin_environment()
    assert custom_environment(str(tmp_path)) is custom_environment(str(tmp_path))
