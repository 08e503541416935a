from django.db import migrations

# A listing that still exists at commit time must keep at least one owner. Deferred, so a
# whole listing can be deleted (Django removes memberships first) and ownership can be
# handed over inside one transaction.
SQL = """
CREATE FUNCTION producers_membership_keep_owner() RETURNS trigger AS $$
BEGIN
    IF OLD.role <> 'owner' THEN
        RETURN NULL;
    END IF;
    IF OLD.producer_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM producers_producer WHERE id = OLD.producer_id)
       AND NOT EXISTS (SELECT 1 FROM producers_membership
                       WHERE producer_id = OLD.producer_id AND role = 'owner') THEN
        RAISE EXCEPTION 'A producer must keep at least one owner.'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.hub_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM producers_hub WHERE id = OLD.hub_id)
       AND NOT EXISTS (SELECT 1 FROM producers_membership
                       WHERE hub_id = OLD.hub_id AND role = 'owner') THEN
        RAISE EXCEPTION 'A hub must keep at least one owner.'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER membership_keep_owner
    AFTER DELETE OR UPDATE OF role, hub_id, producer_id ON producers_membership
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION producers_membership_keep_owner();
"""

REVERSE = """
DROP TRIGGER IF EXISTS membership_keep_owner ON producers_membership;
DROP FUNCTION IF EXISTS producers_membership_keep_owner();
"""


class Migration(migrations.Migration):
    dependencies = [("producers", "0002_listings")]

    operations = [migrations.RunSQL(SQL, REVERSE)]
