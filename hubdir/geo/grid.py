"""A grid of about 5 km cells over the Earth, for showing where things are without saying
exactly where: the unmet-demand map counts per cell, never per point.

A cell is (row, col): rows are 0.045° of latitude (~5 km); within a band of four rows the
columns are as wide in degrees of longitude as 5 km is at the band's middle latitude, so a
coarse cell of 4 x 4 fine cells (~20 km) is exactly the fine cells it holds."""

from __future__ import annotations

from math import cos, floor, radians

CELL_DEGREES = 0.045
COARSE = 4


def _lng_step(row: int) -> float:
    band = floor(row / COARSE)
    middle = (band * COARSE + COARSE / 2) * CELL_DEGREES
    # Near the poles a cell is a sliver; 0.05 keeps the step finite.
    return CELL_DEGREES / max(cos(radians(middle)), 0.05)


def grid_cell(lat: float, lng: float) -> tuple[int, int]:
    """The fine (~5 km) cell a point is in."""
    row = floor(lat / CELL_DEGREES)
    return row, floor(lng / _lng_step(row))


def coarse_cell(cell: tuple[int, int]) -> tuple[int, int]:
    """The ~20 km cell a fine cell belongs to."""
    return floor(cell[0] / COARSE), floor(cell[1] / COARSE)


def cell_bounds(
    cell: tuple[int, int], *, coarse: bool = False
) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a fine cell, or of a coarse one."""
    size = COARSE if coarse else 1
    row, col = cell
    step = _lng_step(row * size)
    return (
        round(row * size * CELL_DEGREES, 6),
        round(col * size * step, 6),
        round((row + 1) * size * CELL_DEGREES, 6),
        round((col + 1) * size * step, 6),
    )


def cell_centre(cell: tuple[int, int], *, coarse: bool = False) -> tuple[float, float]:
    south, west, north, east = cell_bounds(cell, coarse=coarse)
    return round((south + north) / 2, 4), round((west + east) / 2, 4)
