"""Who sees and changes what: anonymous, owner, member, other listing's member, staff."""

from __future__ import annotations

import pytest

from producers.models import Membership

from .factories import make_hub, make_producer

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(owner, member, outsider):
    draft = make_producer(owner, status="draft", name="Secret Draft Works")
    published = make_producer(owner, status="published", name="Open Works")
    for producer in (draft, published):
        Membership.objects.create(user=member, producer=producer, role="member")
    make_producer(outsider, status="published", name="Other Shop")
    return {"draft": draft, "published": published}


PERSONAS = ["anonymous", "owner", "member", "outsider", "staff"]

# (listing, action) -> the personas that get 200; everyone else 404 (staff edit in the admin).
ALLOWED = {
    ("draft", "view"): {"owner", "member", "staff"},
    ("published", "view"): set(PERSONAS),
    ("draft", "edit"): {"owner", "member"},
    ("published", "edit"): {"owner", "member"},
    ("draft", "invite"): {"owner"},
    ("published", "invite"): {"owner"},
    ("draft", "delete"): {"owner"},
}


def _client_for(persona, client, request):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("which", "action"), list(ALLOWED))
def test_access_table_for_listing_pages(persona, which, action, listings, client, request):
    client = _client_for(persona, client, request)
    producer = listings[which]
    url = {
        "view": f"/workshops/{producer.slug}/",
        "edit": f"/for-workshops/producers/{producer.slug}/",
        "invite": f"/for-workshops/producer/{producer.slug}/members/",
        "delete": f"/for-workshops/producers/{producer.slug}/delete/",
    }[action]
    response = client.get(url)
    if persona in ALLOWED[(which, action)]:
        assert response.status_code == 200
        assert producer.name in response.content.decode()
    elif persona == "anonymous" and action != "view":
        assert response.status_code == 302  # to the login page first
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_owners_unpublish_and_only_staff_publish(persona, listings, client, request):
    client = _client_for(persona, client, request)
    producer = listings["published"]
    client.post(f"/for-workshops/producer/{producer.slug}/status/unpublish/")
    producer.refresh_from_db()
    assert producer.status == ("draft" if persona == "owner" else "published")


@pytest.mark.parametrize("persona", ["anonymous", "owner", "member", "outsider"])
def test_nobody_but_staff_can_approve_a_pending_listing(persona, listings, client, request):
    client = _client_for(persona, client, request)
    producer = listings["draft"]
    producer.status = "pending"
    producer.save()
    client.post(
        f"/review/producer/{producer.slug}/",
        {"decision": "approve", "approve-verify": "on"},
    )
    producer.refresh_from_db()
    assert producer.status == "pending" and not producer.verified


def test_drafts_never_show_in_catalogue_or_sitemap(listings, client):
    for url in ("/capabilities/laser-cutting/", "/sitemap.xml", "/catalogue/"):
        text = client.get(url).content.decode()
        assert "Secret Draft Works" not in text and "secret-draft-works" not in text
    assert "Open Works" in client.get("/capabilities/laser-cutting/").content.decode()


def test_hub_draft_is_private_and_published_hub_lists_tenants(owner, outsider, client):
    hub = make_hub(owner, status="draft")
    client.force_login(outsider)
    assert client.get(f"/hubs/{hub.slug}/").status_code == 404
    hub.status = "published"
    hub.save()
    make_producer(owner, name="Tenant Co", hub=hub)
    response = client.get(f"/hubs/{hub.slug}/")
    assert response.status_code == 200
    assert "Tenant Co" in response.content.decode()
