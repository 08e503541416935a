"""Reports from signed-in people and the staff moderation queue: dismiss, hide, unpublish,
suspend, warn; who is told, and the log of who did what and why."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from orders import selectors, services
from orders.files import clean_attachment
from orders.models import ModerationAction, Notification, Report
from producers.models import ListingStatus, ProducerSearch

from .factories import UserFactory, make_market, make_portland, make_quote, make_request

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def world():
    make_portland()
    m = make_market()
    m.resident = UserFactory(email="rita@example.com", name="Rita Resident")
    done = make_request(m.buyer, title="Done job")
    order = services.quote_accept(quote=make_quote(done, m.matching), by=m.buyer)
    services.order_mark_ready(order=order, by=m.matching_owner)
    services.order_complete(order=order, by=m.buyer)
    m.review = services.review_create(
        order=order, by=m.buyer, quality=1, speed=1, communication=1, text="Rude and awful"
    )
    m.open_request = make_request(m.buyer, title="Walnut coasters")
    m.message = services.message_send(
        job=m.open_request,
        producer=m.matching,
        by=m.buyer,
        from_buyer=True,
        body="Call me on 555 0100, my home is 12 Elm St",
        files=[clean_attachment(SimpleUploadedFile("home.pdf", PDF))],
    )
    return m


def _report(client, kind, pk, **data):
    return client.post(reverse("orders:report", args=[kind, pk]), {"reason": "abuse"} | data)


def _act(client, report, action, reason="Breaks the rules"):
    return client.post(
        reverse("orders:moderation_report", args=[report.pk]), {"action": action, "reason": reason}
    )


# --- Reporting ---


def test_a_signed_in_resident_reports_a_review_with_a_reason_and_a_note(client, world):
    client.force_login(world.resident)
    page = client.get(reverse("orders:report", args=["review", world.review.pk]))
    assert page.status_code == 200
    assert "Report a review of Kerf Laser" in page.content.decode()
    response = _report(client, "review", world.review.pk, note="Name-calling")
    assert response.status_code == 302
    assert response.url == world.matching.get_absolute_url() + "#reviews"
    report = Report.objects.get()
    assert (report.reporter, report.review, report.reason, report.note) == (
        world.resident,
        world.review,
        "abuse",
        "Name-calling",
    )
    assert "Staff will look at your report" in client.get(response.url).content.decode()


def test_the_profile_offers_a_report_link_for_each_review_and_the_workshop(client, world):
    client.force_login(world.resident)
    html = client.get(world.matching.get_absolute_url()).content.decode()
    assert reverse("orders:report", args=["review", world.review.pk]) in html
    assert reverse("orders:report", args=["producer", world.matching.pk]) in html


def test_a_second_report_by_the_same_person_keeps_one_row_and_says_so(client, world):
    client.force_login(world.resident)
    _report(client, "review", world.review.pk, note="first")
    response = _report(client, "review", world.review.pk, reason="fake", note="second")
    assert Report.objects.count() == 1
    report = Report.objects.get()
    assert (report.reason, report.note) == ("fake", "second")
    assert "You had already reported this" in client.get(response.url).content.decode()


def test_the_database_refuses_two_reports_by_one_person_on_one_object(world):
    Report.objects.create(reporter=world.resident, review=world.review, reason="spam")
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(reporter=world.resident, review=world.review, reason="abuse")
    # Someone else may report it too.
    Report.objects.create(reporter=world.other_buyer, review=world.review, reason="spam")


def test_the_database_refuses_a_report_on_nothing_or_on_two_things(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(reporter=world.resident, reason="spam")
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            reporter=world.resident, review=world.review, producer=world.matching, reason="spam"
        )


def test_a_report_without_a_reason_comes_back_with_the_error_and_the_note_typed(client, world):
    client.force_login(world.resident)
    response = client.post(
        reverse("orders:report", args=["producer", world.matching.pk]), {"note": "My words"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in html and "My words" in html
    assert '<label for="id_note">' in html
    assert Report.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in_before_reporting(client, world):
    response = client.get(reverse("orders:report", args=["review", world.review.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_nobody_reports_what_they_cannot_see(client, world):
    client.force_login(world.resident)
    # A message in a thread the resident is not part of, a private request, a draft listing.
    assert _report(client, "message", world.message.pk).status_code == 404
    assert _report(client, "request", world.open_request.pk).status_code == 404
    world.unrelated.status = ListingStatus.DRAFT
    world.unrelated.save()
    assert _report(client, "producer", world.unrelated.pk).status_code == 404
    assert _report(client, "nonsense", 1).status_code == 404
    assert Report.objects.count() == 0


def test_the_producer_in_a_thread_reports_the_buyers_message(client, world):
    client.force_login(world.matching_owner)
    thread = client.get(world.message.thread.get_absolute_url()).content.decode()
    assert reverse("orders:report", args=["message", world.message.pk]) in thread
    assert _report(client, "message", world.message.pk, reason="private").status_code == 302
    assert Report.objects.get().message == world.message


def test_reports_are_rate_limited_and_only_new_reports_count(client, world, settings):
    settings.POSTING_LIMITS = settings.POSTING_LIMITS | {"reports": "2/h"}
    client.force_login(world.resident)
    assert _report(client, "review", world.review.pk).status_code == 302
    # Repeating the same report changes it and takes no slot.
    assert _report(client, "review", world.review.pk, reason="spam").status_code == 302
    assert _report(client, "producer", world.matching.pk).status_code == 302
    assert _report(client, "producer", world.unrelated.pk).status_code == 429
    assert Report.objects.count() == 2


# --- The queue ---


def test_the_queue_is_a_page_for_staff_and_404_for_everyone_else(client, world):
    services.report_create(reporter=world.resident, target=world.review, reason="abuse", note="")
    report = Report.objects.get()
    for person in (world.resident, world.buyer, world.matching_owner):
        client.force_login(person)
        assert client.get(reverse("orders:moderation_queue")).status_code == 404
        assert client.get(reverse("orders:moderation_report", args=[report.pk])).status_code == 404
        assert _act(client, report, "hide").status_code == 404
    world.review.refresh_from_db()
    assert not world.review.hidden
    client.force_login(world.staff)
    queue = client.get(reverse("orders:moderation_queue")).content.decode()
    assert "A review of Kerf Laser" in queue and "Abuse or harassment" in queue


def test_the_queue_shows_the_reported_review_in_context_with_its_author(client, world):
    services.report_create(
        reporter=world.resident, target=world.review, reason="abuse", note="Insults"
    )
    services.report_create(reporter=world.other_buyer, target=world.review, reason="spam", note="")
    client.force_login(world.staff)
    queue = client.get(reverse("orders:moderation_queue")).content.decode()
    assert "<td>2</td>" in queue  # one row for the review, reported twice
    page = client.get(reverse("orders:moderation_report", args=[Report.objects.first().pk]))
    html = page.content.decode()
    assert "Rude and awful" in html and "by Bea Buyer" in html
    assert "Insults" in html and "Rita Resident" in html and "Oscar Otherbuyer" in html
    assert world.matching.get_absolute_url() + "#reviews" in html
    # Only what can be done to a review: no unpublish or suspend.
    assert 'value="hide"' in html and 'value="suspend"' not in html
    assert "bea@example.com" not in html


def test_a_report_on_a_message_shows_its_text_and_author(client, world):
    services.report_create(
        reporter=world.matching_owner, target=world.message, reason="private", note=""
    )
    client.force_login(world.staff)
    html = client.get(
        reverse("orders:moderation_report", args=[Report.objects.get().pk])
    ).content.decode()
    assert "12 Elm St" in html and "by Bea Buyer" in html and "Walnut coasters" in html


# --- Actions ---


def test_hiding_a_review_removes_it_from_the_profile_its_figures_and_the_search_rating(
    client, world, django_capture_on_commit_callbacks
):
    report, _ = services.report_create(
        reporter=world.resident, target=world.review, reason="abuse", note=""
    )
    assert ProducerSearch.objects.get(producer=world.matching).rating == 1.0
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = _act(client, report, "hide", reason="Insults, not a review")
    assert response.status_code == 302 and response.url == reverse("orders:moderation_queue")
    world.review.refresh_from_db()
    report.refresh_from_db()
    assert world.review.hidden and report.status == Report.Status.ACTIONED and report.resolved_at
    profile = client.get(world.matching.get_absolute_url()).content.decode()
    assert "Rude and awful" not in profile and "No reviews yet" in profile
    assert selectors.review_figures(world.matching).count == 0
    assert ProducerSearch.objects.get(producer=world.matching).rating is None
    # Logged with who and why; the reporter and the author are told, in the app and by email.
    logged = ModerationAction.objects.get()
    assert (logged.staff, logged.action, logged.reason, logged.report) == (
        world.staff,
        "hide",
        "Insults, not a review",
        report,
    )
    told = {n.user for n in Notification.objects.filter(kind="moderation")}
    assert told == {world.resident, world.buyer}
    assert {m.to[0] for m in mail.outbox} >= {"rita@example.com", "bea@example.com"}
    author_mail = next(m for m in mail.outbox if m.to == ["bea@example.com"])
    assert "Insults, not a review" in author_mail.body
    # The reporter's words never reach the author.
    assert "rita" not in author_mail.body.lower()


def test_hiding_a_message_shows_removed_by_moderators_and_takes_its_file(client, world):
    report, _ = services.report_create(
        reporter=world.matching_owner, target=world.message, reason="private", note=""
    )
    file_url = world.message.attachments.get().get_absolute_url()
    client.force_login(world.staff)
    assert _act(client, report, "hide", reason="Home address").status_code == 302
    for person in (world.buyer, world.matching_owner):
        client.force_login(person)
        thread = client.get(world.message.thread.get_absolute_url()).content.decode()
        assert "removed by moderators" in thread and "12 Elm St" not in thread
        assert client.get(file_url).status_code == 404


def test_suspending_a_listing_takes_it_out_of_search_the_board_and_the_sitemap_at_once(
    client, world
):
    report, _ = services.report_create(
        reporter=world.resident, target=world.matching, reason="fake", note=""
    )
    assert ProducerSearch.objects.filter(producer=world.matching).exists()
    open_job = make_request(world.other_buyer, title="Acrylic signs")
    # Before: a fresh open request is on the producer's board without having reached it first.
    open_job.leads.filter(producer=world.matching).delete()
    assert open_job in selectors.board_requests(
        world.matching, selectors.producer_capabilities(world.matching)
    )
    client.force_login(world.staff)
    assert _act(client, report, "suspend", reason="Not a real workshop").status_code == 302
    world.matching.refresh_from_db()
    assert world.matching.status == ListingStatus.SUSPENDED
    assert not ProducerSearch.objects.filter(producer=world.matching).exists()
    client.logout()
    assert "Kerf Laser" not in client.get("/search/", {"q": "Kerf"}).content.decode()
    assert world.matching.get_absolute_url() not in client.get("/sitemap.xml").content.decode()
    assert client.get(world.matching.get_absolute_url()).status_code == 404
    assert open_job not in selectors.board_requests(
        world.matching, selectors.producer_capabilities(world.matching)
    )
    # A new request does not reach it either.
    later = make_request(world.other_buyer, title="More signs")
    assert not later.leads.filter(producer=world.matching).exists()
    # The owner may not send it back to review: staff lifted nothing.
    assert not world.matching.can_submit
    assert {n.user for n in Notification.objects.filter(kind="moderation")} == {
        world.resident,
        world.matching_owner,
    }


def test_unpublishing_a_listing_sends_it_back_to_a_draft(client, world):
    report, _ = services.report_create(
        reporter=world.resident, target=world.matching, reason="fake", note=""
    )
    client.force_login(world.staff)
    assert _act(client, report, "unpublish", reason="Check the address").status_code == 302
    world.matching.refresh_from_db()
    assert world.matching.status == ListingStatus.DRAFT and world.matching.can_submit
    assert not ProducerSearch.objects.filter(producer=world.matching).exists()


def test_warning_tells_the_owner_why_and_changes_nothing_else(
    client, world, django_capture_on_commit_callbacks
):
    report, _ = services.report_create(
        reporter=world.resident, target=world.matching, reason="spam", note=""
    )
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = _act(client, report, "warn", reason="Stop posting ads in reviews")
    assert response.status_code == 302
    world.matching.refresh_from_db()
    assert world.matching.status == ListingStatus.PUBLISHED
    warned = Notification.objects.get(kind="moderation", user=world.matching_owner)
    assert "warned" in warned.title
    owner_mail = [m for m in mail.outbox if m.to == ["mia@example.com"]]
    assert len(owner_mail) == 1 and "Stop posting ads in reviews" in owner_mail[0].body


def test_a_hub_can_be_reported_from_its_page(client, world):
    from .factories import make_hub

    hub = make_hub(UserFactory(email="hana@example.com", name="Hana Hub"))
    client.force_login(world.resident)
    page = client.get(hub.get_absolute_url()).content.decode()
    assert reverse("orders:report", args=["hub", hub.pk]) in page
    assert _report(client, "hub", hub.pk, reason="fake").status_code == 302
    assert Report.objects.get().hub == hub


def test_a_hidden_review_can_no_longer_be_reported(client, world):
    world.review.hidden = True
    world.review.save()
    client.force_login(world.resident)
    assert _report(client, "review", world.review.pk).status_code == 404


def test_dismissing_tells_the_reporters_closes_every_open_report_on_it_and_not_the_owner(
    client, world
):
    first, _ = services.report_create(
        reporter=world.resident, target=world.review, reason="abuse", note=""
    )
    second, _ = services.report_create(
        reporter=world.other_buyer, target=world.review, reason="spam", note=""
    )
    client.force_login(world.staff)
    assert _act(client, first, "dismiss", reason="A fair, if harsh, review").status_code == 302
    for report in (first, second):
        report.refresh_from_db()
        assert report.status == Report.Status.DISMISSED
    world.review.refresh_from_db()
    assert not world.review.hidden
    told = {n.user for n in Notification.objects.filter(kind="moderation")}
    assert told == {world.resident, world.other_buyer}
    queue = client.get(reverse("orders:moderation_queue")).content.decode()
    assert "No open reports" in queue
    # The same person reporting again later does not reopen a decided report.
    client.force_login(world.resident)
    response = _report(client, "review", world.review.pk)
    first.refresh_from_db()
    assert first.status == Report.Status.DISMISSED
    assert "staff have dealt with it" in client.get(response.url).content.decode()


def test_an_action_the_report_does_not_allow_is_an_error_next_to_the_field(client, world):
    report, _ = services.report_create(
        reporter=world.resident, target=world.review, reason="abuse", note=""
    )
    client.force_login(world.staff)
    response = _act(client, report, "suspend")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = _act(client, report, "hide", reason="")
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    assert ModerationAction.objects.count() == 0


def test_a_decided_report_cannot_be_decided_again(world):
    report, _ = services.report_create(
        reporter=world.resident, target=world.review, reason="abuse", note=""
    )
    services.moderation_act(report=report, by=world.staff, action="dismiss", reason="ok")
    with pytest.raises(services.TransitionError):
        services.moderation_act(report=report, by=world.staff, action="hide", reason="changed")


def test_the_moderation_log_is_in_the_admin_read_only(client, world):
    report, _ = services.report_create(
        reporter=world.resident, target=world.review, reason="abuse", note=""
    )
    services.moderation_act(report=report, by=world.staff, action="warn", reason="Be kind")
    world.staff.is_superuser = True
    world.staff.save()
    client.force_login(world.staff)
    page = client.get(reverse("admin:orders_moderationaction_changelist")).content.decode()
    assert "Be kind" in page and "a review of Kerf Laser" in page
    assert client.get(reverse("admin:orders_moderationaction_add")).status_code == 403
