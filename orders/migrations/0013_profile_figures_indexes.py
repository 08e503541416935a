from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # Built without locking the leads and reviews against writes (a live site keeps quoting).
    atomic = False

    dependencies = [
        ("orders", "0012_jobrequest_open_latlng"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="lead",
            index=models.Index(
                condition=models.Q(
                    ("first_response_at__isnull", False), ("reached_at__isnull", False)
                ),
                fields=["producer"],
                include=("reached_at", "first_response_at"),
                name="lead_producer_answered",
            ),
        ),
        AddIndexConcurrently(
            model_name="review",
            index=models.Index(
                condition=models.Q(("hidden", False)),
                fields=["producer", "-created_at", "-id"],
                include=("quality", "speed", "communication"),
                name="review_producer_shown",
            ),
        ),
    ]
