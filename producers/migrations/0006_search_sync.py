from django.db import migrations

# The search table (producers_producersearch) is derived data: one row per published
# producer, rebuilt by producers_search_refresh(ids) whenever a table it is made from
# changes. Statement-level triggers with transition tables collect the producer ids a
# statement touched, so a formset saving ten rows or a bulk COPY refreshes in one pass.

REFRESH = """
CREATE FUNCTION producers_minute_of_week(ts timestamptz, tz text) RETURNS integer AS $$
    SELECT ((extract(isodow FROM ts AT TIME ZONE tz)::integer - 1) * 1440
            + extract(hour FROM ts AT TIME ZONE tz)::integer * 60
            + extract(minute FROM ts AT TIME ZONE tz)::integer)
$$ LANGUAGE sql STABLE PARALLEL SAFE;

-- The zone itself if PostgreSQL knows it, else NULL (a bad zone must not break a search).
-- Cheaper than joining pg_timezone_names, which reads the zone files on every call.
CREATE FUNCTION producers_valid_zone(tz text) RETURNS text AS $$
BEGIN
    PERFORM now() AT TIME ZONE tz;
    RETURN tz;
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN NULL;
END;
$$ LANGUAGE plpgsql STABLE;

CREATE FUNCTION producers_search_refresh(changed bigint[]) RETURNS void AS $$
BEGIN
    IF changed IS NULL OR cardinality(changed) = 0 THEN
        RETURN;
    END IF;
    DELETE FROM producers_producersearch WHERE producer_id = ANY(changed);
    INSERT INTO producers_producersearch (
        producer_id, name, document, lat, lng, category_ids, capability_ids, material_ids,
        certification_ids, services, customer_types, batch_bands, hub_kind, verified, walk_in,
        min_quantity, lead_time_days, time_zone, open_hours, rating
    )
    SELECT
        p.id,
        p.name,
        setweight(to_tsvector('english', unaccent(p.name)), 'A')
        || setweight(to_tsvector('english', unaccent(coalesce(caps.words, ''))), 'B')
        || setweight(to_tsvector('english', unaccent(p.tagline || ' ' || coalesce(mats.words, ''))), 'C')
        || setweight(to_tsvector('english', unaccent(p.description)), 'D'),
        p.lat,
        p.lng,
        coalesce(caps.category_ids, '{}'),
        coalesce(caps.capability_ids, '{}'),
        coalesce(mats.ids, '{}'),
        coalesce(certs.ids, '{}'),
        p.services,
        p.customer_types,
        coalesce(caps.bands, '{}'),
        h.kind,
        p.verified,
        coalesce(hrs.walk_in, false),
        caps.min_quantity,
        caps.lead_time_days,
        producers_valid_zone(p.time_zone),
        hrs.open_hours,
        NULL
    FROM producers_producer p
    LEFT JOIN producers_hub h ON h.id = p.hub_id
    LEFT JOIN LATERAL (
        SELECT array_agg(DISTINCT c.id ORDER BY c.id) AS capability_ids,
               array_agg(DISTINCT c.category_id ORDER BY c.category_id) AS category_ids,
               string_agg(c.name || ' ' || cat.name || ' ' || array_to_string(c.synonyms, ' '), ' ')
                   AS words,
               array_agg(DISTINCT pc.batch_band ORDER BY pc.batch_band) AS bands,
               min(pc.min_quantity) AS min_quantity,
               min(pc.lead_time_days) AS lead_time_days
        FROM producers_producercapability pc
        JOIN producers_capability c ON c.id = pc.capability_id
        JOIN producers_category cat ON cat.id = c.category_id
        WHERE pc.producer_id = p.id
    ) caps ON true
    LEFT JOIN LATERAL (
        SELECT array_agg(m.id ORDER BY m.id) AS ids,
               string_agg(m.name || ' ' || array_to_string(m.synonyms, ' '), ' ') AS words
        FROM producers_material m
        WHERE m.id IN (
            SELECT pcm.material_id
            FROM producers_producercapability_materials pcm
            JOIN producers_producercapability pc ON pc.id = pcm.producercapability_id
            WHERE pc.producer_id = p.id
            UNION
            SELECT mm.material_id
            FROM producers_machine_materials mm
            JOIN producers_machine mc ON mc.id = mm.machine_id
            WHERE mc.producer_id = p.id
        )
    ) mats ON true
    LEFT JOIN LATERAL (
        SELECT array_agg(pce.certification_id ORDER BY pce.certification_id) AS ids
        FROM producers_producercertification pce
        WHERE pce.producer_id = p.id
    ) certs ON true
    LEFT JOIN LATERAL (
        SELECT range_agg(int4range(
                   oh.weekday * 1440 + extract(hour FROM oh.opens)::integer * 60
                       + extract(minute FROM oh.opens)::integer,
                   oh.weekday * 1440 + extract(hour FROM oh.closes)::integer * 60
                       + extract(minute FROM oh.closes)::integer)) AS open_hours,
               bool_or(oh.walk_in) AS walk_in
        FROM producers_openinghours oh
        WHERE oh.producer_id = p.id
    ) hrs ON true
    WHERE p.id = ANY(changed) AND p.status = 'published';
END;
$$ LANGUAGE plpgsql;

-- Fresh statistics first: right after a bulk load the planner would otherwise loop over
-- every material row per producer (minutes at 100k instead of half a minute).
CREATE FUNCTION producers_search_rebuild() RETURNS void AS $$
BEGIN
    ANALYZE producers_producer, producers_producercapability,
        producers_producercapability_materials, producers_machine,
        producers_machine_materials, producers_producercertification, producers_openinghours;
    PERFORM producers_search_refresh(ARRAY(SELECT id FROM producers_producer));
END;
$$ LANGUAGE plpgsql;
"""

