"""Background work of the market, run by django-tasks' worker."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def remind_unconfirmed_listings() -> int:
    """Daily (manage.py remind_listings from cron): owners asked to confirm their details."""
    return services.listing_reminders_send()
