"""What the search page shows, assembled in one call the view makes."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.core.paginator import Page
from django.http import QueryDict
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django_stubs_ext import StrOrPromise

from .catalogue import capability_names, catalogue, vocabulary
from .facets import Facets, facets
from .params import (
    ARRAY_FACETS,
    CHOICE_FACETS,
    DEFAULT_RADIUS,
    FACET_LABELS,
    FACET_SHOWN,
    FEW_RESULTS,
    FLAG_FACETS,
    FLAG_LABELS,
    LEAD_TIME_CHOICES,
    SearchState,
    parse,
    url_with,
)
from .results import results, suggestions, widenings
from .spelling import correction


@dataclass
class Option:
    """One checkbox or radio, with everything the template prints already worked out."""

    name: str  # the input's name
    value: str
    label: StrOrPromise
    count: int
    checked: bool
    kind: str = "checkbox"

    @property
    def id(self) -> str:
        return f"f-{self.name}-{self.value or 'any'}"

    @property
    def html(self) -> SafeString:
        """The option's input and label. Printed here rather than by the template: its nine
        values looked up one by one, for some seventy options, were a fifth of the search
        page's CPU."""
        count = format_html(' <span class="count">({})</span>', localize(self.count))
        return format_html(
            '<div class="option"><input type="{}" name="{}" id="{}" value="{}"{}>'
            '<label for="{}">{}{}</label></div>',
            self.kind,
            self.name,
            self.id,
            self.value,
            mark_safe(" checked") if self.checked else "",  # noqa: S308 (a constant)
            self.id,
            self.label,
            count if self.value else "",
        )


@dataclass
class FacetGroup:
    name: str
    label: StrOrPromise
    options: list[Option]
    hidden: int = 0  # options left out until the group is expanded
    expand_link: str = ""


def facet_groups(state: SearchState, found: Facets) -> list[FacetGroup]:
    """Options with their counts, most common first. Options no result has are left out
    unless chosen, and long groups show their top few until expanded (the `expand`
    parameter, a plain link): the template's cost grows with the options it prints."""
    index = catalogue()
    expanded = set(state.form.cleaned_data.get("expand") or []) if state.form else set()
    groups = []
    for name in (*ARRAY_FACETS, "hub_kind"):
        chosen = set(state.selected.get(name, []))
        counts = found.counts[name]
        if name in index:
            labels = {str(pk): (slug, label) for slug, (pk, label) in index[name].items()}
        else:
            labels = {value: (value, str(label)) for value, label in CHOICE_FACETS[name]}
        options = [
            Option(name, slug, label, counts.get(key, 0), slug in chosen)
            for key, (slug, label) in labels.items()
            if counts.get(key, 0) or slug in chosen
        ]
        options.sort(key=lambda o: (not o.checked, -o.count, o.label))
        group = FacetGroup(name, FACET_LABELS[name], options)
        if name not in expanded and len(options) > FACET_SHOWN + 2:
            group.hidden = len(options) - FACET_SHOWN
            group.options = options[:FACET_SHOWN]
            group.expand_link = url_with(state.params, expand=[*expanded, name])
        groups.append(group)
    flags = [
        Option(
            name,
            "true",
            FLAG_LABELS[name],
            found.counts[name].get("yes", 0),
            name in state.conditions,
        )
        for name in FLAG_FACETS
    ]
    groups.append(FacetGroup("flags", gettext("Show only"), flags))
    chosen_days = state.form.cleaned_data.get("lead_time") if state.form else None
    lead = [Option("lead_time", "", gettext("Any time"), 0, chosen_days is None, kind="radio")] + [
        Option(
            "lead_time",
            str(days),
            label,
            found.counts["lead_time"].get(str(days), 0),
            days == chosen_days,
            kind="radio",
        )
        for days, label in LEAD_TIME_CHOICES
    ]
    groups.append(FacetGroup("lead_time", FACET_LABELS["lead_time"], lead))
    return groups


@dataclass
class SearchPage:
    """Everything the search page prints for one state of its parameters."""

    state: SearchState
    found: Facets
    page: Page
    groups: list[FacetGroup]
    radius: int
    suggestions: list[str]
    widenings: list[tuple[str, str, int]]
    # The canonical query string htmx pushes: the first page carries no `page`.
    pushed_query: str
    # The words as typed when they found nothing and a correction is shown instead.
    corrected_from: str = ""


def search_page(
    query: QueryDict, *, version_row: tuple[int, int, bool] | None = None
) -> SearchPage:
    """Parse, count, fetch a page of cards and say what else to try: the view's one call.
    `version_row`: the search table's version as the caller read it (facets())."""
    state = parse(query)
    found = facets(state, version_row=version_row)
    corrected_from = ""
    if state.text and not found.total and not (state.form and state.form.cleaned_data["verbatim"]):
        better = correction(state.text, vocabulary())
        if better:
            corrected = query.copy()
            corrected["q"] = better
            corrected.pop("page", None)
            alternative = parse(corrected)
            alternative_found = facets(alternative, version_row=state.version_row)
            if alternative_found.total:
                corrected_from, state, found = state.text, alternative, alternative_found
    page = results(state, found.total)
    for row in page.object_list:
        row.capability_names = capability_names(row.capability_ids)[:4]
        row.photo_url = default_storage.url(row.photo) if row.photo else ""
        row.url = row.producer.get_absolute_url()
    if state.location:
        radius = state.location.radius
    else:
        cleaned = state.form.cleaned_data if state.form else {}
        radius = cleaned.get("radius") or DEFAULT_RADIUS
    return SearchPage(
        state=state,
        found=found,
        page=page,
        groups=facet_groups(state, found),
        radius=radius,
        suggestions=suggestions(state) if state.text and found.total < FEW_RESULTS else [],
        widenings=widenings(state, found) if found.total == 0 and not state.is_unfiltered else [],
        pushed_query=(
            url_with(state.params, page=None) if page.number == 1 else state.params.urlencode()
        ),
        corrected_from=corrected_from,
    )
