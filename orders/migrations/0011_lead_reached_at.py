from django.db import migrations, models

# When a request reached a producer: its publication, or the producer's invitation if that
# came later; empty while the request is a draft. The Responsive badge reads each producer's
# last ten leads by this time for a page of twenty cards; computed from the request on every
# read, it sorted all the producers' leads (thousands for a busy workshop: 40 ms a search
# page at 100k producers). Kept by triggers, so every writer (the app, the demo, the bench's
# COPY, an admin's SQL) gets it right: a lead takes it from its request when written, and a
# request's leads are set again when its publication time changes. (Any update of a lead
# sets it again too: a full save() from an instance read before would write it back.)
CREATE = """
UPDATE orders_lead l SET reached_at = greatest(j.published_at, l.created_at)
  FROM orders_jobrequest j WHERE j.id = l.job_request_id AND j.published_at IS NOT NULL;
CREATE FUNCTION orders_lead_reached_at() RETURNS trigger AS $$
BEGIN
    -- greatest() skips a NULL: a draft's lead would have reached at its creation.
    NEW.reached_at := (SELECT CASE WHEN j.published_at IS NOT NULL
                                   THEN greatest(j.published_at, NEW.created_at) END
                         FROM orders_jobrequest j WHERE j.id = NEW.job_request_id);
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER orders_lead_reached_at BEFORE INSERT OR UPDATE ON orders_lead
    FOR EACH ROW EXECUTE FUNCTION orders_lead_reached_at();

CREATE FUNCTION orders_request_reached_at() RETURNS trigger AS $$
BEGIN
    UPDATE orders_lead SET reached_at = CASE WHEN NEW.published_at IS NOT NULL
                                             THEN greatest(NEW.published_at, created_at) END
     WHERE job_request_id = NEW.id;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER orders_request_reached_at AFTER UPDATE OF published_at ON orders_jobrequest
    FOR EACH ROW WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at)
    EXECUTE FUNCTION orders_request_reached_at();

"""

DROP = """
DROP TRIGGER IF EXISTS orders_request_reached_at ON orders_jobrequest;
DROP FUNCTION IF EXISTS orders_request_reached_at();
DROP TRIGGER IF EXISTS orders_lead_reached_at ON orders_lead;
DROP FUNCTION IF EXISTS orders_lead_reached_at();
"""


class Migration(migrations.Migration):
    dependencies = [("orders", "0010_bay_enquiry")]

    operations = [
        migrations.AddField(
            model_name="lead",
            name="reached_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunSQL(CREATE, DROP),
        migrations.AddIndex(
            model_name="lead",
            index=models.Index(
                fields=["producer", "-reached_at", "-id"], name="lead_producer_reached"
            ),
        ),
    ]
