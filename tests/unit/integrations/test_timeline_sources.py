"""Timelines from CSV, JSON Lines, Slack exports and logs, read as entries."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from warroom.domain.times import zone_named
from warroom.errors import ValidationError
from warroom.integrations.timeline_import import detect_format, parse_upload, read_source
from warroom.integrations.timeline_sources import (
    Clock,
    parse_csv,
    parse_jsonl,
    parse_log,
    parse_slack,
)

BERLIN = Clock(zone_named("Europe/Berlin"), date(2026, 11, 20))


def utc(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 11, 20, hour, minute, second, tzinfo=UTC)


def test_csv_columns_detected_and_zone_assumed() -> None:
    text = "When,Who,Event\n2026-11-20 14:05,alice,Paged\n14:07,bob,Rolled back\n"
    entries = parse_csv(text, BERLIN)
    assert [(e.at, e.author, e.text) for e in entries] == [
        (utc(13, 5), "alice", "Paged"),
        (utc(13, 7), "bob", "Rolled back"),
    ]
    assert all(e.assumed_zone for e in entries)
    assert entries[1].origin == "line 3"


def test_csv_named_columns_semicolons_and_offsets() -> None:
    text = "stamp;note\n2026-11-20T14:05:00Z;Alert fired\n"
    (entry,) = parse_csv(text, BERLIN, time_column="stamp", text_column="note")
    assert entry.at == utc(14, 5) and not entry.assumed_zone


def test_csv_unknown_columns_and_bad_times_say_where() -> None:
    with pytest.raises(ValidationError, match="--time-column"):
        parse_csv("a,b\n1,2\n", BERLIN)
    with pytest.raises(ValidationError, match="no column 'nope'"):
        parse_csv("time,text\n14:05,x\n", BERLIN, time_column="nope")
    with pytest.raises(ValidationError, match="line 3"):
        parse_csv("time,text\n14:05,x\nyesterday-ish,y\n", BERLIN)


def test_jsonl_with_epoch_and_iso() -> None:
    stamp = utc(14, 5).timestamp()
    text = (
        f'{{"ts": {stamp}, "message": "one"}}\n\n{{"time": "14:06", "text": "two", "user": "c"}}\n'
    )
    entries = parse_jsonl(text, BERLIN)
    assert [(e.at, e.text, e.author) for e in entries] == [
        (utc(14, 5), "one", None),
        (utc(13, 6), "two", "c"),
    ]
    with pytest.raises(ValidationError, match="line 1: not JSON"):
        parse_jsonl("{oops\n", BERLIN)


def test_log_lines_with_continuations_and_syslog() -> None:
    text = (
        "2026-11-20 14:05:01,123 ERROR db timeout\n"
        "  Traceback: line 1\n"
        "[2026-11-20T14:06:00Z] failover started\n"
        "Nov 20 14:07:00 host kernel: oom\n"
        "14:08 rollback done\n"
    )
    entries = parse_log(text, BERLIN)
    assert [e.at for e in entries] == [
        utc(13, 5, 1) + timedelta(microseconds=123000),
        utc(14, 6),
        utc(13, 7),
        utc(13, 8),
    ]
    assert entries[0].text == "ERROR db timeout\n  Traceback: line 1"
    assert [e.assumed_zone for e in entries] == [True, False, True, True]
    with pytest.raises(ValidationError, match="line 1: does not start with a time"):
        parse_log("no time here\n", BERLIN)


def test_slack_export_keeps_replies_under_their_parent() -> None:
    parent = utc(14, 0).timestamp()
    day = [
        {"type": "message", "user": "U1", "text": "DB is down <@U2>", "ts": f"{parent:.6f}"},
        {"type": "message", "user": "U3", "text": "unrelated", "ts": f"{parent + 60:.6f}"},
        {
            "type": "message",
            "user": "U2",
            "text": "on it",
            "ts": f"{parent + 120:.6f}",
            "thread_ts": f"{parent:.6f}",
        },
        {"type": "message", "subtype": "channel_join", "text": "joined", "ts": "1.0"},
    ]
    entries = parse_slack({"2026-11-20.json": json.dumps(day)}, {"U1": "Alice", "U2": "Bob"})
    assert [(e.at, e.author, e.text) for e in entries] == [
        (utc(14, 0), "Alice", "DB is down @Bob"),
        (utc(14, 0), "Bob", "↳ reply (14:02:00 UTC): on it"),
        (utc(14, 1), "U3", "unrelated"),
    ]


def test_read_source_slack_folder_and_zip(tmp_path: Path) -> None:
    folder = tmp_path / "export" / "incident-channel"
    folder.mkdir(parents=True)
    ts = utc(9, 30).timestamp()
    (folder / "2026-11-20.json").write_text(
        json.dumps([{"user": "U1", "text": "hi", "ts": str(ts)}])
    )
    (tmp_path / "export" / "users.json").write_text(
        json.dumps([{"id": "U1", "profile": {"real_name": "Alice"}}])
    )
    assert detect_format(tmp_path / "export") == "slack"
    (entry,) = read_source(tmp_path / "export", None, zone=UTC, base_date=None)
    assert (entry.at, entry.author, entry.text) == (utc(9, 30), "Alice", "hi")
    import shutil

    archive = shutil.make_archive(str(tmp_path / "export"), "zip", tmp_path / "export")
    (again,) = read_source(Path(archive), "slack", zone=UTC, base_date=None)
    assert again.text == "hi"


def test_read_source_formats_and_errors(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("2026-11-20 14:05 started\n")
    (entry,) = read_source(log, None, zone=timezone(timedelta(hours=2)), base_date=None)
    assert entry.at == utc(12, 5)
    with pytest.raises(ValidationError, match="unknown format"):
        read_source(log, "xml", zone=UTC, base_date=None)
    with pytest.raises(ValidationError, match="does not exist"):
        read_source(tmp_path / "nope.csv", None, zone=UTC, base_date=None)
    (tmp_path / "bin.log").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ValidationError, match="not UTF-8"):
        read_source(tmp_path / "bin.log", None, zone=UTC, base_date=None)


def test_parse_upload_for_the_web_page(tmp_path: Path) -> None:
    csv_bytes = b"time,text\n2026-11-20T14:05:00Z,Paged\n"
    (entry,) = parse_upload("chat.csv", csv_bytes, None, zone=UTC, base_date=None)
    assert (entry.at, entry.text) == (utc(14, 5), "Paged")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        ts = utc(9, 30).timestamp()
        archive.writestr(
            "general/2026-11-20.json", json.dumps([{"user": "U1", "text": "hi", "ts": str(ts)}])
        )
        archive.writestr("users.json", json.dumps([{"id": "U1", "name": "alice"}]))
    (message,) = parse_upload("export.zip", buffer.getvalue(), None, zone=UTC, base_date=None)
    assert (message.author, message.text) == ("alice", "hi")
    with pytest.raises(ValidationError, match="not a zip"):
        parse_upload("export.zip", b"nope", None, zone=UTC, base_date=None)
    with pytest.raises(ValidationError, match="no daily Slack files"):
        empty = io.BytesIO()
        zipfile.ZipFile(empty, "w").close()
        parse_upload("x.zip", empty.getvalue(), "slack", zone=UTC, base_date=None)
