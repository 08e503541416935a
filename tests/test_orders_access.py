"""Who may see and do what with requests, quotes, orders, messages, files and reviews.

Every private object x every persona x every action. Outsiders get 404, so nobody learns
that a private thing exists; anonymous visitors are sent to log in (the same for any id).
"""

# ruff: noqa: E501 (the access table reads best one row per line)
from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from orders import services
from orders.files import clean_attachment
from orders.models import Quote
from producers.models import Bay

from .factories import make_hub, make_market, make_quote, make_request
from .object_storage import PRIVATE

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "other_buyer", "unrelated", "invited", "matching", "staff", "buyer"]
PDF = b"%PDF-1.4\n%%EOF\n"


def _pdf(name="spec.pdf"):
    return clean_attachment(SimpleUploadedFile(name, PDF))


@pytest.fixture
def world():
    m = make_market()
    m.open_request = make_request(m.buyer, files=[_pdf()])
    m.invite_request = make_request(
        m.buyer, title="Invite-only brackets", visibility="invited", invite=[m.invited]
    )
    services.attach_files([_pdf("invite.pdf")], by=m.buyer, job_request=m.invite_request)
    m.draft_request = make_request(m.buyer, title="Draft shelves", publish=False)
    m.quote = make_quote(m.open_request, m.matching, files=[_pdf("quote.pdf")])
    m.message = services.message_send(
        job=m.open_request,
        producer=m.matching,
        by=m.buyer,
        from_buyer=True,
        body="Can you do walnut?",
        files=[_pdf("message.pdf")],
    )
    # A second request, quoted and accepted: its order, completed and reviewed.
    ordered = make_request(m.buyer, title="Signage letters")
    order = services.quote_accept(quote=make_quote(ordered, m.matching), by=m.buyer)
    m.order = order
    done = make_request(m.buyer, title="Done job")
    m.done_order = services.quote_accept(quote=make_quote(done, m.matching), by=m.buyer)
    services.order_mark_ready(order=m.done_order, by=m.matching_owner)
    services.order_complete(order=m.done_order, by=m.buyer)
    m.review = services.review_create(
        order=m.done_order, by=m.buyer, quality=5, speed=5, communication=4, text="Good"
    )
    m.report, _created = services.report_create(
        reporter=m.other_buyer, target=m.review, reason="spam", note=""
    )
    # A bay of a hub the unrelated workshop's owner manages, asked about by the other buyer.
    m.bay = Bay.objects.create(
        hub=make_hub(m.unrelated_owner), name="Bay 1", size_sqm=12, monthly_price=400
    )
    m.bay_enquiry = services.bay_enquiry_send(bay=m.bay, by=m.other_buyer, body="Free?").enquiry
    m.users = {
        "anonymous": None,
        "buyer": m.buyer,
        "other_buyer": m.other_buyer,
        "matching": m.matching_owner,
        "invited": m.invited_owner,
        "unrelated": m.unrelated_owner,
        "staff": m.staff,
    }
    return m


def _future(days):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _quote_data():
    return {"price": "99", "ready_by": _future(5), "valid_until": _future(9), "note": "x"}


