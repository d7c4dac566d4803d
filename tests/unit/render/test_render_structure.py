"""A rendered report has its template's headings, tables and checklists (report-formats/)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from tests.unit.render.factories import empty_incident, full_incident
from warroom.config import Settings
from warroom.domain.model import Incident
from warroom.render import BUILTIN_FORMATS, render_markdown

FORMATS = {f.name: f for f in BUILTIN_FORMATS}
INCIDENTS = {"full": full_incident, "empty": empty_incident}
HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CHECK_ITEM = re.compile(r"^\s*- \[( |x)\] (.*)$")
# Checklists whose items are the same in every report (the rest are examples to replace).
FIXED_CHECKLISTS = ("Immediate Response", "Supporting Documents", "Knowledge Sharing")
EXAMPLE_SERVICES = ("Backend API", "Redis Cache", "Content Generation", "Audio Generation",
                    "Admin Dashboard", "Other: [Specify]")  # fmt: skip


def _lines_outside_code(text: str) -> list[str]:
    lines: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        match = FENCE.match(line)
        if match and fence is None:
            fence = match.group(1)
        elif match and fence is not None and match.group(1).startswith(fence):
            fence = None
        elif fence is None:
            lines.append(line)
    return lines


def headings(text: str) -> list[tuple[int, str]]:
    found = []
    for line in _lines_outside_code(text):
        if match := HEADING.match(line):
            found.append((len(match.group(1)), match.group(2)))
    return found


def sections(text: str) -> dict[str, list[str]]:
    """Heading text -> the lines under it (up to the next heading); first wins."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _lines_outside_code(text):
        if match := HEADING.match(line):
            current = [] if match.group(2) in out else out.setdefault(match.group(2), [])
            continue
        if current is not None:
            current.append(line)
    return out


def table_headers(text: str) -> list[tuple[str, ...]]:
    lines = _lines_outside_code(text)
    found = []
    for line, below in itertools.pairwise(lines):
        if line.startswith("|") and re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", below.strip()):
            found.append(tuple(cell.strip() for cell in line.strip().strip("|").split("|")))
    return found


def _template(shared_dir: Path, name: str) -> str:
    return (shared_dir / "report-formats" / FORMATS[name].spec).read_text(encoding="utf-8")


def _expected_title(template_h1: str) -> str:
    """The rendered title's prefix: no "[Incident Title]" placeholder, no " Template"."""
    title = re.sub(r":?\s*\[[^\]]*\]\s*$", "", template_h1)
    return title.removesuffix(" Template")


def _render(name: str, variant: str, settings: Settings) -> tuple[Incident, str]:
    incident = INCIDENTS[variant]()
    return incident, render_markdown(incident, name, settings)


@pytest.mark.parametrize("variant", sorted(INCIDENTS))
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_heading_in_order_and_level(
    name: str, variant: str, settings: Settings, shared_dir: Path
) -> None:
    incident, rendered = _render(name, variant, settings)
    expected = headings(_template(shared_dir, name))
    got = headings(rendered)
    (level, h1), *rest = expected
    assert got[0] == (level, f"{_expected_title(h1)}: {incident.title}")
    assert got[1 : len(expected)] == rest
    extra = [(2, section.title) for section in incident.extra_sections]
    assert got[len(expected) :] == extra


@pytest.mark.parametrize("variant", sorted(INCIDENTS))
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_same_tables_with_same_columns(
    name: str, variant: str, settings: Settings, shared_dir: Path
) -> None:
    _, rendered = _render(name, variant, settings)
    assert table_headers(rendered) == table_headers(_template(shared_dir, name))


@pytest.mark.parametrize("variant", sorted(INCIDENTS))
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_same_checklists(name: str, variant: str, settings: Settings, shared_dir: Path) -> None:
    template = sections(_template(shared_dir, name))
    rendered = sections(_render(name, variant, settings)[1])
    for heading, lines in template.items():
        items = [m.group(2) for line in lines if (m := CHECK_ITEM.match(line))]
        if not items:
            continue
        got = [m.group(2) for line in rendered[heading] if (m := CHECK_ITEM.match(line))]
        assert got or "_Not recorded_" in rendered[heading], f"{heading}: no checklist"
        if heading in FIXED_CHECKLISTS:
            assert got[: len(items)] == items, heading
        if heading == "Sign-off":  # the roles stay, the names come from the record
            assert [g.split(":")[0] for g in got[: len(items)]] == [i.split(":")[0] for i in items]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_services_are_the_incidents_not_the_examples(name: str, settings: Settings) -> None:
    incident, rendered = _render(name, "full", settings)
    for example in EXAMPLE_SERVICES:
        assert f"] {example}" not in rendered
    for service in incident.services:
        assert service.name in rendered


def test_immediate_response_is_derived_from_the_record(settings: Settings) -> None:
    incident = empty_incident()
    incident.roles.commander = "Alice"
    lines = sections(render_markdown(incident, "response-report", settings))["Immediate Response"]
    assert "- [x] Incident commander assigned" in lines
    assert "- [ ] Status page updated" in lines
    assert "- [ ] Key stakeholders notified" in lines
