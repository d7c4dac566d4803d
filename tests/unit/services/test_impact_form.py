"""The impact form: values as typed, read into the record or refused naming their field."""

from __future__ import annotations

import pytest

from warroom.domain.model import Flag, Impact
from warroom.errors import ValidationError
from warroom.services.impact import ImpactChange, impact_form, parse_duration_text, read_impact


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("", None),
        ("45", 2700),
        ("45 min", 2700),
        ("1 h 30 min", 5400),
        ("1h30m", 5400),
        ("2 d 3 h", 183600),
        ("01:30", 5400),
        ("90 seconds", 90),
        ("1.5 hours", 5400),
    ],
)
def test_durations_people_write(text: str, seconds: int | None) -> None:
    assert parse_duration_text(text, "downtime") == seconds


@pytest.mark.parametrize("text", ["soon", "5 parsecs", "1 h and a bit"])
def test_what_is_not_a_duration_is_refused(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_duration_text(text, "downtime")
    assert refused.value.field == "downtime"


def test_the_form_of_an_impact_reads_back_unchanged() -> None:
    impact = Impact(
        summary="Checkout failed",
        users_affected=41200,
        users_affected_share=18.5,
        failed_requests=96512,
        error_rate=38,
        downtime_seconds=1320,
        revenue_lost=52000.5,
        data_loss=Flag(False),
        sla_breach=Flag(True, "EU SLA"),
        symptoms="kept: not on the form",
    )
    form = impact_form(impact)
    change = ImpactChange(
        text={name: form[name] for name in ("summary", "user_facing_errors")},
        flags={name: (form[name], form[f"{name}_details"]) for name in ("data_loss", "sla_breach")},
        **{
            name: form[name]
            for name in (
                "users_affected",
                "users_affected_share",
                "failed_requests",
                "error_rate",
                "downtime",
                "currency",
                "revenue_lost",
                "extra_costs",
                "credits_issued",
            )
        },
    )
    assert read_impact(change, impact) == impact


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("users_affected", "lots"),
        ("users_affected_share", "150"),
        ("error_rate", "-3"),
        ("revenue_lost", "a lot"),
    ],
)
def test_bad_numbers_name_their_field(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as refused:
        read_impact(ImpactChange(**{field: value}), Impact())  # type: ignore[arg-type]
    assert refused.value.field == field


def test_a_flag_is_yes_no_or_not_stated() -> None:
    impact = read_impact(ImpactChange(flags={"data_loss": ("yes", " 3 rows ")}), Impact())
    assert impact.data_loss == Flag(True, "3 rows")
    with pytest.raises(ValidationError) as refused:
        read_impact(ImpactChange(flags={"regulatory": ("maybe", "")}), Impact())
    assert refused.value.field == "regulatory"
