"""The (lat, lng) index also holds each row's capabilities, so a profile's "nearby"
(a shared capability inside a box) is an index-only scan instead of reading wide rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("producers", "0016_spanish"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="producersearch",
            name="search_latlng",
        ),
        migrations.AddIndex(
            model_name="producersearch",
            index=models.Index(
                fields=["lat", "lng"], include=("producer", "capability_ids"), name="search_latlng"
            ),
        ),
    ]
