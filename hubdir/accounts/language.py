"""Which language a person reads Hubdir in.

The browser's Accept-Language decides first (LocaleMiddleware), then the switcher's cookie;
for a signed-in person their saved choice wins, so it follows them to another device and
their emails use it too. URLs carry no language: a shared link opens in the reader's own
language (docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from .services import user_set_language


def reading_language() -> str:
    """The base language the current reader reads in ("es" for "es-us")."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def language_of(user) -> str:
    """The language to write to this person in: their choice, else the site's."""
    code = getattr(user, "language", "") or ""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Only when a session cookie came: an anonymous visitor costs no session read here.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            code = request.user.language
            if code and code in dict(settings.LANGUAGES) and code != request.LANGUAGE_CODE:
                translation.activate(code)
                request.LANGUAGE_CODE = code
        return self.get_response(request)


def remember_language_at_login(sender, request: HttpRequest, user, **kwargs) -> None:
    """user_logged_in: someone who never chose a language keeps the one they sign in with
    (their browser's), so emails reach them in the language they read the site in."""
    # Only a real request's language (LocaleMiddleware's): a login made in code (a test's
    # force_login, a script) says nothing about what the person reads.
    language = getattr(request, "LANGUAGE_CODE", "")
    if not user.language and language:
        user_set_language(user=user, language=language)
