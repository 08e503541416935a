"""The table of the database cache that counts posting limits when there is no Redis
(settings.CACHES["limits"]). Made here, so that every migrated database has it, whatever
the settings of the day: `createcachetable` alone would skip it while REDIS_URL is set."""

from django.core.management import call_command
from django.db import migrations

TABLE = "hubdir_limits_cache"


def create_table(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("orders", "0004_profileview_to_producers")]

    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
