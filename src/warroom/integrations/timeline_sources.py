"""Timelines kept elsewhere, read as entries: CSV, JSON Lines, Slack exports, log files.

The ``parse_*`` functions are pure: text in, entries out. A time written
without a zone is read in ``zone`` and flagged (``assumed_zone``); a bare
``14:05`` is read on ``base_date`` (the incident's day). A value that is
not a time stops the import with an error naming the line, so nothing is
silently dropped. ``read_source`` opens a file, a Slack export folder or
its zip, and picks the parser.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from warroom.domain.times import parse_time
from warroom.errors import ValidationError

FORMATS = ("csv", "jsonl", "slack", "log")
TIME_NAMES = ("time", "timestamp", "date", "when", "at", "datetime", "ts", "time_utc")
TEXT_NAMES = ("text", "event", "message", "description", "msg", "what", "entry", "note")
AUTHOR_NAMES = ("author", "user", "who", "by", "name")


@dataclass(frozen=True)
class SourceEntry:
    at: datetime  # UTC
    text: str
    author: str | None = None
    assumed_zone: bool = False
    origin: str = ""  # where it was read: "line 4", "2026-11-20.json"


@dataclass(frozen=True)
class Clock:
    """How to read times that lack a zone or a date."""

    zone: tzinfo = UTC
    base_date: date | None = None

    def read(self, value: Any, where: str) -> tuple[datetime, bool]:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return datetime.fromtimestamp(float(value), UTC), False
        text = str(value).strip()
        if re.fullmatch(r"\d{9,10}(\.\d+)?", text):  # Unix seconds
            return datetime.fromtimestamp(float(text), UTC), False
        text = re.sub(r"(\d{2}:\d{2}:\d{2}),(\d+)", r"\1.\2", text)  # 14:05:01,123
        try:
            parsed = parse_time(text, default_zone=self.zone, base_date=self.base_date)
        except ValidationError as exc:
            raise ValidationError(f"{where}: {exc.message}", field="time") from None
        return parsed.at, parsed.assumed_zone


def pick_column(names: list[str], wanted: str | None, known: tuple[str, ...], what: str) -> str:
    """The column the user named, or the first whose name is a known one."""
    lowered = {name.strip().lower(): name for name in names}
    if wanted:
        if wanted.strip().lower() in lowered:
            return lowered[wanted.strip().lower()]
        raise ValidationError(f"no column {wanted!r}; the columns are {names}", field=what)
    for candidate in known:
        if candidate in lowered:
            return lowered[candidate]
    raise ValidationError(
        f"cannot tell which column holds the {what}; name it with --{what}-column "
        f"(the columns are {names})",
        field=what,
    )


def parse_csv(
    text: str, clock: Clock, *, time_column: str | None = None, text_column: str | None = None
) -> list[SourceEntry]:
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    names = list(reader.fieldnames or [])
    if not names:
        raise ValidationError("the CSV file has no header row", field="file")
    time_key = pick_column(names, time_column, TIME_NAMES, "time")
    text_key = pick_column(names, text_column, TEXT_NAMES, "text")
    author_key = next((n for n in names if n.strip().lower() in AUTHOR_NAMES), None)
    entries = []
    for number, row in enumerate(reader, start=2):
        body = (row.get(text_key) or "").strip()
        when = (row.get(time_key) or "").strip()
        if not body and not when:
            continue
        if not body:
            raise ValidationError(f"line {number}: the {text_key} column is empty", field="text")
        at, assumed = clock.read(when, f"line {number}")
        author = (row.get(author_key) or "").strip() or None if author_key else None
        entries.append(SourceEntry(at, body, author, assumed, f"line {number}"))
    return entries


def parse_jsonl(text: str, clock: Clock) -> list[SourceEntry]:
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValidationError(f"line {number}: not JSON ({exc.msg})", field="file") from None
        if not isinstance(data, dict):
            raise ValidationError(f"line {number}: expected a JSON object", field="file")
        keys = list(data)
        time_key = pick_column(keys, None, TIME_NAMES, "time")
        text_key = pick_column(keys, None, TEXT_NAMES, "text")
        body = str(data[text_key]).strip()
        if not body:
            raise ValidationError(f"line {number}: {text_key} is empty", field="text")
        at, assumed = clock.read(data[time_key], f"line {number}")
        author_key = next((k for k in keys if k.lower() in AUTHOR_NAMES), None)
        author = str(data[author_key]).strip() or None if author_key else None
        entries.append(SourceEntry(at, body, author, assumed, f"line {number}"))
    return entries


_LOG_STAMP = re.compile(
    r"^\[?(?P<stamp>"
    r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"(?:\s?(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT))?"
    r"|[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}"  # syslog: Nov 20 14:05:01
    r"|\d{1,2}:\d{2}(?::\d{2})?"
    r")\]?(?:\s+|\s*[|:-]\s+)(?P<text>.*)$"
)
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def parse_log(text: str, clock: Clock) -> list[SourceEntry]:
    """Lines starting with a time; lines without one continue the entry above."""
    entries: list[SourceEntry] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LOG_STAMP.match(line.strip())
        if match is None:
            if not entries:
                raise ValidationError(f"line {number}: does not start with a time", field="file")
            last = entries[-1]
            entries[-1] = SourceEntry(
                last.at, f"{last.text}\n{line.rstrip()}", None, last.assumed_zone, last.origin
            )
            continue
        stamp = match["stamp"]
        syslog = re.fullmatch(r"([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}:\d{2}:\d{2})", stamp)
        if syslog and syslog[1] in _MONTHS:
            year = (clock.base_date or datetime.now(UTC).date()).year
            month = _MONTHS.index(syslog[1]) + 1
            stamp = f"{year}-{month:02d}-{int(syslog[2]):02d} {syslog[3]}"
        at, assumed = clock.read(stamp, f"line {number}")
        entries.append(
            SourceEntry(at, match["text"].strip() or line.strip(), None, assumed, f"line {number}")
        )
    return entries


def parse_slack(files: dict[str, str], users: dict[str, str] | None = None) -> list[SourceEntry]:
    """A Slack channel export: ``{"2026-11-20.json": "[...]", ...}``; replies follow their parent.

    A reply is placed at its parent's time (so it stays under it) and says
    when it was written: ``↳ reply (14:07:31 UTC): ...``.
    """
    names = users or {}
    messages: list[dict[str, Any]] = []
    for file_name in sorted(files):
        try:
            data = json.loads(files[file_name])
        except json.JSONDecodeError as exc:
            raise ValidationError(f"{file_name}: not JSON ({exc.msg})", field="file") from None
        if not isinstance(data, list):
            raise ValidationError(f"{file_name}: expected a list of messages", field="file")
        for message in data:
            if isinstance(message, dict) and "ts" in message:
                messages.append({**message, "_file": file_name})
    by_ts = {str(m["ts"]): m for m in messages}
    entries = []
    for message in messages:
        if message.get("subtype") in ("channel_join", "channel_leave"):
            continue
        text = _slack_text(str(message.get("text") or ""), names)
        if not text:
            continue
        ts = str(message["ts"])
        at = datetime.fromtimestamp(float(ts), UTC)
        author = _slack_user(message, names)
        thread = str(message.get("thread_ts") or ts)
        parent = by_ts.get(thread)
        if thread != ts:
            if parent is not None:
                text = f"↳ reply ({at:%H:%M:%S} UTC): {text}"
                at = datetime.fromtimestamp(float(thread), UTC)
            else:
                started = datetime.fromtimestamp(float(thread), UTC)
                text = f"↳ reply in a thread started {started:%Y-%m-%d %H:%M} UTC: {text}"
        entries.append(
            (float(thread), float(ts), SourceEntry(at, text, author, False, message["_file"]))
        )
    entries.sort(key=lambda item: (item[0], item[1]))
    return [entry for _, _, entry in entries]


def _slack_user(message: dict[str, Any], names: dict[str, str]) -> str | None:
    profile = message.get("user_profile") or {}
    user = str(message.get("user") or "")
    return (
        profile.get("real_name")
        or profile.get("display_name")
        or names.get(user)
        or message.get("username")
        or user
        or None
    )


def _slack_text(text: str, names: dict[str, str]) -> str:
    text = re.sub(r"<@(U\w+)>", lambda m: "@" + names.get(m[1], m[1]), text)
    text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2 (\1)", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()
