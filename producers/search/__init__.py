"""The directory search: parameters -> filters -> facet counts, results and widenings.

Everything reads the narrow search table (ProducerSearch), never the listings' joins. The
view calls `search_page(request.GET)`; the parts are:
- `params`: `parse()` validates the GET parameters and builds each filter's condition;
- `catalogue`: the catalogue's names and ids, cached;
- `facets`: every facet's counts and the total from one aggregate statement;
- `results`: one page of cards (the total comes from the facets), suggestions, widenings;
- `page`: the options the page prints, and `search_page()` assembling it all.
"""

from .cards import card_html
from .catalogue import capability_names, catalogue, forget_catalogue
from .facets import (
    Facets,
    bare_count,
    current_version_row,
    facets,
    landing_facets,
    search_version,
)
from .page import FacetGroup, Option, SearchPage, facet_groups, search_page
from .params import (
    DEFAULT_RADIUS,
    FACET_SHOWN,
    FEW_RESULTS,
    LEAD_TIME_CHOICES,
    PAGE_SIZE,
    RADIUS_CHOICES,
    SORT_CHOICES,
    DirectoryFilter,
    SearchState,
    cached_country,
    cached_geocode,
    distance_from,
    parse,
    saved_query,
    url_with,
)
from .results import matching, results, suggestions, widenings

__all__ = [
    "card_html",
    "DEFAULT_RADIUS",
    "FACET_SHOWN",
    "FEW_RESULTS",
    "LEAD_TIME_CHOICES",
    "PAGE_SIZE",
    "RADIUS_CHOICES",
    "SORT_CHOICES",
    "DirectoryFilter",
    "FacetGroup",
    "Facets",
    "Option",
    "SearchPage",
    "SearchState",
    "bare_count",
    "cached_country",
    "cached_geocode",
    "distance_from",
    "capability_names",
    "catalogue",
    "current_version_row",
    "facet_groups",
    "facets",
    "forget_catalogue",
    "landing_facets",
    "matching",
    "parse",
    "results",
    "saved_query",
    "search_page",
    "search_version",
    "suggestions",
    "url_with",
    "widenings",
]
