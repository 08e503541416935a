from django.db import migrations

# The directory's search table carries each producer's average review score, so "highest
# rated" sorts in SQL. Reviews change it; a row rebuilt by producers_search_refresh() gets
# it back on insert, so listing edits never lose it.
CREATE = """
CREATE FUNCTION orders_producer_rating(pid bigint) RETURNS double precision AS $$
    SELECT avg((quality + speed + communication) / 3.0)::double precision
      FROM orders_review WHERE producer_id = pid;
$$ LANGUAGE sql STABLE;

CREATE FUNCTION orders_search_row_rating() RETURNS trigger AS $$
BEGIN
    NEW.rating := orders_producer_rating(NEW.producer_id);
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER orders_search_row_rating BEFORE INSERT ON producers_producersearch
    FOR EACH ROW EXECUTE FUNCTION orders_search_row_rating();

CREATE FUNCTION orders_review_rating() RETURNS trigger AS $$
DECLARE
    pid bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.producer_id ELSE NEW.producer_id END;
BEGIN
    UPDATE producers_producersearch SET rating = orders_producer_rating(pid)
     WHERE producer_id = pid;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER orders_review_rating AFTER INSERT OR UPDATE OR DELETE ON orders_review
    FOR EACH ROW EXECUTE FUNCTION orders_review_rating();

UPDATE producers_producersearch SET rating = orders_producer_rating(producer_id);
"""

DROP = """
DROP TRIGGER IF EXISTS orders_review_rating ON orders_review;
DROP FUNCTION IF EXISTS orders_review_rating();
DROP TRIGGER IF EXISTS orders_search_row_rating ON producers_producersearch;
DROP FUNCTION IF EXISTS orders_search_row_rating();
DROP FUNCTION IF EXISTS orders_producer_rating(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [("orders", "0002_quote_cap_trigger"), ("producers", "0006_search_sync")]

    operations = [migrations.RunSQL(CREATE, DROP)]
