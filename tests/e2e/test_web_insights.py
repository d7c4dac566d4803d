"""The Insights page, its CSV links, and the Recurs and Similar panels of the incident page."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from web_fixtures import Site

from integration.followup_factories import T0, action, make, store

_URL = re.compile(r"""(?:src|href|action|xlink:href)=["']([^"']*)["']""", re.I)
_CSV_LINK = re.compile(r'href="(/insights\.csv\?table=[^"]*)"')


@pytest.fixture
def seeded(site: Site) -> dict[str, str]:
    """Four public incidents in March and April 2026, and a private one of pat's."""
    refs = store(
        site.ctx,
        make(
            started=T0,
            severity=1,
            detect=240,
            resolve=3600,
            services=("checkout-api",),
            factors=("connection pool too small",),
            title="Checkout pool exhausted",
            actions=(action("a1", title="Raise the pool limit"),),
        ),
        make(
            started=T0 + timedelta(days=3),
            severity=2,
            detect=600,
            resolve=7200,
            services=("checkout-api", "payments"),
            title="Payments timing out",
        ),
        make(
            started=T0 + timedelta(days=35),
            severity=2,
            detect=120,
            services=("search",),
            title="Search index stale",
        ),
        make(
            started=T0 + timedelta(days=40),
            severity=3,
            services=("checkout-api",),
            factors=("connection pool too small",),
            title="Checkout pool exhausted again",
        ),
        make(
            started=T0 + timedelta(days=41),
            severity=1,
            services=("vault",),
            private=True,
            people=("pat",),
            title="Secret in the logs",
        ),
    )
    names = ("pool", "payments", "search", "again", "secret")
    return dict(zip(names, refs, strict=True))


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_page_draws_charts_from_warroom_alone(site: Site, seeded: dict[str, str]) -> None:
    page = site.as_("vic").get("/insights")
    assert page.status_code == 200
    html = page.text
    assert '<a href="/insights" aria-current="page">Insights</a>' in html
    assert html.count("<svg") >= 6
    assert "Incidents per month by severity" in html and "2026-03" in html and "2026-04" in html
    # the per-service bars carry their counts: checkout-api in 3 public incidents
    assert "checkout-api: 3" in html and "payments: 1" in html
    assert "4 incidents you may see" in html
    assert "connection pool too small" in html
    outside = [u for u in _URL.findall(html) if u.startswith(("http:", "https:", "//"))]
    assert outside == []
    assert "<script" not in html.split("<main", 1)[1]
    assert 'style="' not in html


def test_every_chart_links_to_its_numbers(site: Site, seeded: dict[str, str]) -> None:
    vic = site.as_("vic")
    html = vic.get("/insights?since=2026-03-01&until=2026-05-01&by=severity").text
    links = sorted(set(u.replace("&amp;", "&") for u in _CSV_LINK.findall(html)))
    tables = {re.search(r"table=(\w+)", u).group(1) for u in links}  # type: ignore[union-attr]
    assert tables == {
        "incidents_per_month",
        "incidents_by_service",
        "metrics",
        "targets",
        "recurring_factors",
        "recurring_services",
        "action_items",
        "review",
    }
    for url in links:
        assert "since=2026-03-01" in url and "by=severity" in url
        answer = vic.client.get(url)
        assert answer.status_code == 200, url
        assert answer.headers["content-type"].startswith("text/csv"), url
        assert answer.text.splitlines()[0], url
    get = lambda table: rows_of(  # noqa: E731
        vic.client.get(f"/insights.csv?table={table}&since=2026-03-01&by=severity").text
    )
    per_month = {(r["month"], r["severity"]): r["count"] for r in get("incidents_per_month")}
    assert per_month == {
        ("2026-03", "1"): "1",
        ("2026-03", "2"): "1",
        ("2026-04", "2"): "1",
        ("2026-04", "3"): "1",
    }
    services = {r["service"]: r["count"] for r in get("incidents_by_service")}
    assert services == {"checkout-api": "3", "payments": "1", "search": "1"}
    factors = get("recurring_factors")
    assert [(r["factor"], r["incidents"]) for r in factors] == [("connection pool too small", "2")]
    detect = [r for r in get("metrics") if r["metric"] == "time_to_detect"]
    overall = next(r for r in detect if r["group"] == "overall")
    assert (overall["count"], overall["median"]) == ("3", "240.0")
    assert all(r["warning"] for r in detect if r["group"] != "overall")
    actions = next(r for r in get("action_items") if r["by"] == "overall")
    assert (actions["created"], actions["open"], actions["done"]) == ("1", "1", "0")
    unknown = vic.client.get("/insights.csv?table=nope")
    assert unknown.status_code == 422


def test_small_groups_are_flagged(site: Site, seeded: dict[str, str]) -> None:
    html = site.as_("vic").get("/insights?by=service").text
    assert "too few for the figures to mean much" in html
    assert "fewer than 5" in html


def test_a_private_incident_counts_only_for_those_who_may_see_it(
    site: Site, seeded: dict[str, str]
) -> None:
    def services(name: str) -> dict[str, str]:
        text = site.as_(name).client.get("/insights.csv?table=incidents_by_service").text
        return {r["service"]: r["count"] for r in rows_of(text)}

    assert "vault" not in services("vic") and "vault" not in services("rita")
    assert services("pat")["vault"] == "1" and services("ada")["vault"] == "1"
    assert "vault" not in site.as_("vic").get("/insights").text
    assert "5 incidents you may see" in site.as_("pat").get("/insights").text


def test_bad_filters_come_back_with_the_message(site: Site) -> None:
    page = site.as_("vic").get("/insights?since=soon&by=weather")
    assert page.status_code == 422
    assert 'aria-invalid="true"' in page.text


def test_the_incident_page_shows_recurrence_and_similar_incidents(
    site: Site, seeded: dict[str, str]
) -> None:
    html = site.as_("vic").get(f"/incidents/{seeded['again']}").text
    recurs = html.split('id="recurs"', 1)[1].split("</section>", 1)[0]
    assert f'href="/incidents/{seeded["pool"]}"' in recurs
    assert f'href="/incidents/{seeded["payments"]}"' in recurs  # shares checkout-api
    assert "connection pool too small" in recurs and "Raise the pool limit" in recurs
    assert seeded["search"] not in recurs and seeded["secret"] not in recurs
    similar = html.split('id="similar"', 1)[1].split("</section>", 1)[0]
    first = re.search(r'href="/incidents/([^"]+)"', similar)
    assert first and first.group(1) == seeded["pool"]
    assert seeded["secret"] not in similar


def test_the_panels_leave_out_private_incidents(site: Site, seeded: dict[str, str]) -> None:
    ref = store(site.ctx, make(started=T0 + timedelta(days=50), services=("vault",)))[0]
    assert seeded["secret"] not in site.as_("vic").get(f"/incidents/{ref}").text
    assert f'href="/incidents/{seeded["secret"]}"' in site.as_("pat").get(f"/incidents/{ref}").text
