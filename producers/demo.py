"""The demo neighbourhood that `make run` shows: believable, deterministic, idempotent."""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from io import BytesIO

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from hubdir.accounts.models import User

from . import services
from .catalogue_data import CAPABILITY_MATERIALS
from .demo_data import (
    DESCRIPTIONS_ES,
    EQUIPMENT,
    HUBS,
    MIN_QUANTITY,
    PRODUCERS,
    WITHOUT_PHOTO,
    WRITTEN_IN_SPANISH,
)
from .models import (
    Bay,
    Capability,
    Certification,
    Hub,
    ListingStatus,
    Machine,
    Material,
    Membership,
    OpeningHours,
    Producer,
    ProducerCapability,
)

DEMO_PASSWORD = "hubdir-demo-2026"
DEMO_LOGINS = {
    "staff": "staff@demo.hubdir.test",
    "hub owner": "hub.owner@demo.hubdir.test",
    "producer member": "maker@demo.hubdir.test",
    "buyer": "buyer@demo.hubdir.test",
}
_NAMES = {
    "staff": "Sam Staff",
    "hub owner": "Hana Okafor",
    "producer member": "Milo Brandt",
    "buyer": "Bea Castillo",
}
_PALETTE = ["#0b5d4b", "#b3461b", "#1a56db", "#7a4b00", "#4a5560", "#8e2c48"]


def _demo_user(role: str) -> User:
    email = DEMO_LOGINS[role]
    user, created = User.objects.get_or_create(
        email=email, defaults={"name": _NAMES[role], "is_staff": role == "staff"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _demo_photo(text: str, seed: int) -> SimpleUploadedFile:
    """A simple generated picture, sent through the real upload pipeline."""
    rng = random.Random(seed)
    image = Image.new("RGB", (960, 720), rng.choice(_PALETTE))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(0, 900), rng.randrange(0, 660)
        draw.rectangle(
            [x, y, x + rng.randrange(40, 220), y + rng.randrange(40, 160)],
            outline="#ffffff",
            width=4,
        )
    draw.text((40, 660), text, fill="#ffffff")
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg")


def _hours(producer: Producer, repair: bool) -> None:
    for weekday in range(5):
        OpeningHours.objects.create(
            producer=producer,
            weekday=weekday,
            opens=time(9),
            closes=time(17, 30),
            walk_in=repair and weekday in (1, 3),
        )
    if repair:
        OpeningHours.objects.create(
            producer=producer, weekday=5, opens=time(10), closes=time(14), walk_in=True
        )


def _offer(producer: Producer, capability: Capability, rng: random.Random) -> None:
    """The capability as a real workshop would list it: materials it can work, the machine
    it is done on, batch sizes that machine takes, and certifications that fit."""
    make_model, work_area, thickness, bands, certifications = EQUIPMENT[capability.slug]
    allowed = CAPABILITY_MATERIALS[capability.slug]
    materials = list(Material.objects.filter(slug__in=rng.sample(allowed, min(3, len(allowed)))))
    band = rng.choice(bands)
    offered = ProducerCapability.objects.create(
        producer=producer,
        capability=capability,
        batch_band=band,
        min_quantity=MIN_QUANTITY[band],
        lead_time_days=rng.choice([1, 3, 5, 7, 14]),
    )
    offered.materials.set(materials)
    machine = Machine.objects.create(
        producer=producer,
        capability=capability,
        make_model=make_model,
        work_area=work_area,
        max_thickness_mm=thickness,
    )
    machine.materials.set(materials)
    for slug in certifications:
        producer.producer_certifications.get_or_create(
            certification=Certification.objects.get(slug=slug)
        )


@transaction.atomic
def seed_demo() -> dict[str, User]:
    """The demo neighbourhood: accounts, hubs, producers (the market is `orders.demo`'s)."""
    users = {role: _demo_user(role) for role in DEMO_LOGINS}
    owner, maker, staff = users["hub owner"], users["producer member"], users["staff"]
    rng = random.Random(2026)
    hubs = []
    for spec in HUBS:
        hub = Hub.objects.filter(name=spec["name"]).first()
        if hub is None:
            hub = services.hub_create(
                by=owner, town="Portland", region="OR", country_code="US", **spec
            )
            for n in range(1, 4):
                Bay.objects.create(
                    hub=hub,
                    name=f"Bay {n}",
                    size_sqm=20 + 15 * n,
                    monthly_price=450 + 175 * n,
                    min_lease_months=n,
                    available_from=date.today() + timedelta(days=30 * (n - 1)),
                    # The kitchen rents by the shift: its bays are all let, so a hub
                    # page's "No bays free" shows in the demo too.
                    status=Bay.Status.LET
                    if n == 2 or spec["kind"] == "kitchen"
                    else Bay.Status.AVAILABLE,
                )
            for weekday in range(6):
                OpeningHours.objects.create(
                    hub=hub, weekday=weekday, opens=time(7), closes=time(22)
                )
            hub.status = ListingStatus.PUBLISHED
            hub.save(update_fields=["status"])
        hubs.append(hub)

    for index, (name, hub_index, caps, svcs, customers, tagline, made) in enumerate(PRODUCERS):
        if Producer.objects.filter(name=name).exists():
            continue
        hub = hubs[hub_index] if hub_index is not None else None
        fields = {"hub": hub, "uses_hub_address": hub is not None}
        if hub is None:
            # Standalone workshops scattered over the inner east side.
            fields.update(
                address_line=f"{1000 + 37 * index} SE {10 + index} Ave",
                town="Portland",
                region="OR",
                postcode=rng.choice(["97202", "97206", "97214", "97215", "97232"]),
                lat=45.48 + rng.random() * 0.06,
                lng=-122.66 + rng.random() * 0.08,
            )
        words = {
            "tagline": tagline,
            "description": f"{tagline}. {made} We work with residents and businesses across "
            "the east side, from one-offs to runs of a few hundred.",
        } | _spanish(name)
        producer = services.producer_create(
            by=maker if index == 0 else owner,
            name=name,
            services=svcs,
            customer_types=customers,
            made_on_site=made,
            phone=f"+1 503 555 {1000 + index:04d}",
            public_email=f"hello@{name.lower().replace(' ', '').replace('&', 'and')[:20]}.example",
            **words,
            **fields,
        )
        if index == 0:
            Membership.objects.create(user=owner, producer=producer, role=Membership.Role.MEMBER)
        for cap_slug in caps:
            _offer(producer, Capability.objects.get(slug=cap_slug), rng)
        _hours(producer, "repair" in svcs)
        if index not in WITHOUT_PHOTO:
            services.photo_add(
                producer=producer, upload=_demo_photo(name, index), caption=f"Made at {name}"
            )
        producer.status = ListingStatus.PUBLISHED
        producer.published_at = timezone.now()
        if index % 3 == 0:
            producer.verified, producer.verified_by, producer.verified_at = (
                True,
                staff,
                timezone.now(),
            )
            producer.checked_equipment = producer.checked_hours = True
            producer.checked_businesses = producer.checked_examples = True
        producer.save()
    return users


def _spanish(name: str) -> dict:
    """A demo owner's Spanish: a description beside the English, or one written in Spanish."""
    if name in WRITTEN_IN_SPANISH:
        tagline, description = WRITTEN_IN_SPANISH[name]
        return {"tagline": tagline, "description": description, "description_language": "es"}
    if name in DESCRIPTIONS_ES:
        return {"description_es": DESCRIPTIONS_ES[name]}
    return {}