# table -> the ids of the producers a changed row of it belongs to, from a set of rows `r`.
SOURCES = {
    "producers_producer": "SELECT r.id FROM {rows} r",
    "producers_producercapability": "SELECT r.producer_id FROM {rows} r",
    "producers_producercapability_materials": (
        "SELECT pc.producer_id FROM {rows} r"
        " JOIN producers_producercapability pc ON pc.id = r.producercapability_id"
    ),
    "producers_machine": "SELECT r.producer_id FROM {rows} r",
    "producers_machine_materials": (
        "SELECT mc.producer_id FROM {rows} r JOIN producers_machine mc ON mc.id = r.machine_id"
    ),
    "producers_producercertification": "SELECT r.producer_id FROM {rows} r",
    "producers_openinghours": "SELECT r.producer_id FROM {rows} r WHERE r.producer_id IS NOT NULL",
    "producers_hub": "SELECT p.id FROM {rows} r JOIN producers_producer p ON p.hub_id = r.id",
    "producers_category": (
        "SELECT pc.producer_id FROM {rows} r"
        " JOIN producers_capability c ON c.category_id = r.id"
        " JOIN producers_producercapability pc ON pc.capability_id = c.id"
    ),
    "producers_capability": (
        "SELECT pc.producer_id FROM {rows} r"
        " JOIN producers_producercapability pc ON pc.capability_id = r.id"
    ),
    "producers_material": (
        "SELECT pc.producer_id FROM {rows} r"
        " JOIN producers_producercapability_materials pcm ON pcm.material_id = r.id"
        " JOIN producers_producercapability pc ON pc.id = pcm.producercapability_id"
        " UNION SELECT mc.producer_id FROM {rows} r"
        " JOIN producers_machine_materials mm ON mm.material_id = r.id"
        " JOIN producers_machine mc ON mc.id = mm.machine_id"
    ),
}


def _triggers(table: str, ids_sql: str) -> tuple[str, str]:
    new, old = ids_sql.format(rows="new_rows"), ids_sql.format(rows="old_rows")
    function = f"{table}_search_sync"
    sql = f"""
CREATE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM producers_search_refresh(ARRAY({new}));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM producers_search_refresh(ARRAY({new} UNION {old}));
    ELSE
        PERFORM producers_search_refresh(ARRAY({old}));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {table}_search_ins AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {table}_search_upd AFTER UPDATE ON {table}
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {table}_search_del AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
"""
    reverse = f"""
DROP TRIGGER IF EXISTS {table}_search_ins ON {table};
DROP TRIGGER IF EXISTS {table}_search_upd ON {table};
DROP TRIGGER IF EXISTS {table}_search_del ON {table};
DROP FUNCTION IF EXISTS {function}();
"""
    return sql, reverse


TRIGGERS = [_triggers(table, ids) for table, ids in SOURCES.items()]


class Migration(migrations.Migration):
    dependencies = [("producers", "0005_search_table")]

    operations = [
        migrations.RunSQL(
            REFRESH,
            """
            DROP FUNCTION IF EXISTS producers_search_rebuild();
            DROP FUNCTION IF EXISTS producers_search_refresh(bigint[]);
            DROP FUNCTION IF EXISTS producers_minute_of_week(timestamptz, text);
            DROP FUNCTION IF EXISTS producers_valid_zone(text);
            """,
        ),
        *(migrations.RunSQL(sql, reverse) for sql, reverse in TRIGGERS),
        # Listings published before this migration.
        migrations.RunSQL("SELECT producers_search_rebuild();", migrations.RunSQL.noop),
    ]
