"""Reports from signed-in people, and what staff do about them: dismiss, hide, unpublish,
suspend or warn. Every action is logged; the reporters and the owner are told."""

from __future__ import annotations

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from hubdir.accounts.models import User
from producers.models import Hub, ListingStatus, Producer

from ..models import (
    JobRequest,
    Message,
    ModerationAction,
    Notification,
    Report,
    Review,
)
from .common import TransitionError, producer_people
from .notifications import notify

Action = ModerationAction.Action
# What a person may report.
Reportable = Producer | Hub | Review | Message | JobRequest

# What each action does to the thing, as the owner and the reporter read it.
OUTCOMES = {
    Action.DISMISS: gettext_lazy("Staff looked at it and left it as it is."),
    Action.HIDE: gettext_lazy("Staff removed it from the site."),
    Action.UNPUBLISH: gettext_lazy(
        "Staff took the listing off the site until it is reviewed again."
    ),
    Action.SUSPEND: gettext_lazy("Staff suspended the listing: it is off the site."),
    Action.WARN: gettext_lazy("Staff warned its owner or author."),
}


def report_kind(target: Reportable) -> str:
    """The Report field that points at this kind of object."""
    kinds: dict[type, str] = {
        Producer: "producer",
        Hub: "hub",
        Review: "review",
        Message: "message",
        JobRequest: "job_request",
    }
    return kinds[type(target)]


def report_subject(target: Reportable) -> str:
    """What was reported, in words staff and the people told can read."""
    return str(_subject(target))


def _subject(target: Reportable) -> StrOrPromise:
    """report_subject, lazy: each person told reads it in their own language."""
    if isinstance(target, Producer):
        return format_lazy(gettext_lazy("the workshop “{name}”"), name=target.name)
    if isinstance(target, Hub):
        return format_lazy(gettext_lazy("the hub “{name}”"), name=target.name)
    if isinstance(target, Review):
        return format_lazy(gettext_lazy("a review of {producer}"), producer=target.producer.name)
    if isinstance(target, Message):
        return format_lazy(
            gettext_lazy("a message about “{title}”"), title=target.thread.job_request.title
        )
    assert isinstance(target, JobRequest)
    return format_lazy(gettext_lazy("the request “{title}”"), title=target.title)


def report_target_url(target: Reportable) -> str:
    if isinstance(target, Review):
        return target.producer.get_absolute_url() + "#reviews"
    if isinstance(target, Message):
        return target.thread.get_absolute_url()
    return target.get_absolute_url()


def report_owners(target: Reportable) -> list[User]:
    """Who answers for the thing: the listing's people, or the author."""
    if isinstance(target, Producer):
        return producer_people(target)
    if isinstance(target, Hub):
        return list(User.objects.filter(memberships__hub=target, is_active=True).distinct())
    if isinstance(target, Review):
        return [target.buyer]
    if isinstance(target, Message):
        return [target.sender] if target.sender else []
    assert isinstance(target, JobRequest)
    return [target.buyer]


@transaction.atomic
def report_create(
    *, reporter: User, target: Reportable, reason: str, note: str
) -> tuple[Report, bool]:
    """One report per person and object: a second one updates the open report (its reason
    and note) and returns created=False; one staff already decided stays as decided."""
    kind = report_kind(target)
    report, created = Report.objects.get_or_create(
        reporter=reporter, **{kind: target}, defaults={"reason": reason, "note": note.strip()}
    )
    if not created:
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.is_open:
            report.reason = reason
            report.note = note.strip()
            report.save(update_fields=["reason", "note", "updated_at"])
    return report, created


def open_reports_on(report: Report) -> models.QuerySet[Report]:
    """Every open report on the same object as this one, this one included."""
    return Report.objects.filter(
        status=Report.Status.OPEN, **{report.kind: getattr(report, f"{report.kind}_id")}
    )


@transaction.atomic
def moderation_act(*, report: Report, by: User, action: str, reason: str) -> ModerationAction:
    """Do `action` to the reported object, close every open report on it, log who and why,
    and tell the reporters and (unless dismissed) the owner or author."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if action not in report.allowed_actions:
        raise TransitionError(_("That action is not possible on this report now."))
    target = report.target
    subject = _subject(target)
    if action == Action.HIDE:
        type(target)._default_manager.filter(pk=target.pk).update(hidden=True)
    elif action == Action.UNPUBLISH:
        type(target)._default_manager.filter(pk=target.pk).update(status=ListingStatus.DRAFT)
    elif action == Action.SUSPEND:
        type(target)._default_manager.filter(pk=target.pk).update(status=ListingStatus.SUSPENDED)
    closed = list(open_reports_on(report).select_related("reporter"))
    Report.objects.filter(pk__in=[r.pk for r in closed]).update(
        status=Report.Status.DISMISSED if action == Action.DISMISS else Report.Status.ACTIONED,
        resolved_at=timezone.now(),
        updated_at=timezone.now(),
    )
    logged = ModerationAction.objects.create(
        report=report, staff=by, action=action, reason=reason.strip(), subject=str(subject)[:300]
    )
    outcome = OUTCOMES[Action(action)]
    notify(
        users=[r.reporter for r in closed],
        kind=Notification.Kind.MODERATION,
        title=format_lazy(
            gettext_lazy("Your report about {subject}: {outcome}"),
            subject=subject,
            outcome=outcome,
        ),
        url=reverse("orders:notifications"),
        body=outcome,
    )
    if action != Action.DISMISS:
        notify(
            users=report_owners(target),
            kind=Notification.Kind.MODERATION,
            title=format_lazy(
                gettext_lazy("Moderators about {subject}: {outcome}"),
                subject=subject,
                outcome=outcome,
            ),
            url=report_target_url(target),
            body=format_lazy(gettext_lazy("Why: {reason}"), reason=reason.strip()),
        )
    return logged
