"""A log of which search rows each version changed, so an in-process copy of the facet keys
(producers.search.index) can catch up by reading those rows alone.

The version now comes from a sequence. Before, a flushed or rolled-back table could reach
the same number again with other rows behind it; a sequence never hands a number out twice,
and the version row's lock (held by a writer until it commits) keeps the numbers in commit
order. The trigger is one per kind of statement because a trigger with transition tables may
have only one event; TRUNCATE has no rows to name, so it marks the whole log as incomplete
(`logged_since`). Every 1,000th version prunes entries more than 10,000 versions old, and says
so in `logged_since`: a copy older than that reads the table anew.
"""

from django.db import migrations, models

FUNCTION = """
CREATE SEQUENCE producers_search_version_seq;
SELECT setval('producers_search_version_seq', GREATEST(
    (SELECT max(version) FROM producers_searchversion), 1));

CREATE OR REPLACE FUNCTION producers_search_version_bump() RETURNS trigger AS $$
DECLARE
    v bigint;
BEGIN
    -- The number is drawn after the row is locked (a waiting UPDATE evaluates its SET again
    -- once the row is free), and the lock is held until commit: versions are in commit order.
    UPDATE producers_searchversion SET version = nextval('producers_search_version_seq')
    WHERE id = 1 RETURNING version INTO v;
    IF NOT FOUND THEN
        -- A flushed table: the log is empty too, so nothing before this version is known.
        v := nextval('producers_search_version_seq');
        INSERT INTO producers_searchversion (id, version, logged_since) VALUES (1, v, v)
        ON CONFLICT (id) DO UPDATE SET version = nextval('producers_search_version_seq')
        RETURNING version INTO v;
    END IF;
    IF TG_TABLE_NAME <> 'producers_producersearch' THEN
        RETURN NULL;  -- leads (orders 0008) change what a page shows, never the facet keys
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO producers_searchchange (version, producer_id)
        SELECT v, producer_id FROM new_rows;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO producers_searchchange (version, producer_id)
        SELECT v, producer_id FROM new_rows UNION SELECT v, producer_id FROM old_rows;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO producers_searchchange (version, producer_id)
        SELECT v, producer_id FROM old_rows;
    ELSE  -- TRUNCATE: every row changed
        DELETE FROM producers_searchchange;
        UPDATE producers_searchversion SET logged_since = v WHERE id = 1;
    END IF;
    IF v % 1000 = 0 THEN
        DELETE FROM producers_searchchange WHERE version <= v - 10000;
        UPDATE producers_searchversion SET logged_since = GREATEST(logged_since, v - 10000)
        WHERE id = 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER producers_search_version_bump ON producers_producersearch;
CREATE TRIGGER producers_search_version_insert AFTER INSERT ON producers_producersearch
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION producers_search_version_bump();
CREATE TRIGGER producers_search_version_update AFTER UPDATE ON producers_producersearch
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION producers_search_version_bump();
CREATE TRIGGER producers_search_version_delete AFTER DELETE ON producers_producersearch
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION producers_search_version_bump();
CREATE TRIGGER producers_search_version_truncate AFTER TRUNCATE ON producers_producersearch
FOR EACH STATEMENT EXECUTE FUNCTION producers_search_version_bump();
UPDATE producers_searchversion SET logged_since = version;
"""

REVERSE = """
DROP TRIGGER producers_search_version_insert ON producers_producersearch;
DROP TRIGGER producers_search_version_update ON producers_producersearch;
DROP TRIGGER producers_search_version_delete ON producers_producersearch;
DROP TRIGGER producers_search_version_truncate ON producers_producersearch;
CREATE OR REPLACE FUNCTION producers_search_version_bump() RETURNS trigger AS $$
BEGIN
    INSERT INTO producers_searchversion (id, version) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET version = producers_searchversion.version + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER producers_search_version_bump
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON producers_producersearch
FOR EACH STATEMENT EXECUTE FUNCTION producers_search_version_bump();
DROP SEQUENCE producers_search_version_seq;
"""


class Migration(migrations.Migration):
    dependencies = [("producers", "0018_unaccent_once")]

    operations = [
        migrations.AddField(
            model_name="searchversion",
            name="logged_since",
            field=models.BigIntegerField(default=0),
        ),
        migrations.CreateModel(
            name="SearchChange",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(db_index=True)),
                ("producer_id", models.IntegerField()),
            ],
        ),
        migrations.RunSQL(FUNCTION, REVERSE),
    ]
