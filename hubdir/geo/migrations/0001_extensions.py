from django.contrib.postgres.operations import (
    BtreeGinExtension,
    CreateExtension,
    TrigramExtension,
    UnaccentExtension,
)
from django.db import migrations


class Migration(migrations.Migration):
    """The PostgreSQL extensions Hubdir uses: typo-tolerant and accent-blind search,
    distances (cube + earthdistance), and GIN indexes over scalar and integer-array columns."""

    initial = True
    dependencies = []

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        BtreeGinExtension(),
        CreateExtension("cube"),
        CreateExtension("earthdistance"),
        CreateExtension("intarray"),
    ]
