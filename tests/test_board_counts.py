"""The request board's counts: each option's figure is what choosing it shows."""

from __future__ import annotations

import re
from datetime import timedelta
from itertools import product

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from producers.models import Capability, Material

from .factories import UserFactory, make_market, make_request

pytestmark = pytest.mark.django_db


def _count_shown(html: str, name: str, value: str) -> int | None:
    """The figure printed beside one option, or None when the option is not offered."""
    found = re.search(
        rf'id="{name}-{re.escape(value)}" value="{re.escape(value)}"[^>]*>'
        r'<label[^>]*>[^<]*<span class="count">(\d+)</span>',
        html,
    )
    return int(found.group(1)) if found else None


def _heading_total(html: str) -> int:
    return int(re.search(r'<h2 id="results-heading">(\d+) request', html).group(1))


def test_every_board_count_is_the_number_of_requests_its_option_then_lists(client):
    """Mia runs a laser cutter (plywood only, from 20 pieces) and a CNC router. Whatever
    she has chosen, each option's count is the heading she gets when she picks it too."""
    market = make_market()
    laser = market.matching.producer_capabilities.get()
    laser.min_quantity = 20
    laser.save()
    plywood, _ = Material.objects.get_or_create(slug="plywood", defaults={"name": "Plywood"})
    acrylic, _ = Material.objects.get_or_create(slug="acrylic", defaults={"name": "Acrylic"})
    laser.materials.set([plywood])
    cnc, _ = Capability.objects.get_or_create(
        slug="cnc-routing", defaults={"name": "CNC routing", "category": laser.capability.category}
    )
    market.matching.producer_capabilities.create(capability=cnc)
    today = timezone.localdate()
    buyer = UserFactory(name="Bea Again")
    shapes = product(
        (laser.capability, cnc),
        (None, plywood, acrylic),
        (5, 40, 500, 5000),
        (5, 12, 25),
        ((45.5231, -122.6765), (45.60, -122.80)),  # downtown, and about 15 km out
    )
    for i, (capability, material, quantity, days, (lat, lng)) in enumerate(shapes):
        if i % 3:  # a spread of the combinations is enough, and keeps the test quick
            continue
        make_request(
            buyer,
            title=f"Job {i}",
            capability=capability,
            material=material,
            quantity=quantity,
            needed_by=today + timedelta(days=days),
            lat=lat,
            lng=lng,
            radius_km=50,
        )
    client.force_login(market.matching_owner)
    board = reverse("orders:board")
    options = {
        "fit": ["mine", "setup"],
        "capability": ["laser-cutting", "cnc-routing"],
        "within": ["5", "10", "25", "50"],
        "quantity": ["1-10", "11-100", "101-1000", "1001+"],
        "deadline": ["7", "14", "30"],
    }
    for chosen in ({}, {"fit": "setup"}, {"within": "10"}, {"fit": "setup", "quantity": "11-100"}):
        html = client.get(board, chosen).content.decode()
        total = _heading_total(html)
        assert total == len(_listed(client, board, chosen)[0])
        for name, values in options.items():
            for value in values:
                shown = _count_shown(html, name, value)
                assert shown is not None, (chosen, name, value)
                picked = client.get(board, chosen | {name: value}).content.decode()
                assert shown == _heading_total(picked), (chosen, name, value)
        assert total > 0


def _listed(client, url: str, params: dict) -> tuple[list[str], int]:
    """Every job title the board lists for `params`, following its Next links, and the
    number of pages that took."""
    titles, pages = [], 0
    html = client.get(url, params).content.decode()
    while True:
        pages += 1
        titles += re.findall(r">Job (\d+)<", html)
        following = re.search(r'<a href="([^"]+)" rel="next">', html)
        if not following:
            return titles, pages
        html = client.get(url + following.group(1).replace("&amp;", "&")).content.decode()


