"""Reporting a listing, review, message or request, and the staff moderation queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hubdir.limits import posted, posting_limit
from hubdir.types import AuthenticatedHttpRequest
from producers.models import Hub, Producer

from .. import services
from ..forms import ModerationForm, ReportForm
from ..models import Message, Report, Review
from ..services.moderation import Reportable
from .access import job_viewer, thread_party

# The URL's word for each kind of object, and the Report field it fills.
URL_KINDS = {
    "producer": "producer",
    "hub": "hub",
    "review": "review",
    "message": "message",
    "request": "job_request",
}


def _reportable(request: HttpRequest, kind: str, pk: int) -> Reportable:
    """The object, if this person may see it (and so report it); 404 otherwise."""
    if kind in ("producer", "hub"):
        model = Producer if kind == "producer" else Hub
        return get_object_or_404(model.objects.published(), pk=pk)
    if kind == "review":
        return get_object_or_404(
            Review.objects.shown().select_related("producer"),
            pk=pk,
            producer__status="published",
        )
    if kind == "message":
        message = get_object_or_404(
            Message.objects.select_related("thread__job_request", "thread__producer"),
            pk=pk,
            hidden=False,
        )
        thread = message.thread
        thread_party(request, thread.job_request_id, thread.producer.slug)
        return message
    if kind == "request":
        job, _viewer = job_viewer(request, pk)
        return job
    raise Http404


def _report_for_staff(request: HttpRequest, pk: int) -> Report:
    if not request.user.is_staff:
        raise Http404
    return get_object_or_404(Report.objects.select_related("reporter"), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
@posting_limit("reports")
def report_create(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    target = _reportable(request, kind, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report, created = services.report_create(
            reporter=request.user,
            target=target,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        if created:
            posted(request)
            messages.success(request, _("Thank you. Staff will look at your report."))
        elif report.is_open:
            messages.info(
                request,
                _("You had already reported this; your report now has this reason and note."),
            )
        else:
            messages.info(
                request, _("You had already reported this, and staff have dealt with it.")
            )
        return redirect(services.report_target_url(target))
    context = {
        "form": form,
        "target": target,
        "subject": services.report_subject(target),
        "back_url": services.report_target_url(target),
    }
    return render(
        request, "orders/moderation/report_form.html", context, status=400 if form.errors else 200
    )


@require_GET
@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    """Open reports, oldest first, one row per reported object with how many reported it."""
    if not request.user.is_staff:
        raise Http404
    reports = list(
        Report.objects.filter(status=Report.Status.OPEN)
        .select_related(
            "reporter", "producer", "hub", "review__producer", "message__thread__job_request"
        )
        .select_related("job_request")
    )
    grouped: dict[tuple[str, int], dict] = {}
    for report in reports:
        key = (report.kind, getattr(report, f"{report.kind}_id"))
        row = grouped.setdefault(
            key, {"report": report, "count": 0, "subject": services.report_subject(report.target)}
        )
        row["count"] += 1
    context = {"rows": list(grouped.values())}
    return render(request, "orders/moderation/queue.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def moderation_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _report_for_staff(request, pk)
    form = ModerationForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.moderation_act(
                report=report,
                by=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect("orders:moderation_report", pk=report.pk)
        messages.success(request, _("Done. The reporters and the owner are told."))
        return redirect("orders:moderation_queue")
    target = report.target
    context = {
        "report": report,
        "target": target,
        "kind": report.kind,
        "subject": services.report_subject(target),
        "target_url": services.report_target_url(target),
        "owners": services.report_owners(target),
        "reports": services.moderation.open_reports_on(report).select_related("reporter")
        if report.is_open
        else [report],
        "history": report.actions.select_related("staff"),
        "form": form,
    }
    return render(
        request, "orders/moderation/report.html", context, status=400 if form.errors else 200
    )
