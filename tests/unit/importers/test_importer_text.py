"""The small readers: time expressions, durations, headings, labels, placeholders, blocks."""

from __future__ import annotations

import time

import pytest

from warroom.importers import import_markdown
from warroom.importers.blocks import parse_blocks
from warroom.importers.synonyms import heading_kind
from warroom.importers.text import is_placeholder, key_of, split_label
from warroom.importers.timeexpr import find_date, find_zone_note, match_stamp
from warroom.importers.values import parse_count, parse_duration, parse_flag, parse_percent


@pytest.mark.parametrize(
    ("text", "parts", "rest"),
    [
        ("2022-06-02 10:00 - Problem starts", (2022, 6, 2, 10, 0, None), "Problem starts"),
        ("21:00 - Team alerted", (None, None, None, 21, 0, None), "Team alerted"),
        ("04:49 PM UTC Site repo", (None, None, None, 16, 49, "UTC"), "Site repo"),
        ("2:54 PM PST: merged", (None, None, None, 14, 54, "PST"), "merged"),
        ("[12-05 16:21] Crashloop", (None, 12, 5, 16, 21, None), "Crashloop"),
        (
            "**[14:05 UTC]** - Initial Detection",
            (None, None, None, 14, 5, "UTC"),
            "Initial Detection",
        ),
        ("2022-02-02 1625: smartcontracts", (2022, 2, 2, 16, 25, None), "smartcontracts"),
        ("~2025-03-03 19:30 | x", (2025, 3, 3, 19, 30, None), "x"),
        ("2024-03-05T14:05:00Z foo", (2024, 3, 5, 14, 5, "Z"), "foo"),
        ("14:05 UTC+2 deploy", (None, None, None, 14, 5, "UTC+2"), "deploy"),
        ("May 26, 2021 16:49 UTC - x", (2021, 5, 26, 16, 49, "UTC"), "x"),
        ("2025-03-18 09:36: Users reported", (2025, 3, 18, 9, 36, None), "Users reported"),
    ],
)
def test_time_expressions_at_the_start_of_an_entry(
    text: str, parts: tuple[int | str | None, ...], rest: str
) -> None:
    stamp = match_stamp(text, bare_dates=True)
    assert stamp is not None
    assert (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.zone) == parts
    assert text[stamp.end :] == rest


@pytest.mark.parametrize(
    "text", ["10-15 minutes later", "3 hours later", "[HH:MM UTC] - x", "Deployed 2 nodes"]
)
def test_things_that_are_not_times(text: str) -> None:
    stamp = match_stamp(text, bare_dates=True)
    assert stamp is None or not stamp.has_time


@pytest.mark.parametrize(
    ("text", "ymd"),
    [
        ("January 23rd, 2019 Prow Outage", (2019, 1, 23)),
        ("Website Outage 5-26-21", (2021, 5, 26)),
        ("In the morning of Sept. 18th, 2017, A couple", (2017, 9, 18)),
        ("Post-mortem of Shai-Hulud attack on November 24th, 2025", (2025, 11, 24)),
        ("On Wednesday 31st March, the token", (None, 3, 31)),
    ],
)
def test_dates_anywhere(text: str, ymd: tuple[int | None, int, int]) -> None:
    stamp = find_date(text)
    assert stamp is not None and (stamp.year, stamp.month, stamp.day) == ymd


def test_no_date_in_a_malformed_year() -> None:
    assert find_date("Incident on 22026-03-30 - multiple") is None


@pytest.mark.parametrize(
    ("note", "zone"),
    [
        ("All times in CET", "CET"),
        ("All times in PDT (UTC-7).", "PDT"),
        ("All times are UTC+2", "UTC+2"),
        ("Timeline (UTC)", "UTC"),
        ("Times in Europe/Berlin", "Europe/Berlin"),
        ("Timeline (all times approximate)", None),
    ],
)
def test_zone_notes(note: str, zone: str | None) -> None:
    assert find_zone_note(note) == zone


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("4h 27m", 16020),
        ("2d 1h 29m", 178140),
        ("1 hour 37 minutes", 5820),
        ("47 min", 2820),
        ("1 h 05 min", 3900),
        ("01:25", 5100),
        ("nine hours", 32400),
        ("11 Days", 950400),
        ("???", None),
    ],
)
def test_durations(text: str, seconds: int | None) -> None:
    assert parse_duration(text) == seconds


