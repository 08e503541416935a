"""Every facet value of a search row in one array, so the facet counts are one pass over the
matching rows (one unnest, one hash aggregate) instead of one pass per facet.

A stored generated column: PostgreSQL computes it from the row's own columns whenever the
refresh function writes a row, so nothing else has to keep it current. The lead-time bands
here are search.params.LEAD_TIME_CHOICES; the facet-count tests compare against brute force.
"""

import django.contrib.postgres.fields
from django.db import migrations, models

FUNCTION = """
CREATE FUNCTION producers_facet_keys(
    category_ids integer[], capability_ids integer[], material_ids integer[],
    certification_ids integer[], services varchar[], customer_types varchar[],
    batch_bands varchar[], hub_kind varchar, verified boolean, walk_in boolean,
    lead_time_days integer
) RETURNS text[] AS $$
    -- '' stands in every row: its count under the filters is the total.
    SELECT ARRAY['']
        || ARRAY(SELECT 'category:' || v FROM unnest(category_ids) v)
        || ARRAY(SELECT 'capability:' || v FROM unnest(capability_ids) v)
        || ARRAY(SELECT 'material:' || v FROM unnest(material_ids) v)
        || ARRAY(SELECT 'certification:' || v FROM unnest(certification_ids) v)
        || ARRAY(SELECT 'service:' || v FROM unnest(services) v)
        || ARRAY(SELECT 'customer:' || v FROM unnest(customer_types) v)
        || ARRAY(SELECT 'batch:' || v FROM unnest(batch_bands) v)
        || ARRAY(SELECT 'hub_kind:' || hub_kind WHERE hub_kind IS NOT NULL)
        || ARRAY(SELECT 'verified:yes' WHERE verified)
        || ARRAY(SELECT 'walk_in:yes' WHERE walk_in)
        || ARRAY(SELECT 'lead_time:' || d FROM unnest(ARRAY[3, 7, 14, 30]) d
                 WHERE lead_time_days <= d)
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
"""


class Migration(migrations.Migration):
    dependencies = [("producers", "0007_profileview_from_orders")]

    operations = [
        migrations.RunSQL(
            FUNCTION,
            "DROP FUNCTION producers_facet_keys(integer[], integer[], integer[], integer[],"
            " varchar[], varchar[], varchar[], varchar, boolean, boolean, integer);",
        ),
        migrations.AddField(
            model_name="producersearch",
            name="facet_keys",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Func(
                    models.F("category_ids"),
                    models.F("capability_ids"),
                    models.F("material_ids"),
                    models.F("certification_ids"),
                    models.F("services"),
                    models.F("customer_types"),
                    models.F("batch_bands"),
                    models.F("hub_kind"),
                    models.F("verified"),
                    models.F("walk_in"),
                    models.F("lead_time_days"),
                    function="producers_facet_keys",
                ),
                output_field=django.contrib.postgres.fields.ArrayField(
                    base_field=models.TextField(), size=None
                ),
            ),
        ),
    ]
