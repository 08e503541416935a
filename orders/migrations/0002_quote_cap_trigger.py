from django.db import migrations

# The cap on live quotes per request, in the database: the request row is locked first, so
# two producers quoting at once cannot both take the last place.
CREATE = """
CREATE FUNCTION orders_quote_cap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cap integer;
    live integer;
BEGIN
    SELECT quote_cap INTO cap FROM orders_jobrequest WHERE id = NEW.job_request_id FOR UPDATE;
    SELECT count(*) INTO live FROM orders_quote
     WHERE job_request_id = NEW.job_request_id AND status IN ('active', 'accepted');
    IF live >= cap THEN
        RAISE EXCEPTION 'request % already has its % quotes', NEW.job_request_id, cap
            USING ERRCODE = 'check_violation', CONSTRAINT = 'quote_cap_per_request';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER orders_quote_cap BEFORE INSERT ON orders_quote
    FOR EACH ROW WHEN (NEW.status IN ('active', 'accepted')) EXECUTE FUNCTION orders_quote_cap();
"""

DROP = """
DROP TRIGGER IF EXISTS orders_quote_cap ON orders_quote;
DROP FUNCTION IF EXISTS orders_quote_cap();
"""


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, DROP)]
