"""Freshness: a resident sees when a listing's details were last confirmed; owners confirm in
one POST (an edit counts too), are reminded every 90 days, once per period, by the daily
task; a listing unconfirmed for 180 days is marked stale and comes after the others."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from orders.models import Notification
from producers import services
from producers.models import Hub, Producer, ProducerSearch

from .factories import UserFactory, make_hub, make_producer
from .test_listing_rereview import _details, _hub_details

pytestmark = pytest.mark.django_db

LISTED = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)
STALE_MARK = "Stale: not confirmed for over 6 months"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def kerf(owner, time_machine):
    time_machine.move_to(LISTED, tick=False)
    return make_producer(owner, name="Kerf Laser")


@pytest.fixture
def remind(time_machine, django_capture_on_commit_callbacks):
    """Run the daily command at `when`, its emails sent as after a real commit."""

    def run(when: datetime) -> str:
        time_machine.move_to(when, tick=False)
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("remind_listings", stdout=out)
        return out.getvalue()

    return run


def test_a_resident_reads_how_many_days_ago_the_details_were_confirmed(
    client, owner, kerf, time_machine
):
    hub = make_hub(owner, name="Division Makers")
    time_machine.move_to(LISTED + timedelta(days=12), tick=False)
    profile = _text(client.get(kerf.get_absolute_url()))
    assert "Details confirmed 12 days ago (" in profile
    assert '<time datetime="2026-06-01">Mon 1 Jun 2026</time>' in profile
    assert STALE_MARK not in profile
    assert "Details confirmed 12 days ago" in _text(client.get(hub.get_absolute_url()))


def test_the_owner_confirms_from_the_dashboard_in_one_post(client, owner, kerf, time_machine):
    time_machine.move_to(LISTED + timedelta(days=100), tick=False)
    client.force_login(owner)
    dashboard = _text(client.get(reverse("producers:owner_dashboard")))
    assert "100 days ago" in dashboard and "Confirm details are current" in dashboard

    response = client.post(reverse("producers:listing_confirm", args=["producer", kerf.slug]))
    assert response.status_code == 302 and response.url == reverse("producers:owner_dashboard")
    kerf.refresh_from_db()
    assert kerf.confirmed_at == LISTED + timedelta(days=100)
    assert ProducerSearch.objects.get(pk=kerf.pk).confirmed_at == kerf.confirmed_at
    assert "Details confirmed today" in _text(client.get(kerf.get_absolute_url()))


def test_the_owner_confirms_a_hub_from_its_edit_page_and_returns_there(client, owner, time_machine):
    time_machine.move_to(LISTED, tick=False)
    hub = make_hub(owner)
    time_machine.move_to(LISTED + timedelta(days=3), tick=False)
    client.force_login(owner)
    edit = reverse("producers:hub_edit", args=[hub.slug])
    assert "Confirm details are current" in _text(client.get(edit))
    response = client.post(
        reverse("producers:listing_confirm", args=["hub", hub.slug]), {"back": "edit"}
    )
    assert response.status_code == 302 and response.url == edit
    assert Hub.objects.get(pk=hub.pk).confirmed_at == LISTED + timedelta(days=3)


@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_nobody_else_can_confirm_a_listing(client, kerf, outsider, persona, time_machine):
    if persona == "outsider":
        client.force_login(outsider)
    time_machine.move_to(LISTED + timedelta(days=5), tick=False)
    response = client.post(reverse("producers:listing_confirm", args=["producer", kerf.slug]))
    assert response.status_code == (404 if persona == "outsider" else 302)
    assert Producer.objects.get(pk=kerf.pk).confirmed_at == LISTED


def test_confirming_is_post_only(client, owner, kerf):
    client.force_login(owner)
    response = client.get(reverse("producers:listing_confirm", args=["producer", kerf.slug]))
    assert response.status_code == 405


def test_an_edit_of_the_details_or_a_section_counts_as_confirming(
    client, owner, kerf, time_machine
):
    time_machine.move_to(LISTED + timedelta(days=40), tick=False)
    client.force_login(owner)
    response = client.post(
        reverse("producers:edit", args=[kerf.slug]), _details(kerf, tagline="Now open Sundays")
    )
    assert response.status_code == 302 and response.url == reverse(
        "producers:edit", args=[kerf.slug]
    )
    kerf.refresh_from_db()
    assert kerf.tagline == "Now open Sundays"
    assert kerf.confirmed_at == LISTED + timedelta(days=40)

    time_machine.move_to(LISTED + timedelta(days=60), tick=False)
    client.force_login(owner)  # the first session has expired by now
    response = client.post(
        reverse("producers:edit_section", args=[kerf.slug, "hours"]),
        {
            "hours-TOTAL_FORMS": "1",
            "hours-INITIAL_FORMS": "0",
            "hours-0-weekday": "1",
            "hours-0-opens": "09:00",
            "hours-0-closes": "17:00",
        },
    )
    assert response.status_code == 302 and response.url.endswith("/hours/")
    kerf.refresh_from_db()
    assert kerf.hours.count() == 1 and kerf.confirmed_at == LISTED + timedelta(days=60)


def test_a_hub_edit_counts_as_confirming(client, owner, time_machine):
    time_machine.move_to(LISTED, tick=False)
    hub = make_hub(owner, town="Portland")
    time_machine.move_to(LISTED + timedelta(days=7), tick=False)
    client.force_login(owner)
    response = client.post(
        reverse("producers:hub_edit", args=[hub.slug]),
        _hub_details(hub, **{"hub-description": "Now with a kiln."}),
    )
    assert response.status_code == 302
    hub.refresh_from_db()
    assert hub.description == "Now with a kiln." and hub.confirmed_at == LISTED + timedelta(days=7)


def test_owners_are_asked_every_90_days_and_never_twice_for_one_period(
    owner, member, kerf, time_machine, remind
):
    kerf.memberships.create(user=member, role="member")
    draft = make_producer(owner, name="Draft Works", status="draft")
    assert "0 listing" in remind(LISTED + timedelta(days=89))
    assert mail.outbox == []

    assert "1 listing" in remind(LISTED + timedelta(days=91))
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert "Kerf Laser" in mail.outbox[0].subject
    assert "last confirmed 91 days ago" in mail.outbox[0].body
    assert f"/for-workshops/producers/{kerf.slug}/" in mail.outbox[0].body
    assert "/unsubscribe/" in mail.outbox[0].body

    # The next day, and the next run that day: this period is done.
    assert "0 listing" in remind(LISTED + timedelta(days=92))
    assert "0 listing" in remind(LISTED + timedelta(days=92, hours=1))
    assert len(mail.outbox) == 1

    # Still unconfirmed at 180 days: the second period's reminder.
    assert "1 listing" in remind(LISTED + timedelta(days=181))
    assert len(mail.outbox) == 2

    # Confirmed at 185 days: nothing until 90 days after that.
    time_machine.move_to(LISTED + timedelta(days=185), tick=False)
    services.listing_confirm(listing=kerf, by=owner)
    assert "0 listing" in remind(LISTED + timedelta(days=274))
    assert "1 listing" in remind(LISTED + timedelta(days=276))
    assert len(mail.outbox) == 3
    notes = Notification.objects.filter(kind=Notification.Kind.LISTING)
    assert notes.count() == 3 and set(notes.values_list("user", flat=True)) == {owner.pk}
    kerf.refresh_from_db()
    assert kerf.confirm_reminded_at == LISTED + timedelta(days=276)
    assert Producer.objects.get(pk=draft.pk).confirm_reminded_at is None


def test_an_owner_who_muted_reminders_gets_them_in_the_app_only(client, time_machine, remind):
    olive = UserFactory(email="olive@example.com", name="Olive Owner", email_muted=["listing"])
    time_machine.move_to(LISTED, tick=False)
    hub = make_hub(olive, name="Division Makers")
    assert "1 listing" in remind(LISTED + timedelta(days=95))
    assert mail.outbox == []
    note = Notification.objects.get(user=olive, kind="listing")
    assert "Division Makers" in note.title
    assert note.url == reverse("producers:hub_edit", args=[hub.slug])
    client.force_login(olive)
    assert "Reminders to confirm my listings" in _text(
        client.get(reverse("orders:email_preferences"))
    )


def test_a_listing_unconfirmed_for_180_days_is_marked_stale_and_comes_after_the_others(
    client, owner, kerf, time_machine
):
    """Alphabetically "Acme Cuts" comes first; stale, it comes after "Kerf Laser"."""
    acme = make_producer(owner, name="Acme Cuts")
    time_machine.move_to(LISTED + timedelta(days=100), tick=False)
    client.force_login(owner)
    client.post(reverse("producers:listing_confirm", args=["producer", kerf.slug]))
    client.logout()

    time_machine.move_to(LISTED + timedelta(days=179), tick=False)
    page = _text(client.get(reverse("producers:search")))
    assert page.index("Acme Cuts") < page.index("Kerf Laser") and STALE_MARK not in page

    time_machine.move_to(LISTED + timedelta(days=181), tick=False)
    page = _text(client.get(reverse("producers:search")))
    assert page.index('data-name="Kerf Laser"') < page.index('data-name="Acme Cuts"')
    acme_card = page[page.index('data-name="Acme Cuts"') :]
    assert STALE_MARK in acme_card and STALE_MARK not in page[: page.index('data-name="Acme Cuts"')]
    assert STALE_MARK in _text(client.get(acme.get_absolute_url()))
    assert STALE_MARK not in _text(client.get(kerf.get_absolute_url()))
    # Other orders are the visitor's explicit choice: staleness does not reorder them.
    by_lead_time = _text(client.get(reverse("producers:search"), {"sort": "lead_time"}))
    assert by_lead_time.index('data-name="Acme Cuts"') < by_lead_time.index('data-name="Kerf')

    client.force_login(owner)
    client.post(reverse("producers:listing_confirm", args=["producer", acme.slug]))
    page = _text(client.get(reverse("producers:search")))
    assert page.index('data-name="Acme Cuts"') < page.index('data-name="Kerf Laser"')
    assert STALE_MARK not in page


@pytest.mark.django_db(transaction=True)
def test_two_reminder_runs_at_once_send_one_reminder(owner):
    """Two workers running the daily task together: the rows one holds, the other skips."""
    from threading import Barrier, Thread

    from django.db import connection

    from orders.services import listing_reminders_send

    kerf = make_producer(owner, name="Kerf Laser")
    Producer.objects.filter(pk=kerf.pk).update(confirmed_at=LISTED)
    barrier, counts = Barrier(2), []

    def run():
        barrier.wait()
        try:
            counts.append(listing_reminders_send(now=LISTED + timedelta(days=95)))
        finally:
            connection.close()

    threads = [Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == [0, 1]
    assert Notification.objects.filter(kind="listing", user=owner).count() == 1
    assert Producer.objects.get(pk=kerf.pk).confirm_reminded_at == LISTED + timedelta(days=95)