def test_the_board_lists_requests_soonest_first_a_page_at_a_time_and_counts_them_all(client):
    """Mia's board holds 105 open requests near her; she sees them 25 to a page, soonest
    first (the newest first among those due the same day), under a heading of 105, and the
    last page holds the five due latest."""
    market = make_market()
    buyer = UserFactory(name="Bea Many")
    today = timezone.localdate()
    for i in range(105):
        make_request(buyer, title=f"Job {i:03d}", needed_by=today + timedelta(days=3 + i % 50))
    client.force_login(market.matching_owner)
    board = reverse("orders:board")
    html = client.get(board).content.decode()

    assert _heading_total(html) == 105
    first = re.findall(r">Job (\d{3})<", html)
    assert len(first) == 25
    # Due on day 3 + i % 50: 0, 50 and 100 share the first day; 100 was published last.
    assert first[:3] == ["100", "050", "000"]
    assert "Page 1 of 5" in html

    shown, pages = _listed(client, board, {})
    assert pages == 5
    assert sorted(int(number) for number in shown) == list(range(105))
    due = [int(number) % 50 for number in shown]
    assert due == sorted(due)
    last = client.get(board, {"page": 5}).content.decode()
    # The last five are the latest due: the older of the two due on day 50 (97 is newer,
    # so it ends page 4), then the pairs due on days 51 and 52, newest first.
    assert [int(n) for n in re.findall(r">Job (\d{3})<", last)] == [47, 98, 48, 99, 49]
    # A page past the end, or not a number, shows the nearest page instead of an error.
    assert client.get(board, {"page": 99}).content.decode().count(">Job ") == 5
    assert client.get(board, {"page": "x"}).content.decode().count(">Job ") == 25


def test_a_workshop_with_no_map_location_is_told_it_was_invited(client):
    """Nico's workshop has no location, so nothing reaches it by distance; Bea invites it
    to her invite-only request, and the board says so."""
    market = make_market()
    market.matching.lat = market.matching.lng = None
    market.matching.save()
    make_request(
        market.buyer, title="Invite-only coasters", visibility="invited", invite=[market.matching]
    )
    client.force_login(market.matching_owner)
    html = client.get(reverse("orders:board")).content.decode()

    assert "Invite-only coasters" in html
    assert "You are invited" in html


def test_a_located_workshop_sees_an_invitation_from_far_away_beside_the_open_matches_near_it(
    client,
):
    """Far CNC, in Seattle, is invited to an invite-only request in Portland: its board has it
    (reached by the invitation, outside its box), the Portland laser cutter's has only the
    open request near it, and neither has the other's."""
    market = make_market()
    make_request(market.buyer, title="Open coasters")
    make_request(
        market.buyer, title="Invite-only sign", visibility="invited", invite=[market.invited]
    )
    client.force_login(market.invited_owner)
    far = client.get(reverse("orders:board")).content.decode()
    client.force_login(market.matching_owner)
    near = client.get(reverse("orders:board")).content.decode()

    assert "Invite-only sign" in far and "Open coasters" not in far
    assert _heading_total(far) == 1
    assert "Open coasters" in near and "Invite-only sign" not in near
    assert _heading_total(near) == 1


def test_a_board_card_says_what_is_asked_by_when_how_far_and_on_what_terms(client):
    """Bea invites Kerf Laser to cut 40 plywood signs, with two drawings and a budget, under a
    title with markup in it. Mia's board card reads as a sentence, in miles (Portland), and
    shows the title as text."""
    from orders.models import Attachment

    market = make_market()
    plywood, _ = Material.objects.get_or_create(slug="plywood", defaults={"name": "Plywood"})
    job = make_request(
        market.buyer,
        title='<b>Bold</b> & "big" signs',
        material=plywood,
        budget_max=1450,
        handover="delivery",
        visibility="invited",
        invite=[market.matching],
    )
    for name in ("front.dxf", "back.dxf"):
        Attachment.objects.create(job_request=job, file=f"r/{name}", name=name, kind="dxf", size=9)
    client.force_login(market.matching_owner)
    html = client.get(reverse("orders:board")).content.decode()
    card = re.search(r'<li class="result card">.*?</li>', html, re.S).group(0)

    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;big&quot; signs</a>" in card
    assert f'href="{job.get_absolute_url()}?as={market.matching.slug}"' in card
    needed = date_format(job.needed_by)
    assert re.search(rf"40 × laser cutting in plywood · needed by {needed} · [\d.]+ mi away", card)
    assert "You are invited · Deliver it to me · 2 files · budget up to US$1,450.00" in card
