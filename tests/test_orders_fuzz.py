"""Hostile input in every request, quote, message, review and board field: never a 500,
never a half-saved object, never a reflected script."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from orders.models import BUYER_FIELDS, JobRequest, Message, Quote

from .factories import make_market, make_portland, make_request

pytestmark = pytest.mark.django_db

NASTY = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "\x00",
            "\ud800",
            "x" * 10_000,
            "99999999999999999999999",
            "-1",
            "1e309",
            "NaN",
            "<script>alert(1)</script>",
            "2026-02-30",
            "../../etc/passwd",
        ]
    ),
)
FUZZ = examples(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def market(settings):
    # Hypothesis runs many examples in one test; the posting limits are tested elsewhere.
    settings.POSTING_LIMITS = {k: "10000/h" for k in settings.POSTING_LIMITS}
    make_portland()
    return make_market()


def _clean(value: str) -> str:
    # The test client cannot send lone surrogates; the browser would send replacement chars.
    return value.encode("utf-8", "replace").decode("utf-8", "replace")


REQUEST_FIELDS = [*BUYER_FIELDS, "invite", "token", "action"]


@FUZZ
@given(values=st.fixed_dictionaries({name: NASTY for name in REQUEST_FIELDS}))
def test_request_form_never_fails_on_hostile_input(client, market, values):
    client.force_login(market.buyer)
    before = JobRequest.objects.count()
    response = client.post(
        reverse("orders:request_create"), {k: _clean(v) for k, v in values.items()}
    )
    assert response.status_code in (200, 302)
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert JobRequest.objects.count() in (before, before + 1)


@FUZZ
@given(
    values=st.fixed_dictionaries(
        {"price": NASTY, "ready_by": NASTY, "valid_until": NASTY, "note": NASTY, "as": NASTY}
    )
)
def test_quote_form_never_fails_on_hostile_input(client, market, values):
    job = JobRequest.objects.first() or make_request(market.buyer)
    client.force_login(market.matching_owner)
    response = client.post(
        reverse("orders:quote_create", args=[job.pk]), {k: _clean(v) for k, v in values.items()}
    )
    assert response.status_code in (200, 302)
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert Quote.objects.count() <= 1


@FUZZ
@given(body=NASTY, token=NASTY)
def test_message_form_never_fails_on_hostile_input(client, market, body, token):
    job = JobRequest.objects.first() or make_request(market.buyer)
    client.force_login(market.buyer)
    url = reverse("orders:thread", args=[job.pk, market.matching.slug])
    response = client.post(url, {"body": _clean(body), "token": _clean(token)})
    assert response.status_code in (200, 302, 400)
    page = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert Message.objects.count() <= 2 * 25


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["fit", "capability", "within", "quantity", "deadline", "as", "page"]),
        NASTY,
    )
)
def test_request_board_and_live_count_never_fail_on_hostile_parameters(client, market, params):
    client.force_login(market.matching_owner)
    cleaned = {k: _clean(v) for k, v in params.items()}
    assert client.get(reverse("orders:board"), cleaned).status_code == 200
    assert (
        client.get(reverse("orders:board"), cleaned, headers={"HX-Request": "true"}).status_code
        == 200
    )
    matches = client.get(
        reverse("orders:request_matches"),
        {
            "capability": cleaned.get("capability", ""),
            "place": cleaned.get("as", ""),
            "radius_km": cleaned.get("within", ""),
            "needed_by": cleaned.get("deadline", ""),
        },
    )
    assert matches.status_code == 200
