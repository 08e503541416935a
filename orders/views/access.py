"""Who may see and do what. Each helper returns the object or raises Http404: outsiders never
learn that a private request, quote, order, thread or file exists."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from producers.models import Bay, Producer
from producers.views.access import is_member

from .. import selectors, services
from ..models import Attachment, BayEnquiry, JobRequest, Order, Quote, Thread


@dataclass
class Viewer:
    """How the current person relates to a request."""

    buyer: bool = False
    staff: bool = False
    producers: list[Producer] = field(default_factory=list)
    # The producer the person acts as on this page (the first they manage, or ?as=slug).
    producer: Producer | None = None


def _need_login(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise Http404


def job_viewer(request: HttpRequest, pk: int) -> tuple[JobRequest, Viewer]:
    _need_login(request)
    job = get_object_or_404(
        JobRequest.objects.select_related("buyer", "capability", "second_capability", "material"),
        pk=pk,
    )
    user = request.user
    if job.buyer_id == user.pk:
        return job, Viewer(buyer=True)
    producers = selectors.viewing_producers(user, job)
    if producers:
        wanted = request.POST.get("as") or request.GET.get("as")
        acting = next((p for p in producers if p.slug == wanted), producers[0])
        return job, Viewer(producers=producers, producer=acting, staff=user.is_staff)
    if user.is_staff:
        # Staff may open any request, to help or to moderate; each time is logged, as the
        # buyer is told.
        services.staff_access_record(staff=user, job=job, path=request.path)
        return job, Viewer(staff=True)
    raise Http404


def job_for_buyer(request: HttpRequest, pk: int) -> JobRequest:
    _need_login(request)
    return get_object_or_404(JobRequest, pk=pk, buyer=request.user)


def quote_for_producer(request: HttpRequest, pk: int) -> Quote:
    _need_login(request)
    return get_object_or_404(
        Quote.objects.select_related("job_request", "producer"),
        pk=pk,
        producer__memberships__user=request.user,
    )


def quote_for_buyer(request: HttpRequest, pk: int) -> Quote:
    _need_login(request)
    return get_object_or_404(
        Quote.objects.select_related("job_request", "producer"),
        pk=pk,
        job_request__buyer=request.user,
    )


def order_party(request: HttpRequest, pk: int) -> tuple[Order, str]:
    """The order and the side the person is on: "buyer", "producer" or "staff"."""
    _need_login(request)
    order = get_object_or_404(
        Order.objects.select_related("job_request", "producer", "buyer", "quote"), pk=pk
    )
    if order.buyer_id == request.user.pk:
        return order, "buyer"
    if order.producer.memberships.filter(user=request.user).exists():
        return order, "producer"
    if request.user.is_staff:
        return order, "staff"
    raise Http404


def order_for(request: HttpRequest, pk: int, side: str) -> Order:
    order, actual = order_party(request, pk)
    if actual != side:
        raise Http404
    return order


def thread_party(request: HttpRequest, pk: int, slug: str) -> tuple[JobRequest, Producer, str]:
    """A request's conversation with one producer: the buyer, that producer's people, staff."""
    _need_login(request)
    job = get_object_or_404(JobRequest.objects.select_related("buyer"), pk=pk)
    producer = get_object_or_404(Producer, slug=slug)
    user = request.user
    if job.status == JobRequest.Status.DRAFT:
        raise Http404
    if job.buyer_id == user.pk:
        # The buyer talks to producers the request reached (or that wrote first).
        reached = (
            job.leads.filter(producer=producer).exists()
            or Thread.objects.filter(job_request=job, producer=producer).exists()
        )
        if reached:
            return job, producer, "buyer"
        raise Http404
    if producer.memberships.filter(user=user).exists() and selectors.producer_sees(job, producer):
        return job, producer, "producer"
    if user.is_staff and Thread.objects.filter(job_request=job, producer=producer).exists():
        return job, producer, "staff"
    raise Http404


def attachment_for(request: HttpRequest, uuid) -> Attachment:
    """A file goes to whoever may see the thing it is attached to."""
    _need_login(request)
    attachment = get_object_or_404(
        Attachment.objects.select_related("quote", "message__thread", "order"), uuid=uuid
    )
    user = request.user
    if attachment.job_request_id:
        job_viewer(request, attachment.job_request_id)
    elif attachment.quote_id:
        quote = attachment.quote
        allowed = (
            user.is_staff
            or quote.job_request.buyer_id == user.pk
            or quote.producer.memberships.filter(user=user).exists()
        )
        if not allowed:
            raise Http404
    elif attachment.message_id:
        thread = attachment.message.thread
        _job, _producer, side = thread_party(request, thread.job_request_id, thread.producer.slug)
        # A message moderators removed takes its files with it, except for staff.
        if attachment.message.hidden and side != "staff":
            raise Http404
    else:
        order_party(request, attachment.order_id)
    return attachment


def producer_for_member(request: HttpRequest, slug: str) -> Producer:
    """A listing the person manages, for its dashboard; anyone else gets 404."""
    _need_login(request)
    return get_object_or_404(
        Producer.objects.filter(memberships__user=request.user).distinct(), slug=slug
    )


def acting_url(job: JobRequest, producer: Producer) -> str:
    """The request page as this producer: after acting for one listing, the page stays on it."""
    return f"{job.get_absolute_url()}?as={producer.slug}"


def rentable_bay(pk: int) -> Bay:
    """A bay anyone may ask about; 404 for a let, unlisted or unpublished one."""
    bay = get_object_or_404(Bay.objects.select_related("hub"), pk=pk)
    if not bay.is_rentable:
        raise Http404
    return bay


def bay_enquiry_party(request: HttpRequest, pk: int) -> BayEnquiry:
    """A bay's conversation, for the person who asked and the hub's managers only."""
    _need_login(request)
    enquiry = get_object_or_404(BayEnquiry.objects.select_related("bay__hub", "enquirer"), pk=pk)
    if enquiry.enquirer_id == request.user.pk or is_member(request.user, enquiry.bay.hub):
        return enquiry
    raise Http404
