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
