"""Every GET parameter of the search page, fuzzed: hostile input is answered, never a 500."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from producers import search, services

from .factories import make_producer

pytestmark = pytest.mark.django_db

NAMES = [*search.DirectoryFilter.base_filters, "utm_source", "q[]", "", "page\x00"]
NASTY = [
    "\x00", "a\x00b", "\ud800", "\udfff x", "9" * 400, "-1", "0", str(2**70), str(-(2**70)),
    "1e308", "-1e308", "NaN", "inf", "-0", " ", "%", "%00", "<script>alert(1)</script>",
    "laser-cutting", "true", "false", "on", "25", "Portland, OR", "97214", "' OR 1=1 --",
    "x" * 10_000, "ß" * 3_000, "\u202e\u200b", "🛠️", "a&b=c", "../../etc/passwd",
]  # fmt: skip
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=50),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
)
pairs = st.lists(st.tuples(st.sampled_from(NAMES), values), max_size=12)


def _encode(text: str) -> str:
    # surrogatepass: a lone surrogate arrives as the invalid UTF-8 bytes a browser could send.
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


@pytest.fixture
def listed(db, owner):
    services.catalogue_load()
    make_producer(owner, name="Kerf Laser")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=pairs, htmx=st.booleans())
def test_no_combination_of_parameters_gives_an_error(client, listed, params, htmx):
    query = "&".join(f"{_encode(k)}={_encode(v)}" for k, v in params)
    headers = {"HX-Request": "true"} if htmx else {}

    response = client.get(f"/search/?{query}", headers=headers)

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=values)
def test_the_place_type_ahead_answers_any_input(client, listed, value):
    response = client.get(f"/places/suggest/?place={_encode(value)}")
    assert response.status_code == 200
