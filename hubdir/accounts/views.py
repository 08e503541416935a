from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import services
from .forms import ProfileForm


@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=request.user, name=form.cleaned_data["name"])
        messages.success(request, "Your details are saved.")
        return redirect("accounts:home")
    return render(request, "account/home.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def email_preferences(request: HttpRequest) -> HttpResponse:
    from orders.forms import EmailPreferencesForm
    from orders.models import Notification
    from orders.services import email_preferences_save

    wanted = [k for k in Notification.Kind.values if k not in request.user.email_muted]
    form = EmailPreferencesForm(request.POST or None, initial={"email": wanted})
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["email"])
        muted = [k for k in Notification.Kind.values if k not in chosen]
        email_preferences_save(user=request.user, muted=muted)
        messages.success(request, "Your email choices are saved.")
        return redirect("accounts:email_preferences")
    return render(request, "account/email_preferences.html", {"form": form})


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every email. GET asks (mail scanners follow links); POST mutes that kind."""
    from orders.services import email_unsubscribe, unsubscribe_read

    found = unsubscribe_read(token)
    if found is None:
        return render(request, "account/unsubscribe.html", {"invalid": True}, status=404)
    user, kind = found
    if request.method == "POST":
        email_unsubscribe(user=user, kind=kind)
        return render(request, "account/unsubscribe.html", {"done": True, "kind": kind})
    return render(request, "account/unsubscribe.html", {"kind": kind})
