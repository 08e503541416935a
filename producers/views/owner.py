"""'For workshops': owners and members keep their hubs and producers true."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .. import forms, services
from ..models import Hub, HubJoinRequest, Invitation, ListingChange, Membership, Photo, Producer
from .access import get_for_member, get_for_owner, is_owner

SECTIONS = {
    # slug: (formset class, title, help, the message once saved)
    "capabilities": (
        forms.CapabilityFormSet,
        gettext_lazy("Capabilities"),
        gettext_lazy("What you do, with the materials, batch sizes and lead times for each."),
        gettext_lazy("Capabilities saved."),
    ),
    "machines": (
        forms.MachineFormSet,
        gettext_lazy("Machines"),
        gettext_lazy("Your equipment and its limits, so buyers know what fits."),
        gettext_lazy("Machines saved."),
    ),
    "hours": (
        forms.HoursFormSet,
        gettext_lazy("Opening hours"),
        gettext_lazy("One row per opening. Add two rows for a day with a lunch break."),
        gettext_lazy("Opening hours saved."),
    ),
    "certifications": (
        forms.CertificationFormSet,
        gettext_lazy("Certifications"),
        gettext_lazy("Food safety, insurance and quality certificates, with their expiry dates."),
        gettext_lazy("Certifications saved."),
    ),
}


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "producers": Producer.objects.managed_by(user).select_related("hub"),
        "hubs": Hub.objects.managed_by(user),
        "invitations": Invitation.objects.filter(
            email__iexact=user.email, status=Invitation.Status.PENDING
        ).select_related("hub", "producer"),
    }
    return render(request, "producers/owner/dashboard.html", context)


@login_required
def producer_new(request: HttpRequest) -> HttpResponse:
    hubs = Hub.objects.managed_by(request.user)
    form = forms.ProducerForm(request.POST or None, hubs=hubs)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "name"}
        producer = services.producer_create(by=request.user, name=form.cleaned_data["name"], **data)
        messages.success(
            request,
            _("%(name)s is saved as a draft. Add your capabilities next.")
            % {"name": producer.name},
        )
        return redirect("producers:edit_section", slug=producer.slug, section="capabilities")
    return render(request, "producers/owner/producer_form.html", {"form": form, "creating": True})


@login_required
def hub_new(request: HttpRequest) -> HttpResponse:
    form = forms.HubForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "name"}
        hub = services.hub_create(by=request.user, name=form.cleaned_data["name"], **data)
        messages.success(request, _("%(name)s is saved as a draft.") % {"name": hub.name})
        return redirect("producers:hub_edit", slug=hub.slug)
    return render(request, "producers/owner/hub_form.html", {"form": form, "creating": True})


@login_required
def producer_edit(request: HttpRequest, slug: str) -> HttpResponse:
    producer = get_for_member(request, Producer, slug)
    # A producer may join a hub it manages or any published hub.
    hubs = Hub.objects.visible_to(request.user)
    form = forms.ProducerForm(
        request.POST or None, instance=producer, hubs=hubs, initial=_proposed_initial(producer)
    )
    if request.method == "POST" and form.is_valid():
        services.producer_update(producer=producer, data=form.cleaned_data, by=request.user)
        if _pending_change(producer) or _pending_join(producer):
            messages.success(request, _("Details saved. Some changes wait for review first."))
        else:
            messages.success(request, _("Details saved."))
        return redirect("producers:edit", slug=producer.slug)
    context = _producer_context(request, producer) | {"form": form, "section": "details"}
    return render(request, "producers/owner/producer_form.html", context)


@login_required
def producer_section(request: HttpRequest, slug: str, section: str) -> HttpResponse:
    producer = get_for_member(request, Producer, slug)
    if section not in SECTIONS:
        raise Http404
    formset_class, title, help_text, saved = SECTIONS[section]
    formset = formset_class(request.POST or None, instance=producer, prefix=section)
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            if section == "capabilities":
                services.capabilities_save(producer=producer, formset=formset, by=request.user)
            else:
                formset.save()
            services.listing_confirm(listing=producer, by=request.user)
        messages.success(request, saved)
        return redirect("producers:edit_section", slug=producer.slug, section=section)
    context = _producer_context(request, producer) | {
        "formset": formset,
        "section": section,
        "title": title,
        "help_text": help_text,
    }
    return render(request, "producers/owner/section.html", context)


def _photos_page(request, producer, *, form, caption_form=None, caption_photo=None, status=200):
    context = _producer_context(request, producer) | {
        "form": form,
        "section": "photos",
        "photos": producer.photos.all(),
        # A caption that did not validate comes back beside its photo, as typed.
        "caption_form": caption_form,
        "caption_photo": caption_photo,
    }
    return render(request, "producers/owner/photos.html", context, status=status)


@login_required
def producer_photos(request: HttpRequest, slug: str) -> HttpResponse:
    producer = get_for_member(request, Producer, slug)
    form = forms.PhotoUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.photo_add(
                producer=producer,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as e:
            form.add_error("image", e)
        else:
            messages.success(request, _("Photo added."))
            return redirect("producers:photos", slug=producer.slug)
    return _photos_page(request, producer, form=form)


@require_POST
@login_required
def photo_action(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    producer = get_for_member(request, Producer, slug)
    photo = get_object_or_404(Photo, pk=pk, producer=producer)
    action = request.POST.get("action")
    if action in ("up", "down"):
        services.photo_move(photo=photo, up=action == "up")
    elif action == "delete":
        services.photo_delete(photo=photo)
        messages.success(request, _("Photo deleted."))
    elif action == "caption":
        caption_form = forms.PhotoCaptionForm(request.POST)
        if not caption_form.is_valid():
            return _photos_page(
                request,
                producer,
                form=forms.PhotoUploadForm(),
                caption_form=caption_form,
                caption_photo=photo.pk,
                status=400,
            )
        services.photo_caption_set(photo=photo, caption=caption_form.cleaned_data["caption"])
        messages.success(request, _("Caption saved."))
    return redirect("producers:photos", slug=producer.slug)


@require_POST
@login_required
def listing_status(request: HttpRequest, kind: str, slug: str, action: str) -> HttpResponse:
    model = {"producer": Producer, "hub": Hub}.get(kind)
    if model is None or action not in ("submit", "unpublish"):
        raise Http404
    listing = get_for_member(request, model, slug)
    try:
        if action == "submit":
            services.listing_submit(listing=listing, by=request.user)
            messages.success(
                request, _("Sent for review. We will email you when staff have looked.")
            )
        else:
            if not is_owner(request.user, listing):
                raise Http404
            services.listing_unpublish(listing=listing, by=request.user)
            messages.success(request, _("Taken down: it is a draft again, visible only to you."))
    except services.TransitionError as e:
        messages.error(request, str(e))
    return redirect(listing.get_absolute_url())


@require_POST
@login_required
def listing_confirm(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """One POST says the details are still current: the dashboard's and edit page's button."""
    model = {"producer": Producer, "hub": Hub}.get(kind)
    if model is None:
        raise Http404
    listing = get_for_member(request, model, slug)
    services.listing_confirm(listing=listing, by=request.user)
    messages.success(
        request,
        _("Thank you: %(name)s's details are marked as current.") % {"name": listing.name},
    )
    if request.POST.get("back") == "edit":
        return redirect("producers:edit" if kind == "producer" else "producers:hub_edit", slug=slug)
    return redirect("producers:owner_dashboard")


@login_required
def members(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    model = {"producer": Producer, "hub": Hub}.get(kind)
    if model is None:
        raise Http404
    listing = get_for_owner(request, model, slug)
    form = forms.InviteForm(request.POST or None, prefix="invite")
    tenant_form = forms.TenantInviteForm(request.POST or None, prefix="tenant")
    if request.method == "POST":
        chosen = tenant_form if "tenant-email" in request.POST and kind == "hub" else form
        if chosen.is_valid():
            try:
                services.membership_invite(
                    listing=listing,
                    email=chosen.cleaned_data["email"],
                    role=chosen.cleaned_data.get("role", Membership.Role.OWNER),
                    by=request.user,
                    as_tenant=chosen is tenant_form,
                )
            except services.TransitionError as e:
                chosen.add_error("email", str(e))
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s.") % {"email": chosen.cleaned_data["email"]},
                )
                return redirect("producers:members", kind=kind, slug=slug)
        if chosen is form:
            tenant_form = forms.TenantInviteForm(prefix="tenant")
        else:
            form = forms.InviteForm(prefix="invite")
    context = {
        "listing": listing,
        "kind": kind,
        "memberships": listing.memberships.select_related("user"),
        "invitations": listing.invitations.filter(status=Invitation.Status.PENDING),
        "join_requests": listing.join_requests.filter(
            status=HubJoinRequest.Status.PENDING
        ).select_related("producer")
        if kind == "hub"
        else [],
        "tenants": listing.tenants.all() if kind == "hub" else [],
        "form": form,
        "tenant_form": tenant_form if kind == "hub" else None,
    }
    return render(request, "producers/owner/members.html", context)


@require_POST
@login_required
def member_remove(request: HttpRequest, kind: str, slug: str, pk: int) -> HttpResponse:
    model = {"producer": Producer, "hub": Hub}.get(kind)
    if model is None:
        raise Http404
    listing = get_for_owner(request, model, slug)
    membership = get_object_or_404(listing.memberships, pk=pk)
    try:
        services.membership_remove(membership=membership, by=request.user)
        messages.success(
            request,
            _("%(person)s no longer manages %(listing)s.")
            % {"person": membership.user, "listing": listing.name},
        )
    except services.TransitionError as e:
        messages.error(request, str(e))
    return redirect("producers:members", kind=kind, slug=slug)


@require_POST
@login_required
def hub_join_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    hub = get_for_owner(request, Hub, slug)
    join = get_object_or_404(hub.join_requests, pk=pk)
    accept = request.POST.get("answer") == "accept"
    try:
        services.hub_join_answer(join=join, by=request.user, accept=accept)
    except services.TransitionError as e:
        messages.error(request, str(e))
    else:
        names = {"producer": join.producer.name, "hub": hub.name}
        if accept:
            messages.success(request, _("%(producer)s is now listed in %(hub)s.") % names)
        else:
            messages.success(request, _("%(producer)s will not be listed in %(hub)s.") % names)
    return redirect("producers:members", kind="hub", slug=hub.slug)


@require_POST
@login_required
def hub_tenant_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    hub = get_for_owner(request, Hub, slug)
    producer = get_object_or_404(hub.tenants, pk=pk)
    try:
        services.hub_tenant_remove(hub=hub, producer=producer, by=request.user)
    except services.TransitionError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request,
            _("%(producer)s is no longer listed in %(hub)s.")
            % {"producer": producer.name, "hub": hub.name},
        )
    return redirect("producers:members", kind="hub", slug=hub.slug)


@login_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    # Only the invited address may see it: anyone else gets 404.
    inv = get_object_or_404(Invitation, token=token, email__iexact=request.user.email)
    if request.method == "POST":
        try:
            if request.POST.get("answer") == "accept":
                membership = services.invitation_accept(invitation=inv, user=request.user)
                messages.success(
                    request,
                    _("You now help manage %(listing)s.") % {"listing": membership.listing.name},
                )
                listing = membership.listing
                if isinstance(listing, Producer):
                    return redirect("producers:edit", slug=listing.slug)
                return redirect("producers:hub_edit", slug=listing.slug)
            services.invitation_decline(invitation=inv, user=request.user)
            messages.success(request, _("Invitation declined."))
            return redirect("producers:owner_dashboard")
        except services.TransitionError as e:
            messages.error(request, str(e))
    return render(request, "producers/owner/invitation.html", {"invitation": inv})


@login_required
def hub_edit(request: HttpRequest, slug: str) -> HttpResponse:
    hub = get_for_member(request, Hub, slug)
    pending_change = hub.changes.filter(status=ListingChange.Status.PENDING).first()
    latest = hub.changes.exclude(status=ListingChange.Status.PENDING).last()
    form = forms.HubForm(
        request.POST or None,
        instance=hub,
        prefix="hub",
        # The values waiting for review, so the form shows what the owner asked for.
        initial=pending_change.fields if pending_change else None,
    )
    bays = forms.BayFormSet(request.POST or None, instance=hub, prefix="bays")
    hours = forms.HubHoursFormSet(request.POST or None, instance=hub, prefix="hours")
    if request.method == "POST" and form.is_valid() and bays.is_valid() and hours.is_valid():
        with transaction.atomic():
            services.hub_update(hub=hub, data=form.cleaned_data, by=request.user)
            bays.save()
            hours.save()
        messages.success(request, _("Hub saved."))
        return redirect("producers:hub_edit", slug=hub.slug)
    context = {
        "hub": hub,
        "form": form,
        "bays": bays,
        "hours": hours,
        "is_owner": is_owner(request.user, hub),
        "missing": services.missing_for_review(hub),
        "pending_change": pending_change,
        "rejected_change": latest if latest and latest.status == "rejected" else None,
    }
    return render(request, "producers/owner/hub_form.html", context)


def _pending_change(producer: Producer) -> ListingChange | None:
    return producer.changes.filter(status=ListingChange.Status.PENDING).first()


def _pending_join(producer: Producer) -> HubJoinRequest | None:
    return (
        producer.hub_join_requests.filter(status=HubJoinRequest.Status.PENDING)
        .select_related("hub")
        .first()
    )


def _proposed_initial(producer: Producer) -> dict:
    """The values waiting for review, so the form shows what the owner asked for."""
    initial = {}
    if change := _pending_change(producer):
        initial |= change.fields
    if join := _pending_join(producer):
        initial |= {"hub": join.hub_id, "uses_hub_address": join.uses_hub_address}
    return initial


def _producer_context(request: HttpRequest, producer: Producer) -> dict:
    latest = producer.changes.exclude(status=ListingChange.Status.PENDING).last()
    return {
        "producer": producer,
        "pending_change": _pending_change(producer),
        "pending_join": _pending_join(producer),
        "rejected_change": latest if latest and latest.status == "rejected" else None,
        "is_owner": is_owner(request.user, producer),
        "missing": services.missing_for_review(producer),
        "sections": [("details", _("Details"))]
        + [(key, value[1]) for key, value in SECTIONS.items()]
        + [("photos", _("Photos"))],
    }


@require_http_methods(["GET", "POST"])
@login_required
def producer_delete(request: HttpRequest, slug: str) -> HttpResponse:
    """An owner throws away a draft, after a confirmation page (no JavaScript needed)."""
    producer = get_for_owner(request, Producer, slug)
    if not producer.can_delete:
        messages.error(request, _("Only a draft that was never published can be deleted."))
        return redirect("producers:edit", slug=producer.slug)
    if request.method == "POST":
        try:
            services.producer_delete(producer=producer, by=request.user)
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect("producers:edit", slug=producer.slug)
        messages.success(request, _("Your draft “%(name)s” is deleted.") % {"name": producer.name})
        return redirect("producers:owner_dashboard")
    return render(request, "producers/owner/delete.html", {"producer": producer})
