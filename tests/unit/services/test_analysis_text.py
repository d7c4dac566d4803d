"""The analysis sections as Markdown: what is read back from the text boxes, and round trips."""

from __future__ import annotations

import pytest

from warroom.domain.model import (
    ContributingFactor,
    Incident,
    Lesson,
    LessonCategory,
    Observation,
    Why,
)
from warroom.domain.record import to_record
from warroom.errors import ValidationError
from warroom.services.analysis_lists import items_of, split_name
from warroom.services.analysis_text import SECTIONS, analysis_section, write_section


def full_incident() -> Incident:
    incident = Incident(ref="INC-2026-11-20-001", title="Checkout down", severity=1)
    analysis = incident.analysis
    incident.executive_summary = "Checkout failed.\n\nFor **22 minutes**."
    analysis.trigger = "Config push v481"
    analysis.root_cause.summary = "The generator dropped upstreams."
    analysis.root_cause.why = "An allow list"
    analysis.contributing_factors = [
        ContributingFactor("diff-size", "Diffs are too large", "Nobody reads them"),
        ContributingFactor("canary"),
    ]
    analysis.five_whys = [Why("Why did it fail?", "One upstream.\nOverloaded."), Why("Why?", "")]
    analysis.went_well = [Observation("Alert in 4 min", "Paged the right team", "Fast start")]
    analysis.went_poorly = [Observation("Slow diagnosis")]
    analysis.lucky = ["Low traffic", "Two lines\nin one"]
    analysis.lessons = [
        Lesson("Semantic diffs", LessonCategory.TECHNICAL, "In the config repo"),
        Lesson("Canary rules", LessonCategory.PROCESS),
    ]
    return incident


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.name)
def test_saving_what_was_shown_changes_nothing(section: object) -> None:
    incident = full_incident()
    before = to_record(incident)
    name = section.name
    write_section(incident, name, analysis_section(name).read(incident))
    assert to_record(incident) == before


def test_list_items_with_markers_continuation_lines_or_none() -> None:
    assert items_of("- one\n  more\n* two\n\n3. three") == [["one", "more"], ["two"], ["three"]]
    assert items_of("plain line\nanother") == [["plain line"], ["another"]]
    assert items_of("  \n\n") == []


def test_factor_names_in_bold_code_or_plain() -> None:
    assert split_name("**db-pool**: too small") == ("db-pool", "too small")
    assert split_name("`retry-storm` — clients retried") == ("retry-storm", "clients retried")
    assert split_name("alerting: none on latency") == ("alerting", "none on latency")
    assert split_name("just a name") == ("just a name", None)


def test_a_why_on_one_line_is_split_at_its_question_mark() -> None:
    incident = full_incident()
    write_section(incident, "five-whys", "1. Why was it slow? The pool was full.")
    assert incident.analysis.five_whys == [Why("Why was it slow?", "The pool was full.")]


def test_lessons_take_their_category_from_the_tag() -> None:
    incident = full_incident()
    write_section(incident, "lessons", "- [Communication] Tell support first\n- Untagged")
    assert [(x.category, x.text) for x in incident.analysis.lessons] == [
        (LessonCategory.COMMUNICATION, "Tell support first"),
        (LessonCategory.TECHNICAL, "Untagged"),
    ]
    with pytest.raises(ValidationError) as refused:
        write_section(incident, "lessons", "- [legal] Ask counsel")
    assert refused.value.field == "lessons"


def test_empty_text_clears_a_section_and_unknown_sections_are_refused() -> None:
    incident = full_incident()
    write_section(incident, "root-cause", "   \n")
    assert incident.analysis.root_cause.summary is None
    write_section(incident, "went-well", "")
    assert incident.analysis.went_well == []
    with pytest.raises(ValidationError) as refused:
        write_section(incident, "feelings", "text")
    assert refused.value.field == "section"
    with pytest.raises(ValidationError):
        write_section(incident, "trigger", "x" * 60_000)
