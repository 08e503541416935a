"""What the write services share: the refusal they raise, files, the people of a producer,
and the moment a producer first answers a request."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from hubdir.accounts.models import User
from producers.models import Producer

from ..files import CleanFile
from ..models import (
    Attachment,
    JobRequest,
    Lead,
)


class TransitionError(Exception):
    """The action is not allowed in the object's current state; the message says why."""


def attach_files(files: Iterable[CleanFile], *, by: User, **owner) -> None:
    for clean in files:
        attachment = Attachment(
            name=clean.name, kind=clean.kind, size=clean.size, uploaded_by=by, **owner
        )
        attachment.file.save(clean.name, clean.content, save=False)
        attachment.save()


def producer_people(producer: Producer) -> list[User]:
    return list(User.objects.filter(memberships__producer=producer, is_active=True).distinct())


def responded(job: JobRequest, producer: Producer) -> None:
    """The producer answered (quote, decline or message): its response time starts counting."""
    lead, _created = Lead.objects.get_or_create(job_request=job, producer=producer)
    if lead.first_response_at is None:
        Lead.objects.filter(pk=lead.pk, first_response_at__isnull=True).update(
            first_response_at=timezone.now()
        )
