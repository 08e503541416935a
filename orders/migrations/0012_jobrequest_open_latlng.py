from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # Built without locking the requests table against writes (a live site keeps posting).
    atomic = False

    dependencies = [
        ("orders", "0011_lead_reached_at"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="jobrequest",
            index=models.Index(
                condition=models.Q(("status", "open")),
                fields=["lat", "lng"],
                name="jobrequest_open_latlng",
            ),
        ),
    ]
