"""Full-text search, recurrence and similar incidents, with private incidents, on both databases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from followup_factories import T0, action, context_for, make, store

from warroom.domain.model import ActionStatus, Incident, TimelineEvent
from warroom.errors import NotFoundError, ValidationError
from warroom.services.incidents import mutate
from warroom.services.ports import Viewer
from warroom.services.related import related_incidents, similar_incidents
from warroom.services.search import search_incidents
from warroom.storage import Database
from warroom.storage.search import fts5_query

OUTSIDER = Viewer("mallory")


def refs(hits: list[object]) -> list[str]:
    return [hit.ref for hit in hits]  # type: ignore[attr-defined]


def with_text(incident: Incident, *lines: str, root_cause: str | None = None) -> Incident:
    for offset, line in enumerate(lines):
        incident.timeline.append(TimelineEvent(at=T0 + timedelta(minutes=offset), text=line))
    incident.analysis.root_cause.summary = root_cause
    return incident


@pytest.fixture
def seeded(database: Database) -> tuple[object, list[str]]:
    ctx = context_for(database)
    found = store(
        ctx,
        with_text(
            make(title="Checkout connection pool exhausted", services=("checkout",)),
            "Raised the pool size",
        ),
        with_text(
            make(title="Search latency", services=("search",)),
            "Checkout was slow too because connections failed",
            root_cause="A failing index rebuild",
        ),
        make(title="Payments outage", summary="cards declined", services=("payments",)),
        with_text(
            make(title="Vault secret leaked in checkout logs", private=True, people=("zoe",)),
            "Rotated the checkout credentials",
        ),
    )
    return ctx, found


def test_ranked_title_first_stemmed_and_private_hidden(seeded: tuple[object, list[str]]) -> None:
    ctx, (pool, latency, payments, secret) = seeded
    hits = search_incidents(ctx, "checkout")  # type: ignore[arg-type]
    # A match in the title ranks above one in the body only.
    assert set(refs(hits)[:2]) == {pool, secret} and refs(hits)[2] == latency
    outsider = search_incidents(ctx, "checkout", viewer=OUTSIDER)  # type: ignore[arg-type]
    assert secret not in refs(outsider) and len(outsider) == 2
    assert search_incidents(ctx, "vault", viewer=OUTSIDER) == []  # type: ignore[arg-type]
    assert refs(search_incidents(ctx, "vault", viewer=Viewer("zoe"))) == [secret]  # type: ignore[arg-type]
    # "fail" finds "failed" and "failing": both databases stem English words.
    assert refs(search_incidents(ctx, "fail")) == [latency]  # type: ignore[arg-type]
    assert refs(search_incidents(ctx, "cards")) == [payments]  # type: ignore[arg-type]
    assert "[" in hits[0].snippet or hits[0].snippet == ""


def test_phrases_or_and_exclusions(seeded: tuple[object, list[str]]) -> None:
    ctx, (pool, latency, payments, _) = seeded
    assert refs(search_incidents(ctx, '"pool exhausted"')) == [pool]  # type: ignore[arg-type]
    assert refs(search_incidents(ctx, '"exhausted pool"')) == []  # type: ignore[arg-type]
    either = search_incidents(ctx, "payments or latency")  # type: ignore[arg-type]
    assert set(refs(either)) == {latency, payments}
    left = search_incidents(ctx, "checkout -pool", viewer=OUTSIDER)  # type: ignore[arg-type]
    assert refs(left) == [latency]
    with pytest.raises(ValidationError):
        search_incidents(ctx, "   ")  # type: ignore[arg-type]


def test_the_index_follows_every_save(seeded: tuple[object, list[str]]) -> None:
    ctx, (pool, *_) = seeded

    def retitle(incident: Incident) -> None:
        incident.title = "Database failover drill"

    mutate(ctx, pool, retitle)  # type: ignore[arg-type]
    assert refs(search_incidents(ctx, "drill")) == [pool]  # type: ignore[arg-type]
    assert pool not in refs(search_incidents(ctx, "exhausted"))  # type: ignore[arg-type]


def test_fts5_queries_are_built_safely() -> None:
    assert (
        fts5_query('checkout "pool size" -staging') == '("checkout" AND "pool size") NOT "staging"'
    )
    assert fts5_query("a or b c") == '("a" OR "b") AND "c"'
    assert fts5_query('NEAR( "x*') == '"NEAR" AND "x"'
    with pytest.raises(ValidationError):
        fts5_query("-only -negatives")


def test_related_are_earlier_incidents_with_their_open_actions(database: Database) -> None:
    ctx = context_for(database)
    old, private, unrelated, new, later = store(
        ctx,
        make(
            started=T0,
            services=("api",),
            factors=("config drift", "retry storm"),
            actions=(
                action("AI-1", title="Pin the config"),
                action("AI-2", status=ActionStatus.DONE),
            ),
        ),
        make(started=T0 + timedelta(days=1), services=("api",), private=True, people=("zoe",)),
        make(started=T0 + timedelta(days=2), services=("db",), factors=("noisy alerts",)),
        make(started=T0 + timedelta(days=3), services=("api",), factors=("config drift",)),
        make(started=T0 + timedelta(days=4), services=("api",), factors=("config drift",)),
    )
    related = related_incidents(ctx, new)
    assert refs(related) == [old, private]  # most shared first; never a later one
    assert related[0].factors == ("config drift",) and related[0].services == ("api",)
    assert [a.key for a in related[0].open_actions] == ["AI-1"]
    assert refs(related_incidents(ctx, new, viewer=OUTSIDER)) == [old]
    assert unrelated not in refs(related_incidents(ctx, later))
    with pytest.raises(NotFoundError):
        related_incidents(ctx, private, viewer=OUTSIDER)


def test_similar_ranks_shared_factors_services_and_text(database: Database) -> None:
    ctx = context_for(database)
    me, both, factor, text, nothing, hidden = store(
        ctx,
        make(title="Checkout pool exhausted", services=("api",), factors=("capacity",)),
        make(title="Other thing", services=("api",), factors=("capacity",)),
        make(title="Unrelated title", services=("db",), factors=("capacity",)),
        make(title="Checkout pool exhausted again", services=("web",)),
        make(title="Nothing in common", services=("dns",)),
        make(title="Checkout pool", services=("api",), factors=("capacity",), private=True),
    )
    similar = similar_incidents(ctx, me, viewer=OUTSIDER)
    assert refs(similar) == [both, factor, text]
    assert similar[0].score == pytest.approx(5.0, abs=0.01)
    assert similar[2].text_score == pytest.approx(1.0)
    assert nothing not in refs(similar_incidents(ctx, me))
    assert hidden in refs(similar_incidents(ctx, me))
