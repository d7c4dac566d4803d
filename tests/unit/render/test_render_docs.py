"""docs/report-formats.md tells the truth: its example renders, every context field is in it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from tests.unit.render.factories import full_incident
from warroom.config import Settings
from warroom.render import render_markdown
from warroom.render.environment import FILTERS
from warroom.render.views import ReportView

DOCS = Path(__file__).resolve().parents[3] / "docs" / "report-formats.md"


def test_the_example_format_renders(tmp_path: Path) -> None:
    text = DOCS.read_text(encoding="utf-8")
    example = re.search(r"### Example\n\n```jinja\n(.*?)\n```", text, re.S)
    assert example, "the docs lost their example"
    (tmp_path / "weekly.md.j2").write_text(example.group(1) + "\n", encoding="utf-8")
    settings = Settings(database_url="sqlite://", formats_dir=str(tmp_path))
    rendered = render_markdown(full_incident(), "weekly", settings)
    assert rendered.startswith("# INC-2026-11-20-001: Checkout API outage\n")
    assert "| Time to Mitigate | 40 min | 30 min | No |" in rendered
    assert "- AI-2: Require review for configuration changes — Grace Lee, due 2026-12-20" in (
        rendered
    )


def test_every_context_field_and_filter_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [f.name for f in dataclasses.fields(ReportView) if f"`{f.name}`" not in text]
    missing += [name for name in FILTERS if f"`{name}" not in text and f"|{name}" not in text]
    assert not missing, f"not in docs/report-formats.md: {missing}"
