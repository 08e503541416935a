"""Notifications in the app and by email, and the person's choice of emails."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_stubs_ext import StrOrPromise

from hubdir.accounts.language import language_of
from hubdir.accounts.models import User
from hubdir.tasks import send_templated_email

from ..models import (
    Notification,
)

UNSUBSCRIBE_SALT = "hubdir.unsubscribe"
# How long the link in an email works; the email says so.
UNSUBSCRIBE_MAX_AGE = timedelta(days=365)


def unsubscribe_token(user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT)


def notify(
    *, users: Iterable[User], kind: str, title: StrOrPromise, url: str, body: StrOrPromise = ""
) -> None:
    """An in-app notification for each person, and an email after commit unless they muted it.

    `title` and `body` may be lazy (gettext_lazy, format_lazy): each person gets them in
    their own language, whoever's request caused them.
    """
    users = [u for u in {u.pk: u for u in users}.values()]
    notifications, emails = [], []
    for user in users:
        language = language_of(user)
        with translation.override(language):
            title_text, body_text = str(title), str(body)
            kind_label = str(Notification.Kind(kind).label)
        notifications.append(Notification(user=user, kind=kind, title=title_text[:200], url=url))
        if kind in user.email_muted or not user.email:
            continue
        unsubscribe = reverse("orders:unsubscribe", kwargs={"token": unsubscribe_token(user, kind)})
        context = {
            "title": title_text,
            "body": body_text,
            "url": url,
            "unsubscribe_url": unsubscribe,
            "kind_label": kind_label,
        }
        emails.append(
            partial(
                send_templated_email.enqueue,
                to=[user.email],
                template="notification",
                values=context,
                unsubscribe_path=unsubscribe,
                language=language,
            )
        )
    Notification.objects.bulk_create(notifications)
    for email in emails:
        transaction.on_commit(email)


@transaction.atomic
def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def email_preferences_save(*, user: User, muted: Iterable[str]) -> None:
    user.email_muted = sorted(set(muted) & set(Notification.Kind.values))
    user.save(update_fields=["email_muted"])


def unsubscribe_read(token: str) -> tuple[User, Notification.Kind] | None:
    """The person and the kind of email a signed unsubscribe link is for; None if forged.

    Raises signing.SignatureExpired for a genuine link older than UNSUBSCRIBE_MAX_AGE.
    """
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
        return User.objects.get(pk=data["u"]), Notification.Kind(data["k"])
    except signing.SignatureExpired:
        raise
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError, ValueError):
        return None


def email_unsubscribe(*, user: User, kind: str) -> None:
    if kind not in user.email_muted:
        email_preferences_save(user=user, muted=[*user.email_muted, kind])
