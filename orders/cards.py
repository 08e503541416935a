"""A request board card, printed in Python.

The cards were a fifth of the board's CPU at 100k producers (in-process, cProfile): five
translated sentences, six filters and some twenty values looked up one by one for each of
twenty-five requests. Printed here as the search cards are (producers/search/cards.py), it
is the same HTML and the same sentences (the same message ids, so the Spanish catalogue
translates them as before).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.template.defaultfilters import date as date_filter
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django_stubs_ext import WithAnnotations

from hubdir.geo.templatetags.units import money
from hubdir.geo.units import distance_label
from hubdir.html import counted
from producers.models import Producer

from .models import JobRequest


class _Figures(TypedDict):
    distance_km: float | None  # board_figures(): from the producer, None if it has no location
    has_lead: bool  # board_figures(): the request reached the producer
    file_count: int  # board(): the request's attachments


if TYPE_CHECKING:  # WithAnnotations takes the TypedDict only for the type checker
    BoardJob = WithAnnotations[JobRequest, _Figures]


def _what(job: BoardJob, miles: bool) -> SafeString:
    """How many of what, in what, by when and how far: the card's first line."""
    capability = conditional_escape(job.capability.label.lower())
    if job.material:
        what = mark_safe(  # noqa: S308 (a translation, its values escaped)
            gettext("%(quantity)s × %(capability)s in %(material)s")
            % {
                "quantity": localize(job.quantity),
                "capability": capability,
                "material": conditional_escape(job.material.label.lower()),
            }
        )
    else:
        what = format_html("{} × {}", localize(job.quantity), capability)
    when = gettext("needed by %(date)s") % {"date": conditional_escape(date_filter(job.needed_by))}
    text = format_html("{} · {}", what, mark_safe(when))  # noqa: S308 (escaped)
    if job.distance_km is not None:
        away = gettext("%(distance)s away") % {
            "distance": conditional_escape(distance_label(float(job.distance_km), miles=miles))
        }
        text = format_html("{} · {}", text, mark_safe(away))  # noqa: S308 (escaped)
    return text


def _terms(job: BoardJob) -> SafeString:
    """Whether the producer was invited, the handover, the files and the budget."""
    invited = ""
    if job.has_lead and job.visibility == JobRequest.Visibility.INVITED:
        invited = format_html("{} · ", gettext("You are invited"))
    text = format_html("{}{}", invited, job.get_handover_display())
    if job.file_count:
        text = format_html(
            "{} · {}",
            text,
            counted(
                ngettext("%(counter)s file", "%(counter)s files", job.file_count), job.file_count
            ),
        )
    if job.budget_max:
        budget = gettext("budget up to %(max)s") % {
            "max": conditional_escape(money(job.budget_max))
        }
        text = format_html("{} · {}", text, mark_safe(budget))  # noqa: S308 (escaped)
    return text


def board_card_html(job: BoardJob, *, producer: Producer, miles: bool) -> SafeString:
    """One request's <li>, as the board lists it (orders/board.html) for `producer`."""
    return format_html(
        '<li class="result card">'
        '<h3><a href="{url}?as={slug}">{title}</a></h3>'
        "<p>{what}</p>"
        '<p class="small muted">{terms}</p>'
        "</li>",
        url=job.get_absolute_url(),
        slug=producer.slug,
        title=job.title,
        what=_what(job, miles),
        terms=_terms(job),
    )
