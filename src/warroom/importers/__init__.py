"""Reading incident reports written by hand into incident records.

::

    import_markdown(text, *, source_name="<text>", format_name="auto",
                    default_zone=UTC, scale=None) -> ImportResult
    read_report_file(path) -> str      # ReportImportError: empty, binary, > 2 MB, not a report

Pure functions, no database. docs/importing.md describes what is recognised.
"""

from __future__ import annotations

from warroom.importers.files import check_is_report, read_report_file
from warroom.importers.formats import FORMATS, FREEFORM, detect_format
from warroom.importers.markdown import import_markdown
from warroom.importers.result import ImportResult, ImportWarning

__all__ = [
    "FORMATS",
    "FREEFORM",
    "ImportResult",
    "ImportWarning",
    "check_is_report",
    "detect_format",
    "import_markdown",
    "read_report_file",
]
