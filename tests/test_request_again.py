"""A buyer whose order was completed asks again: a new request filled in from the old one
(not its date, not its files) and offered to the same workshop first."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from orders import services
from orders.models import JobRequest, Lead

from .factories import make_market, make_portland, make_quote, make_request

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def done():
    make_portland()
    m = make_market()
    m.job = make_request(
        m.buyer,
        title="Engraved walnut coasters",
        description="Round, 10 cm, logo on one side.",
        quantity=40,
        radius_km=50,
    )
    m.order = services.quote_accept(quote=make_quote(m.job, m.matching), by=m.buyer)
    services.order_mark_ready(order=m.order, by=m.matching_owner)
    services.order_complete(order=m.order, by=m.buyer)
    return m


def test_a_completed_order_offers_request_again_to_its_buyer_only(client, done):
    client.force_login(done.buyer)
    page = _text(client.get(done.order.get_absolute_url()))
    assert f'href="/requests/new/?again={done.job.pk}"' in page and "Request again" in page

    client.force_login(done.matching_owner)
    assert "Request again" not in _text(client.get(done.order.get_absolute_url()))


def test_an_order_still_in_production_has_no_request_again(client, done):
    job = make_request(done.buyer, title="Brackets")
    order = services.quote_accept(quote=make_quote(job, done.matching), by=done.buyer)
    client.force_login(done.buyer)
    assert "Request again" not in _text(client.get(order.get_absolute_url()))


def test_request_again_fills_in_the_old_request_but_not_its_date_and_offers_the_same_workshop(
    client, done
):
    client.force_login(done.buyer)

    page = _text(client.get(f"/requests/new/?again={done.job.pk}"))

    assert 'value="Engraved walnut coasters"' in page
    assert "Round, 10 cm, logo on one side." in page
    assert 'name="quantity" value="40"' in page
    assert 'value="Portland, OR"' in page
    assert re.search(r'<option value="50" selected>', page)
    assert re.search(rf'<option value="{done.job.capability_id}" selected>', page)
    assert not re.search(r'name="needed_by"[^>]*value=', page)
    assert "attach the files again: neither is copied" in page
    assert re.search(rf'name="invite" value="{done.matching.slug}"[^>]*checked', page)


def test_posting_it_makes_a_new_request_that_reaches_the_same_workshop_invited(client, done):
    client.force_login(done.buyer)
    form = client.get(f"/requests/new/?again={done.job.pk}").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', form)[1]
    data = {
        "title": "Engraved walnut coasters",
        "description": "Round, 10 cm, logo on one side.",
        "capability": done.job.capability_id,
        "quantity": 40,
        "needed_by": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "place": "Portland, OR",
        "handover": "pickup",
        "radius_km": 50,
        "visibility": "open",
        "invite": [done.matching.slug],
        "token": token,
        "action": "publish",
    }
    response = client.post(f"/requests/new/?again={done.job.pk}", data)

    assert response.status_code == 302
    new = JobRequest.objects.exclude(pk=done.job.pk).get(title="Engraved walnut coasters")
    assert new.status == "open" and new.attachments.count() == 0
    assert Lead.objects.get(job_request=new, producer=done.matching).invited


def test_another_buyer_cannot_ask_again_from_someone_elses_request(client, done):
    client.force_login(done.other_buyer)
    assert client.get(f"/requests/new/?again={done.job.pk}").status_code == 404
    assert client.get("/requests/new/?again=9%00").status_code == 404
