"""Spanish beside English: the catalogue's Spanish names and synonyms, an owner's Spanish
description, and the language an owner writes in.

The search document gains the Spanish words, stemmed as Spanish (the English ones stay
stemmed as English), and an owner's own text is stemmed in the language they wrote it in.
A search asks both languages (SearchState.search_query), so "corte láser" finds the workshops
"laser cutting" finds.
"""

from importlib import import_module

import django.contrib.postgres.fields
from django.db import migrations, models

PREVIOUS = import_module("producers.migrations.0012_freshness_approximate_location").REFRESH


def _changed(sql: str, old: str, new: str) -> str:
    assert sql.count(old) == 1, old
    return sql.replace(old, new)


OWN = "CASE WHEN p.description_language = 'es' THEN 'spanish' ELSE 'english' END::regconfig"
REFRESH = _changed(
    PREVIOUS,
    """        || setweight(to_tsvector('english', unaccent(coalesce(caps.words, ''))), 'B')
        || setweight(to_tsvector('english', unaccent(p.tagline || ' ' || coalesce(mats.words, ''))), 'C')
        || setweight(to_tsvector('english', unaccent(p.description)), 'D'),""",
    f"""        || setweight(to_tsvector('english', unaccent(coalesce(caps.words, ''))), 'B')
        || setweight(to_tsvector('spanish', unaccent(coalesce(caps.words_es, ''))), 'B')
        || setweight(to_tsvector('english', unaccent(coalesce(mats.words, ''))), 'C')
        || setweight(to_tsvector('spanish', unaccent(coalesce(mats.words_es, ''))), 'C')
        || setweight(to_tsvector({OWN}, unaccent(p.tagline)), 'C')
        || setweight(to_tsvector({OWN}, unaccent(p.description)), 'D')
        || setweight(to_tsvector('spanish', unaccent(p.description_es)), 'D'),""",
)
REFRESH = _changed(
    REFRESH,
    """                   AS words,
""",
    """                   AS words,
               string_agg(c.name_es || ' ' || cat.name_es || ' '
                          || array_to_string(c.synonyms_es, ' '), ' ') AS words_es,
""",
)
REFRESH = _changed(
    REFRESH,
    """               string_agg(m.name || ' ' || array_to_string(m.synonyms, ' '), ' ') AS words
""",
    """               string_agg(m.name || ' ' || array_to_string(m.synonyms, ' '), ' ') AS words,
               string_agg(m.name_es || ' ' || array_to_string(m.synonyms_es, ' '), ' ')
                   AS words_es
""",
)


class Migration(migrations.Migration):
    dependencies = [
        ("producers", "0015_search_miss"),
    ]

    operations = [
        migrations.AddField(
            model_name="capability",
            name="description_es",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="capability",
            name="name_es",
            field=models.CharField(blank=True, max_length=120, verbose_name="name in Spanish"),
        ),
        migrations.AddField(
            model_name="capability",
            name="synonyms_es",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=80), blank=True, default=list, size=None
            ),
        ),
        migrations.AddField(
            model_name="category",
            name="description_es",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="category",
            name="name_es",
            field=models.CharField(blank=True, max_length=120, verbose_name="name in Spanish"),
        ),
        migrations.AddField(
            model_name="certification",
            name="description_es",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="certification",
            name="name_es",
            field=models.CharField(blank=True, max_length=120, verbose_name="name in Spanish"),
        ),
        migrations.AddField(
            model_name="hub",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="Optional: shown instead to people who read Hubdir in Spanish.",
                verbose_name="description in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="hub",
            name="description_language",
            field=models.CharField(
                choices=[("en", "English"), ("es", "Español")],
                default="en",
                max_length=8,
                verbose_name="language of the description",
            ),
        ),
        migrations.AddField(
            model_name="material",
            name="name_es",
            field=models.CharField(blank=True, max_length=120, verbose_name="name in Spanish"),
        ),
        migrations.AddField(
            model_name="material",
            name="synonyms_es",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=80), blank=True, default=list, size=None
            ),
        ),
        migrations.AddField(
            model_name="producer",
            name="description_es",
            field=models.TextField(
                blank=True,
                help_text="Optional: shown instead to people who read Hubdir in Spanish.",
                verbose_name="description in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="producer",
            name="description_language",
            field=models.CharField(
                choices=[("en", "English"), ("es", "Español")],
                default="en",
                max_length=8,
                verbose_name="language of the description",
            ),
        ),
        migrations.RunSQL(REFRESH, PREVIOUS),
        migrations.RunSQL("SELECT producers_search_rebuild();", migrations.RunSQL.noop),
    ]
