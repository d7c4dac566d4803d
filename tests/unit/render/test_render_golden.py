"""Each built-in format, rendered from a full and a nearly empty incident, matches its golden file.

Regenerate after an intended change: ``WARROOM_UPDATE_GOLDEN=1 pytest tests/unit/render``,
then read the diff of golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.unit.render.factories import empty_incident, full_incident
from warroom.config import Settings
from warroom.render import BUILTIN_FORMATS, render_markdown

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("WARROOM_UPDATE_GOLDEN") == "1"
FACTORIES = {"full": full_incident, "empty": empty_incident}


@pytest.mark.parametrize("variant", sorted(FACTORIES))
@pytest.mark.parametrize("name", [f.name for f in BUILTIN_FORMATS])
def test_matches_golden_file(name: str, variant: str, settings: Settings) -> None:
    rendered = render_markdown(FACTORIES[variant](), name, settings)
    path = GOLDEN / f"{name}.{variant}.md"
    if UPDATE:
        path.write_text(rendered, encoding="utf-8")
    assert path.exists(), f"{path.name} is missing; run with WARROOM_UPDATE_GOLDEN=1"
    assert rendered == path.read_text(encoding="utf-8")


def test_rendering_is_reproducible(settings: Settings) -> None:
    first = render_markdown(full_incident(), "post-incident-review", settings)
    assert render_markdown(full_incident(), "post-incident-review", settings) == first
