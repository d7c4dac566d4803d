"""Forms: bad input shown next to its field with what was typed, CSRF, stale versions, htmx."""

from __future__ import annotations

from web_fixtures import Site, error_next_to, form_value

from warroom.services.editing import Editor, edit_analysis
from warroom.services.incidents import get_incident


def test_declare_with_bad_input_shows_each_error_next_to_its_field(site: Site) -> None:
    rita = site.as_("rita")
    rita.get("/incidents/new")
    typed = {
        "title": "",
        "severity": "2",
        "services": "checkout-api",
        "summary": "EU only",
        "visibility": "public",
        "started_at": "yesterday-ish",
    }
    answer = rita.post("/incidents", typed)
    assert answer.status_code == 422
    assert "title cannot be empty" in error_next_to(answer.text, "new-title")
    assert form_value(answer.text, "services") == "checkout-api"
    assert form_value(answer.text, "summary") == "EU only"
    answer = rita.post("/incidents", {**typed, "title": "Checkout down"})
    assert answer.status_code == 422
    assert "yesterday-ish" in error_next_to(answer.text, "new-started_at")
    assert form_value(answer.text, "title") == "Checkout down"
    assert form_value(answer.text, "started_at") == "yesterday-ish"
    made = rita.post("/incidents", {**typed, "title": "Checkout down", "started_at": ""})
    assert made.status_code == 200 and made.url.path.startswith("/incidents/INC-")
    assert "Checkout down" in made.text


def test_a_bad_timeline_time_keeps_the_text_htmx_and_plain(site: Site) -> None:
    ref = site.declare()
    rita = site.as_("rita")
    rita.get(f"/incidents/{ref}")
    entry = {"version": "2", "at": "25:99", "kind": "action", "text": "Restarted the pods"}
    for htmx in (True, False):
        answer = rita.post(f"/incidents/{ref}/timeline", entry, htmx=htmx)
        assert answer.status_code == 422
        assert "25:99" in error_next_to(answer.text, "tl-at")
        assert form_value(answer.text, "text", id="tl-text") == "Restarted the pods"
        assert ('id="overview"' in answer.text) is not htmx  # htmx gets only the part
    assert "Restarted the pods" not in [e.text for e in get_incident(site.ctx, ref).timeline]


