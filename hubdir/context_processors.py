from django.conf import settings

from hubdir.geo.units import chosen_units


def site(request):
    return {
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        # The footer shows which units the reader chose, if they did (the search page's
        # cache is keyed by this choice too).
        "chosen_units": chosen_units(request),
    }
