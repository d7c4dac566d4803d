"""Real published postmortems: what each states ends up in the record, times in UTC."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from warroom.domain.model import ActionStatus, EvidenceKind, LinkKind, Source
from warroom.importers import ImportResult

Read = Callable[[str], ImportResult]


def utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def texts(result: ImportResult) -> list[str]:
    return [event.text for event in result.incident.timeline]


def at_of(result: ImportResult, words: str) -> datetime:
    """The time of the timeline entry whose text contains ``words``."""
    found = [e.at for e in result.incident.timeline if words in e.text]
    assert found, f"no timeline entry mentions {words!r}"
    return found[0]


def extra_titles(result: ImportResult) -> list[str]:
    return [section.title for section in result.incident.extra_sections]


def test_chia_bullet_timeline_in_pm_utc_on_the_title_date(read_real: Read) -> None:
    result = read_real("chia-2021-05-26-website-outage.md")
    incident = result.incident
    assert incident.title == "Website Outage 5-26-21"
    assert result.format_name == "freeform"
    assert len(incident.timeline) == 11
    assert at_of(result, "Site repo branch Master, was renamed to Main") == utc(2021, 5, 26, 16, 49)
    assert at_of(result, "Site is fully recovered") == utc(2021, 5, 26, 18, 0)
    assert all(event.source == Source.IMPORT for event in incident.timeline)
    assert incident.milestones.resolved == utc(2021, 5, 26, 18, 0)
    assert incident.milestones.started == utc(2021, 5, 26, 16, 52)  # "Site is hard down"
    assert incident.analysis.root_cause.summary is not None
    assert "A bug in the Github CI process" in incident.analysis.root_cause.summary
    fix = incident.analysis.resolution.immediate_fix or ""
    assert "manually reengaging the underlying CI process" in fix
    assert "rebuild the site deployment process" in incident.action_items[0].title
    assert "In an effort to modernize" in (incident.executive_summary or "")
    # The times state their zone: no "assumed the default zone" warning.
    assert not any("zone" in w.message for w in result.warnings)


def test_dfds_timeline_table_with_all_times_in_utc_note(read_real: Read) -> None:
    result = read_real("dfds-pm2021-004-adfs-outage.md")
    incident = result.incident
    assert (
        incident.title == "ADFS Outage"
    )  # "# Incident Title" is the template's; the title follows
    assert len(incident.timeline) == 7
    assert incident.timeline[0].at == utc(2021, 3, 31, 12, 11)
    assert incident.timeline[-1].text.startswith("Script completed to update account federation")
    assert incident.milestones.detected == utc(2021, 3, 31, 12, 11)  # "Reports of issues"
    assert [f.name for f in incident.analysis.contributing_factors][:2] == [
        "We depend on datacenters team to manage ADFS",
        "No monitoring or record of certificate expiry",
    ]
    assert len(incident.action_items) == 3
    assert [a.key for a in incident.action_items] == ["AI-1", "AI-2", "AI-3"]
    assert all(a.status == ActionStatus.OPEN for a in incident.action_items)
    assert len(incident.analysis.lessons) == 2
    assert [a.name for a in incident.review.attendees] == ["RF", "PW", "RR", "AN", "EC"]
    # "Time to detection: ???" and the category have no field: kept as written.
    assert "Stats" in extra_titles(result)
    stats = next(x for x in incident.extra_sections if x.title == "Stats")
    assert "- Category: Authentication/Authorisation" in stats.body


def test_dfds_node_ipc_dates_across_days_and_links(read_real: Read) -> None:
    result = read_real("dfds-pm2022-005-node-ipc-incident-response.md")
    incident = result.incident
    assert incident.timeline[0].at == utc(2022, 3, 7, 0, 0)
    assert at_of(result, "Emil notified by social media") == utc(2022, 3, 18, 8, 37)
    assert incident.milestones.detected == utc(2022, 3, 18, 8, 37)
    urls = [link.url for link in incident.links]
    assert "https://nvd.nist.gov/vuln/detail/CVE-2022-23812" in urls
    assert incident.ref == ""  # CVE-2022-23812 in the text is not the incident's reference
    assert incident.analysis.contributing_factors[0].name == "Political Situation / War"
    assert len(incident.action_items) == 2


def test_dfds_malformed_table_rows_and_single_digit_hours(read_real: Read) -> None:
    result = read_real("dfds-pm2024-002-pods-not-starting-ami-update.md")
    incident = result.incident
    assert len(incident.timeline) == 7  # rows without a closing pipe still count
    assert incident.timeline[0].at == utc(2024, 4, 9, 8, 40)
    assert incident.timeline[-1].at == utc(2024, 4, 9, 9, 20)
    assert [a.name for a in incident.review.attendees] == ["AF", "EC", "SD", "SC"]
    assert len(incident.analysis.lessons) == 4


def test_dfds_approximate_time_and_space_separated_attendees(read_real: Read) -> None:
    result = read_real("dfds-pm2025-001-node-resource-starvation.md")
    incident = result.incident
    assert len(incident.timeline) == 19
    assert at_of(result, "Investigated and found a wider capacity issue") == utc(2025, 3, 3, 19, 30)
    assert incident.milestones.started == utc(2025, 2, 27, 19, 32)  # "First occurence"
    assert len(incident.analysis.contributing_factors) == 7
    assert len(incident.action_items) == 6
    names = [a.name for a in incident.review.attendees]
    assert names == ["EC", "RF", "SD", "MN", "SC", "AN", "AF", "SP"]


def test_kubernetes_prow_date_lines_and_pst_note(read_real: Read) -> None:
    result = read_real("kubernetes-2019-01-23-prow-outage.md")
    incident = result.incident
    assert incident.title == "January 23rd, 2019 Prow Outage"
    assert incident.roles.report_author == "Benjamin Elder <bentheelder@google.com>"
    # "All times in PST" and the date lines "2019-01-22" / "2019-01-23" give each bullet its day.
    assert at_of(result, "merged") == utc(2019, 1, 22, 22, 54)  # 2:54 PM PST
    assert at_of(result, "first [recorded instance]") == utc(2019, 1, 23, 12, 49)  # 4:49 AM
    assert incident.milestones.detected == utc(2019, 1, 23, 12, 49)
    assert incident.milestones.resolved == utc(2019, 1, 23, 16, 27)
    assert "to serve 502s" in (incident.analysis.root_cause.summary or "")
    assert len(incident.analysis.went_well) == 1
    assert incident.analysis.went_poorly[0].text == "PR review failure + config versioning"
    assert "This should have been caught in review." in (
        incident.analysis.went_poorly[0].detail or ""
    )
    assert incident.analysis.lucky[0].startswith("We already had tooling")
    assert len(incident.action_items) >= 2
    assert incident.action_items[0].title.startswith("We should consider using a versioned API")
    links = {link.title: link for link in incident.links}
    assert links["preset refactor PR"].kind == LinkKind.PULL_REQUEST
    assert links["hook"].url == "https://github.com/kubernetes/test-infra/tree/master/prow/cmd/hook"


def test_kubernetes_boskos_pdt_note_bracket_dates_and_order_problem(read_real: Read) -> None:
    result = read_real("kubernetes-2019-03-26-boskos-outage.md")
    incident = result.incident
    # "All times in PDT (UTC-7)", "[MM-DD HH:MM]" without a year: the title's year, or the
    # year before for a date months after the report.
    assert at_of(result, "Crashloop bug preventing Boskos") == utc(2018, 12, 5, 23, 21)
    assert at_of(result, "reported on GitHub by @mborsz") == utc(2019, 3, 26, 9, 50)
    assert at_of(result, "successfully deploys a fixed Boskos") == utc(2019, 3, 26, 15, 10)
    # The report dates the 23:04 start on the 26th, after the reports: that milestone is
    # dropped with a warning and the timeline is kept.
    assert incident.milestones.started is None
    assert incident.milestones.detected == utc(2019, 3, 26, 9, 50)
    assert incident.milestones.resolved == utc(2019, 3, 26, 15, 10)
    assert any("started" in w.message and "left out" in w.message for w in result.warnings)
    assert any("day-first or month-first" in w.message for w in result.warnings)
    tickets = [a.ticket for a in incident.action_items]
    assert tickets == [
        "https://github.com/kubernetes/test-infra/issues/11956",
        "https://github.com/kubernetes/test-infra/issues/11957",
        "https://github.com/kubernetes/test-infra/issues/11953",
    ]
    assert incident.action_items[1].title == "Automate Boskos deploys"
    assert len(incident.analysis.went_poorly) == 5
    assert incident.analysis.lucky == ["We didn't, really."]
    assert "#testing-ops chat log" in extra_titles(result)


def test_learningequality_heading_labels_and_h1_sections(read_real: Read) -> None:
    result = read_real("learningequality-002-cloudflare-incomplete-migration.md")
    incident = result.incident
    assert incident.title == "learningequality-002-cloudflare-incomplete-migration"
    assert any("no title" in w.message for w in result.warnings)
    assert incident.roles.report_author == "@aronasorman"  # "## Owner: @aronasorman"
    assert incident.roles.responders == ["@jamalex"]
    root_cause = incident.analysis.root_cause.summary or ""
    assert "There are two issues at play" in root_cause and "namecheap implemented" in root_cause
    assert "reverted back to Namecheap" in (incident.analysis.resolution.immediate_fix or "")
    first = incident.action_items[0]
    assert first.title == "Avoid using toplevel wildcards on the DNS level."
    assert "Notes to the owner" in extra_titles(result)


def test_moj_bold_label_metadata_and_key_events(read_real: Read) -> None:
    result = read_real("moj-2023-07-21-vpc-cni-ip-allocation.md")
    incident = result.incident
    assert incident.title == "Incident on 2023-07-21 - VPC CNI not allocating IP addresses"
    milestones = incident.milestones
    assert milestones.detected == utc(2023, 7, 21, 8, 15)
    assert milestones.declared == utc(2023, 7, 21, 9, 31)
    assert milestones.mitigated == utc(2023, 7, 21, 12, 42)  # "Repaired"
    assert milestones.resolved == utc(2023, 7, 21, 12, 42)
    assert len(incident.timeline) == 8  # the "Context" bullets
    assert incident.detection_source == (
        "User reported of seeing issues with new deployments in #ask-cloud-platform"
    )
    assert "degraded" in (incident.impact.summary or "")
    assert incident.action_items[0].ticket == (
        "https://github.com/ministryofjustice/cloud-platform/issues/4669"
    )
    # "Time to repair: 4h 27m" agrees with first detected -> repaired.
    assert not any("does not match" in w.message for w in result.warnings)
    assert any("no zone" in w.message for w in result.warnings)
    assert "Front matter" in extra_titles(result)


def test_moj_unreadable_year_and_contradicting_durations(read_real: Read) -> None:
    result = read_real("moj-2025-03-18-eks-upgrade-descheduler.md")
    incident = result.incident
    messages = [w.message for w in result.warnings]
    assert any("22025-03-18 09:36" in m for m in messages)
    # "Time to repair 1h 37m" may count from before the detection; "Time to resolve 2d 1h
    # 29m" is shorter than first detected -> resolved, a contradiction.
    assert not any("time to mitigate" in m for m in messages)
    assert any("time to resolve" in m and "does not match" in m for m in messages)
    assert incident.milestones.declared == utc(2025, 3, 18, 10, 3)
    assert incident.milestones.resolved == utc(2025, 3, 20, 12, 9)
    entry = next(
        e for e in incident.timeline if e.text.startswith("Initial mitigation efforts began")
    )
    assert "Removed the cordon annotation" in entry.text  # its sub-bullets
    assert len(incident.action_items) == 6


def test_moj_labels_without_colons_and_table_timeline(read_real: Read) -> None:
    result = read_real("moj-2026-03-30-ingress-nginx-rollback.md")
    incident = result.incident
    assert incident.milestones.detected == utc(2026, 3, 30, 8, 56)  # "First detected 2026-..."
    assert incident.milestones.resolved == utc(2026, 3, 30, 14, 39)
    assert len(incident.timeline) == 17
    assert incident.timeline[0].at == utc(2026, 3, 12, 14, 6)
    assert "posthog" in (incident.analysis.root_cause.summary or "")
    assert incident.detection_source == "Via messages in the HMPPS Auth team slack channel"


def test_mybinder_heading_entries_in_cet_with_the_date_heading(read_real: Read) -> None:
    result = read_real("mybinder-2022-06-02-pod-limit.md")
    incident = result.incident
    assert [e.at for e in incident.timeline] == [
        utc(2022, 6, 2, 9, 0),  # "### 2022-06-02 10:00 - Problem starts", CET
        utc(2022, 6, 2, 20, 0),  # "### 21:00 - Team alerted": the day carried over
        utc(2022, 6, 2, 20, 6),
        utc(2022, 6, 2, 20, 22),
        utc(2022, 6, 2, 20, 24),
    ]
    assert (
        texts(result)[0]
        == "Problem starts: mybinder.org stopped successfully launching any new pods."
    )
    assert incident.milestones.started == utc(2022, 6, 2, 9, 0)
    assert incident.milestones.resolved == utc(2022, 6, 2, 20, 24)
    assert [e.kind for e in incident.evidence] == [EvidenceKind.ERROR_LOG, EvidenceKind.ERROR_LOG]
    assert "exceeded quota: gke-resource-quotas" in incident.evidence[1].text
    assert incident.analysis.went_well[0].text.startswith("Deleting the resource quota object")
    assert len(incident.analysis.lucky) == 2
    item = incident.action_items[0]
    assert item.ticket == "https://github.com/jupyterhub/mybinder.org-deploy/issues/611"
    assert item.title == "Uptime and alerting issue"
    assert str(item.kind) == "process"  # "### Process improvements"


def test_optimism_hhmm_without_colon_and_an_entry_without_its_time(read_real: Read) -> None:
    result = read_real("optimism-2022-02-02-inflation-vuln.md")
    incident = result.incident
    assert at_of(result, "smartcontracts receives an e-mail") == utc(2022, 2, 2, 16, 25)
    assert at_of(result, "Alchemy upgrades") == utc(2022, 2, 3, 4, 57)
    builds = next(
        e for e in incident.timeline if e.text.startswith("tynes cuts the following builds")
    )
    assert "Mainnet: `0.5.8_b6f79171`" in builds.text  # the sub-bullets
    assert incident.milestones.detected == utc(2022, 2, 2, 16, 25)
    # "2022-02-02 X:" gives the day but not the time: placed after the entry before it.
    discord = next(e for e in incident.timeline if "messaged smartcontracts on Discord" in e.text)
    assert discord.at == utc(2022, 2, 2, 16, 25)
    assert texts(result).index(discord.text) == 1
    assert any("a date but no time of day" in w.message for w in result.warnings)
    timeline_extra = next(x for x in incident.extra_sections if x.title == "Timeline (UTC)")
    assert timeline_extra.body == "(Using github handles as identifiers)"
    done = [a for a in incident.action_items if a.status == ActionStatus.DONE]
    planned = [a for a in incident.action_items if a.status == ActionStatus.OPEN]
    assert len(done) == 5  # "Actions taken:" / "Action taken:"
    assert len(planned) >= 9  # "Actions planned:"
    assert "Immunefi program to include L2Geth" in done[0].title
    lessons = [lesson.text for lesson in incident.analysis.lessons]
    assert "On overly-optimistic code reviews" in lessons
    assert "Contract balances were improperly zeroed" in (
        incident.analysis.root_cause.summary or ""
    )


def test_posthog_prose_sections(read_real: Read) -> None:
    result = read_real("posthog-2025-11-26-shai-hulud-attack.md")
    incident = result.incident
    assert incident.title == "Post-mortem of Shai-Hulud attack on November 24th, 2025"
    summary = incident.executive_summary or ""
    assert summary.startswith("At 4:11 AM UTC on November 24th")
    assert "`posthog-node` 4.18.1" in summary  # the list the summary introduces
    assert "patient zero" in (incident.analysis.root_cause.summary or "")
    assert "open-source" in (incident.analysis.root_cause.why or "")
    assert [a.title[:30] for a in incident.action_items] == [
        "We've significantly tightened ",
        "Increased the scrutiny any PR ",
        "Switched to pnpm 10 (to disabl",
        "Re-worked our Github secrets m",
    ]
    assert "What should you do?" in extra_titles(result)


def test_no_report_states_a_severity_so_each_gets_the_lowest(read_real: Read) -> None:
    result = read_real("chia-2021-05-26-website-outage.md")
    assert result.incident.severity == 4
    assert any("no severity" in w.message for w in result.warnings)
