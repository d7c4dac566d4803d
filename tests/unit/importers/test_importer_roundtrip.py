"""Render an incident in each format, import the report, get the same record back.

What each format carries is in ``roundtrip.CARRIES`` (and docs/importing.md);
the rest is left out of the comparison. Generated text avoids Markdown
syntax and the words that name milestones, so that a timeline entry reads
back as the entry it was and nothing more.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.importers.roundtrip import CARRIES, differences, prepare, project
from tests.unit.render.factories import full_incident
from warroom.config import Settings
from warroom.domain.model import (
    ActionItem,
    ActionStatus,
    ExtraSection,
    Flag,
    Horizon,
    Impact,
    Incident,
    IncidentStatus,
    Lesson,
    LessonCategory,
    Milestones,
    Observation,
    Phase,
    Priority,
    ReviewStatus,
    Roles,
    RootCause,
    ServiceImpact,
    TimelineEvent,
)
from warroom.importers import import_markdown
from warroom.render import render_markdown

FORMATS = tuple(CARRIES)
SETTINGS = Settings()
WORDS = ("amber", "basil", "cedar", "ember", "fjord", "garnet", "harbor", "indigo", "juniper",
         "kettle", "lantern", "meadow", "nickel", "orchid", "pepper", "quartz", "raven",
         "saddle", "timber", "umber", "velvet", "willow", "zephyr")  # fmt: skip
NAMES = ("Ann Lee", "Bo Chen", "Cy Diaz", "Di Evans")
BASE = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def check(incident: Incident, fmt: str) -> None:
    incident = prepare(incident, fmt)
    text = render_markdown(incident, fmt, SETTINGS)
    result = import_markdown(text, format_name=fmt, source_name=f"{fmt}.md")
    assert result.format_name == fmt
    expected, actual = project(incident, fmt), project(result.incident, fmt)
    for aspect in expected:
        assert actual[aspect] == expected[aspect], (
            f"{fmt}: {aspect} differs:\n{actual[aspect]!r}\n!=\n{expected[aspect]!r}\n\n{text}"
        )
    lines = text.splitlines()
    missing = [n for n, line in enumerate(lines, 1) if line.strip() and n not in result.line_fields]
    assert not missing


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_full_incident_reads_back_from_every_format(fmt: str) -> None:
    check(full_incident(), fmt)
    incident = prepare(full_incident(), fmt)
    result = import_markdown(render_markdown(incident, fmt, SETTINGS), format_name=fmt)
    assert differences(incident, result.incident, fmt) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_detected_from_its_rendering(fmt: str) -> None:
    text = render_markdown(full_incident(), fmt, SETTINGS)
    assert import_markdown(text).format_name == fmt


def phrases(min_words: int = 1, max_words: int = 5) -> st.SearchStrategy[str]:
    words = st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words)
    return words.map(lambda ws: " ".join(ws).capitalize())


def optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy


@st.composite
def milestones(draw: st.DrawFn) -> Milestones:
    if not draw(st.booleans()):
        return Milestones()
    steps = draw(st.lists(st.integers(0, 120), min_size=7, max_size=7))
    at = BASE + timedelta(minutes=draw(st.integers(0, 600)))
    times = []
    for step in steps:
        at += timedelta(minutes=step)
        times.append(at)
    return Milestones(*times)


@st.composite
def events(draw: st.DrawFn) -> list[TimelineEvent]:
    found = []
    for _ in range(draw(st.integers(0, 4))):
        found.append(
            TimelineEvent(
                at=BASE + timedelta(minutes=draw(st.integers(0, 1400))),
                text=draw(phrases(2, 6)),
                phase=draw(st.none() | st.sampled_from(Phase)),
                author=draw(st.none() | st.sampled_from(NAMES)),
                link=draw(
                    st.none() | st.integers(1, 99).map(lambda n: f"https://ex.example/e/{n}")
                ),
                action_taken=draw(optional(phrases(2, 4))),
            )
        )
    return found


@st.composite
def action_items(draw: st.DrawFn) -> list[ActionItem]:
    items = []
    for number in range(1, draw(st.integers(0, 3)) + 1):
        status = draw(st.sampled_from(ActionStatus))
        items.append(
            ActionItem(
                key=f"AI-{number}",
                title=draw(phrases(2, 5)),
                owner=draw(st.none() | st.sampled_from(NAMES)),
                due=draw(
                    st.none() | st.integers(0, 300).map(lambda d: date(2026, 3, 10) + timedelta(d))
                ),
                priority=draw(st.sampled_from(Priority)),
                status=status,
                reason=draw(phrases(2, 4)) if status == ActionStatus.WONT_DO else None,
                horizon=draw(st.none() | st.sampled_from(Horizon)),
                ticket=draw(st.none() | st.integers(1, 999).map(lambda n: f"OPS-{n}")),
            )
        )
    return items


@st.composite
def observations(draw: st.DrawFn) -> list[Observation]:
    return [
        Observation(
            draw(phrases(2, 5)), draw(optional(phrases(2, 5))), draw(optional(phrases(2, 4)))
        )
        for _ in range(draw(st.integers(0, 2)))
    ]


@st.composite
def lessons(draw: st.DrawFn) -> list[Lesson]:
    found = []
    for _ in range(draw(st.integers(0, 2))):
        text = draw(phrases(2, 4))
        if draw(st.booleans()):
            text += "\n" + draw(phrases(3, 6))
        found.append(
            Lesson(text, draw(st.sampled_from(LessonCategory)), draw(optional(phrases(2, 4))))
        )
    return found


@st.composite
def incidents(draw: st.DrawFn) -> Incident:
    names = draw(st.lists(st.sampled_from(WORDS), unique=True, max_size=3))
    services = [ServiceImpact(f"svc-{name}", draw(optional(phrases(1, 3)))) for name in names]
    titles = st.sampled_from(("Customer Quotes", "Open Questions", "Glossary"))
    extras = [
        ExtraSection(title, draw(phrases(3, 8)))
        for title in draw(st.lists(titles, unique=True, max_size=1))
    ]
    data_loss = draw(st.sampled_from((Flag(), Flag(True), Flag(False), Flag(True, "Some rows"))))
    share = draw(st.none() | st.integers(1, 999).map(lambda n: n / 10))
    return Incident(
        ref=f"INC-2026-03-02-{draw(st.integers(1, 99)):03d}",
        title=draw(phrases(2, 6)),
        severity=draw(st.integers(1, 4)),
        status=draw(st.sampled_from(IncidentStatus)),
        review_status=draw(st.sampled_from(ReviewStatus)),
        summary=draw(optional(phrases(3, 8))),
        executive_summary=draw(optional(phrases(4, 12))),
        services=services,
        milestones=draw(milestones()),
        timeline=sorted(draw(events()), key=lambda e: e.at),
        roles=Roles(
            commander=draw(st.none() | st.sampled_from(NAMES)),
            report_author=draw(st.none() | st.sampled_from(NAMES)),
        ),
        impact=Impact(
            users_affected=draw(st.none() | st.integers(1, 90000)),
            users_affected_share=share,
            data_loss=data_loss,
        ),
        analysis=replace_analysis(
            RootCause(
                draw(optional(phrases(3, 8))),
                draw(optional(phrases(3, 8))),
                draw(optional(phrases(3, 8))),
            ),
            draw(optional(phrases(2, 6))),
            draw(observations()),
            draw(observations()),
            draw(lessons()),
        ),
        action_items=draw(action_items()),
        extra_sections=extras,
        version=draw(st.integers(1, 40)),
    )


def replace_analysis(
    root: RootCause,
    trigger: str | None,
    well: list[Observation],
    poorly: list[Observation],
    learned: list[Lesson],
) -> object:
    from warroom.domain.model import Analysis

    return Analysis(
        trigger=trigger, root_cause=root, went_well=well, went_poorly=poorly, lessons=learned
    )


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(incident=incidents())
def test_generated_incidents_read_back_from_every_format(fmt: str, incident: Incident) -> None:
    check(incident, fmt)
