"""A version number for the search table, bumped by a statement-level trigger on every
write to it, in the same transaction: the facet counts are cached under the version they
were computed at, so no cached count outlives the data it was counted from."""

from django.db import migrations, models

TRIGGER = """
CREATE FUNCTION producers_search_version_bump() RETURNS trigger AS $$
BEGIN
    -- An upsert: a flushed table (as tests do between transactional tests) starts again at 1,
    -- which no reader who saw it empty (version 0) can mistake for what it counted.
    INSERT INTO producers_searchversion (id, version) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET version = producers_searchversion.version + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER producers_search_version_bump
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON producers_producersearch
FOR EACH STATEMENT EXECUTE FUNCTION producers_search_version_bump();

INSERT INTO producers_searchversion (id, version) VALUES (1, 1);
"""

REVERSE = """
DROP TRIGGER producers_search_version_bump ON producers_producersearch;
DROP FUNCTION producers_search_version_bump();
DELETE FROM producers_searchversion;
"""


class Migration(migrations.Migration):
    dependencies = [("producers", "0008_search_facet_keys")]

    operations = [
        migrations.CreateModel(
            name="SearchVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunSQL(TRIGGER, REVERSE),
    ]
