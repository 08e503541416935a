"""Types the views share."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from hubdir.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind @login_required: its user is a real account."""

    user: User
    # Set by django-htmx's middleware on every request (django-htmx's documented typing).
    htmx: HtmxDetails
