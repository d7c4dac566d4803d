"""The review on the incident page: request it, then each named reviewer decides."""

from __future__ import annotations

from web_fixtures import Site, error_next_to

from warroom.demo import load_demo
from warroom.services.incidents import get_incident


def test_a_review_is_requested_then_sent_back_by_a_reviewer(site: Site) -> None:
    ref = site.declare()
    rita = site.as_("rita")
    page = rita.get(f"/incidents/{ref}")
    assert "Request a review" in page.text
    nobody = rita.post(f"/incidents/{ref}/review/request", {"version": "1", "reviewers": ""})
    assert nobody.status_code == 422
    assert "at least one reviewer" in error_next_to(nobody.text, "rv-reviewers")
    asked = rita.post(f"/incidents/{ref}/review/request", {"reviewers": "vic, ada"}, htmx=True)
    assert asked.status_code == 200 and "waiting" in asked.text
    assert get_incident(site.ctx, ref).review_status.value == "in_review"
    vic = site.as_("vic")  # a viewer may still review when named
    page = vic.get(f"/incidents/{ref}").text
    assert "Request changes" in page and "Cannot be approved yet" in page
    silent = vic.post(f"/incidents/{ref}/review/decide", {"decision": "changes"}, htmx=True)
    assert silent.status_code == 422
    assert "saying what should change" in error_next_to(silent.text, "rv-comment")
    blocked = vic.post(f"/incidents/{ref}/review/decide", {"decision": "approve"}, htmx=True)
    assert blocked.status_code == 422 and "cannot be approved while lint finds" in blocked.text
    back = vic.post(
        f"/incidents/{ref}/review/decide",
        {"decision": "changes", "comment": "Root cause is missing"},
        htmx=True,
    )
    assert back.status_code == 200 and "Root cause is missing" in back.text
    assert get_incident(site.ctx, ref).review_status.value == "changes_requested"
    assert "Request changes" not in site.as_("pat").get(f"/incidents/{ref}").text


def test_a_named_reviewer_approves(site: Site) -> None:
    from warroom.services import accounts

    ref = load_demo(site.ctx)[2]  # in review by admin and priya.nair
    accounts.add_user(site.ctx, "admin", "admin")
    admin = site.as_("admin")
    assert "Approve" in admin.get(f"/incidents/{ref}").text
    answer = admin.post(f"/incidents/{ref}/review/decide", {"decision": "approve", "comment": ""})
    assert answer.status_code == 200
    incident = get_incident(site.ctx, ref)
    assert [a.name for a in incident.review.approvals] == ["admin"]
    assert incident.review_status.value == "in_review"  # priya.nair still to approve
    assert "Reviews waiting" in admin.get("/").text
    assert ref not in admin.get("/").text.split("Reviews waiting for me")[1]


def test_full_text_search_finds_words_anywhere_but_not_in_private_incidents(site: Site) -> None:
    load_demo(site.ctx)
    rita = site.as_("rita")
    found = rita.get("/search?q=poison").text
    assert "Search results missing recently added products" in found
    assert "<mark>" in found
    assert "Suspicious admin logins" not in rita.get("/search?q=reused password").text
    assert "Suspicious admin logins" in site.as_("ada").get("/search?q=reused password").text
    assert "Nothing found" in rita.get("/search?q=zebra").text
    assert 'id="top-q"' in rita.get("/").text
