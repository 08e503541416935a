from django.contrib.postgres.operations import (
    BtreeGinExtension,
    CreateExtension,
    TrigramExtension,
    UnaccentExtension,
)
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL extensions: typo-tolerant and accent-blind search and GIN indexes over
    integer arrays. cube, earthdistance and btree_gin were never used; 0003 drops them."""

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
