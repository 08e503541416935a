"""ProfileView now lives in producers (its table was renamed there); only the state moves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0003_search_rating"),
        ("producers", "0007_profileview_from_orders"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ProfileView")],
        ),
    ]
