"""Freshness (when the owner last confirmed the details) and approximate locations.

The search table now carries each producer's confirmed_at (so "stale" is decided against the
clock at query time) and its public point: for an approximate location the centre of its
1/100-degree cell, the same float8 arithmetic as Address.public_point() in Python.
"""

from importlib import import_module

import django.utils.timezone
from django.db import migrations, models


def _previous_refresh() -> str:
    """0006's producers_search_refresh(), as CREATE OR REPLACE."""
    sql = import_module("producers.migrations.0006_search_sync").REFRESH
    start = sql.index("CREATE FUNCTION producers_search_refresh")
    end = sql.index("$$ LANGUAGE plpgsql;", start) + len("$$ LANGUAGE plpgsql;")
    return sql[start:end].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


def _changed(sql: str, old: str, new: str) -> str:
    assert sql.count(old) == 1, old
    return sql.replace(old, new)


# 0006's function with two changes: the public point, and confirmed_at.
REFRESH = _previous_refresh()
REFRESH = _changed(
    REFRESH,
    "time_zone, open_hours, rating\n",
    "time_zone, open_hours, rating, confirmed_at\n",
)
REFRESH = _changed(
    REFRESH,
    "        p.lat,\n        p.lng,\n",
    """        CASE WHEN p.approximate_location
             THEN (2 * floor(p.lat * 100::float8) + 1) / 200::float8 ELSE p.lat END,
        CASE WHEN p.approximate_location
             THEN (2 * floor(p.lng * 100::float8) + 1) / 200::float8 ELSE p.lng END,
""",
)
REFRESH = _changed(
    REFRESH, "        NULL\n    FROM", "        NULL,\n        p.confirmed_at\n    FROM"
)


class Migration(migrations.Migration):
    dependencies = [
        ("producers", "0011_listing_change_for_hubs"),
    ]

    operations = [
        migrations.AddField(
            model_name="hub",
            name="approximate_location",
            field=models.BooleanField(
                default=False,
                help_text="For a workshop at home: the public sees your town and a point within about 1 km, never your street address.",
                verbose_name="show only an approximate location",
            ),
        ),
        migrations.AddField(
            model_name="hub",
            name="confirm_reminded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="hub",
            name="confirmed_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="details confirmed"
            ),
        ),
        migrations.AddField(
            model_name="producer",
            name="approximate_location",
            field=models.BooleanField(
                default=False,
                help_text="For a workshop at home: the public sees your town and a point within about 1 km, never your street address.",
                verbose_name="show only an approximate location",
            ),
        ),
        migrations.AddField(
            model_name="producer",
            name="confirm_reminded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="producer",
            name="confirmed_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="details confirmed"
            ),
        ),
        migrations.AddField(
            model_name="producersearch",
            name="confirmed_at",
            field=models.DateTimeField(null=True),
        ),
        # Listings keep the date they were last edited as the date last confirmed.
        migrations.RunSQL(
            "UPDATE producers_producer SET confirmed_at = updated_at;"
            " UPDATE producers_hub SET confirmed_at = updated_at;",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(REFRESH, _previous_refresh()),
        migrations.RunSQL("SELECT producers_search_rebuild();", migrations.RunSQL.noop),
    ]
