from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from hubdir.accounts.models import User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        # Accounts are verified unless a test asks otherwise: allauth requires it to log in.
        if create:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=extracted is not False
            )


def _capability():
    from producers.models import Capability, Category

    category, _ = Category.objects.get_or_create(
        slug="fabrication", defaults={"name": "Fabrication"}
    )
    capability, _ = Capability.objects.get_or_create(
        slug="laser-cutting",
        defaults={"name": "Laser cutting", "category": category, "synonyms": ["engraving"]},
    )
    return capability


def make_producer(owner, *, status="published", name="Kerf Laser", hub=None, **fields):
    """A producer with an owner membership and one capability, placed in Portland."""
    from producers import services
    from producers.models import ProducerCapability

    defaults = {
        "description": "Laser cutting and engraving.",
        "services": ["make"],
        "customer_types": ["residents"],
        "lat": 45.5164,
        "lng": -122.6297,
        "town": "Portland",
    }
    producer = services.producer_create(by=owner, name=name, hub=hub, **(defaults | fields))
    ProducerCapability.objects.create(producer=producer, capability=_capability())
    producer.status = status
    producer.save(update_fields=["status"])
    return producer


def make_hub(owner, *, status="published", name="Division Makers", **fields):
    from producers import services

    defaults = {"kind": "maker_space", "description": "A maker space.", "lat": 45.5, "lng": -122.64}
    hub = services.hub_create(by=owner, name=name, **(defaults | fields))
    hub.status = status
    hub.save(update_fields=["status"])
    return hub


PORTLAND = {"lat": 45.5152, "lng": -122.6784}


def make_portland():
    """The gazetteer entry searches near "Portland, OR" resolve to."""
    from hubdir.geo.models import Place

    return Place.objects.create(
        kind="city",
        name="Portland",
        ascii_name="Portland",
        region="OR",
        country_code="US",
        population=650000,
        **PORTLAND,
    )


def with_capabilities(producer, *capability_slugs, materials=(), **pc_fields):
    """Replace the producer's capabilities with these catalogue ones, each with `materials`."""
    from producers.models import Capability, Material, ProducerCapability

    producer.producer_capabilities.all().delete()
    for slug in capability_slugs:
        pc = ProducerCapability.objects.create(
            producer=producer, capability=Capability.objects.get(slug=slug), **pc_fields
        )
        pc.materials.set(Material.objects.filter(slug__in=materials))
    return producer


def make_request(buyer, *, publish=True, capability=None, **fields):
    """A job request near the Portland producers, published unless asked otherwise."""
    from datetime import timedelta

    from django.utils import timezone

    from orders import services
    from orders.models import JobRequest

    data = {
        "title": "40 engraved plywood coasters",
        "description": "Round, 10 cm, our logo engraved on one side.",
        "capability": capability or _capability(),
        "second_capability": None,
        "material": None,
        "quantity": 40,
        "needed_by": timezone.localdate() + timedelta(days=21),
        "budget_min": None,
        "budget_max": None,
        "place": "Portland, OR",
        "place_label": "Portland, OR, US",
        "lat": PORTLAND["lat"],
        "lng": PORTLAND["lng"],
        "handover": JobRequest.Handover.PICKUP,
        "radius_km": 25,
        "visibility": JobRequest.Visibility.OPEN,
    }
    invite = fields.pop("invite", ())
    files = fields.pop("files", ())
    return services.request_create(
        buyer=buyer,
        details=services.RequestDetails(**(data | fields)),
        invite=invite,
        files=files,
        publish=publish,
    )


def make_quote(job, producer, *, by=None, price="120.00", **fields):
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from orders import services

    today = timezone.localdate()
    values = {"ready_by": today + timedelta(days=10), "valid_until": today + timedelta(days=14)}
    by = by or producer.memberships.first().user
    return services.quote_create(
        job=job, producer=producer, by=by, price=Decimal(price), **(values | fields)
    )


def make_market():
    """The cast of the request tests, around one laser-cutting job near Portland.

    matching: a laser cutter 4 km away; invited: a far-away CNC shop a buyer can invite;
    unrelated: a sewing workshop next door (wrong capability) and nothing else.
    """
    from types import SimpleNamespace

    from producers.models import Capability, Category

    textiles, _ = Category.objects.get_or_create(slug="textiles", defaults={"name": "Textiles"})
    sewing, _ = Capability.objects.get_or_create(
        slug="sewing", defaults={"name": "Sewing", "category": textiles}
    )
    cast = SimpleNamespace(
        buyer=UserFactory(email="bea@example.com", name="Bea Buyer"),
        other_buyer=UserFactory(email="oscar@example.com", name="Oscar Otherbuyer"),
        matching_owner=UserFactory(email="mia@example.com", name="Mia Matching"),
        invited_owner=UserFactory(email="ivan@example.com", name="Ivan Invited"),
        unrelated_owner=UserFactory(email="uma@example.com", name="Uma Unrelated"),
        staff=UserFactory(email="sam@example.com", name="Sam Staff", is_staff=True),
    )
    cast.matching = make_producer(cast.matching_owner, name="Kerf Laser")
    cast.invited = make_producer(
        cast.invited_owner, name="Far CNC", lat=47.6062, lng=-122.3321, town="Seattle"
    )
    cast.unrelated = make_producer(cast.unrelated_owner, name="Stitch Shop")
    cast.unrelated.producer_capabilities.all().delete()
    cast.unrelated.producer_capabilities.create(capability=sewing)
    return cast
