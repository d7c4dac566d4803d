"""Reading a report file from disk, refusing what is not an incident report.

``read_report_file(path)`` returns the text, or raises ReportImportError
naming the file and the reason: it does not exist, it is empty, larger than
2 MB, binary (a NUL byte, or not UTF-8), or not a report at all (nothing a
report has: no section a report has, no ``label: value`` line a report has,
no timeline).
"""

from __future__ import annotations

import re
from os import PathLike
from pathlib import Path

from warroom.errors import ReportImportError
from warroom.importers.blocks import parse_blocks
from warroom.importers.labels import LABELS
from warroom.importers.sections import build_tree, classify, find_title_heading
from warroom.importers.text import key_of, split_label
from warroom.importers.timeexpr import match_stamp

MAX_BYTES = 2 * 1024 * 1024
# Sections only reports have count fully; sections other documents have too count half.
_STRONG = frozenset(
    {
        "timeline",
        "root_cause",
        "root_cause_why",
        "root_cause_not_caught",
        "trigger",
        "contributing_factors",
        "five_whys",
        "resolution",
        "went_well",
        "went_poorly",
        "lucky",
        "lessons",
        "action_items",
        "impact",
        "detection",
        "prevention",
    }
)
_INCIDENT_WORDS = re.compile(
    r"(?i)\b(?:incident|outage|post-?\s?mortem|rca|downtime|degradation|breach|vulnerability|"
    r"attack|failure|disruption|root cause|sev-?\d)\b"
)


def read_report_file(path: str | PathLike[str]) -> str:
    """The text of a Markdown report file; ReportImportError if it cannot be one."""
    file = Path(path)
    name = str(path)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise ReportImportError(
                f"{name}: the file is {size / 1024 / 1024:.1f} MB; reports are limited to 2 MB",
                field="file",
            )
        data = file.read_bytes()
    except OSError as exc:
        raise ReportImportError(
            f"{name}: cannot read the file ({exc.strerror})", field="file"
        ) from None
    if not data.strip():
        raise ReportImportError(f"{name}: the file is empty", field="file")
    if b"\x00" in data:
        raise ReportImportError(
            f"{name}: this is a binary file, not a Markdown report", field="file"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportImportError(
            f"{name}: not UTF-8 text (byte {exc.start} cannot be read); save the report as UTF-8",
            field="file",
        ) from None
    if not text.strip():
        raise ReportImportError(f"{name}: the file is empty", field="file")
    check_is_report(text, name)
    return text


def report_score(text: str) -> float:
    """How much of an incident report the text looks like: sections, labels, timed entries."""
    blocks = parse_blocks(text)
    root = build_tree(blocks, title_heading=find_title_heading(blocks))
    classify(root, {})
    kinds = {s.kind for s in root.walk() if s is not root and s.heading is not None and s.kind}
    score = sum(1.0 if kind in _STRONG else 0.5 for kind in kinds)
    labels: set[str] = set()
    timed = 0
    for block in blocks:
        if block.kind not in ("paragraph", "list", "table"):
            continue
        lines = [item.text for item in block.items] if block.kind == "list" else block.lines
        if block.kind == "table":
            lines = [row.cells[0] if row.cells else "" for row in block.rows]
        for line in lines:
            labelled = split_label(line)
            if labelled and labelled.key in LABELS:
                labels.add(LABELS[labelled.key][0])
            stamp = match_stamp(line, bare_dates=True)
            if stamp is not None and stamp.has_time:
                timed += 1
    score += len(labels - {"text", "list"}) + 0.5 * len(labels & {"text", "list"})
    score += 1.0 if timed >= 2 else 0.0
    title = root.title or next((b.text for b in blocks if b.kind == "heading"), "")
    if _INCIDENT_WORDS.search(title) or _INCIDENT_WORDS.search(key_of(title)):
        score += 1.0
    return score


def check_is_report(text: str, name: str = "<text>") -> None:
    """ReportImportError unless the text has what an incident report has."""
    if report_score(text) < 2.0:
        raise ReportImportError(
            f"{name}: this does not look like an incident report: it has no section, "
            "label or timeline a report has (such as '## Timeline', '## Root Cause', "
            "'**Severity**: SEV-2' or '- 14:05 UTC - alert fired')",
            field="file",
        )