# (name, method, route, args(world), data(world), {persona: status}); the URL is the route
# reversed with those args. Unlisted logged-in personas expect 404 and anonymous expects the
# login redirect.
TABLE = [
    ("open request: view", "get", "orders:request_detail", lambda w: [w.open_request.pk], None,
     {"buyer": 200, "matching": 200, "staff": 200}),
    ("invite-only request: view", "get", "orders:request_detail", lambda w: [w.invite_request.pk], None,
     {"buyer": 200, "invited": 200, "staff": 200}),
    ("open request: edit form", "get", "orders:request_edit", lambda w: [w.invite_request.pk], None,
     {"buyer": 200}),
    ("open request: cancel form", "get", "orders:request_cancel", lambda w: [w.open_request.pk], None,
     {"buyer": 200}),
    ("draft request: view", "get", "orders:request_detail", lambda w: [w.draft_request.pk], None,
     {"buyer": 200, "staff": 200}),
    ("draft request: delete form", "get", "orders:request_delete", lambda w: [w.draft_request.pk], None,
     {"buyer": 200}),
    ("draft request: delete", "post", "orders:request_delete", lambda w: [w.draft_request.pk], {},
     {"buyer": 302}),
    ("open request: publish", "post", "orders:request_publish", lambda w: [w.open_request.pk], {},
     {"buyer": 302}),
    ("open request: invite", "post", "orders:request_invite", lambda w: [],
     lambda w: {"request": w.open_request.pk, "producer": w.unrelated.slug}, {"buyer": 302}),
    ("open request: decline", "post", "orders:request_decline", lambda w: [w.open_request.pk],
     {"reason": "capacity"}, {"matching": 302}),
    ("invite-only request: quote", "post", "orders:quote_create", lambda w: [w.invite_request.pk],
     _quote_data(), {"invited": 302}),
    ("open request: quote", "post", "orders:quote_create", lambda w: [w.open_request.pk],
     _quote_data(), {"matching": 302}),
    ("quote: revise form", "get", "orders:quote_revise", lambda w: [w.quote.pk], None,
     {"matching": 200}),
    ("quote: withdraw", "post", "orders:quote_withdraw", lambda w: [w.quote.pk], {},
     {"matching": 302}),
    ("quote: accept confirmation", "get", "orders:quote_accept", lambda w: [w.quote.pk], None,
     {"buyer": 200}),
    ("quote: accept", "post", "orders:quote_accept", lambda w: [w.quote.pk], {},
     {"buyer": 302}),
    ("quote file: download", "get", "orders:file", lambda w: [w.quote.attachments.get().uuid], None,
     {"buyer": 200, "matching": 200, "staff": 200}),
    ("request file: download", "get", "orders:file", lambda w: [w.open_request.attachments.get().uuid], None,
     {"buyer": 200, "matching": 200, "staff": 200}),
    ("invite-only file: download", "get", "orders:file", lambda w: [w.invite_request.attachments.get().uuid], None,
     {"buyer": 200, "invited": 200, "staff": 200}),
    ("message thread: view", "get", "orders:thread", lambda w: [w.open_request.pk, w.matching.slug],
     None, {"buyer": 200, "matching": 200, "staff": 200}),
    ("message thread: send", "post", "orders:thread", lambda w: [w.open_request.pk, w.matching.slug],
     {"body": "hello"}, {"buyer": 302, "matching": 302}),
    ("message file: download", "get", "orders:file", lambda w: [w.message.attachments.get().uuid], None,
     {"buyer": 200, "matching": 200, "staff": 200}),
    ("listing dashboard: view", "get", "orders:dashboard_listing", lambda w: [w.matching.slug], None,
     {"matching": 200}),
    ("order: view", "get", "orders:order_detail", lambda w: [w.order.pk], None,
     {"buyer": 200, "matching": 200, "staff": 200}),
    ("order: first piece answer", "post", "orders:order_first_piece_answer", lambda w: [w.order.pk],
     {"decision": "approve"}, {"buyer": 302}),
    ("order: first piece", "post", "orders:order_first_piece", lambda w: [w.order.pk], {},
     {"matching": 200}),
    ("order: cancel", "post", "orders:order_cancel", lambda w: [w.order.pk], {"reason": ""},
     {"buyer": 200, "matching": 200}),
    ("order: ready", "post", "orders:order_ready", lambda w: [w.order.pk], {},
     {"matching": 302}),
    ("order: complete", "post", "orders:order_complete", lambda w: [w.order.pk], {},
     {"buyer": 302}),
    ("review: create", "post", "orders:review_create", lambda w: [w.done_order.pk],
     {"quality": "5", "speed": "5", "communication": "5", "text": "again"}, {"buyer": 302}),
    ("review: reply", "post", "orders:review_reply", lambda w: [w.review.pk],
     {"reply": "Thanks"}, {"matching": 302}),
    ("review: report form", "get", "orders:report", lambda w: ["review", w.review.pk], None,
     {p: 200 for p in PERSONAS if p != "anonymous"}),
    ("message: report form", "get", "orders:report", lambda w: ["message", w.message.pk], None,
     {"buyer": 200, "matching": 200, "staff": 200}),
    ("open request: report form", "get", "orders:report", lambda w: ["request", w.open_request.pk], None,
     {"buyer": 200, "matching": 200, "staff": 200}),
    ("invite-only request: report", "post", "orders:report", lambda w: ["request", w.invite_request.pk],
     {"reason": "spam"}, {"buyer": 302, "invited": 302, "staff": 302}),
    ("bay: ask form", "get", "orders:bay_enquiry_create", lambda w: [w.bay.pk], None,
     {p: 200 for p in PERSONAS if p not in ("anonymous", "unrelated")}),
    ("bay enquiry: view", "get", "orders:bay_enquiry", lambda w: [w.bay_enquiry.pk], None,
     {"other_buyer": 200, "unrelated": 200}),
    ("bay enquiry: send", "post", "orders:bay_enquiry", lambda w: [w.bay_enquiry.pk],
     {"body": "Still free?"}, {"other_buyer": 302, "unrelated": 302}),
    ("moderation queue: view", "get", "orders:moderation_queue", lambda w: [], None,
     {"staff": 200}),
    ("moderation report: view", "get", "orders:moderation_report", lambda w: [w.report.pk], None,
     {"staff": 200}),
    ("moderation report: act", "post", "orders:moderation_report", lambda w: [w.report.pk],
     {"action": "dismiss", "reason": "Fair review"}, {"staff": 302}),
]  # fmt: skip


