"""The "listing" kind of notification (reminders to confirm a listing's details), and the
search table's version bumped by every change to leads: search cards show a "Responsive"
badge read from the leads, and a cached page must not outlive the leads it was read from."""

from django.db import migrations, models

LEAD_TRIGGER = """
CREATE TRIGGER orders_lead_search_version_bump
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON orders_lead
FOR EACH STATEMENT EXECUTE FUNCTION producers_search_version_bump();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0007_moderation"),
        ("producers", "0009_search_version"),
    ]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("new_request", "New requests for my workshops"),
                    ("quote", "Quotes on my requests"),
                    ("quote_result", "My quotes accepted or not chosen"),
                    ("order", "Order updates"),
                    ("message", "Messages"),
                    ("review", "Reviews and replies"),
                    ("moderation", "Reports and moderation"),
                    ("listing", "Reminders to confirm my listings' details"),
                ],
                max_length=12,
            ),
        ),
        migrations.RunSQL(
            LEAD_TRIGGER,
            "DROP TRIGGER IF EXISTS orders_lead_search_version_bump ON orders_lead;",
        ),
    ]
