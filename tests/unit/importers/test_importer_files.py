"""Files that are not reports are refused with a message naming the file and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from warroom.errors import ReportImportError
from warroom.importers import import_markdown, read_report_file

SAMPLES = Path(__file__).parent / "samples"


def test_a_report_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "review.md"
    path.write_bytes(b"\xef\xbb\xbf" + (SAMPLES / "incident-report-queue.md").read_bytes())
    text = read_report_file(path)
    assert text.startswith("# Incident Report: Order queue backlog")  # the BOM is dropped


def test_every_real_report_is_accepted(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "fixtures" / "real-reports").glob("*.md")):
        if path.name != "SOURCES.md":
            assert read_report_file(path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n\n\t\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"# Report\n\ncaf\xe9 latin-1 text\n", "not UTF-8 text"),
        (
            b"# warroom\n\nA tool.\n\n## Installation\n\n```sh\npip install warroom\n```\n\n"
            b"## Usage\n\nRun it.\n\n## License\n\nMIT\n",
            "does not look like an incident report",
        ),
        (b"# Shopping\n\n- eggs\n- milk\n- bread\n", "does not look like an incident report"),
        (b"Dear Sam,\n\nsee you at 10:00.\n\nBest, Kim\n", "does not look like an incident report"),
    ],
)
def test_bad_files_are_refused_with_the_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "upload.md"
    path.write_bytes(content)
    with pytest.raises(ReportImportError) as caught:
        read_report_file(path)
    assert reason in caught.value.message
    assert str(path) in caught.value.message
    assert caught.value.code == "import_failed"


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    path.write_bytes(b"# Incident\n\n" + b"- 10:00 UTC event\n" * 130_000)
    with pytest.raises(ReportImportError, match="limited to 2 MB"):
        read_report_file(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReportImportError, match="cannot read the file"):
        read_report_file(tmp_path / "nope.md")


def test_empty_text_cannot_be_imported() -> None:
    with pytest.raises(ReportImportError, match="the report is empty"):
        import_markdown("  \n", source_name="x.md")