@pytest.mark.parametrize("row", TABLE, ids=[row[0] for row in TABLE])
def test_access_table(client, world, row):
    _check_row(client, world, row)


FILE_ROWS = [row for row in TABLE if row[2] == "orders:file"]


@pytest.mark.parametrize("row", FILE_ROWS, ids=[row[0] for row in FILE_ROWS])
def test_files_in_the_private_bucket_follow_the_same_access_table(
    client, bucket_storages, world, row
):
    assert (
        len(bucket_storages.objects(PRIVATE)) == 4
    )  # the world's request, quote and message files
    _check_row(client, world, row)


def _check_row(client, world, row):
    _name, method, route, args, data, allowed = row
    target = reverse(route, args=args(world))
    payload = data(world) if callable(data) else data
    # Allowed personas go last: their action may change the object for whoever comes next.
    for persona in sorted(PERSONAS, key=lambda p: p in allowed):
        client.logout()
        if world.users[persona]:
            client.force_login(world.users[persona])
        response = (
            getattr(client, method)(target, payload)
            if payload is not None
            else (getattr(client, method)(target))
        )
        if persona == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, persona
        else:
            assert response.status_code == allowed.get(persona, 404), (persona, target)


def test_outsiders_change_nothing_when_they_try(client, world):
    quote = world.quote
    for persona in ("other_buyer", "unrelated", "invited", "staff"):
        client.force_login(world.users[persona])
        client.post(reverse("orders:quote_accept", args=[quote.pk]))
        client.post(reverse("orders:quote_withdraw", args=[quote.pk]))
        client.post(reverse("orders:order_cancel", args=[world.order.pk]), {"reason": "mine now"})
    quote.refresh_from_db()
    world.order.refresh_from_db()
    assert quote.status == Quote.Status.ACTIVE
    assert world.order.status == "production"


@pytest.fixture(params=["disk", "bucket"])
def media(request):
    """Each file test runs on the folders of one server and on SeaweedFS's buckets."""
    if request.param == "bucket":
        request.getfixturevalue("bucket_storages")
    return request.param


def test_downloads_are_attachments_never_rendered_inline(client, media, world):
    client.force_login(world.buyer)
    response = client.get(world.open_request.attachments.get().get_absolute_url())
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF


def test_private_request_words_never_reach_public_pages_or_other_peoples_email(
    client, world, django_capture_on_commit_callbacks
):
    from django.core import mail

    secret = "Zanzibarquux"
    with django_capture_on_commit_callbacks(execute=True):
        job = make_request(
            world.buyer, title=f"{secret} brackets", visibility="invited", invite=[world.invited]
        )
    assert all(
        secret not in m.subject + m.body for m in mail.outbox if m.to != ["ivan@example.com"]
    )
    client.logout()
    for url in ["/", "/sitemap.xml", world.matching.get_absolute_url()]:
        assert secret not in client.get(url).content.decode(), url
    # The search echoes the words typed, and finds nothing for them.
    found = client.get("/search/", {"q": secret}).content.decode()
    assert 'class="empty-result"' in found and "brackets" not in found
    client.force_login(world.matching_owner)
    assert secret not in client.get(reverse("orders:board") + "?fit=all").content.decode()
    assert client.get(job.get_absolute_url()).status_code == 404


def _routes(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            yield from _routes(entry, prefix + namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name


# Routes of the orders app that are not about one private object: covered by their own tests.
PUBLIC_OR_OWN = {
    "orders:request_create",  # login, then anyone may post
    "orders:request_matches",  # counts of published listings only
    "orders:board",  # only requests the person's producer may see
    "orders:dashboard",  # only the person's own things
    "orders:notifications",  # only the person's own notifications
    "orders:email_preferences",  # only the person's own email choices
    "orders:unsubscribe",  # a signed link names its person; forged ones get 404
    "orders:demand",  # aggregates of 3+ people only (tests/test_demand.py)
    "orders:demand_csv",  # the same table as CSV
}


def test_every_orders_route_is_in_the_access_table_or_listed_as_public():
    tested = {route for _name, _method, route, *_rest in TABLE}
    routes = {name for name in _routes(get_resolver()) if name.startswith("orders:")}
    assert routes - tested - PUBLIC_OR_OWN == set()
    # A route is covered once: by the table, or by the list of public ones.
    assert tested & PUBLIC_OR_OWN == set()
