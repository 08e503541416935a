"""Posting, editing, publishing and cancelling job requests, and the request page itself."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubdir.geo.units import uses_miles
from hubdir.limits import posted, posting_limit
from producers.models import Capability, Material, Producer
from producers.saved import INVITE_AT_ONCE
from producers.search import cached_country, cached_geocode

from .. import selectors, services
from ..forms import ID, SLUG, CancelForm, DeclineForm, JobRequestForm, QuoteForm
from ..models import BUYER_FIELDS, RADIUS_CHOICES, JobRequest, Order
from .access import Viewer, acting_url, job_for_buyer, job_viewer

# The decline form shares the page with the quote form: its "note" must not be id_note too.
DECLINE_IDS = "decline_%s"


def _invite_choices(request: HttpRequest, job: JobRequest | None) -> list[Producer]:
    slugs = request.POST.getlist("invite") or request.GET.getlist("invite")
    slugs = [s for s in slugs[:INVITE_AT_ONCE] if SLUG.match(s)]
    chosen = list(Producer.objects.published().claimed().filter(slug__in=slugs))
    if job is not None:
        chosen += [p for p in Producer.objects.filter(leads__job_request=job, leads__invited=True)]
    return list({p.pk: p for p in chosen}.values())


def _save_request(
    request: HttpRequest, form: JobRequestForm, job: JobRequest | None
) -> HttpResponse:
    publish = request.POST.get("action") == "publish" and (job is None or job.can_publish)
    saved = {
        "details": form.details(),
        "files": form.cleaned_data["files"],
        "invite": form.cleaned_data["invite"],
        "publish": publish,
    }
    try:
        if job is None:
            job = services.request_create(
                buyer=request.user, submission_token=form.cleaned_data.get("token"), **saved
            )
        else:
            job = services.request_update(job=job, by=request.user, **saved)
    except (services.TransitionError, ValidationError) as error:
        # Nothing was saved (one transaction); the form comes back with what was typed.
        form.add_error(None, str(error) if isinstance(error, services.TransitionError) else error)
        return None
    posted(request)
    if job.status == JobRequest.Status.OPEN and publish:
        reached = job.leads.count()
        messages.success(
            request,
            ngettext(
                "Your request is published. %(count)s workshop were told about it.",
                "Your request is published. %(count)s workshops were told about it.",
                reached,
            )
            % {"count": reached},
        )
    else:
        messages.success(
            request,
            _(
                "Your request is saved as a draft. No workshop sees it; only you and Hubdir staff "
                "can open it, and each time staff do is logged."
            ),
        )
    return redirect(job)


def _asked_again(request: HttpRequest) -> JobRequest | None:
    """The buyer's own earlier request that `?again=` names ("Request again"); 404 for
    anyone else's."""
    pk = request.GET.get("again", "")
    if not pk:
        return None
    return job_for_buyer(request, int(pk) if ID.fullmatch(pk) else 0)


@require_http_methods(["GET", "POST"])
@login_required
@posting_limit("requests")
def request_create(request: HttpRequest) -> HttpResponse:
    again = _asked_again(request)
    invite = _invite_choices(request, None)
    initial = {"invite": [p.slug for p in invite]}
    if again is not None:
        # Everything the buyer said but the date; files are chosen again (the form says so).
        initial |= model_to_dict(again, fields=[f for f in BUYER_FIELDS if f != "needed_by"])
        order = Order.objects.filter(job_request=again).select_related("producer").first()
        if order and order.producer.can_receive_requests:
            invite = [order.producer, *[p for p in invite if p.pk != order.producer_id]]
            initial["invite"] = [order.producer.slug]
    elif invite:
        initial["visibility"] = JobRequest.Visibility.INVITED
        initial["capability"] = (
            Capability.objects.filter(producers=invite[0]).order_by("name").first()
        )
    form = JobRequestForm(
        request.POST or None, request.FILES or None, initial=initial, invite_choices=invite
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and (response := _save_request(request, form, None))
    ):
        return response
    context = {"form": form, "creating": True, "invite": invite, "again": again}
    return render(request, "orders/request_form.html", context | _match_context(request.POST))


@require_http_methods(["GET", "POST"])
@login_required
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for_buyer(request, pk)
    if not job.can_edit:
        messages.error(request, _("This request can no longer be edited."))
        return redirect(job)
    invite = _invite_choices(request, job)
    form = JobRequestForm(
        request.POST or None,
        request.FILES or None,
        instance=job,
        initial={"invite": [p.slug for p in invite]},
        invite_choices=invite,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and (response := _save_request(request, form, job))
    ):
        return response
    return render(request, "orders/request_form.html", {"form": form, "job": job, "invite": invite})


@require_GET
@login_required
def request_matches(request: HttpRequest) -> HttpResponse:
    """The live count beside the form: who could take this, and what they usually decline for."""
    return render(request, "orders/request_form.html#matches", _match_context(request.GET))


