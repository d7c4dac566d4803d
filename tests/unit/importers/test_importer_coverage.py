"""Nothing is lost: every non-blank line of every report goes to a field or an extra section."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from warroom.importers import ImportResult, import_markdown

SAMPLES = Path(__file__).parent / "samples"
GOLDEN = Path(__file__).parents[1] / "render" / "golden"
PSEUDO = {"structure", "format"}


def _documents(shared_dir: Path) -> list[Path]:
    real = sorted((shared_dir / "fixtures" / "real-reports").glob("*.md"))
    templates = sorted(
        p for p in (shared_dir / "report-formats").glob("*.md") if p.name != "README.md"
    )
    goldens = sorted(GOLDEN.glob("*.md")) if GOLDEN.is_dir() else []
    return (
        [p for p in real if p.name != "SOURCES.md"]
        + templates
        + sorted(SAMPLES.glob("*.md"))
        + goldens
    )


def _resolve(result: ImportResult, path: str) -> Any:
    """The value at a line's field path; fails if the path names nothing."""
    value: Any = result.incident
    for part in path.split("."):
        match = re.fullmatch(r"(\w+)(?:\[(\d+)\])?", part)
        assert match, f"bad path {path!r}"
        value = getattr(value, match[1])
        if match[2] is not None:
            assert int(match[2]) < len(value), f"{path}: index out of range"
            value = value[int(match[2])]
    return value


def check_coverage(text: str, result: ImportResult) -> None:
    lines = text.splitlines()
    missing = [n for n, line in enumerate(lines, 1) if line.strip() and n not in result.line_fields]
    assert not missing, f"lines not accounted for: {missing[:10]}"
    blank = [n for n in result.line_fields if not lines[n - 1].strip()]
    assert not blank, f"blank lines accounted for: {blank[:10]}"
    for number, path in result.line_fields.items():
        if path in PSEUDO:
            continue
        value = _resolve(result, path)
        if path.startswith("extra_sections["):
            line = lines[number - 1].strip()
            heading = line.lstrip("#").strip()
            assert line in value.body or heading == value.title or heading in value.title, (
                f"line {number} ({line!r}) is not kept in {path}"
            )


def test_every_line_of_every_report_template_and_sample_is_accounted_for(shared_dir: Path) -> None:
    documents = _documents(shared_dir)
    assert len(documents) >= 14 + 5 + 5
    for path in documents:
        text = path.read_text(encoding="utf-8")
        result = import_markdown(text, source_name=path.name)
        try:
            check_coverage(text, result)
        except AssertionError as exc:
            raise AssertionError(f"{path.name}: {exc}") from None


@pytest.mark.parametrize(
    "text",
    [
        "# Title only",
        "plain text with no heading at all\nand a second line",
        "## Timeline\n\n| Time | Event |\n|---|---|\n| | |\n| 10:00 | x |",
        "- [ ] a\n- [x] b\n\n```\ncode\n```\n\n<!-- comment\nmore -->\n\n---\n\n> quote",
        "# T\n\n## Unknown\n\n### Also unknown\n\ntext\n\n#### Deeper\n\n- item",
    ],
)
def test_odd_documents_are_covered_too(text: str) -> None:
    check_coverage(text, import_markdown(text))


def test_extra_sections_keep_unknown_sections_verbatim() -> None:
    text = (
        "# Outage\n\n## Customer quotes\n\n> It broke.\n> — someone\n\n## Timeline\n\n- 10:00 UTC x"
    )
    result = import_markdown(text)
    extra = result.incident.extra_sections
    assert [(x.title, x.body) for x in extra] == [("Customer quotes", "> It broke.\n> — someone")]
    assert result.line_fields[3] == "extra_sections[0]"
    assert result.line_fields[5] == "extra_sections[0]"
    assert result.line_fields[10] == "timeline[0]"
