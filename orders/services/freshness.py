"""Owners are asked, once every CONFIRM_EVERY, whether their listings' details are current."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, ngettext_lazy

from hubdir.accounts.models import User
from producers.models import Hub, Membership, Producer

from ..models import Notification
from .notifications import notify


@transaction.atomic
def listing_reminders_send(*, now: datetime | None = None) -> int:
    """Notify the owners of every published listing whose reminder is due (in the app, and
    by email unless they muted these); returns how many listings were reminded. Rows another
    run holds are skipped, and each listing records its reminder, so none gets two a period."""
    now = now or timezone.now()
    reminded = 0
    for model, edit_url in ((Producer, "producers:edit"), (Hub, "producers:hub_edit")):
        candidates = (
            model.objects.published()
            .filter(confirmed_at__lte=now - model.CONFIRM_EVERY)
            .select_for_update(skip_locked=True)
            .order_by("pk")
        )
        due = [listing for listing in candidates if listing.confirm_reminder_due(now)]
        for listing in due:
            owners = User.objects.filter(
                **{f"memberships__{model._meta.model_name}": listing},
                memberships__role=Membership.Role.OWNER,
            )
            days = listing.confirmed_days_ago(now)
            notify(
                users=owners,
                kind=Notification.Kind.LISTING,
                title=format_lazy(
                    gettext_lazy("Are {name}'s details still right?"), name=listing.name
                ),
                url=reverse(edit_url, kwargs={"slug": listing.slug}),
                body=format_lazy(
                    ngettext_lazy(
                        "They were last confirmed {days} days ago. Open the listing and press "
                        "“Confirm details are current”, or edit what has changed. After "
                        "{stale} days without a confirmation, search marks the "
                        "listing as stale and shows it after the others.",
                        "They were last confirmed {days} days ago. Open the listing and press "
                        "“Confirm details are current”, or edit what has changed. After "
                        "{stale} days without a confirmation, search marks the "
                        "listing as stale and shows it after the others.",
                        days,
                    ),
                    days=days,
                    stale=model.STALE_AFTER.days,
                ),
            )
        model.objects.filter(pk__in=[listing.pk for listing in due]).update(confirm_reminded_at=now)
        reminded += len(due)
    return reminded
