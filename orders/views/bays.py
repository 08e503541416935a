"""Asking a hub about a bay to rent, and the conversation that follows."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hubdir.limits import posted, posting_limit
from hubdir.types import AuthenticatedHttpRequest
from producers.views.access import is_member

from .. import services
from ..forms import BayEnquiryForm
from .access import bay_enquiry_party, rentable_bay


@require_http_methods(["GET", "POST"])
@login_required
@posting_limit("messages")
def bay_enquiry_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The hub page's "Ask about this bay" posts here; a form with errors comes back here."""
    bay = rentable_bay(pk)
    if is_member(request.user, bay.hub):
        raise Http404  # the hub's own managers have nobody to ask
    form = BayEnquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message = services.bay_enquiry_send(
                bay=bay, by=request.user, body=form.cleaned_data["body"]
            )
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect(bay.hub)
        posted(request)
        messages.success(request, _("Sent to the managers of %(hub)s.") % {"hub": bay.hub.name})
        return redirect(message.enquiry)
    status = 400 if form.errors else 200
    return render(
        request, "orders/bay_enquiry_form.html", {"bay": bay, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
@posting_limit("messages")
def bay_enquiry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    enquiry = bay_enquiry_party(request, pk)
    form = BayEnquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.bay_message_send(enquiry=enquiry, by=request.user, body=form.cleaned_data["body"])
        posted(request)
        return redirect(enquiry)
    context = {
        "enquiry": enquiry,
        "bay": enquiry.bay,
        "hub_side": enquiry.enquirer_id != request.user.pk,
        "messages_list": list(enquiry.messages.all()),
        "form": form,
    }
    return render(request, "orders/bay_enquiry.html", context, status=400 if form.errors else 200)
