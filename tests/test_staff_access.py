"""Staff may open anyone's request, to help or to moderate: each time is logged (who, which,
when), and the buyer's draft says so instead of "Only you can see it"."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from orders.models import JobRequest, StaffAccess
from orders.services import staff_access_record

from .factories import make_market, make_portland, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    make_portland()
    return make_market()


def test_staff_reading_a_buyers_draft_is_logged_with_who_which_and_when(client, market):
    draft = make_request(market.buyer, publish=False, title="Secret gift boxes")
    client.force_login(market.staff)
    with time_machine.travel("2026-03-04 10:15:00+00:00", tick=False):
        page = client.get(draft.get_absolute_url())
    assert page.status_code == 200 and "Secret gift boxes" in page.content.decode()
    access = StaffAccess.objects.get()
    assert access.staff == market.staff
    assert access.job_request == draft and access.request_number == draft.pk
    assert access.request_status == JobRequest.Status.DRAFT
    assert access.path == draft.get_absolute_url()
    assert access.at.isoformat() == "2026-03-04T10:15:00+00:00"


def test_staff_downloading_a_drafts_file_is_logged_too(client, market):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from orders.files import clean_attachment

    pdf = clean_attachment(SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n"))
    draft = make_request(market.buyer, publish=False, files=[pdf])
    client.force_login(market.staff)
    url = draft.attachments.get().get_absolute_url()
    assert client.get(url).status_code == 200
    assert list(StaffAccess.objects.values_list("path", flat=True)) == [url]


def test_the_buyer_and_the_workshops_reading_a_request_are_not_logged(client, market):
    job = make_request(market.buyer)
    for person in (market.buyer, market.matching_owner):
        client.force_login(person)
        assert client.get(job.get_absolute_url()).status_code == 200
    assert not StaffAccess.objects.exists()


def test_a_staff_member_reading_their_own_request_is_not_logged(market):
    own = make_request(market.staff, publish=False)
    assert staff_access_record(staff=market.staff, job=own, path="/x/") is None
    assert not StaffAccess.objects.exists()


def test_the_log_outlives_a_deleted_draft(client, market):
    draft = make_request(market.buyer, publish=False)
    number = draft.pk
    client.force_login(market.staff)
    client.get(draft.get_absolute_url())
    client.force_login(market.buyer)
    client.post(reverse("orders:request_delete", args=[number]))
    assert not JobRequest.objects.filter(pk=number).exists()
    access = StaffAccess.objects.get()
    assert access.job_request is None and access.request_number == number


def test_opening_a_request_in_the_admin_is_logged_and_the_log_is_read_only(
    client, market, admin_user
):
    draft = make_request(market.buyer, publish=False)
    client.force_login(admin_user)
    url = reverse("admin:orders_jobrequest_change", args=[draft.pk])
    assert client.get(url).status_code == 200
    access = StaffAccess.objects.get()
    assert access.staff == admin_user and access.path == url
    log = client.get(reverse("admin:orders_staffaccess_changelist"))
    assert log.status_code == 200 and url in log.content.decode()
    assert client.get(reverse("admin:orders_staffaccess_add")).status_code == 403
    change = client.post(
        reverse("admin:orders_staffaccess_delete", args=[access.pk]), {"post": "yes"}
    )
    assert change.status_code == 403
    assert StaffAccess.objects.count() == 1


def test_the_buyers_draft_says_staff_can_open_it_and_that_it_is_logged(client, market):
    client.force_login(market.buyer)
    draft = make_request(market.buyer, publish=False)
    body = client.get(draft.get_absolute_url()).content.decode()
    assert "Only you and Hubdir staff can open it, and each time staff do is logged." in body
    assert "Only you can see it" not in body


def test_saving_a_draft_says_staff_can_open_it(client, market):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(market.buyer)
    response = client.post(
        reverse("orders:request_create"),
        {
            "title": "Gift boxes",
            "description": "Kraft, 20 cm.",
            "capability": market.matching.capabilities.first().pk,
            "quantity": "50",
            "needed_by": (timezone.localdate() + timedelta(days=20)).isoformat(),
            "place": "Portland, OR",
            "handover": "pickup",
            "radius_km": "25",
            "visibility": "open",
            "action": "draft",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "saved as a draft" in body
    assert "only you and Hubdir staff can open it, and each time staff do is logged" in body
    assert "Only you can see it" not in body
