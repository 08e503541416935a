from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from . import services
from .forms import ProfileForm


@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=request.user, name=form.cleaned_data["name"])
        messages.success(request, _("Your details are saved."))
        return redirect("accounts:home")
    return render(request, "account/home.html", {"form": form})


# Anonymous pages (the search page above all) are cached for everyone, so the switcher on
# them carries no CSRF token: for a visitor it sets only the language cookie, which a forged
# post could at worst flip. Saving the choice on an account is a write, and needs the token.
@csrf_exempt
@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """The header's language switcher: Django's set_language (the cookie, and only a safe
    `next`); for a signed-in person the choice is kept on their account too."""
    if request.user.is_authenticated:
        return _choose_for_account(request)
    return set_language(request)


@csrf_protect
def _choose_for_account(request: HttpRequest) -> HttpResponse:
    response = set_language(request)
    services.user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response
