"""Great-circle distances in Python and in SQL, plus bounding boxes for index-friendly prefilters.

Both implementations use the haversine formula on a sphere of the mean Earth radius, so a
distance computed in Python and one computed by PostgreSQL agree to well under 10 metres.
"""

from __future__ import annotations

import math

from django.db.models import Expression, F, FloatField, Func

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """The great-circle distance in kilometres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    # Rounding can push `a` a hair above 1 for antipodal points.
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def bounding_box(lat: float, lng: float, km: float) -> tuple[float, float, float, float]:
    """The smallest latitude/longitude box holding every point within `km` of (lat, lng).

    Returns (min_lat, max_lat, min_lng, max_lng) in degrees, for a b-tree-friendly
    `lat BETWEEN .. AND lng BETWEEN ..` prefilter that an exact distance then refines.
    When the circle reaches a pole or crosses the antimeridian the longitude range widens
    to the whole world (-180, 180): wider than needed, never missing a point.
    """
    km = max(0.0, km)
    angular = km / EARTH_RADIUS_KM
    phi = math.radians(lat)
    min_phi, max_phi = phi - angular, phi + angular
    if min_phi <= -math.pi / 2 or max_phi >= math.pi / 2 or angular >= math.pi / 2:
        # The circle holds a pole: every longitude is inside.
        return (
            max(-90.0, math.degrees(min_phi)),
            min(90.0, math.degrees(max_phi)),
            -180.0,
            180.0,
        )
    # The widest longitude reach is at the circle's tangent points, not at its centre's latitude.
    dlambda = math.degrees(math.asin(min(1.0, math.sin(angular) / math.cos(phi))))
    min_lng, max_lng = lng - dlambda, lng + dlambda
    if min_lng < -180.0 or max_lng > 180.0:
        min_lng, max_lng = -180.0, 180.0
    return math.degrees(min_phi), math.degrees(max_phi), min_lng, max_lng


class DistanceKm(Func):
    """The haversine distance in km from a fixed point to the row's (lat, lng) columns, as
    one expression that writes distance_km_sql()'s text. The same formula as a tree of
    fifteen database functions cost about a millisecond to resolve and compile, on every
    statement that measures a distance."""

    output_field = FloatField()

    def __init__(self, lat_field: str, lng_field: str, lat: float, lng: float):
        super().__init__(F(lat_field), F(lng_field))
        # PostgreSQL raises an underflow error where a product rounds to zero, as squaring a
        # difference of 1e-300 degrees would; 9 decimals (0.1 mm) keep differences far above that.
        self.point = (round(float(lat), 9), round(float(lng), 9))

    def as_sql(
        self, compiler, connection, function=None, template=None, arg_joiner=None, **extra_context
    ):
        (lat_sql, lat_params), (lng_sql, lng_params) = (
            compiler.compile(e) for e in self.get_source_expressions()
        )
        # Column references carry no parameters; distance_km_sql repeats them in its text.
        assert not lat_params and not lng_params
        return distance_km_sql(lat_sql, lng_sql, *self.point)


def distance_km_expression(lat_field: str, lng_field: str, lat: float, lng: float) -> Expression:
    """A database expression: the haversine distance in km from (lat, lng) to the row's point.

    `lat_field` and `lng_field` name the row's columns (lookups such as "hub__lat" work);
    use it in `annotate(distance_km=...)`, then filter or order on the annotation.
    """
    return DistanceKm(lat_field, lng_field, lat, lng)


def distance_km_sql(lat_column: str, lng_column: str, lat: float, lng: float) -> tuple[str, list]:
    """The haversine distance as SQL text and its parameters (Least() keeps ASIN inside its
    domain when rounding pushes `a` just above 1). `lat_column` and `lng_column` are quoted
    column references; the arithmetic is haversine_km()'s, in the same order."""
    lat, lng = round(float(lat), 9), round(float(lng), 9)
    a = (
        f"(POWER(SIN((RADIANS(({lat_column} - %s)) / %s)), 2) + ((COS(RADIANS(%s))"
        f" * COS(RADIANS({lat_column}))) * POWER(SIN((RADIANS(({lng_column} - %s)) / %s)), 2)))"
    )
    sql = f"(%s * ASIN(SQRT(LEAST(%s, {a}))))"
    return sql, [2 * EARTH_RADIUS_KM, 1.0, lat, 2.0, lat, lng, 2.0]
