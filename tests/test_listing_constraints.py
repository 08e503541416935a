"""Invariants the database holds even when code forgets them."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, InternalError, transaction

from producers.models import Membership, Producer

from .factories import make_producer

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_listing_cannot_lose_its_last_owner_at_commit(owner, member):
    producer = make_producer(owner)
    Membership.objects.create(user=member, producer=producer, role="member")
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Membership.objects.filter(producer=producer, role="owner").delete()
    assert producer.memberships.filter(role="owner").count() == 1


def test_ownership_can_be_handed_over_in_one_transaction(owner, member):
    producer = make_producer(owner)
    Membership.objects.create(user=member, producer=producer, role="member")
    with transaction.atomic():
        Membership.objects.filter(producer=producer, user=member).update(role="owner")
        Membership.objects.filter(producer=producer, user=owner).delete()
    assert list(producer.memberships.values_list("user__email", "role")) == [
        (member.email, "owner")
    ]


def test_deleting_a_whole_listing_is_allowed(owner):
    producer = make_producer(owner)
    producer.delete()
    assert not Producer.objects.exists()
    assert not Membership.objects.exists()
