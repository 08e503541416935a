"""Nothing a form accepts can tie up a worker: oversized formsets, bodies with thousands of
fields and bodies too big get a clear answer at once, and nothing is saved."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from producers import forms
from producers.models import (
    Bay,
    Capability,
    Certification,
    Machine,
    OpeningHours,
    ProducerCapability,
    ProducerCertification,
)

from .factories import make_hub, make_producer

pytestmark = pytest.mark.django_db

# The attack's 1,000-row post took 17-23 s before the caps; refused, it costs a page view.
# Under a second, or (on a machine busy with other work) within a few plain views of the page.
QUICK = 1.0
VIEWS = 5


def _one_real_row(section: str) -> dict[str, str]:
    """A valid first row, so that a formset which accepted the post would save something."""
    if section == "capabilities":
        capability = Capability.objects.create(
            slug="cnc-routing", name="CNC routing", category_id=Capability.objects.get().category_id
        )
        return {
            "capability": str(capability.pk),
            "batch_band": "short",
            "min_quantity": "1",
            "lead_time_days": "7",
        }
    if section == "machines":
        return {"capability": str(Capability.objects.get().pk), "make_model": "Epilog Fusion"}
    if section == "hours":
        return {"weekday": "0", "opens": "09:00", "closes": "17:00"}
    if section == "certifications":
        certification = Certification.objects.create(
            slug="iso-9001", name="ISO 9001", kind="quality"
        )
        return {"certification": str(certification.pk)}
    if section == "bays":
        return {
            "name": "Bay 9",
            "size_sqm": "20",
            "monthly_price": "400",
            "min_lease_months": "1",
            "status": "available",
        }
    raise AssertionError(section)


def _oversized(prefix: str, section: str, rows: int = 1000) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(rows),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    return data | {f"{prefix}-0-{k}": v for k, v in _one_real_row(section).items()}


def _saved_rows() -> tuple[int, ...]:
    return (
        ProducerCapability.objects.count(),
        Machine.objects.count(),
        OpeningHours.objects.count(),
        ProducerCertification.objects.count(),
        Bay.objects.count(),
    )


def _timed_post(client, url, data):
    """The post's response, and whether it came back quickly (see QUICK and VIEWS)."""
    client.get(url)  # warm, as a running server is: templates compiled, catalogue read
    started = time.monotonic()
    client.get(url)
    view = time.monotonic() - started
    started = time.monotonic()
    response = client.post(url, data)
    elapsed = time.monotonic() - started
    return (
        response,
        f"{elapsed:.2f} s (a view of the page: {view:.2f} s)",
        (elapsed < max(QUICK, VIEWS * view)),
    )


@pytest.mark.parametrize("section", ["capabilities", "machines", "hours", "certifications"])
def test_a_listing_section_with_a_thousand_rows_is_refused_at_once(client, owner, section):
    producer = make_producer(owner)
    client.force_login(owner)
    before = _saved_rows()
    url = reverse("producers:edit_section", args=[producer.slug, section])
    response, took, quick = _timed_post(client, url, _oversized(section, section))
    assert response.status_code == 200
    body = response.content.decode()
    assert "This list takes at most" in body
    assert quick, f"{section}: {took}"
    assert _saved_rows() == before


def test_one_row_over_the_cap_comes_back_as_typed_with_the_reason(client, owner):
    producer = make_producer(owner)
    client.force_login(owner)
    most = forms.HoursFormSet.max_num
    data = {"hours-TOTAL_FORMS": str(most + 1), "hours-INITIAL_FORMS": "0"}
    for i in range(most + 1):
        data |= {
            f"hours-{i}-weekday": str(i % 7),
            f"hours-{i}-opens": f"{6 + i // 7 * 4:02d}:00",
            f"hours-{i}-closes": f"{8 + i // 7 * 4:02d}:30",
        }
    url = reverse("producers:edit_section", args=[producer.slug, "hours"])
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert f"This list takes at most {most} rows." in body
    assert 'value="14:00"' in body  # the third opening of a day, as typed
    assert OpeningHours.objects.count() == 0


def _hub_form_data(hub) -> dict:
    form = forms.HubForm(instance=hub, prefix="hub")
    data = {}
    for field in form:
        value = field.value()
        if value is not None:
            data[field.html_name] = value
    empty = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1"}
    for prefix in ("bays", "hours"):
        data |= {f"{prefix}-{k}": v for k, v in empty.items()}
    return data


def test_hub_form_data_is_valid_as_sent(client, owner):
    """The base the oversized hub posts start from saves: so a refusal is the cap's doing."""
    hub = make_hub(owner, town="Portland", postcode="97214", time_zone="America/Los_Angeles")
    client.force_login(owner)
    data = _hub_form_data(hub) | _oversized("bays", "bays", rows=1)
    response = client.post(reverse("producers:hub_edit", args=[hub.slug]), data)
    assert response.status_code == 302
    assert Bay.objects.filter(hub=hub, name="Bay 9").exists()


@pytest.mark.parametrize(("prefix", "section"), [("bays", "bays"), ("hours", "hours")])
def test_a_hub_with_a_thousand_bays_or_openings_is_refused_at_once(client, owner, prefix, section):
    hub = make_hub(owner, town="Portland", postcode="97214", time_zone="America/Los_Angeles")
    client.force_login(owner)
    before = _saved_rows()
    data = _hub_form_data(hub) | _oversized(prefix, section)
    response, took, quick = _timed_post(
        client, reverse("producers:hub_edit", args=[hub.slug]), data
    )
    assert response.status_code == 200
    assert "This list takes at most" in response.content.decode()
    assert quick, f"{prefix}: {took}"
    assert _saved_rows() == before


FORMSETS = [
    "CapabilityFormSet",
    "MachineFormSet",
    "HoursFormSet",
    "HubHoursFormSet",
    "CertificationFormSet",
    "BayFormSet",
]


@pytest.mark.parametrize("name", FORMSETS)
def test_every_formset_has_a_cap_it_enforces(name):
    formset = getattr(forms, name)
    assert formset.validate_max
    # No post makes Django build more forms than a few above the cap.
    assert formset.max_num <= formset.absolute_max <= formset.max_num + 10 <= 110


def test_every_formset_in_the_project_is_listed_above():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    found = set()
    for app in ("producers", "orders", "hubdir"):
        for path in (root / app).rglob("*.py"):
            text = path.read_text()
            found |= set(re.findall(r"^(\w+) = (?:inline)?formset_factory\(", text, re.M))
    assert found == set(FORMSETS)


def test_a_body_with_thousands_of_fields_gets_a_clear_400(client, owner, settings):
    producer = make_producer(owner)
    client.force_login(owner)
    url = reverse("producers:edit_section", args=[producer.slug, "capabilities"])
    data = {f"field{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response, took, quick = _timed_post(client, url, data)
    assert response.status_code == 400
    assert "more than we can take" in response.content.decode()
    assert quick, took


def test_a_body_too_big_gets_a_clear_400(client, owner, settings):
    producer = make_producer(owner)
    client.force_login(owner)
    url = reverse("producers:edit_section", args=[producer.slug, "capabilities"])
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(url, big, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "more than we can take" in response.content.decode()


def test_upload_caps_are_deliberate(settings):
    # The biggest real form: a listing's capabilities at their cap, every material ticked.
    rows = forms.CapabilityFormSet.max_num
    fields_per_row = 8 + 37  # its own fields, plus one per material in the catalogue
    assert rows * fields_per_row < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 3_000
    # Text only (files are not counted): far above any real form, far below a worker's memory.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 1_048_576
