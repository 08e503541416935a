"""Profile-view counting moves from orders to producers, where the profile is: the table is
renamed, the rows stay."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("producers", "0006_search_sync"),
        ("orders", "0003_search_rating"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE orders_profileview RENAME TO producers_profileview",
                    "ALTER TABLE producers_profileview RENAME TO orders_profileview",
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name="ProfileView",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("day", models.DateField()),
                        ("count", models.PositiveIntegerField(default=0)),
                        (
                            "producer",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="producers.producer",
                            ),
                        ),
                    ],
                    options={
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("producer", "day"), name="profileview_one_per_day"
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
