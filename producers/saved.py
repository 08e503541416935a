"""What a resident keeps: saved searches with their email alerts, and a shortlist.

An alert tells about listings that match the saved search now and are new to it: first
published, or with a reviewed change (location, capabilities, name: the edits that change
what a listing matches) approved, after the search was saved. Each listing at most once per
saved search (SavedSearchSent, unique per pair). So a listing that starts to match because
of a reviewed edit is told about once; an edit that needs no review (a tagline, the
description) does not make a listing new, and a listing taken down and published again is
not told about twice.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from functools import partial

from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from hubdir.accounts.language import language_of
from hubdir.accounts.models import User
from hubdir.geo.units import radius_label, uses_miles
from hubdir.tasks import send_templated_email

from . import search
from .models import Favourite, ListingChange, Producer, SavedSearch, SavedSearchSent
from .services import TransitionError

SAVED_SEARCHES_PER_PERSON = 20
FAVOURITES_PER_PERSON = 100
# The most workshops one new request invites at once (the request form takes no more).
INVITE_AT_ONCE = 10
# Listings one alert names; the rest are a link to the search away.
ALERT_SHOWN = 10
# Listings one alert records as told; any more wait for the next alert.
ALERT_MOST = 200
# A little under a day or a week, so a daily cron at the same hour finds it due again.
DUE_AFTER = {
    SavedSearch.Frequency.DAILY: timedelta(hours=23),
    SavedSearch.Frequency.WEEKLY: timedelta(days=7) - timedelta(hours=1),
}
# The longest search a saved one keeps: its column's length.
QUERY_MOST = SavedSearch._meta.get_field("query").max_length or 0
UNSUBSCRIBE_SALT = "hubdir.saved-search-unsubscribe"
UNSUBSCRIBE_MAX_AGE = timedelta(days=365)


# --- Saved searches ---


def describe(state: search.SearchState) -> str:
    """A search in a few words, the name a saved search gets unless the person types one."""
    index = search.catalogue()
    parts = [f"“{state.text}”"] if state.text else []
    for facet in ("category", "capability", "material", "certification"):
        parts += [index[facet][slug][1] for slug in state.selected.get(facet, [])]
    words = ", ".join(parts) or _("All workshops")
    if state.location is not None:
        miles = uses_miles(state.location.country)
        words = _("%(what)s within %(radius)s of %(place)s") % {
            "what": words,
            "radius": radius_label(state.location.radius, miles=miles),
            "place": state.location.label,
        }
    return words[:80]


def _lock_person(user: User) -> None:
    # Caps hold under double submits: one person's writes here take turns.
    User.objects.select_for_update().filter(pk=user.pk).first()


@transaction.atomic
def saved_search_create(
    *, user: User, state: search.SearchState, name: str, frequency: str
) -> SavedSearch:
    _lock_person(user)
    if user.saved_searches.count() >= SAVED_SEARCHES_PER_PERSON:
        raise TransitionError(
            _("You have %(n)s saved searches, the most there can be: delete one first.")
            % {"n": SAVED_SEARCHES_PER_PERSON}
        )
    query = search.saved_query(state)
    if len(query) > QUERY_MOST:
        raise TransitionError(_("This search has too many choices to save: remove a few."))
    saved = SavedSearch(user=user, name=name.strip(), query=query, frequency=frequency)
    # The name's uniqueness is the database's to answer (a race), in words below.
    saved.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            saved.save()
    except IntegrityError:
        raise TransitionError(_("You already have a saved search with this name.")) from None
    return saved


@transaction.atomic
def saved_search_update(*, saved: SavedSearch, name: str, frequency: str) -> SavedSearch:
    saved.name, saved.frequency = name.strip(), frequency
    # The name's uniqueness is the database's to answer (a race), in words below.
    saved.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            saved.save(update_fields=["name", "frequency"])
    except IntegrityError:
        raise TransitionError(_("You already have a saved search with this name.")) from None
    return saved


@transaction.atomic
def saved_search_delete(*, saved: SavedSearch) -> None:
    saved.delete()


def unsubscribe_token(saved: SavedSearch) -> str:
    return signing.dumps({"s": saved.pk}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_read(token: str) -> SavedSearch | None:
    """The saved search a signed link is for; None if forged or the search is gone.

    Raises signing.SignatureExpired for a genuine link older than UNSUBSCRIBE_MAX_AGE.
    """
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
        return SavedSearch.objects.select_related("user").get(pk=data["s"])
    except signing.SignatureExpired:
        raise
    except (signing.BadSignature, SavedSearch.DoesNotExist, KeyError, TypeError, ValueError):
        return None


@transaction.atomic
def saved_search_unsubscribe(*, saved: SavedSearch) -> None:
    SavedSearch.objects.filter(pk=saved.pk).update(frequency=SavedSearch.Frequency.OFF)


# --- Alerts ---


def new_matches(saved: SavedSearch) -> QuerySet[Producer]:
    """Listings the search finds now (the directory's own conditions) that are new to this
    saved search and were never told about, newest first."""
    state = search.parse(QueryDict(saved.query))
    since = saved.created_at
    approved = ListingChange.objects.filter(
        producer=OuterRef("pk"), status=ListingChange.Status.APPROVED, decided_at__gt=since
    )
    told = SavedSearchSent.objects.filter(saved_search=saved).values("producer_id")
    # The search's own statement first, on the search table alone: its distance and "open
    # now" are SQL that names that table, which a subquery would rename.
    found = list(search.matching(state).values_list("producer_id", flat=True))
    return (
        Producer.objects.filter(pk__in=found)
        .filter(Q(published_at__gt=since) | Exists(approved))
        .exclude(pk__in=told)
        .order_by("-published_at", "pk")
    )


def due(now: datetime) -> QuerySet[SavedSearch]:
    """Saved searches whose alert should look for new listings now."""
    condition = Q(pk__in=[])
    for frequency, interval in DUE_AFTER.items():
        condition |= Q(frequency=frequency) & (
            Q(checked_at__isnull=True) | Q(checked_at__lte=now - interval)
        )
    return SavedSearch.objects.filter(condition, user__is_active=True).exclude(user__email="")


@transaction.atomic
def saved_search_alert(*, saved: SavedSearch, now: datetime) -> int:
    """Look for new listings once and email them; returns how many were told about.

    The row lock (skipping a search another worker holds) and the unique (search, listing)
    rows mean two runs at once never send a listing twice.
    """
    locked = (
        due(now)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("user")
        .filter(pk=saved.pk)
        .first()
    )
    if locked is None:
        return 0
    found = list(new_matches(locked).select_related("hub")[:ALERT_MOST])
    locked.checked_at = now
    locked.save(update_fields=["checked_at"])
    if not found:
        return 0
    SavedSearchSent.objects.bulk_create(
        [SavedSearchSent(saved_search=locked, producer=p) for p in found]
    )
    unsubscribe = reverse(
        "producers:saved_search_unsubscribe", kwargs={"token": unsubscribe_token(locked)}
    )
    language = language_of(locked.user)
    with translation.override(language):
        context = _alert_values(locked, found, unsubscribe)
    transaction.on_commit(
        partial(
            send_templated_email.enqueue,
            to=[locked.user.email],
            template="saved_search_alert",
            values=context,
            unsubscribe_path=unsubscribe,
            language=language,
        )
    )
    return len(found)


def _alert_values(locked: SavedSearch, found: list[Producer], unsubscribe: str) -> dict:
    """What the alert email shows, in the language active (the person's)."""
    return {
        "name": locked.name,
        "count": len(found),
        "listings": [
            {
                "name": p.name,
                "url": p.get_absolute_url(),
                "where": ", ".join(x for x in (p.hub.name if p.hub else "", p.town) if x),
                "tagline": p.tagline,
                "suggested": p.is_unclaimed,
            }
            for p in found[:ALERT_SHOWN]
        ],
        "more": max(0, len(found) - ALERT_SHOWN),
        "search_url": locked.get_search_url(),
        "manage_url": reverse("producers:saved_searches"),
        "unsubscribe_url": unsubscribe,
        "frequency": str(locked.get_frequency_display()).lower(),
    }


@task()
def send_search_alerts() -> int:
    """Every saved search that is due looks for new listings: run daily (cron, `make run`)
    through `manage.py send_search_alerts`."""
    now = timezone.now()
    return sum(saved_search_alert(saved=saved, now=now) for saved in due(now).only("pk").iterator())


# --- The shortlist ---


def _shortlist_key(user: User) -> str:
    return f"shortlist-version:{user.pk}"


def shortlist_version(user: User) -> int:
    """Changes with every add or remove: the cached search page keys on it, so its buttons
    never show a shortlist as it was before."""
    return cache.get(_shortlist_key(user), 0) if user.is_authenticated else 0


def _shortlist_changed(user: User) -> None:
    transaction.on_commit(lambda: cache.set(_shortlist_key(user), time.time_ns(), None))


@transaction.atomic
def favourite_add(*, user: User, producer: Producer) -> Favourite:
    _lock_person(user)
    existing = Favourite.objects.filter(user=user, producer=producer).first()
    if existing:
        return existing
    if Favourite.objects.filter(user=user).count() >= FAVOURITES_PER_PERSON:
        raise TransitionError(
            _("Your shortlist holds %(n)s workshops, the most it can: remove one first.")
            % {"n": FAVOURITES_PER_PERSON}
        )
    _shortlist_changed(user)
    return Favourite.objects.create(user=user, producer=producer)


@transaction.atomic
def favourite_remove(*, user: User, producer: Producer) -> None:
    Favourite.objects.filter(user=user, producer=producer).delete()
    _shortlist_changed(user)


def favourite_ids(user: User, producer_ids: list[int]) -> set[int]:
    """Which of these listings are on the person's shortlist, in one query (none if signed
    out or no ids)."""
    if not user.is_authenticated or not producer_ids:
        return set()
    return set(
        Favourite.objects.filter(user=user, producer_id__in=producer_ids).values_list(
            "producer_id", flat=True
        )
    )
