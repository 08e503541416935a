"""Markup a validator or a screen reader trips on: ids, labels, phone links, dates."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
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
