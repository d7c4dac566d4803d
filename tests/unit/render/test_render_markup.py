"""The helpers that write values into Markdown so that they read back unchanged."""

from __future__ import annotations

from datetime import UTC, date, datetime

from warroom.render import markup
from warroom.render.markup import GAP


def test_gap_prints_as_marker_and_is_false() -> None:
    assert str(GAP) == "_Not recorded_" and f"{GAP}" == "_Not recorded_"
    assert not GAP
    assert markup.or_gap(None) is GAP and markup.or_gap("") is GAP and markup.or_gap([]) is GAP
    assert markup.or_gap(["a", "b"]) == "a, b"
    assert markup.block(GAP) is GAP and markup.item(None) is GAP


def test_times_dates_durations() -> None:
    moment = datetime(2026, 11, 20, 14, 5, 59, tzinfo=UTC)
    assert markup.utc(moment) == "2026-11-20 14:05 UTC"
    assert markup.day(moment) == "2026-11-20" and markup.day(date(2026, 1, 2)) == "2026-01-02"
    assert markup.duration(3900) == "1 h 05 min"
    assert markup.utc(None) is GAP and markup.duration(None) is GAP and markup.day(None) is GAP


def test_numbers_and_money() -> None:
    assert markup.number(12000) == "12,000" and markup.number(12.5) == "12.5"
    assert markup.percent(15.0) == "15%"
    assert markup.money(18500.0) == "$18,500" and markup.money(99.5, "eur") == "99.5 EUR"
    assert markup.yes_no(True) == "Yes" and markup.yes_no(None) is GAP


def test_block_keeps_lines_but_cannot_open_a_section() -> None:
    text = "First line\n# not a heading\nunderlined\n---\n\n  ## indented"
    assert markup.block(text) == (
        "First line\n\\# not a heading\nunderlined\n\\---\n\n  \\## indented"
    )
    assert markup.block("a list\n\n---\n") == "a list\n\n---"  # a rule, not an underline
    assert markup.block("code:\n```\nunclosed") == "code:\n\\```\nunclosed"
    assert markup.block("```\nclosed\n```") == "```\nclosed\n```"


def test_item_indents_continuation_lines() -> None:
    assert markup.item("one\ntwo\n\nthree", 3) == "one\n   two\n\n   three"
    assert markup.bullets(["a", "b\nc"]) == "- a\n- b\n  c"
    assert markup.numbered(["x"] * 10).splitlines()[-1] == "10. x"
    assert markup.bullets([]) is GAP and markup.numbered([]) is GAP


def test_cell_escapes_pipes_and_line_breaks() -> None:
    assert markup.cell("a | b\nc") == "a \\| b<br>c"
    assert markup.cell(GAP) == "—" and markup.cell(None) == "—"
    assert markup.gap_row(3) == "| _Not recorded_ | — | — |"


def test_fence_outlasts_the_text() -> None:
    assert markup.fenced("plain") == "```\nplain\n```"
    assert markup.fenced("has ``` inside") == "````\nhas ``` inside\n````"


def test_links() -> None:
    assert markup.link("https://x.example/a b") == "<https://x.example/a%20b>"
    assert markup.link("https://x.example/(1)", "T [1]") == "[T \\[1\\]](<https://x.example/(1)>)"