def test_counts_shares_and_flags() -> None:
    assert parse_count("~3,100 customers (8% of checkouts)") == 3100
    assert parse_count("about 2k users") == 2000
    assert parse_percent("~3,100 customers (8% of checkouts)") == 8.0
    flag = parse_flag("Yes - 3 rows lost")
    assert flag is not None and (flag.value, flag.details) == (True, "3 rows lost")


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Root Cause(s)", "root_cause"),
        ("What caused the problem?", "root_cause"),
        ("Primary Root Cause", "root_cause"),
        ("Things that went well", "went_well"),
        ("What could have gone better", "went_poorly"),
        ("Follow-up actions", "action_items"),
        ("Remediation", "action_items"),
        ("Next steps", "action_items"),
        ("TODO", "action_items"),
        ("Lessons learnt", "lessons"),
        ("Where we got lucky", "lucky"),
        ("5 Whys", "five_whys"),
        ("Timeline of events (UTC)", "timeline"),
        ("Why wasn't it caught earlier?", "root_cause_not_caught"),
        ("Installation", None),
    ],
)
def test_heading_synonyms(heading: str, kind: str | None) -> None:
    assert heading_kind(key_of(heading), None) == kind


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("**Severity**: SEV-2", "Severity", "SEV-2"),
        ("**Severity:** SEV-2  ", "Severity", "SEV-2"),
        ("**Incident ID**: INC-2024-03-05-002\\", "Incident ID", "INC-2024-03-05-002"),
        ("Severity: SEV-2", "Severity", "SEV-2"),
        ("**Key events**", "Key events", ""),
    ],
)
def test_label_lines(line: str, label: str, value: str) -> None:
    labelled = split_label(line)
    assert labelled is not None and (labelled.label, labelled.value) == (label, value)


@pytest.mark.parametrize("line", ["21:06 - Logger error", "see https://example.com", "plain text"])
def test_lines_that_are_not_labels(line: str) -> None:
    assert split_label(line) is None


@pytest.mark.parametrize(
    ("value", "slot"),
    [
        ("[Name]", True),
        ("YYYY-MM-DD", True),
        ("Low/Medium/High/Critical", True),
        ("SEV-[1/2/3]", True),
        ("[Start time] - [End time] ([Total duration])", True),
        ("_Not recorded_", True),
        ("SEV-X", True),
        ("Ann Lee", False),
        ("[OPS-12](https://t.example/OPS-12)", False),
    ],
)
def test_template_slots(value: str, slot: bool) -> None:
    assert is_placeholder(value) is slot


def test_blocks_keep_their_lines() -> None:
    text = "# T\n\n- a\n  - b\n    more\n- [x] c\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```\nx\n```"
    kinds = [(b.kind, b.start, b.end) for b in parse_blocks(text)]
    assert kinds == [("heading", 1, 1), ("list", 3, 6), ("table", 8, 10), ("code", 12, 14)]
    items = parse_blocks(text)[1].items
    assert items[0].children[0].full_text == "b\nmore"
    assert items[1].checked is True


def test_a_two_megabyte_report_imports_in_a_second_or_two() -> None:
    rows = "\n".join(
        f"| 2024-03-05 {n % 24:02d}:{n % 60:02d} | event {n} with more words about what happened |"
        for n in range(29_000)
    )
    text = "# Big\n\n## Timeline\n\n| Time | Event |\n|---|---|\n" + rows
    assert len(text.encode()) > 1_900_000
    started = time.process_time()
    result = import_markdown(text)
    assert time.process_time() - started < 6.0  # about 1.5 s on a slow machine
    assert len(result.incident.timeline) == 29_000


@pytest.mark.parametrize(
    "line",
    [
        "*" * 5000,
        "[" * 5000,
        "a:" * 3000,
        "1-2-" * 3000,
        "**a** " * 2000,
        "((" * 3000,
        "12:30 " * 1500,
    ],
)
def test_pathological_lines_stay_linear(line: str) -> None:
    text = "# T\n\n## Timeline\n\n" + "\n".join([line] * 100)
    started = time.process_time()
    import_markdown(text)
    assert time.process_time() - started < 3.0
