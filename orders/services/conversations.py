"""Messages between a request's buyer and one producer."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hubdir.accounts.models import User
from producers.models import Producer

from ..files import CleanFile
from ..models import (
    JobRequest,
    Message,
    Notification,
    Thread,
)
from .common import TransitionError, attach_files, producer_people, responded
from .notifications import notify


@transaction.atomic
def message_send(
    *,
    job: JobRequest,
    producer: Producer,
    by: User,
    from_buyer: bool,
    body: str,
    files: Iterable[CleanFile] = (),
    submission_token: uuid.UUID | None = None,
) -> Message:
    if job.status == JobRequest.Status.DRAFT:
        raise TransitionError(_("Publish the request before messaging about it."))
    thread, _created = Thread.objects.get_or_create(job_request=job, producer=producer)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if submission_token and (
        existing := thread.messages.filter(submission_token=submission_token).first()
    ):
        return existing
    now = timezone.now()
    message = Message.objects.create(
        thread=thread,
        sender=by,
        from_buyer=from_buyer,
        body=body.strip(),
        submission_token=submission_token,
    )
    attach_files(files, by=by, message=message)
    thread.last_message_at = now
    if from_buyer:
        thread.buyer_read_at = now
    else:
        thread.producer_read_at = now
        responded(job, producer)
    thread.save(update_fields=["last_message_at", "buyer_read_at", "producer_read_at"])
    notify(
        users=producer_people(producer) if from_buyer else [job.buyer],
        kind=Notification.Kind.MESSAGE,
        title=_("Message about “%(title)s” from %(who)s")
        % {"title": job.title, "who": by.display_name() if from_buyer else producer.name},
        url=thread.get_absolute_url(),
        body=message.body[:500],
    )
    return message


def thread_mark_read(*, thread: Thread, buyer_side: bool) -> None:
    field = "buyer_read_at" if buyer_side else "producer_read_at"
    Thread.objects.filter(pk=thread.pk).update(**{field: timezone.now()})