def test_a_plain_post_redirects_back_to_the_part_it_changed(site: Site) -> None:
    ref = site.declare()
    rita = site.as_("rita")
    rita.get(f"/incidents/{ref}")
    entry = {"version": "1", "at": "", "kind": "observation", "text": "Error rate falling"}
    answer = rita.post(f"/incidents/{ref}/timeline", entry, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/incidents/{ref}#timeline"
    assert get_incident(site.ctx, ref).timeline[-1].text == "Error rate falling"


def test_forms_without_the_csrf_token_are_refused(site: Site) -> None:
    ref = site.declare()
    rita = site.as_("rita")
    before = get_incident(site.ctx, ref).version
    for path, data in [
        ("/incidents", {"title": "Sneaky", "severity": "1"}),
        (f"/incidents/{ref}/timeline", {"text": "forged", "version": str(before)}),
        (f"/incidents/{ref}/overview", {"title": "forged", "severity": "1", "status": "closed"}),
        ("/logout", {}),
    ]:
        answer = rita.post(path, data, csrf=False)
        assert answer.status_code == 403, path
        assert "expired or was sent from another site" in answer.text
        forged = rita.post(path, {**data, "csrf_token": "0" * 64}, csrf=False)
        assert forged.status_code == 403, path
    assert get_incident(site.ctx, ref).version == before
    other = site.as_("vic").token
    assert other != rita.token  # one token per session
    stolen = rita.post(f"/incidents/{ref}/timeline", {"text": "x", "csrf_token": other}, csrf=False)
    assert stolen.status_code == 403


def test_htmx_sends_the_token_as_a_header(site: Site) -> None:
    ref = site.declare()
    rita = site.as_("rita")
    page = rita.get(f"/incidents/{ref}")
    assert f'hx-headers=\'{{"X-CSRF-Token": "{rita.token}"}}\'' in page.text
    answer = rita.client.post(
        f"/incidents/{ref}/timeline",
        data={"text": "From htmx", "version": "1"},
        headers={"HX-Request": "true", "X-CSRF-Token": rita.token},
    )
    assert answer.status_code == 200
    assert 'id="timeline"' in answer.text and "From htmx" in answer.text


def test_a_stale_save_shows_what_changed_and_keeps_what_was_typed(site: Site) -> None:
    ref = site.declare()
    rita = site.as_("rita")
    page = rita.get(f"/incidents/{ref}")
    seen = int(form_value(page.text, "version") or 0)
    # Someone else writes the root cause while rita is typing hers.
    edit_analysis(site.ctx, ref, "root-cause", "Their cause", Editor(None, None, "ada"))
    mine = {"version": str(seen), "text": "My careful analysis", "action": "save"}
    for htmx in (True, False):
        answer = rita.post(f"/incidents/{ref}/analysis/root-cause", mine, htmx=htmx)
        assert answer.status_code == 409
        assert "someone else changed this incident" in answer.text
        assert "analysis.root_cause.summary" in answer.text
        assert "Their cause" in answer.text and ">ada<" in answer.text
        assert "My careful analysis" in answer.text
        assert form_value(answer.text, "text", id="an-root-cause-text") == "My careful analysis"
    assert get_incident(site.ctx, ref).analysis.root_cause.summary == "Their cause"
    current = get_incident(site.ctx, ref).version
    saved = rita.post(f"/incidents/{ref}/analysis/root-cause", {**mine, "version": str(current)})
    assert saved.status_code == 200
    assert get_incident(site.ctx, ref).analysis.root_cause.summary == "My careful analysis"


def test_an_in_place_save_updates_the_parts_it_touched(site: Site) -> None:
    ref = site.declare()
    rita = site.as_("rita")
    rita.get(f"/incidents/{ref}")
    version = get_incident(site.ctx, ref).version
    change = {
        "version": str(version),
        "title": "Checkout API returning 502s",
        "summary": "",
        "severity": "1",
        "status": "monitoring",
        "visibility": "public",
        "reason": "",
    }
    answer = rita.post(f"/incidents/{ref}/overview", change, htmx=True)
    assert answer.status_code == 200
    assert answer.text.count('hx-swap-oob="true"') == 3  # milestones, timeline, audit log
    assert f'input.version[value="{version}"]' in answer.text
    assert f'value="{version + 1}" class="version"' in answer.text
    incident = get_incident(site.ctx, ref)
    assert incident.status.value == "monitoring" and incident.severity == 1
    assert incident.milestones.mitigated is not None


def test_the_preview_renders_markdown_safely_and_saves_nothing(site: Site) -> None:
    ref = site.declare()
    rita = site.as_("rita")
    rita.get(f"/incidents/{ref}")
    text = "The **pool** was too small <script>alert(1)</script>"
    data = {"version": "1", "text": text, "action": "preview"}
    answer = rita.post(f"/incidents/{ref}/analysis/root-cause", data, htmx=True)
    assert answer.status_code == 200
    assert "<strong>pool</strong>" in answer.text
    assert "<script>alert" not in answer.text
    assert "Preview" in answer.text and "not saved yet" in answer.text
    assert get_incident(site.ctx, ref).analysis.root_cause.summary is None


def test_analysis_lists_are_read_back_from_markdown(site: Site) -> None:
    ref = site.declare()
    rita = site.as_("rita")
    rita.get(f"/incidents/{ref}")
    whys = "1. Why did it fail?\n   The pool was full.\n2. Why was it full?\n   Leaked connections."
    rita.post(f"/incidents/{ref}/analysis/five-whys", {"version": "1", "text": whys})
    incident = get_incident(site.ctx, ref)
    assert [(w.question, w.answer) for w in incident.analysis.five_whys] == [
        ("Why did it fail?", "The pool was full."),
        ("Why was it full?", "Leaked connections."),
    ]
    page = rita.get(f"/incidents/{ref}")
    shown = form_value(page.text, "text", id="an-five-whys-text")
    assert shown == whys
    assert "Why did it fail?\n   The pool was full." in page.text


def test_action_items_are_added_and_edited_in_place(site: Site) -> None:
    ref = site.declare()
    rita = site.as_("rita")
    rita.get(f"/incidents/{ref}")
    empty = {"version": "1", "title": "", "owner": "rita", "priority": "high"}
    answer = rita.post(f"/incidents/{ref}/action-items", empty, htmx=True)
    assert answer.status_code == 422
    assert "needs a title" in error_next_to(answer.text, "ai-new-title")
    assert form_value(answer.text, "owner") == "rita"
    added = rita.post(f"/incidents/{ref}/action-items", {**empty, "title": "Add a pool alert"})
    assert added.status_code == 200 and "AI-1" in added.text
    version = str(get_incident(site.ctx, ref).version)
    wont = {
        "version": version,
        "title": "Add a pool alert",
        "owner": "rita",
        "due": "",
        "priority": "high",
        "status": "wont_do",
        "reason": "",
        "ticket": "",
    }
    answer = rita.post(f"/incidents/{ref}/action-items/AI-1", wont, htmx=True)
    assert answer.status_code == 422
    assert "won't do needs a reason" in error_next_to(answer.text, "ai-AI-1-reason")
    done = rita.post(f"/incidents/{ref}/action-items/AI-1", {**wont, "status": "done"}, htmx=True)
    assert done.status_code == 200 and 'id="ai-AI-1"' in done.text
    assert get_incident(site.ctx, ref).action_items[0].status.value == "done"


def test_a_planted_pre_sign_in_cookie_does_not_make_a_valid_token(site: Site) -> None:
    import hashlib
    import hmac

    ref = site.declare()
    rita = site.as_("rita")
    rita.client.cookies.set("warroom_csrf", "planted")
    forged = hmac.new(b"planted", b"warroom-csrf-v1", hashlib.sha256).hexdigest()
    entry = {"text": "forged", "version": "1", "csrf_token": forged}
    assert rita.post(f"/incidents/{ref}/timeline", entry, csrf=False).status_code == 403
