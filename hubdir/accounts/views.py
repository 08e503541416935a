from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

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
