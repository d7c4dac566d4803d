import json
from datetime import UTC, date, datetime

import pytest

from warroom.domain.model import (
    ActionItem,
    ContributingFactor,
    Flag,
    Incident,
    Milestones,
    ServiceImpact,
    TimelineEvent,
    Why,
)
from warroom.domain.record import from_record, to_record
from warroom.domain.refs import REF_STYLES, ref_style, validate_ref
from warroom.domain.severity import BUILTIN_SCALES, scale_from_config
from warroom.errors import ValidationError

SEV = BUILTIN_SCALES["sev"]


def test_record_round_trip_through_json() -> None:
    incident = Incident(
        ref="INC-2026-11-20-001",
        title="Checkout",
        severity=2,
        services=[ServiceImpact("checkout-api", "500s for 40% of requests")],
        milestones=Milestones(started=datetime(2026, 11, 20, 14, 2, tzinfo=UTC)),
        timeline=[TimelineEvent(at=datetime(2026, 11, 20, 14, 6, tzinfo=UTC), text="alert")],
        action_items=[ActionItem(key="AI-1", title="alert", due=date(2026, 12, 1))],
    )
    incident.impact.data_loss = Flag(False, "none")
    incident.analysis.contributing_factors.append(ContributingFactor("no canary"))
    incident.analysis.five_whys.append(Why("Why?", "Because."))
    record = to_record(incident)
    assert record["milestones"]["started"] == "2026-11-20T14:02:00Z"
    assert record["milestones"]["resolved"] is None
    assert record["action_items"][0]["due"] == "2026-12-01"
    assert from_record(json.loads(json.dumps(record))) == incident


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"severity": "one"}, "severity"),
        ({"status": "exploded"}, "status"),
        ({"milestones": {"started": "yesterday-ish"}}, "milestones.started"),
        ({"action_items": [{"key": "AI-1", "title": "x", "due": "soon"}]}, "action_items[0].due"),
        ({"bogus": 1}, "bogus"),
        ({"title": None}, "title"),
    ],
)
def test_bad_record_names_the_field(patch: dict[str, object], field: str) -> None:
    record = {"ref": "INC-1", "title": "t", "severity": 1, **patch}
    with pytest.raises(ValidationError) as err:
        from_record(record)
    assert err.value.field == field


def test_missing_required_field() -> None:
    with pytest.raises(ValidationError, match="severity is required"):
        from_record({"ref": "INC-1", "title": "t"})


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("1", 1),
        ("SEV-1", 1),
        ("sev1", 1),
        ("Sev 2", 2),
        ("critical", 1),
        ("High", 2),
        ("low", 4),
        (3, 3),
    ],
)
def test_severity_inputs(text: str | int, level: int) -> None:
    assert SEV.parse(text) == level


@pytest.mark.parametrize("text", ["0", "5", "SEV-9", "urgent", ""])
def test_bad_severity(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        SEV.parse(text)
    assert err.value.field == "severity"


def test_custom_scale() -> None:
    scale = scale_from_config("P1, P2, P3")
    assert scale.levels == 3 and scale.label(2) == "P2"
    assert scale.parse("p3") == 3
    assert BUILTIN_SCALES["named"].label(1) == "Critical"
    with pytest.raises(ValidationError):
        scale_from_config("only")


def test_ref_styles() -> None:
    day = date(2026, 11, 20)
    assert ref_style("INC-YYYY-MM-DD-###").format(day, 1) == "INC-2026-11-20-001"
    assert ref_style("INC-YYYYMMDD-###").format(day, 12) == "INC-20261120-012"
    assert ref_style("INC-YYYY-NNNN").format(day, 42) == "INC-2026-0042"
    assert ref_style("INC-[YYYY-MM-DD]-[###]").scope(day) == "2026-11-20"
    assert REF_STYLES["INC-YYYY-NNNN"].scope(day) == "2026"
    with pytest.raises(ValidationError, match="unknown reference style"):
        ref_style("JIRA")
    assert validate_ref(" inc-2026-11-20-001 ") == "INC-2026-11-20-001"
    with pytest.raises(ValidationError):
        validate_ref("../etc/passwd")
