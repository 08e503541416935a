from django.db import migrations


class Migration(migrations.Migration):
    """Drop the extensions nothing uses: distances are haversine over a b-tree bounding box
    (hubdir/geo/distance.py), not earthdistance, and every GIN index is over arrays, trigrams
    or a tsvector, none of which needs btree_gin. earthdistance goes first: it depends on
    cube. Reversing recreates them in the opposite order."""

    dependencies = [("geo", "0002_place")]

    operations = [
        migrations.RunSQL(
            "DROP EXTENSION IF EXISTS earthdistance", "CREATE EXTENSION IF NOT EXISTS earthdistance"
        ),
        migrations.RunSQL("DROP EXTENSION IF EXISTS cube", "CREATE EXTENSION IF NOT EXISTS cube"),
        migrations.RunSQL(
            "DROP EXTENSION IF EXISTS btree_gin", "CREATE EXTENSION IF NOT EXISTS btree_gin"
        ),
    ]
