"""One definition of "this request matches this workshop": who is told when it is
published, what the board shows by default and who may open it agree, pair by pair."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from orders import selectors
from orders.models import JobRequest
from producers.models import Capability, Category

from .factories import PORTLAND, UserFactory, make_producer, make_request

pytestmark = pytest.mark.django_db


def test_notification_board_and_access_agree_on_every_request_and_workshop_pair():
    rng = random.Random(7)
    category = Category.objects.create(slug="fab", name="Fab")
    caps = [
        Capability.objects.create(slug=f"c{i}", name=f"Cap {i}", category=category)
        for i in range(3)
    ]  # noqa: E501
    producers = []
    for i in range(14):
        producer = make_producer(
            UserFactory(),
            name=f"Shop {i}",
            lat=PORTLAND["lat"] + rng.uniform(-0.25, 0.25),
            lng=PORTLAND["lng"] + rng.uniform(-0.35, 0.35),
            accepts_custom_jobs=rng.random() > 0.2,
            status=rng.choice(["published"] * 4 + ["draft", "suspended"]),
        )
        producer.producer_capabilities.all().delete()
        for cap in rng.sample(caps, rng.randint(1, 2)):
            producer.producer_capabilities.create(capability=cap)
        producers.append(producer)
    buyer = UserFactory()
    jobs = []
    for i in range(8):
        job = make_request(
            buyer,
            publish=False,
            title=f"Job {i}",
            capability=rng.choice(caps),
            radius_km=rng.choice([5, 10, 25, 50]),
            lat=PORTLAND["lat"] + rng.uniform(-0.15, 0.15),
            lng=PORTLAND["lng"] + rng.uniform(-0.15, 0.15),
        )
        # Open without leads, so each side is asked the rule itself, not who was told.
        JobRequest.objects.filter(pk=job.pk).update(status="open", published_at=timezone.now())
        job.refresh_from_db()
        jobs.append(job)

    told = {
        job.pk: set(
            selectors.matching_rows(
                capability_ids=job.capability_ids, lat=job.lat, lng=job.lng, radius_km=job.radius_km
            ).values_list("producer_id", flat=True)
        )
        for job in jobs
    }
    agreed = 0
    for producer in producers:
        board = set(
            selectors.board_requests(
                producer, selectors.producer_capabilities(producer)
            ).values_list("pk", flat=True)
        )
        for job in jobs:
            notified = producer.pk in told[job.pk]
            assert notified == (job.pk in board), (producer.name, job.title)
            assert notified == selectors.producer_sees(job, producer), (producer.name, job.title)
            agreed += notified
    assert agreed >= 3  # the data really has matches, not only refusals