def _match_context(params) -> dict:
    def pick(model, name):
        value = params.get(name, "")
        return model.objects.filter(pk=value).first() if ID.fullmatch(value) else None

    capability = pick(Capability, "capability")
    second = pick(Capability, "second_capability")
    material = pick(Material, "material")
    radius = params.get("radius_km", "")
    radius = int(radius) if radius in {str(r) for r, _label in RADIUS_CHOICES} else 25
    place = cached_geocode(params.get("place", "")[:200]) if params.get("place") else None
    country = cached_country(place[0], place[1]) if place else None
    context = {
        "capability": capability,
        "material": material,
        "radius": radius,
        "place": place,
        "miles": uses_miles(country),
    }
    if capability and place:
        ids = [c.pk for c in (capability, second) if c]
        context["summary"] = selectors.match_summary(
            capability_ids=ids,
            material_id=material.pk if material else None,
            lat=place[0],
            lng=place[1],
            radius_km=radius,
        )
        context["declines"] = selectors.usual_decline_reasons(capability.pk)
    needed_by = params.get("needed_by", "")
    try:
        days = (date.fromisoformat(needed_by) - timezone.localdate()).days
    except ValueError:
        days = None
    context["days_left"] = days
    return context


def render_detail(
    request: HttpRequest,
    job: JobRequest,
    viewer: Viewer,
    *,
    quote_form: QuoteForm | None = None,
    decline_form: DeclineForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "job": job,
        "viewer": viewer,
        "attachments": list(job.attachments.all()),
        "today": timezone.localdate(),
        "miles": uses_miles(cached_country(job.lat, job.lng) if job.lat is not None else None),
    }
    if viewer.buyer or (viewer.staff and not viewer.producer):
        context |= selectors.request_for_buyer(job)
    if viewer.producer:
        context |= selectors.request_for_producer(job, viewer.producer)
        # Someone who manages several listings sees which one every button acts for.
        context["several"] = len(viewer.producers) > 1
        context["quote_form"] = quote_form or QuoteForm()
        context["decline_form"] = decline_form or DeclineForm(auto_id=DECLINE_IDS)
    return render(request, "orders/request_detail.html", context, status=status)


@require_GET
@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job, viewer = job_viewer(request, pk)
    return render_detail(request, job, viewer)


@require_POST
@login_required
def request_publish(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for_buyer(request, pk)
    try:
        services.request_publish(job=job, by=request.user)
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        reached = job.leads.count()
        messages.success(
            request,
            ngettext(
                "Your request is published. %(count)s workshops were told.",
                "Your request is published. %(count)s workshops were told.",
                reached,
            )
            % {"count": reached},
        )
    return redirect(job)


@require_http_methods(["GET", "POST"])
@login_required
def request_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for_buyer(request, pk)
    if not job.can_cancel:
        messages.error(
            request,
            _("A draft is not published: delete it instead.")
            if job.can_delete
            else _("Only an open request can be cancelled."),
        )
        return redirect(job)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_cancel(job=job, by=request.user, reason=form.cleaned_data["reason"])
        except services.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your request is cancelled."))
        return redirect(job)
    return render(request, "orders/cancel.html", {"form": form, "job": job, "what": "request"})


@require_http_methods(["GET", "POST"])
@login_required
def request_delete(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for_buyer(request, pk)
    if not job.can_delete:
        messages.error(request, _("Only a draft can be deleted; cancel a published request."))
        return redirect(job)
    if request.method == "POST":
        try:
            services.request_delete(job=job, by=request.user)
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect(job)
        messages.success(request, _("Your draft “%(title)s” is deleted.") % {"title": job.title})
        return redirect("orders:dashboard")
    return render(request, "orders/delete.html", {"job": job})


@require_POST
@login_required
def request_invite(request: HttpRequest) -> HttpResponse:
    """From a profile: invite this producer to one of the buyer's draft or open requests."""
    pk = request.POST.get("request", "")
    job = job_for_buyer(request, int(pk) if ID.fullmatch(pk) else 0)
    slug = request.POST.get("producer", "")
    # Checked before any query: a NUL byte would reach PostgreSQL and fail there.
    if not SLUG.fullmatch(slug):
        raise Http404
    producer = get_object_or_404(Producer.objects.published(), slug=slug)
    try:
        services.request_invite(job=job, producer=producer, by=request.user)
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(producer)s is invited to quote on “%(title)s”.")
            % {"producer": producer.name, "title": job.title},
        )
    return redirect(job)


@require_POST
@login_required
def request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    job, viewer = job_viewer(request, pk)
    if viewer.producer is None:
        raise Http404
    form = DeclineForm(request.POST, auto_id=DECLINE_IDS)
    if not form.is_valid():
        return render_detail(request, job, viewer, decline_form=form)
    try:
        services.request_decline(
            job=job, producer=viewer.producer, by=request.user, **form.cleaned_data
        )
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You declined this request; the buyer sees your reason."))
    return redirect(acting_url(job, viewer.producer))
