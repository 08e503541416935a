from django.db import migrations

# The search table's rating (0003_search_rating, 0007_moderation) gets its review count
# beside it, kept by the same triggers, so a result card shows "★ 4.3 (12 reviews)" from
# its own row. Hidden reviews count in neither.
CREATE = """
CREATE FUNCTION orders_producer_review_count(pid bigint) RETURNS integer AS $$
    SELECT count(*)::integer FROM orders_review WHERE producer_id = pid AND NOT hidden;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION orders_search_row_rating() RETURNS trigger AS $$
BEGIN
    NEW.rating := orders_producer_rating(NEW.producer_id);
    NEW.review_count := orders_producer_review_count(NEW.producer_id);
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION orders_review_rating() RETURNS trigger AS $$
DECLARE
    pid bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.producer_id ELSE NEW.producer_id END;
BEGIN
    UPDATE producers_producersearch
       SET rating = orders_producer_rating(pid),
           review_count = orders_producer_review_count(pid)
     WHERE producer_id = pid;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

UPDATE producers_producersearch SET review_count = orders_producer_review_count(producer_id);
"""

DROP = """
CREATE OR REPLACE FUNCTION orders_search_row_rating() RETURNS trigger AS $$
BEGIN
    NEW.rating := orders_producer_rating(NEW.producer_id);
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION orders_review_rating() RETURNS trigger AS $$
DECLARE
    pid bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.producer_id ELSE NEW.producer_id END;
BEGIN
    UPDATE producers_producersearch SET rating = orders_producer_rating(pid)
     WHERE producer_id = pid;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

DROP FUNCTION IF EXISTS orders_producer_review_count(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0008_listing_reminders"),
        ("producers", "0013_search_review_count"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
