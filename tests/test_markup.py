"""Markup a validator or a screen reader trips on: ids, labels, phone links, dates."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from orders import services

from .factories import make_market, make_producer, make_quote, make_request

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class _Ids(HTMLParser):
    """Every id on a page, and every label's target, each with the form it sits in."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.form_of_id: dict[str, int | None] = {}
        self.labels: list[tuple[str, int | None]] = []
        self._forms = 0
        self._form: int | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._forms += 1
            self._form = self._forms
        if attrs.get("id"):
            self.ids.append(attrs["id"])
            self.form_of_id[attrs["id"]] = self._form
        if tag == "label" and attrs.get("for"):
            self.labels.append((attrs["for"], self._form))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _parsed(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def test_the_request_page_has_unique_ids_and_each_label_fills_its_own_form(client):
    market = make_market()
    job = make_request(market.buyer)
    client.force_login(market.matching_owner)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Decline request" in page and "Send quote" in page
    parsed = _parsed(page)
    assert [i for i, n in Counter(parsed.ids).items() if n > 1] == []
    for target, form in parsed.labels:
        assert target in parsed.form_of_id, target
        assert parsed.form_of_id[target] == form, f"the label for {target} is in another form"


def test_a_declined_note_comes_back_in_the_decline_form_with_its_own_ids(client):
    market = make_market()
    job = make_request(market.buyer)
    client.force_login(market.matching_owner)
    url = reverse("orders:request_decline", args=[job.pk])
    response = client.post(url, {"reason": "not-a-reason", "note": "Too busy in May"})
    assert response.status_code == 200
    page = response.content.decode()
    note_box = re.search(r'<input[^>]*id="decline_note"[^>]*>', page).group(0)
    assert 'value="Too busy in May"' in note_box
    assert '<details class="decline" open>' in page  # its error is not hidden away
    assert len(set(_parsed(page).ids)) == len(_parsed(page).ids)


@pytest.mark.parametrize(
    ("typed", "uri"),
    [
        ("+1 503 555 1010", "tel:+15035551010"),
        ("(503) 555-1010", "tel:5035551010"),
        ("+44 20 7946 0958", "tel:+442079460958"),
        ("+1 503.555.1010 ext. 4", "tel:+15035551010;ext=4"),
        ("503-555-1010 x12", "tel:5035551010;ext=12"),
        ("call us", ""),
    ],
)
def test_phone_numbers_become_tel_links_without_spaces(typed, uri):
    from producers.templatetags.contact import tel_uri

    assert tel_uri(typed) == uri


def test_the_profile_links_the_phone_number_as_a_valid_tel_url(client, owner):
    producer = make_producer(owner, phone="+1 503 555 1010")
    page = client.get(producer.get_absolute_url()).content.decode()
    assert '<a href="tel:+15035551010">+1 503 555 1010</a>' in page
    assert not re.search(r'href="tel:[^"]*\s', page)


def _house(day: date) -> str:
    """The house date: "Tue 8 Dec 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def test_a_date_reads_the_same_on_every_page_and_in_email(
    client, django_capture_on_commit_callbacks
):
    market = make_market()
    needed_by = timezone.localdate() + timedelta(days=30)
    ready_by = timezone.localdate() + timedelta(days=12)
    job = make_request(market.buyer, needed_by=needed_by)
    make_request(market.buyer, title="Still open", needed_by=needed_by)
    with django_capture_on_commit_callbacks(execute=True):
        quote = make_quote(job, market.matching, ready_by=ready_by)
        order = services.quote_accept(quote=quote, by=market.buyer)

    client.force_login(market.matching_owner)
    board = client.get(reverse("orders:board") + "?fit=all").content.decode()
    assert f"needed by {_house(needed_by)}" in board
    order_page = client.get(order.get_absolute_url()).content.decode()
    assert f"<dd>{_house(ready_by)}</dd>" in order_page
    client.force_login(market.buyer)
    request_page = client.get(job.get_absolute_url()).content.decode()
    assert _house(needed_by) in request_page and _house(ready_by) in request_page
    assert _house(needed_by) in client.get(reverse("orders:dashboard")).content.decode()
    quoted = [m for m in mail.outbox if m.to == [market.buyer.email]]
    assert quoted and f"ready by {_house(ready_by)}." in quoted[0].body


ALLOWED_DATE_FORMATS = {
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "c",  # machine-readable, in <time datetime>
    "Y-m-d",
}


def test_templates_name_the_house_date_formats_instead_of_spelling_their_own():
    spelled = []
    for path in TEMPLATES.rglob("*.html"):
        for found in re.findall(r"\|date:([\"'])(.*?)\1", path.read_text()):
            if found[1] not in ALLOWED_DATE_FORMATS:
                spelled.append(f"{path.relative_to(TEMPLATES)}: {found[1]}")
    assert spelled == []


def test_robots_txt_opens_the_directory_and_closes_private_pages(client, settings, owner):
    from urllib.robotparser import RobotFileParser

    settings.SITE_URL = "https://hubdir.example.org"
    producer = make_producer(owner)
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: https://hubdir.example.org/sitemap.xml" in text.splitlines()
    robots = RobotFileParser()
    robots.parse(text.splitlines())
    can = {
        path: robots.can_fetch("AnyBot", f"https://hubdir.example.org{path}")
        for path in [
            "/",
            producer.get_absolute_url(),
            "/hubs/division-makers/",
            "/catalogue/",
            "/capabilities/laser-cutting/",
            "/search/",
            "/sitemap.xml",
            "/media/photos/a.jpg",
            "/accounts/login/",
            "/account/",
            "/dashboard/",
            "/board/",
            "/requests/12/",
            "/requests/new/",
            "/orders/3/",
            "/for-workshops/",
            "/invitations/abc/",
            "/notifications/",
            "/files/9b2c0e0e-0000-0000-0000-000000000000/",
            "/admin/",
        ]
    }
    public = {path for path, allowed in can.items() if allowed}
    assert public == {
        "/",
        producer.get_absolute_url(),
        "/hubs/division-makers/",
        "/catalogue/",
        "/capabilities/laser-cutting/",
        "/search/",
        "/sitemap.xml",
        "/media/photos/a.jpg",
    }


def test_no_template_comment_spans_lines_and_so_shows_on_the_page():
    # Django's {# … #} ends at the line's end: a two-line one is printed as text.
    broken = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in TEMPLATES.rglob("*.*")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert broken == []
