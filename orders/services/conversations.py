"""Messages between a request's buyer and one producer, and about a hub's bays."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hubdir.accounts.models import User
from producers.models import Bay, Hub, Producer

from ..files import CleanFile
from ..models import (
    BayEnquiry,
    BayMessage,
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
        title=format_lazy(
            gettext_lazy("Message about “{title}” from {who}"),
            title=job.title,
            who=by.display_name() if from_buyer else producer.name,
        ),
        url=thread.get_absolute_url(),
        body=message.body[:500],
    )
    return message


def thread_mark_read(*, thread: Thread, buyer_side: bool) -> None:
    field = "buyer_read_at" if buyer_side else "producer_read_at"
    Thread.objects.filter(pk=thread.pk).update(**{field: timezone.now()})


def hub_managers(hub: Hub) -> list[User]:
    return list(User.objects.filter(memberships__hub=hub, is_active=True).distinct())


@transaction.atomic
def bay_enquiry_send(*, bay: Bay, by: User, body: str) -> BayMessage:
    """Someone asks about a bay: the message opens (or continues) their conversation with
    the hub's managers, who are notified. The message repeats the bay's terms as asked."""
    if not bay.is_rentable:
        raise TransitionError(_("This bay is no longer offered."))
    enquiry, _created = BayEnquiry.objects.get_or_create(bay=bay, enquirer=by)
    text = _("About %(bay)s (%(terms)s):") % {"bay": bay.name, "terms": bay.terms}
    return _bay_message(enquiry, by=by, body=f"{text}\n\n{body.strip()}")


@transaction.atomic
def bay_message_send(*, enquiry: BayEnquiry, by: User, body: str) -> BayMessage:
    """A reply in a bay's conversation, by the enquirer or one of the hub's managers."""
    return _bay_message(enquiry, by=by, body=body.strip())


def _bay_message(enquiry: BayEnquiry, *, by: User, body: str) -> BayMessage:
    enquiry = BayEnquiry.objects.select_for_update().select_related("bay__hub").get(pk=enquiry.pk)
    from_enquirer = by.pk == enquiry.enquirer_id
    message = BayMessage.objects.create(
        enquiry=enquiry, sender=by, from_enquirer=from_enquirer, body=body
    )
    enquiry.last_message_at = message.created_at
    enquiry.save(update_fields=["last_message_at"])
    hub = enquiry.bay.hub
    notify(
        users=hub_managers(hub) if from_enquirer else [enquiry.enquirer],
        kind=Notification.Kind.MESSAGE,
        title=format_lazy(
            gettext_lazy("Message about {bay} at {hub} from {who}"),
            bay=enquiry.bay.name,
            hub=hub.name,
            who=by.display_name() if from_enquirer else hub.name,
        ),
        url=enquiry.get_absolute_url(),
        body=message.body[:500],
    )
    return message
