"""Notifications in the app, and the choice of which of them also come by email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hubdir.types import AuthenticatedHttpRequest

from .. import services
from ..forms import EmailPreferencesForm
from ..models import Notification


@require_http_methods(["GET", "POST"])
@login_required
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        return redirect("orders:notifications")
    items = list(Notification.objects.filter(user=request.user)[:100])
    return render(request, "orders/notifications.html", {"items": items})


@require_http_methods(["GET", "POST"])
@login_required
def email_preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    wanted = [k for k in Notification.Kind.values if k not in request.user.email_muted]
    form = EmailPreferencesForm(request.POST or None, initial={"email": wanted})
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["email"])
        muted = [k for k in Notification.Kind.values if k not in chosen]
        services.email_preferences_save(user=request.user, muted=muted)
        messages.success(request, _("Your email choices are saved."))
        return redirect("orders:email_preferences")
    return render(request, "account/email_preferences.html", {"form": form})


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every email. GET asks (mail scanners follow links); POST mutes that kind."""
    try:
        found = services.unsubscribe_read(token)
    except signing.SignatureExpired:
        return render(request, "account/unsubscribe.html", {"expired": True}, status=410)
    if found is None:
        return render(request, "account/unsubscribe.html", {"invalid": True}, status=404)
    user, kind = found
    if request.method == "POST":
        services.email_unsubscribe(user=user, kind=kind)
        return render(request, "account/unsubscribe.html", {"done": True, "kind": kind})
    return render(request, "account/unsubscribe.html", {"kind": kind})
