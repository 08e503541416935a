"""A search result's card, printed in Python.

The card was the search page's largest part: some forty values looked up one by one, five
translated sentences and two includes for each of twenty results, 4.6 of the page's 8.6 ms
of rendering at 100k producers (in-process, 200 mixed URLs); printed here, the page renders
in 6.0. It is the same HTML and the same sentences (the same message ids, so the Spanish
catalogue translates them as before). The shortlist button stays its template
(includes/_favourite_button.html: the profile, the shortlist and the button's own htmx
answer share it), rendered only for a signed-in reader, the only one it shows anything to.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.template.defaultfilters import floatformat
from django.template.loader import get_template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from hubdir.accounts.models import User
from hubdir.geo.units import distance_label
from hubdir.html import counted

# A search row (ProducerSearch) with what results._cards and search_page add to it: its
# producer and hub, distance_km, open_now, stale, url, photo_url, capability_names and the
# view's `responsive`.
Row = Any


def _badges(row: Row, responsive_rule: str) -> SafeString:
    producer = row.producer
    parts = []
    if producer.is_unclaimed:
        parts.append(
            format_html(
                '<span class="badge warn">{}</span>',
                gettext("Suggested by neighbours, not yet confirmed"),
            )
        )
    if row.verified:
        parts.append(format_html('<span class="badge verified">{}</span>', gettext("Verified")))
    if row.open_now:
        parts.append(format_html('<span class="badge">{}</span>', gettext("Open now")))
    if row.walk_in:
        parts.append(format_html('<span class="badge">{}</span>', gettext("Walk-in repairs")))
    # The trust marks: Responsive (its rule spelt out for screen readers) and Stale.
    if row.responsive:
        parts.append(
            format_html(
                '<span class="badge verified" title="{}">{}<span class="visually-hidden">. {}'
                "</span></span>",
                responsive_rule,
                pgettext("badge", "Responsive"),
                responsive_rule,
            )
        )
    if row.stale:
        parts.append(
            format_html(
                '<span class="badge warn">{}</span>',
                gettext("Stale: not confirmed for over 6 months"),
            )
        )
    if row.rating is not None:
        parts.append(
            format_html(
                '<span class="rating">★ {}<span class="visually-hidden"> {}</span>'
                ' <span class="muted">({})</span></span>',
                floatformat(row.rating, 1),
                gettext("out of 5"),
                counted(
                    ngettext("%(counter)s review", "%(counter)s reviews", row.review_count),
                    row.review_count,
                ),
            )
        )
    else:
        parts.append(format_html('<span class="muted small">{}</span>', gettext("No reviews yet")))
    return mark_safe("\n".join(parts))  # noqa: S308 (each part escaped above)


def _facts(row: Row, miles: bool) -> SafeString:
    """Where it is, how far, how soon and from how many pieces, joined by middle dots."""
    producer = row.producer
    text = conditional_escape(producer.town)
    if producer.hub:
        text = format_html(
            "{} · {}",
            mark_safe(gettext("At %(hub)s") % {"hub": conditional_escape(producer.hub.name)}),  # noqa: S308 (the name escaped)
            text,
        )
    if row.distance_km is not None:
        away = gettext("%(distance)s away") % {
            "distance": conditional_escape(distance_label(float(row.distance_km), miles=miles))
        }
        text = format_html("{} · <strong>{}</strong>", text, mark_safe(away))  # noqa: S308 (escaped)
    if row.lead_time_days and not producer.is_unclaimed:
        text = format_html(
            "{} · {}",
            text,
            counted(
                ngettext(
                    "ready in about %(counter)s day",
                    "ready in about %(counter)s days",
                    row.lead_time_days,
                ),
                row.lead_time_days,
            ),
        )
    if row.min_quantity and row.min_quantity > 1:
        text = format_html(
            "{} · {}",
            text,
            counted(
                ngettext("from %(counter)s piece", "from %(counter)s pieces", row.min_quantity),
                row.min_quantity,
            ),
        )
    return text


def card_html(
    row: Row,
    *,
    miles: bool,
    responsive_rule: str,
    user: User | AnonymousUser,
    favourite_ids: Collection[int],
) -> SafeString:
    """One result's <li>, as the search page lists it (producers/search.html)."""
    producer = row.producer
    located = (
        format_html(' data-lat="{}" data-lng="{}"', f"{row.lat:f}", f"{row.lng:f}")
        if row.lat is not None
        else ""
    )
    photo = (
        format_html(
            '<img src="{}" alt="" width="160" height="120" loading="lazy" class="result-photo">',
            row.photo_url,
        )
        if row.photo_url
        else ""
    )
    tagline = format_html("<p>{}</p>", producer.tagline) if producer.tagline else ""
    favourite = ""
    if user.is_authenticated:
        # Without the request: its context processors would run again for every card.
        favourite = get_template("includes/_favourite_button.html").render(
            {"producer": producer, "favourite_ids": favourite_ids, "user": user}
        )
    return format_html(
        '<li class="card result" data-result data-name="{name}" data-url="{url}"{located}>'
        "{photo}<div>"
        '<h3><a href="{url}">{name}</a></h3>'
        '<p class="badges">{badges}</p>'
        "{tagline}"
        '<p class="muted small">{facts}</p>'
        '<ul class="tag-list" aria-label="{capabilities}">{tags}</ul>'
        "{favourite}"
        "</div></li>",
        name=producer.name,
        url=row.url,
        located=located,
        photo=photo,
        badges=_badges(row, responsive_rule),
        tagline=tagline,
        facts=_facts(row, miles),
        capabilities=gettext("Capabilities"),
        tags=format_html_join("", "<li>{}</li>", ((name,) for name in row.capability_names)),
        favourite=mark_safe(favourite),  # noqa: S308 (a rendered template)
    )
