"""The whole marketplace loop through the Django test client: post, quote, accept, make,
complete, review; with what each side sees and what the database holds at each step."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from orders.models import Attachment, JobRequest, Lead, Notification, Order, Quote, Review

from .factories import make_market, make_portland, make_quote, make_request

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def market():
    make_portland()
    return make_market()


def _request_form(market, **changes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "title": "500 kraft pastry boxes",
        "description": "Our logo laser-engraved on the lid.",
        "capability": market.matching.capabilities.first().pk,
        "quantity": "500",
        "needed_by": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "budget_min": "200",
        "budget_max": "600",
        "place": "Portland, OR",
        "handover": "pickup",
        "radius_km": "25",
        "visibility": "open",
        "action": "publish",
        "files": SimpleUploadedFile("lid drawing.pdf", PDF, content_type="application/pdf"),
    }
    return data | changes


def test_business_posts_a_request_with_a_file_and_matching_workshops_are_told(
    client, market, django_capture_on_commit_callbacks
):
    client.force_login(market.buyer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("orders:request_create"), _request_form(market))
    job = JobRequest.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == "open" and job.buyer == market.buyer and job.published_at
    assert job.place_label.startswith("Portland")
    assert job.attachments.get().name == "lid drawing.pdf"
    # Only the laser cutter within 25 km was reached: not the sewing shop, not Seattle.
    assert list(Lead.objects.values_list("producer__name", flat=True)) == ["Kerf Laser"]
    assert Notification.objects.get().user == market.matching_owner
    assert [m.to for m in mail.outbox] == [["mia@example.com"]]
    assert "500 kraft pastry boxes" in mail.outbox[0].subject
    assert "/account/unsubscribe/" in mail.outbox[0].body

    page = client.get(job.get_absolute_url())
    assert "1 workshop reached" in page.content.decode()


def test_the_full_loop_from_quote_to_review_on_the_profile(client, market):
    job = make_request(market.buyer)
    # The producer finds it on the board and quotes.
    client.force_login(market.matching_owner)
    board = client.get(reverse("orders:board"))
    assert job.title in board.content.decode()
    ready_by = timezone.localdate() + timedelta(days=9)
    response = client.post(
        reverse("orders:quote_create", args=[job.pk]),
        {
            "price": "240.00",
            "ready_by": ready_by.isoformat(),
            "valid_until": (timezone.localdate() + timedelta(days=14)).isoformat(),
            "note": "Includes engraving setup.",
        },
    )
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert quote.price == Decimal("240.00") and quote.status == "active"
    assert quote.revisions.count() == 1

    # The business compares and accepts.
    client.force_login(market.buyer)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Kerf Laser" in page and "$240.00" in page and "Includes engraving setup." in page
    confirm = client.get(reverse("orders:quote_accept", args=[quote.pk])).content.decode()
    assert "Kerf Laser" in confirm and "$240.00" in confirm and "Confirm and start" in confirm
    assert not Order.objects.exists(), "the confirmation page accepts nothing"
    response = client.post(reverse("orders:quote_accept", args=[quote.pk]))
    order = Order.objects.get()
    assert response.url == order.get_absolute_url()
    job.refresh_from_db()
    quote.refresh_from_db()
    assert job.status == "ordered" and quote.status == "accepted"
    again = client.get(reverse("orders:quote_accept", args=[quote.pk]))
    assert again.status_code == 302 and again.url == job.get_absolute_url()
    assert order.status == "production" and order.price == Decimal("240.00")

    # The producer marks it ready; the business confirms and reviews.
    client.force_login(market.matching_owner)
    client.post(reverse("orders:order_ready", args=[order.pk]), {"note": "On the shelf."})
    order.refresh_from_db()
    assert order.status == "ready"
    client.force_login(market.buyer)
    client.post(reverse("orders:order_complete", args=[order.pk]))
    order.refresh_from_db()
    assert order.status == "completed" and order.completed_at
    response = client.post(
        reverse("orders:review_create", args=[order.pk]),
        {"quality": "5", "speed": "4", "communication": "5", "text": "Crisp engraving."},
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.quality, review.speed, review.communication) == (5, 4, 5)

    # The producer replies once; the profile shows the review, averages and response time.
    client.force_login(market.matching_owner)
    client.post(reverse("orders:review_reply", args=[review.pk]), {"reply": "Thank you!"})
    second = client.post(reverse("orders:review_reply", args=[review.pk]), {"reply": "Again"})
    review.refresh_from_db()
    assert review.reply == "Thank you!"
    assert second.status_code == 302
    client.logout()
    profile = client.get(market.matching.get_absolute_url()).content.decode()
    assert "Crisp engraving." in profile and "Thank you!" in profile
    assert "Rated 4.7 / 5 from 1 review" in profile
    assert "usually answers within" in profile
    timeline = [e.text for e in order.events.all()]
    assert timeline == [
        "Quote accepted; in production",
        "Ready to collect",
        "Received and completed",
    ]


def test_first_piece_must_be_approved_before_the_order_is_ready(client, market):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    job = make_request(market.buyer)
    quote = make_quote(job, market.matching)
    from orders import services

    order = services.quote_accept(quote=quote, by=market.buyer)
    buffer = BytesIO()
    Image.new("RGB", (64, 48), "orange").save(buffer, "PNG")
    photo = SimpleUploadedFile("first.png", buffer.getvalue(), content_type="image/png")

    client.force_login(market.matching_owner)
    client.post(reverse("orders:order_first_piece", args=[order.pk]), {"photo": photo})
    order.refresh_from_db()
    assert order.first_piece == "pending"
    assert Attachment.objects.get(order=order).kind == "image"
    refused = client.post(reverse("orders:order_ready", args=[order.pk]), follow=True)
    assert "has not approved the first piece" in refused.content.decode()
    order.refresh_from_db()
    assert order.status == "production"

    client.force_login(market.buyer)
    missing_note = client.post(
        reverse("orders:order_first_piece_answer", args=[order.pk]), {"decision": "changes"}
    )
    assert "Say what should change." in missing_note.content.decode()
    client.post(
        reverse("orders:order_first_piece_answer", args=[order.pk]), {"decision": "approve"}
    )
    order.refresh_from_db()
    assert order.first_piece == "approved"
    client.force_login(market.matching_owner)
    client.post(reverse("orders:order_ready", args=[order.pk]))
    order.refresh_from_db()
    assert order.status == "ready"


def test_invite_only_request_reaches_only_the_invited_workshop(
    client, market, django_capture_on_commit_callbacks
):
    client.force_login(market.buyer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("orders:request_create") + f"?invite={market.invited.slug}",
            _request_form(market, visibility="invited", invite=[market.invited.slug]),
        )
    job = JobRequest.objects.get()
    assert job.visibility == "invited" and job.status == "open"
    assert list(job.leads.values_list("producer__name", "invited")) == [("Far CNC", True)]
    assert [m.to for m in mail.outbox] == [["ivan@example.com"]]
    client.force_login(market.matching_owner)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert job.title not in client.get(reverse("orders:board")).content.decode()
    client.force_login(market.invited_owner)
    assert client.get(job.get_absolute_url()).status_code == 200


def test_request_a_quote_button_on_a_profile_starts_an_invite_only_request(client, market):
    client.force_login(market.buyer)
    profile = client.get(market.invited.get_absolute_url()).content.decode()
    assert f"/requests/new/?invite={market.invited.slug}" in profile
    page = client.get(reverse("orders:request_create"), {"invite": market.invited.slug})
    body = page.content.decode()
    assert "Far CNC" in body and 'value="invited" required id="id_visibility_1" checked' in body


def test_form_errors_are_shown_beside_the_field_and_what_was_typed_is_kept(client, market):
    client.force_login(market.buyer)
    data = _request_form(
        market,
        place="Nowhereville Zzz",
        quantity="0",
        needed_by="2001-01-01",
        budget_min="900",
        budget_max="100",
    )
    response = client.post(reverse("orders:request_create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "We could not find this place" in body
    assert "Choose a date from today on." in body
    assert "The upper end must be at least the lower end." in body
    assert 'value="500 kraft pastry boxes"' in body and 'value="Nowhereville Zzz"' in body
    assert JobRequest.objects.count() == 0 and Attachment.objects.count() == 0


def test_a_renamed_or_foreign_file_is_refused_with_a_message_and_nothing_saved(client, market):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(market.buyer)
    for name, content in [
        ("drawing.pdf", b"<html><script>alert(1)</script>"),
        ("tool.exe", b"MZ\x90\x00"),
        ("cut.svg", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("plan.dxf", b"hello"),
    ]:
        upload = SimpleUploadedFile(name, content)
        response = client.post(
            reverse("orders:request_create"), _request_form(market, files=upload)
        )
        assert response.status_code == 200, name
        assert "is not a file we take" in response.content.decode() or "does not look like" in (
            response.content.decode()
        )
    assert JobRequest.objects.count() == 0 and Attachment.objects.count() == 0


def test_draft_is_private_and_publishing_later_notifies(client, market):
    client.force_login(market.buyer)
    client.post(reverse("orders:request_create"), _request_form(market, action="draft"))
    job = JobRequest.objects.get()
    assert job.status == "draft" and job.leads.count() == 0
    client.force_login(market.matching_owner)
    assert client.get(job.get_absolute_url()).status_code == 404
    client.force_login(market.buyer)
    client.post(reverse("orders:request_publish", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "open" and job.leads.count() == 1


def test_request_can_be_edited_until_its_first_quote(client, market):
    job = make_request(market.buyer)
    client.force_login(market.buyer)
    data = _request_form(market, title="600 boxes now")
    del data["files"]
    client.post(reverse("orders:request_edit", args=[job.pk]), data)
    job.refresh_from_db()
    assert job.title == "600 boxes now"
    make_quote(job, market.matching)
    response = client.post(
        reverse("orders:request_edit", args=[job.pk]), data | {"title": "Changed"}, follow=True
    )
    assert "can no longer be edited" in response.content.decode()
    job.refresh_from_db()
    assert job.title == "600 boxes now"


def test_cancelling_a_request_needs_a_reason_and_tells_the_quoting_workshops(client, market):
    job = make_request(market.buyer)
    quote = make_quote(job, market.matching)
    client.force_login(market.buyer)
    empty = client.post(reverse("orders:request_cancel", args=[job.pk]), {"reason": ""})
    assert "This field is required." in empty.content.decode()
    client.post(reverse("orders:request_cancel", args=[job.pk]), {"reason": "Plans changed"})
    job.refresh_from_db()
    quote.refresh_from_db()
    assert job.status == "cancelled" and job.cancel_reason == "Plans changed"
    assert quote.status == "declined"
    assert Notification.objects.filter(
        user=market.matching_owner, title__startswith="Request cancelled"
    ).exists()


def test_expired_requests_take_no_quotes_and_leave_the_board(client, market, time_machine):
    job = make_request(market.buyer)
    time_machine.move_to(timezone.now() + timedelta(days=30))
    client.force_login(market.matching_owner)
    assert job.title not in client.get(reverse("orders:board")).content.decode()
    job.refresh_from_db()
    assert job.is_expired and job.shown_status == "Expired"
    from orders import services

    with pytest.raises(services.TransitionError):
        make_quote(job, market.matching)
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("expire_requests", stdout=out)
    assert "Expired 1 request(s)." in out.getvalue()
    job.refresh_from_db()
    assert job.status == "expired"


def test_producer_declines_with_a_reason_the_buyer_sees(client, market):
    job = make_request(market.buyer)
    client.force_login(market.matching_owner)
    client.post(
        reverse("orders:request_decline", args=[job.pk]),
        {"reason": "deadline", "note": "Booked solid."},
    )
    client.force_login(market.buyer)
    body = client.get(job.get_absolute_url()).content.decode()
    assert "Deadline too short" in body and "Booked solid." in body


def test_messages_thread_between_buyer_and_producer_with_read_state(
    client, market, django_capture_on_commit_callbacks
):
    job = make_request(market.buyer)
    client.force_login(market.matching_owner)
    url = reverse("orders:thread", args=[job.pk, market.matching.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"body": "Which font for the logo?"})
    assert mail.outbox[-1].to == ["bea@example.com"]
    lead = Lead.objects.get(job_request=job, producer=market.matching)
    assert lead.first_response_at is not None
    client.force_login(market.buyer)
    detail = client.get(job.get_absolute_url()).content.decode()
    assert "new</span>" in detail
    thread_page = client.get(url).content.decode()
    assert "Which font for the logo?" in thread_page
    detail = client.get(job.get_absolute_url()).content.decode()
    assert "new</span>" not in detail


def test_notifications_list_and_email_preferences_with_unsubscribe(
    client, market, django_capture_on_commit_callbacks
):
    client.force_login(market.matching_owner)
    client.post(reverse("orders:email_preferences"), {"email": ["quote", "order"]})
    market.matching_owner.refresh_from_db()
    assert "new_request" in market.matching_owner.email_muted
    with django_capture_on_commit_callbacks(execute=True):
        job = make_request(market.buyer)
    assert mail.outbox == []  # muted by email, still in the app:
    page = client.get(reverse("orders:notifications")).content.decode()
    assert job.title in page
    client.post(reverse("orders:notifications"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()

    # The buyer unsubscribes from quote emails through the link in one.
    with django_capture_on_commit_callbacks(execute=True):
        make_quote(job, market.matching)
    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/account/unsubscribe/" in line
    )
    path = link[link.index("/account/unsubscribe/") :]
    client.logout()
    assert "Unsubscribe?" in client.get(path).content.decode()
    market.buyer.refresh_from_db()
    assert market.buyer.email_muted == []  # a GET (a mail scanner) changes nothing
    client.post(path)
    market.buyer.refresh_from_db()
    assert market.buyer.email_muted == ["quote"]
    assert client.get("/account/unsubscribe/forged-token/").status_code == 404


def test_dashboards_show_each_side_its_requests_quotes_orders_and_figures(client, market):
    job = make_request(market.buyer)
    quote = make_quote(job, market.matching)
    from orders import services

    services.quote_accept(quote=quote, by=market.buyer)
    client.force_login(market.buyer)
    body = client.get(reverse("orders:dashboard")).content.decode()
    assert job.title in body and "Quote accepted" in body and "In production" in body
    client.force_login(market.matching_owner)
    body = client.get(reverse("orders:dashboard")).content.decode()
    assert "Kerf Laser" in body and "100%</strong> win rate" in body
    assert "1</strong> quote sent" in body


def test_seed_demo_adds_open_requests_quotes_an_order_in_each_state_and_reviews(client):
    from django.core.management import call_command

    from hubdir.accounts.models import User
    from producers.demo import DEMO_PASSWORD
    from producers.services import catalogue_load

    catalogue_load()
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # idempotent
    # The demo buyer's; the demand map's residents ask for things nobody here makes.
    buyer = User.objects.get(email="buyer@demo.hubdir.test")
    assert JobRequest.objects.filter(buyer=buyer, status="open").count() == 3
    assert JobRequest.objects.filter(buyer=buyer, status="draft").count() == 1
    assert sorted(Order.objects.values_list("status", flat=True)) == [
        "cancelled",
        *["completed"] * 5,
        "production",
        "ready",
    ]
    assert Review.objects.count() == 5 and Review.objects.exclude(reply="").exists()
    assert Quote.objects.filter(version=2).exists()
    buyer = User.objects.get(email="buyer@demo.hubdir.test")
    assert buyer.check_password(DEMO_PASSWORD)
    client.force_login(buyer)
    body = client.get(reverse("orders:dashboard")).content.decode()
    assert "40 engraved walnut coasters" in body and "Completed" in body


def test_reviews_set_the_search_rating_and_listing_edits_keep_it(market):
    from orders import services
    from producers.models import ProducerSearch

    job = make_request(market.buyer)
    order = services.quote_accept(quote=make_quote(job, market.matching), by=market.buyer)
    services.order_mark_ready(order=order, by=market.matching_owner)
    services.order_complete(order=order, by=market.buyer)
    services.review_create(
        order=order, by=market.buyer, quality=5, speed=4, communication=3, text="OK"
    )
    row = ProducerSearch.objects.get(producer=market.matching)
    assert row.rating == pytest.approx(4.0)
    market.matching.tagline = "Now with a bigger bed"
    market.matching.save()
    assert ProducerSearch.objects.get(producer=market.matching).rating == pytest.approx(4.0)
    assert ProducerSearch.objects.get(producer=market.invited).rating is None


def test_publishing_an_invite_only_request_without_invitations_keeps_the_form(client, market):
    client.force_login(market.buyer)
    response = client.post(
        reverse("orders:request_create"), _request_form(market, visibility="invited")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Invite at least one workshop" in body
    assert 'value="500 kraft pastry boxes"' in body
    assert JobRequest.objects.count() == 0 and Attachment.objects.count() == 0


def test_a_producer_sees_by_default_every_request_it_was_told_about(
    client, market, django_capture_on_commit_callbacks
):
    from django.core import mail

    # Below the laser cutter's minimum and in a material it does not list: still a match.
    market.matching.producer_capabilities.update(min_quantity=100)
    with django_capture_on_commit_callbacks(execute=True):
        job = make_request(market.buyer)
    told = [m for m in mail.outbox if m.to == ["mia@example.com"]]
    assert told and job.title in told[0].subject
    client.force_login(market.matching_owner)
    board = client.get(reverse("orders:board")).content.decode()
    assert job.title in board
    assert 'id="fit-mine" value="mine" checked' in board


def test_the_narrower_view_links_back_to_every_match_with_the_other_filters_kept(client, market):
    market.matching.producer_capabilities.update(min_quantity=100)
    job = make_request(market.buyer)  # 40 pieces: below the minimum
    client.force_login(market.matching_owner)
    empty = client.get(reverse("orders:board"), {"within": "25", "fit": "setup"}).content.decode()
    assert job.title not in empty
    assert "Show every request that matches your capabilities (1)" in empty
    assert f'href="?within=25&amp;fit=mine&amp;as={market.matching.slug}"' in empty
    everything = client.get(reverse("orders:board"), {"within": "25", "fit": "mine"})
    assert job.title in everything.content.decode()


def test_win_rate_counts_only_decided_quotes_and_the_dashboard_shows_totals_first(
    client, market, django_capture_on_commit_callbacks
):
    from orders import services
    from orders.models import Quote

    owner = market.matching_owner
    won = [make_request(market.buyer, title=f"Won {i}") for i in range(4)]
    for job in won:
        services.quote_accept(quote=make_quote(job, market.matching), by=market.buyer)
    for i in range(3):
        make_quote(make_request(market.buyer, title=f"Waiting {i}"), market.matching)
    lost = make_quote(make_request(market.buyer, title="Lost"), market.matching)
    Quote.objects.filter(pk=lost.pk).update(status=Quote.Status.DECLINED)
    lapsed = make_quote(make_request(market.buyer, title="Lapsed"), market.matching)
    Quote.objects.filter(pk=lapsed.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    client.force_login(owner)
    body = client.get(reverse("orders:dashboard")).content.decode()
    # 4 won out of 6 decided (4 won, 1 not chosen, 1 expired); the 3 waiting count neither way.
    assert "67%</strong> win rate" in body
    assert "<strong>4</strong> won, <strong>3</strong> waiting" in body
    detail = client.get(reverse("orders:dashboard_listing", args=[market.matching.slug]))
    text = detail.content.decode()
    assert detail.status_code == 200 and "Won 3" in text and "Latest orders" in text


def test_someone_managing_two_listings_keeps_acting_for_the_one_they_chose(client, market):
    from orders.models import Quote
    from producers.models import Membership

    from .factories import make_producer

    owner = market.matching_owner
    second = make_producer(owner, name="Kerf Annex")
    Membership.objects.get_or_create(user=owner, producer=second, defaults={"role": "owner"})
    job = make_request(market.buyer)
    first_quote = make_quote(job, market.matching)  # an earlier quote as the first listing
    client.force_login(owner)
    response = client.post(
        reverse("orders:quote_create", args=[job.pk]),
        {
            "as": second.slug,
            "price": "80",
            "ready_by": (timezone.localdate() + timedelta(days=5)).isoformat(),
            "valid_until": (timezone.localdate() + timedelta(days=9)).isoformat(),
            "note": "From the annex",
        },
    )
    assert response.status_code == 302 and response.url.endswith(f"?as={second.slug}")
    page = client.get(response.url).content.decode()
    assert "Your quote as Kerf Annex" in page and "$80.00" in page
    assert "Withdraw quote of Kerf Annex" in page
    annex_quote = Quote.objects.get(producer=second)
    response = client.post(reverse("orders:quote_withdraw", args=[annex_quote.pk]))
    assert response.url.endswith(f"?as={second.slug}")
    annex_quote.refresh_from_db()
    first_quote.refresh_from_db()
    assert annex_quote.status == Quote.Status.WITHDRAWN
    assert first_quote.status == Quote.Status.ACTIVE


def test_quotes_show_each_workshops_rating_from_shown_reviews_listed_or_not(client, market):
    """Kerf Laser has two reviews, one hidden by a moderator; Far CNC has none. Bea's next
    request compares their quotes: 4.0 for Kerf Laser (the hidden 1-star review left out)
    and "No reviews yet" for Far CNC. Suspended from the directory, Kerf Laser's quote still
    shows its 4.0."""
    from orders import services
    from producers.models import ListingStatus, ProducerSearch

    for stars in (4, 1):
        order = services.quote_accept(
            quote=make_quote(make_request(market.buyer), market.matching), by=market.buyer
        )
        services.order_mark_ready(order=order, by=market.matching_owner)
        services.order_complete(order=order, by=market.buyer)
        services.review_create(
            order=order,
            by=market.buyer,
            quality=stars,
            speed=stars,
            communication=stars,
            text="Fine.",
        )
    Review.objects.filter(quality=1).update(hidden=True)
    job = make_request(market.buyer, title="Coasters again")
    make_quote(job, market.matching, price="100.00")
    make_quote(job, market.invited, price="150.00")
    client.force_login(market.buyer)

    def ratings() -> list[str]:
        html = client.get(job.get_absolute_url()).content.decode()
        return re.findall(r'data-label="Rating">(.*?)</td>', html)

    assert ratings() == ["4.0 / 5", '<span class="muted">No reviews yet</span>']
    market.matching.status = ListingStatus.SUSPENDED
    market.matching.save()
    assert not ProducerSearch.objects.filter(producer=market.matching).exists()
    assert ratings()[0] == "4.0 / 5"


def test_requests_reached_in_30_days_count_when_they_reached_the_workshop(client, market):
    """Kerf Laser's figures: a request published today reaches it; one that reached it 40
    days ago no longer counts; a draft that invited it has not reached it yet; and a draft
    from 40 days ago, invited then and published 5 days ago, reached it 5 days ago."""
    now = timezone.now()
    make_request(market.buyer, title="Today")
    old = make_request(market.buyer, title="Long ago")
    JobRequest.objects.filter(pk=old.pk).update(published_at=now - timedelta(days=40))
    Lead.objects.filter(job_request=old).update(created_at=now - timedelta(days=40))
    invite = {"visibility": "invited", "invite": [market.matching]}
    make_request(market.buyer, title="Still a draft", publish=False, **invite)
    client.force_login(market.matching_owner)
    url = reverse("orders:dashboard_listing", args=[market.matching.slug])

    assert "<strong>1</strong> request reached you" in client.get(url).content.decode()
    late = make_request(market.buyer, title="Published late", publish=False, **invite)
    Lead.objects.filter(job_request=late).update(created_at=now - timedelta(days=40))
    JobRequest.objects.filter(pk=late.pk).update(published_at=now - timedelta(days=5))
    assert Lead.objects.filter(producer=market.matching).count() == 4
    assert "<strong>2</strong> requests reached you" in client.get(url).content.decode()
