from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from . import services
from .models import User

NAME_LABEL = gettext_lazy("Name shown to others")
NAME_HELP = gettext_lazy(
    "A business name, or your first name and initial (like “Rosa M.”). Others see it on your "
    "requests, messages and reviews; never your email address."
)


def clean_display_name(value: str) -> str:
    value = value.strip()
    if "@" in value:
        raise ValidationError(
            _("Use a name, not an email address: other people see it."), code="email_as_name"
        )
    return value


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name"]
        labels = {"name": NAME_LABEL}
        help_texts = {"name": NAME_HELP}

    def clean_name(self) -> str:
        return clean_display_name(self.cleaned_data["name"])


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, asking for the name other people see (ACCOUNT_FORMS["signup"])."""

    field_order = ["email", "name", "password1", "password2"]

    name = forms.CharField(
        label=NAME_LABEL,
        max_length=User._meta.get_field("name").max_length,
        help_text=NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_name(self) -> str:
        name = clean_display_name(self.cleaned_data["name"])
        if not name:
            raise ValidationError(_("This field is required."), code="required")
        return name

    def try_save(self, request: HttpRequest):
        # A taken address creates no account, so nothing would hash the password: hash it
        # once anyway, as a new account's is, so the answer takes as long (like ModelBackend
        # does for an unknown user) and its speed does not tell who has an account.
        if self.account_already_exists and self.cleaned_data.get("password1"):
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)

    def signup(self, request: HttpRequest, user: User) -> None:
        services.user_update_profile(user=user, name=self.cleaned_data["name"])
        # The language they signed up in is the one their emails are written in.
        services.user_set_language(user=user, language=get_language())
