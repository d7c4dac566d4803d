"""timeline-out-of-order and time-without-zone: the timeline as the author wrote it."""

from __future__ import annotations

from pathlib import Path

from tests.unit.lint.lint_factories import complete_incident, lint_record, lint_text, of_rule
from warroom.lint import Level


def timeline(*entries: str, note: str = "All times in UTC.") -> str:
    body = "\n".join(f"- {entry}" for entry in entries)
    return f"# Review\n\n## Timeline\n\n{note}\n\n{body}\n\n## Root Cause\n\nA bug at 09:00.\n"


def test_entries_in_order_pass() -> None:
    text = timeline("14:00 Pool lowered", "14:05 Alert fired", "15:00 Resolved")
    assert of_rule(lint_text(text), "timeline-out-of-order") == []


def test_an_entry_earlier_than_the_one_before_is_a_warning_on_its_line() -> None:
    text = timeline("14:00 Pool lowered", "14:30 Rolled back", "14:05 Alert fired", "14:10 Paged")
    [found] = of_rule(lint_text(text), "timeline-out-of-order")
    assert found.level == Level.WARNING
    assert found.line == 8  # the 14:30 entry: one mistyped time explains the descent
    assert "'14:30' is later than the entry after it" in found.message


def test_a_descent_no_single_entry_explains_points_at_the_later_line() -> None:
    text = timeline("14:00 Pool lowered", "14:05 Alert", "13:50 Deploy", "13:55 Paged")
    [found] = of_rule(lint_text(text), "timeline-out-of-order")
    assert found.line == 9
    assert "'13:50' is earlier than the entry before it ('14:05', line 8)" in found.message


def test_midnight_rollover_is_not_out_of_order() -> None:
    text = timeline("23:40 Disk filling", "23:55 Alert", "00:10 Resolved")
    assert of_rule(lint_text(text), "timeline-out-of-order") == []


def test_dated_entries_and_table_rows() -> None:
    text = (
        "# Review\n\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n"
        "| 2026-03-05 23:50 | Alert |\n| 2026-03-05 00:10 | Resolved |\n"
    )
    [found] = of_rule(lint_text(text), "timeline-out-of-order")
    assert found.line == 8
    assert "2026-03-05 23:50 UTC then 2026-03-05 00:10 UTC" in found.message


def test_newest_first_timeline_is_one_finding() -> None:
    text = timeline("15:00 Resolved", "14:30 Rolled back", "14:05 Alert", "14:00 Deploy")
    [found] = of_rule(lint_text(text), "timeline-out-of-order")
    assert "newest first" in found.message
    assert found.line == 7


def test_times_in_other_sections_are_not_timeline_entries() -> None:
    text = timeline("14:00 Deploy", "14:05 Alert") + "\n## Lessons\n\n- 13:00 is lunch\n"
    assert of_rule(lint_text(text), "timeline-out-of-order") == []


def test_times_without_zone_and_no_note_is_one_warning() -> None:
    text = timeline("14:00 Deploy", "14:05 Alert", "15:00 Resolved", note="Times below.")
    [found] = of_rule(lint_text(text), "time-without-zone")
    assert found.level == Level.WARNING
    assert found.line == 7
    assert "3 timeline times without a zone" in found.message
    assert "lines 7, 8, 9" in found.message
    assert "read as UTC" in found.message


def test_a_note_or_a_zone_on_every_time_passes() -> None:
    for text in (
        timeline("14:00 Deploy", "14:05 Alert"),
        timeline("14:00 Deploy", "14:05 Alert", note="All times are in CET."),
        timeline("14:00 UTC Deploy", "2:05 PM PST Alert", note=""),
        timeline("14:00 +01:00 Deploy", note=""),
        "# Review\n\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 14:00 | Deploy |\n",
        "# Review\n\n## Timeline (UTC)\n\n- 14:00 Deploy\n",
    ):
        assert of_rule(lint_text(text), "time-without-zone") == [], text


def test_an_unknown_word_after_the_time_is_not_a_zone() -> None:
    text = timeline("14:00 DB failover", note="")
    assert len(of_rule(lint_text(text), "time-without-zone")) == 1


def test_text_rules_do_not_run_on_the_record_alone() -> None:
    incident = complete_incident()
    rules = {f.rule for f in lint_record(incident)}
    assert not rules & {"timeline-out-of-order", "time-without-zone"}


def test_real_reports(shared_dir: Path) -> None:
    reports = shared_dir / "fixtures" / "real-reports"
    optimism = lint_text((reports / "optimism-2022-02-02-inflation-vuln.md").read_text())
    assert [f.line for f in of_rule(optimism, "timeline-out-of-order")] == [71, 75]
    boskos = lint_text((reports / "kubernetes-2019-03-26-boskos-outage.md").read_text())
    assert [f.line for f in of_rule(boskos, "timeline-out-of-order")] == [78]  # 23:04 then 02:50
    moj = lint_text((reports / "moj-2026-03-30-ingress-nginx-rollback.md").read_text())
    assert [f.line for f in of_rule(moj, "time-without-zone")] == [61]
    passing = (
        "dfds-pm2021-004-adfs-outage.md",
        "mybinder-2022-06-02-pod-limit.md",
        "kubernetes-2019-01-23-prow-outage.md",
        "chia-2021-05-26-website-outage.md",
    )
    for name in passing:
        findings = lint_text((reports / name).read_text())
        assert not {f.rule for f in findings} & {"timeline-out-of-order", "time-without-zone"}, name
